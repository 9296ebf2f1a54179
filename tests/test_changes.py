"""``--diff-base``: only findings on lines changed since a git ref."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from hygiene.gate.git_diff import parse_diff
from tests.conftest import run_cli


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_parse_diff_reads_new_side_hunks() -> None:
    diff = (
        b"diff --git a/a.md b/a.md\n--- a/a.md\n+++ b/a.md\n"
        b"@@ -3,0 +4,2 @@\n+x\n+y\n@@ -10 +12 @@\n-old\n+new\n@@ -20,3 +22,0 @@\n"
        b"diff --git a/gone.md b/gone.md\n--- a/gone.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n"
    )
    assert parse_diff(diff) == {"a.md": frozenset({4, 5, 12})}


def test_only_changed_lines_are_reported(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "t@example.com")
    git(tmp_path, "config", "user.name", "t")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "old.md").write_text("WATCH: Old one\n\nFine.\n", encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "start")
    (docs / "old.md").write_text("WATCH: Old one\n\nFine.\n\nREAD MORE: New one\n", "utf-8")
    (docs / "new.md").write_text("VIDEO: Untracked file\n", encoding="utf-8")

    # Run from a subfolder: git speaks in repository paths, reports in working-folder paths.
    result = run_cli("check", ".", "--diff-base", "HEAD", "--format", "json", cwd=docs)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert [(f["path"], f["excerpt"]) for f in report["findings"]] == [
        ("new.md", "VIDEO: Untracked file"),
        ("old.md", "READ MORE: New one"),
    ]
    assert report["run"]["diff_base"] == "HEAD"

    bad = run_cli("check", "docs", "--diff-base", "no-such-ref", cwd=tmp_path)
    assert bad.returncode == 2
    assert bad.stderr.decode() == "hygiene: error: --diff-base: unknown git ref 'no-such-ref'\n"


def test_git_quoted_paths_are_read_back_to_their_bytes() -> None:
    from hygiene.gate.git_diff import unquote_path

    assert unquote_path(b'"b/caf\\303\\251.md"') == "b/café.md".encode()
    assert unquote_path(b'"b/say \\"hi\\".md"\t') == b'b/say "hi".md'
    assert unquote_path(b'"b/new\\nline\\t\\\\.md"') == b"b/new\nline\t\\.md"
    assert unquote_path(b"b/with space.md\t") == b"b/with space.md"
    assert unquote_path(b"b/\xd0\xbd.md") == b"b/\xd0\xbd.md"  # core.quotePath=false
    diff = (
        b'diff --git "a/caf\\303\\251.md" "b/caf\\303\\251.md"\n--- "a/caf\\303\\251.md"\n'
        b'+++ "b/caf\\303\\251.md"\n@@ -1,0 +2 @@ x\n+y\n'
    )
    assert parse_diff(diff) == {"café.md": frozenset({2})}


def test_diff_base_finds_files_whose_names_are_not_utf8(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "t@example.com")
    git(tmp_path, "config", "user.name", "t")
    folder = os.fsencode(tmp_path)
    latin1 = os.path.join(folder, b"caf\xe9.md")  # written on a Latin-1 system
    with open(latin1, "wb") as handle:
        handle.write(b"The talks ended.\n")
    # A UTF-8 name holding the very text the other one is shown as: never confused with it.
    (tmp_path / "caf\\xe9.md").write_text("The talks ended.\n", encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "start")
    with open(latin1, "ab") as handle:
        handle.write(b"\nWATCH: A story\n")
    result = run_cli("check", ".", "--diff-base", "HEAD", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert [(f["path"], f["code"]) for f in report["findings"]] == [("caf\\xe9.md", "BP001")]
    assert sorted(d["path"] for d in report["documents"]) == ["caf\\\\xe9.md", "caf\\xe9.md"]
