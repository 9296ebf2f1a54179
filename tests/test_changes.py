"""``--diff-base``: only findings on lines changed since a git ref."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from hygiene.changes import parse_diff
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
    from hygiene.changes import unquote_path

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
