"""Walks leave out what git ignores (``respect-gitignore``), as ruff's and ripgrep's do: the
``.gitignore`` files from the repository's top down and ``.git/info/exclude``, inside a git
repository only. Named paths are read unless ``force-exclude``; git itself is the oracle."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hygiene.config.paths import PathSettings
from hygiene.config.settings import Config, resolve_config
from hygiene.inputs.discovery import GitIgnore, compile_patterns, discover, shown, unshown
from tests.conftest import ROOT, run_cli

TEXT = "Text.\n"
FIXABLE = "Bell\a here.\n"  # UC001's safe fix removes the bell
# git without the user's or the system's configuration (a global excludes file)
GIT_ENV = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(cwd: Path, *args: str) -> str:
    run = subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=GIT_ENV)
    return run.stdout.decode("utf-8")


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def walked(root: Path, monkeypatch: pytest.MonkeyPatch, config: Config | None = None) -> list[str]:
    """What a walk of ``root`` reads, as display paths."""
    config = config or Config()
    monkeypatch.chdir(root)
    inputs, errors = discover(["."], PathSettings(config, str(root)).excluded)
    assert errors == []
    return sorted(item.display for item in inputs)


def untracked_by_git(root: Path) -> list[str]:
    """The Markdown files git shows as untracked, not ignored (nothing is tracked here)."""
    listed = git(root, "ls-files", "--others", "--exclude-standard").splitlines()
    return sorted(name for name in listed if name.endswith(".md"))


def checked(root: Path, *args: str) -> list[str]:
    result = run_cli("check", *args, "--format", "json", cwd=root)
    assert result.returncode in (0, 1), result.stderr
    return sorted(document["path"] for document in json.loads(result.stdout)["documents"])


PROJECT = {
    ".gitignore": "# build output\n/generated/\n*.draft.md\nlogs/\nnotes/*\n!notes/keep.md\n",
    "docs/.gitignore": "private/\n!important.draft.md\n",
    "README.md": TEXT,
    "generated/page.md": TEXT,  # /generated/ is anchored to the top
    "sub/generated/page.md": TEXT,
    "a.draft.md": TEXT,
    "docs/important.draft.md": TEXT,  # the deeper .gitignore brings it back
    "docs/other.draft.md": TEXT,
    "docs/private/p.md": TEXT,
    "logs/x.md": TEXT,
    "notes/keep.md": TEXT,
    "notes/drop.md": TEXT,
    "scratch.md": TEXT,  # .git/info/exclude
    "sub/scratch.md": TEXT,
}
KEPT = [
    "README.md",
    "docs/important.draft.md",
    "notes/keep.md",
    "sub/generated/page.md",
]


def project(root: Path) -> Path:
    git(root, "init", "-q")
    write(root, PROJECT)
    (root / ".git" / "info").mkdir(exist_ok=True)
    (root / ".git" / "info" / "exclude").write_text("scratch.md\n", encoding="utf-8")
    return root


def test_a_walk_leaves_out_what_git_ignores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project(tmp_path)
    assert walked(tmp_path, monkeypatch) == KEPT == untracked_by_git(tmp_path)
    assert checked(tmp_path, ".") == KEPT
    # from a subfolder, the .gitignore files above it still apply
    assert walked(tmp_path / "docs", monkeypatch) == ["important.draft.md"]
    everything = sorted(name for name in PROJECT if name.endswith(".md"))
    assert walked(tmp_path, monkeypatch, Config(respect_gitignore=False)) == everything


def test_a_folder_pattern_ignores_folders_only(tmp_path: Path) -> None:
    project(tmp_path)
    (tmp_path / "sub" / "logs").write_text(TEXT, encoding="utf-8")  # a file named logs
    ignored = GitIgnore()
    assert ignored.ignores(str(tmp_path / "logs"))
    assert ignored.ignores(str(tmp_path / "logs" / "x.md"))
    assert not ignored.ignores(str(tmp_path / "sub" / "logs"))
    assert not ignored.ignores(str(tmp_path / "notes" / "keep.md"))


def test_named_paths_are_read_unless_force_exclude(tmp_path: Path) -> None:
    project(tmp_path)
    named = ("a.draft.md", "logs/x.md", "README.md")
    assert checked(tmp_path, *named) == sorted(named)  # as ruff: named paths are read
    assert checked(tmp_path, *named, "--force-exclude") == ["README.md"]
    (tmp_path / "hygiene.toml").write_text("force-exclude = true\n", encoding="utf-8")
    assert checked(tmp_path, *named) == ["README.md"]
    assert checked(tmp_path, *named, "--no-respect-gitignore") == sorted(named)
    stdin = run_cli(
        "check", "-", "--stdin-filename", "logs/y.md", "--format", "json",
        cwd=tmp_path, stdin=TEXT.encode(),
    )  # fmt: skip
    assert json.loads(stdin.stdout)["documents"] == []


def test_fix_respects_gitignore_too(tmp_path: Path) -> None:
    project(tmp_path)
    write(tmp_path, {"logs/bell.md": FIXABLE, "bell.md": FIXABLE})
    fixed = run_cli("fix", ".", cwd=tmp_path)
    assert fixed.returncode == 0, fixed.stderr
    assert (tmp_path / "bell.md").read_text(encoding="utf-8") == "Bell here.\n"
    assert (tmp_path / "logs" / "bell.md").read_text(encoding="utf-8") == FIXABLE
    assert run_cli("fix", ".", "--no-respect-gitignore", cwd=tmp_path).returncode == 0
    assert (tmp_path / "logs" / "bell.md").read_text(encoding="utf-8") == "Bell here.\n"


def test_the_flag_and_the_setting_turn_it_off(tmp_path: Path) -> None:
    project(tmp_path)
    everything = sorted(name for name in PROJECT if name.endswith(".md"))
    assert checked(tmp_path, ".", "--no-respect-gitignore") == everything
    (tmp_path / "hygiene.toml").write_text("respect-gitignore = false\n", encoding="utf-8")
    assert checked(tmp_path, ".") == everything
    assert checked(tmp_path, ".", "--respect-gitignore") == KEPT  # the flag wins
    shown_config = json.loads(run_cli("config", ".", cwd=tmp_path).stdout)
    assert shown_config["respect_gitignore"] is False
    (tmp_path / "hygiene.toml").write_text('respect-gitignore = "no"\n', encoding="utf-8")
    bad = run_cli("check", ".", cwd=tmp_path)
    assert bad.returncode == 2
    assert "hygiene.toml: respect-gitignore:" in bad.stderr.decode()


def test_the_setting_keeps_the_digest_of_configurations_without_it() -> None:
    assert Config(respect_gitignore=True).digest() == Config().digest()
    assert Config(respect_gitignore=False).digest() != Config().digest()


def test_outside_a_repository_no_gitignore_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As in ripgrep and ruff (which tried otherwise, and went back: astral-sh/ruff#6335).
    write(tmp_path, {".gitignore": "*.md\n", "a.md": TEXT})
    assert walked(tmp_path, monkeypatch) == ["a.md"]


def test_a_nested_repository_has_its_own_ignore_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    git(tmp_path, "init", "-q")
    write(tmp_path, {".gitignore": "notes.md\n", "notes.md": TEXT, "inner/notes.md": TEXT})
    git(tmp_path / "inner", "init", "-q")
    write(tmp_path, {"inner/.gitignore": "other.md\n", "inner/other.md": TEXT})
    assert walked(tmp_path, monkeypatch) == ["inner/notes.md"]


def test_a_worktree_reads_the_exclude_file_of_its_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    main = tmp_path / "main"
    main.mkdir()
    git(main, "init", "-q")
    git(main, "-c", "user.name=t", "-c", "user.email=t@example.com",
        "commit", "-q", "--allow-empty", "-m", "start")  # fmt: skip
    git(main, "worktree", "add", "-q", str(tmp_path / "tree"))
    (main / ".git" / "info").mkdir(exist_ok=True)
    (main / ".git" / "info" / "exclude").write_text("secret.md\n", encoding="utf-8")
    tree = tmp_path / "tree"
    assert (tree / ".git").is_file()
    write(tree, {"secret.md": TEXT, "open.md": TEXT})
    assert walked(tree, monkeypatch) == ["open.md"] == untracked_by_git(tree)


def test_lines_git_cannot_match_are_skipped_quietly(tmp_path: Path) -> None:
    # A lone "!" or "\", a range [z-a] and a POSIX class (which RE2 refuses in pathspec's
    # translation) are left out; the lines around them still count, and nothing is printed.
    git(tmp_path, "init", "-q")
    lines = ["!", "\\", "[z-a]", "[[:alpha:]]x", "drop.md", "a\\"]
    write(tmp_path, {".gitignore": "\n".join(lines) + "\n", "drop.md": TEXT, "keep.md": TEXT})
    result = run_cli("check", ".", "--format", "json", cwd=tmp_path)
    assert result.stderr == b""
    assert [d["path"] for d in json.loads(result.stdout)["documents"]] == ["keep.md"]


def test_a_hostile_gitignore_answers_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Python's re, pathspec's default backend, backtracks for hours on these (git 2.39's
    # own matcher took over 20 s on this tree); RE2 answers in time linear in the path.
    spec = compile_patterns(["*a*a*a*a*a*a*a*a*a*a*a*a*b", "**/a/" * 8 + "z"])
    assert spec is not None
    assert spec.check_file("a" * 5_000).include is None
    assert spec.check_file("a/" * 3_000 + "y").include is None
    assert spec.check_file("xaxaxaxaxaxaxaxaxaxaxaxaxb").include is True
    git(tmp_path, "init", "-q")
    hostile = "*a*a*a*a*a*a*a*a*a*a*a*a*b\n" + "**/a/" * 8 + "z\n" + "a" + "/**/a" * 6 + "/z\n"
    deep = "/".join(["a"] * 100) + "/y.md"
    write(tmp_path, {".gitignore": hostile + "gone/\n", "a" * 240 + ".md": TEXT, deep: TEXT})
    write(tmp_path, {"gone/g.md": TEXT})
    assert walked(tmp_path, monkeypatch) == sorted([deep, "a" * 240 + ".md"])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_an_ignore_file_that_is_no_regular_file_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    git(tmp_path, "init", "-q")
    write(tmp_path, {"a.md": TEXT, "sub/b.md": TEXT, "elsewhere": "*.md\n"})
    os.mkfifo(tmp_path / ".gitignore")  # reading it would block the run for ever
    (tmp_path / "sub" / ".gitignore").symlink_to(tmp_path / "elsewhere")  # git follows none
    assert walked(tmp_path, monkeypatch) == ["a.md", "sub/b.md"]


def test_the_report_is_the_same_on_every_run(tmp_path: Path) -> None:
    project(tmp_path)
    first, second = (run_cli("check", ".", "--format", "json", cwd=tmp_path) for _ in range(2))
    assert first.stdout == second.stdout
    assert [d["path"] for d in json.loads(first.stdout)["documents"]] == KEPT


def test_this_checkout_walks_no_build_output_or_virtual_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # pyproject.toml's exclude replaces the default list, *.egg-info included; .gitignore
    # still leaves it out. .venv is hidden, and ignored besides.
    config = resolve_config([str(ROOT)])
    paths = walked(ROOT, monkeypatch, config)
    assert "README.md" in paths
    assert not [p for p in paths if p.startswith(("hygiene.egg-info/", ".venv/"))]
    if (ROOT / ".venv").is_dir():
        assert GitIgnore().ignores(str(ROOT / ".venv"))
    if (ROOT / "hygiene.egg-info" / "SOURCES.txt").is_file():  # an editable install's
        off = walked(ROOT, monkeypatch, replace(config, respect_gitignore=False))
        assert "hygiene.egg-info/SOURCES.txt" in off


NAME_BYTES = [b"a", b"\\", b"x", b"41", b"/", b"\xc3\xa9", b"\xe9", b"\xff"]


@given(st.lists(st.sampled_from(NAME_BYTES)).map(b"".join).map(os.fsdecode))
def test_a_shown_name_reads_back_as_the_name(name: str) -> None:
    # Walks hand exclusion display paths; git's patterns match the names themselves.
    assert unshown(shown(name)) == name
