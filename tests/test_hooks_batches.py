"""The real pre-commit hook, over more staged files than one batch, finds what one run finds.

pre-commit does not hand a hook all its files at once: like ``xargs`` it splits them into
batches, each run by its own process (``pre_commit/xargs.py``, ``partition``). A batch holds
at most ``ceil(files / CPUs)`` files (4 at least; one CPU when the hook is
``require_serial``), and its command line at most the platform's limit: ``ARG_MAX`` less
2,048 bytes and the environment, and never over 2**17 bytes. So a hook's findings must not
depend on which files share its batch. Here the staged paths are long enough that their
names alone pass 2**17 bytes: there are several batches whatever the machine's CPUs.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli
from tests.test_precommit import pre_commit

# pre-commit's ceiling on a batch's command line, on every POSIX platform.
MOST_BYTES_A_BATCH = 2**17
FILES = 800
FINDING = re.compile(r"^\S.*?:\d+:\d+: [A-Z]{2}\d{3} ", re.M)
SUMMARY = re.compile(r"^Found (\d+) findings?\b.*? in (\d+) documents?\.", re.M)
NBSP = "\N{NO-BREAK SPACE}"
RLO = "\N{RIGHT-TO-LEFT OVERRIDE}"
# One document of each format the hooks take, each with findings of its own but one.
PAGES = {
    ".md": "# Notes\n\nWATCH: Trump on Mexico relations\n\nThe talks ended on Thursday.\n",
    ".mdx": (
        "import Chart from './chart'\n\n# Notes\n\n<Chart data={rows} />\n\n"
        "WATCH: Trump on Mexico relations\n"
    ),
    ".txt": f"The United States{NBSP}all the harder.\n",
    ".html": f"<p>The key is {RLO}fedcba here.</p>\n",
    ".rst": "Notes\n=====\n\nThe talks ended on Thursday.\n",
}
# A path component of 200 bytes: 800 such paths are about 170,000 bytes of arguments.
LONG = "-".join(["a-page-with-a-long-descriptive-name"] * 6)[:200]


def stage(repo: Path) -> list[str]:
    """Write and stage the pages; return the paths the hook is given, in git's order."""
    (repo / "hygiene.toml").write_text(
        'extend-exclude = ["vendor/**"]\n\n[per-file-ignores]\n"docs/s1/**" = ["UC004"]\n',
        encoding="utf-8",
    )
    suffixes = sorted(PAGES)
    for number in range(FILES):
        suffix = suffixes[number % len(suffixes)]
        page = repo / "docs" / f"s{number % 3}" / f"{LONG}-{number:04d}{suffix}"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(PAGES[suffix], encoding="utf-8")
    (repo / "vendor").mkdir()
    (repo / "vendor" / "copied.md").write_text("WATCH: Not ours\n", encoding="utf-8")
    (repo / "shard.jsonl").write_text('{"id": 1, "text": "WATCH: A video"}\n', encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    staged = subprocess.run(["git", "diff", "--staged", "--name-only", "-z"], cwd=repo,
                            check=True, capture_output=True, text=True).stdout  # fmt: skip
    return [path for path in staged.split("\0") if path.endswith(tuple(PAGES))]


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_the_hook_over_several_batches_finds_what_one_run_finds(tmp_path: Path) -> None:
    repo = tmp_path / "content"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    paths = stage(repo)
    assert len(paths) == FILES + 1  # the vendored page too: the exclusion is hygiene's
    assert sum(len(path.encode()) + 1 for path in paths) > MOST_BYTES_A_BATCH

    hook = pre_commit("try-repo", str(ROOT), "hygiene-check", cwd=repo,
                      home=tmp_path / "pre-commit-home")  # fmt: skip
    assert hook.returncode == 1, hook.stdout + hook.stderr
    batches = SUMMARY.findall(hook.stdout)
    assert len(batches) >= 2, hook.stdout[-2000:]  # one summary line a batch
    assert sum(int(documents) for _, documents in batches) == FILES  # vendor/ left out

    whole = run_cli("check", "--force-exclude", *paths, cwd=repo, timeout=300)
    assert whole.returncode == 1, whole.stderr
    shown = whole.stdout.decode("utf-8")
    (total,) = SUMMARY.findall(shown)
    assert total == (str(sum(int(found) for found, _ in batches)), str(FILES))
    expected = sorted(line for line in shown.splitlines() if FINDING.match(line))
    assert sorted(line for line in hook.stdout.splitlines() if FINDING.match(line)) == expected
    # Every kind of page was checked, and the configuration held in every batch.
    codes = {line.split(": ")[1].split()[0] for line in expected}
    assert {"BP001", "UC001", "UC004"} <= codes
    assert not any(line.startswith("docs/s1/") and " UC004 " in line for line in expected)
    assert not any(line.startswith(("vendor/", "shard.jsonl")) for line in expected)
