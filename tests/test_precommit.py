"""The real pre-commit runs this checkout's hooks on a throw-away repository.

pre-commit builds the hook's own environment from this checkout (``try-repo``
includes uncommitted changes), so this is exactly what a user's hook runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

NBSP = "\u00a0"


def pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip


def test_manifest_is_valid(tmp_path: Path) -> None:
    result = pre_commit("validate-manifest", str(ROOT / ".pre-commit-hooks.yaml"),
                        cwd=tmp_path, home=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    from pre_commit.clientlib import load_manifest

    for hook in load_manifest(str(ROOT / ".pre-commit-hooks.yaml")):
        # The stage names (pre-commit, pre-merge-commit) need pre-commit 3.2.0.
        assert hook["minimum_pre_commit_version"] == "3.2.0"
        # Every suffix hygiene reads reaches it: pre-commit names the files that match
        # ``files`` and carry identify's tags in ``types``.
        import re

        from identify.identify import tags_from_path

        from hygiene.inputs.decoding import TEXT_SUFFIXES

        assert hook["types"] == ["text"]
        for suffix in TEXT_SUFFIXES:
            page = tmp_path / f"page{suffix}"
            page.write_text("Some prose.\n", encoding="utf-8")
            assert re.search(hook["files"], f"docs/{page.name}"), suffix
            assert "text" in tags_from_path(str(page)), suffix
        assert not re.search(hook["files"], "data/shard.jsonl")


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_hooks_check_and_fix_a_throwaway_repository(tmp_path: Path) -> None:
    repo = tmp_path / "content"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / "clean.md").write_text("# Notes\n\nThe talks ended on Thursday.\n", encoding="utf-8")
    (repo / "dirty.md").write_text(
        f"# Notes\n\nWATCH: Trump on Mexico relations\n\nThe United States{NBSP}all the harder.\n",
        encoding="utf-8",
    )
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    home = tmp_path / "pre-commit-home"

    clean = pre_commit("try-repo", str(ROOT), "hygiene-check", "--files", "clean.md",
                       cwd=repo, home=home)  # fmt: skip
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "hygiene check" in clean.stdout and "Passed" in clean.stdout

    dirty = pre_commit("try-repo", str(ROOT), "hygiene-check", "--files", "dirty.md",
                       cwd=repo, home=home)  # fmt: skip
    assert dirty.returncode == 1
    assert "Failed" in dirty.stdout
    assert "dirty.md:3:1: BP001 [-] boilerplate.embed-label" in dirty.stdout

    # pre-commit names every file, and the repository's exclusions must still hold.
    (repo / "hygiene.toml").write_text('extend-exclude = ["vendor/**"]\n', encoding="utf-8")
    (repo / "vendor").mkdir()
    (repo / "vendor" / "copied.md").write_text("WATCH: Not ours\n", encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    vendored = pre_commit("try-repo", str(ROOT), "hygiene-check", "--files",
                          "vendor/copied.md", cwd=repo, home=home)  # fmt: skip
    assert vendored.returncode == 0, vendored.stdout + vendored.stderr

    fixed = pre_commit("try-repo", str(ROOT), "hygiene-fix", "--files", "dirty.md",
                       cwd=repo, home=home)  # fmt: skip
    assert fixed.returncode == 1  # pre-commit fails a hook that modified files
    assert "files were modified by this hook" in fixed.stdout
    assert (repo / "dirty.md").read_text(encoding="utf-8") == (
        "# Notes\n\nWATCH: Trump on Mexico relations\n\nThe United States all the harder.\n"
    )  # the safe fix ran; deleting the embed line is unsafe and left to the author


def _readme_snippet() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## pre-commit\n", 1)[1]
    return section.split("```yaml\n", 1)[1].split("```", 1)[0]


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_the_readme_snippet_works_as_written_and_autoupdate_pins_it(tmp_path: Path) -> None:
    """The README's snippet, verbatim but for the repository's address, against a clone of
    this repository's committed HEAD; then `pre-commit autoupdate` pins its rev."""
    upstream = tmp_path / "hygiene.git"
    subprocess.run(["git", "init", "-q", "--bare", str(upstream)], check=True)
    subprocess.run(["git", "symbolic-ref", "HEAD", "refs/heads/main"], cwd=upstream, check=True)
    subprocess.run(["git", "push", "-q", str(upstream), "HEAD:refs/heads/main"], cwd=ROOT,
                   check=True, capture_output=True)  # fmt: skip
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout.strip()  # fmt: skip

    snippet = _readme_snippet()
    address = snippet.split("- repo: ", 1)[1].split()[0]
    repo = tmp_path / "content"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    config = repo / ".pre-commit-config.yaml"
    config.write_text(snippet.replace(address, str(upstream)), encoding="utf-8")
    (repo / "dirty.md").write_text(
        f"# Notes\n\nWATCH: Trump on Mexico relations\n\nThe United States{NBSP}all the harder.\n",
        encoding="utf-8",
    )
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    home = tmp_path / "pre-commit-home"

    run = pre_commit("run", "hygiene-check", "--files", "dirty.md", cwd=repo, home=home)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "dirty.md:3:1: BP001 [-] boilerplate.embed-label" in run.stdout

    updated = pre_commit("autoupdate", cwd=repo, home=home)
    assert updated.returncode == 0, updated.stdout + updated.stderr
    assert f"rev: {head}" in config.read_text(encoding="utf-8")  # no tag here: the commit
