"""Which lines changed since a git ref, for gates that judge only new text (``--diff-base``)."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Sequence
from pathlib import Path

from hygiene.errors import UsageError

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.M)


def _git(*args: str, cwd: str | None = None) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise UsageError("--diff-base needs git, and git is not installed") from None
    if done.returncode != 0:
        first = (done.stderr.strip().splitlines() or ["failed"])[0]
        raise UsageError(f"--diff-base: git {args[0]}: {first}")
    return done.stdout


def parse_diff(diff: str) -> dict[str, frozenset[int]]:
    """Added or changed line numbers per new-side path in a ``--unified=0`` diff."""
    changed: dict[str, set[int]] = {}
    for block in re.split(r"^diff --git ", diff, flags=re.M)[1:]:
        target = re.search(r"^\+\+\+ (?:b/)?(.+)$", block, re.M)
        if target is None or target.group(1) == "/dev/null":
            continue
        lines = changed.setdefault(target.group(1), set())
        for hunk in _HUNK.finditer(block):
            start, count = int(hunk.group(1)), int(hunk.group(2) or 1)
            lines.update(range(start, start + count))
    return {path: frozenset(lines) for path, lines in changed.items()}


def changed_lines(ref: str, displays: Sequence[str]) -> dict[str, frozenset[int] | None]:
    """Changed lines since ``ref`` for each display path; ``None`` marks an untracked file."""
    top = Path(_git("rev-parse", "--show-toplevel").strip())
    try:
        _git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except UsageError:
        raise UsageError(f"--diff-base: unknown git ref {ref!r}") from None
    diff = _git("diff", "--unified=0", "--no-color", "--no-ext-diff", ref, "--", cwd=str(top))
    by_repo_path: dict[str, frozenset[int] | None] = dict(parse_diff(diff))
    untracked = _git("ls-files", "--others", "--exclude-standard", cwd=str(top))
    by_repo_path.update(dict.fromkeys(untracked.splitlines()))
    result: dict[str, frozenset[int] | None] = {}
    cwd = Path.cwd().resolve()
    for display in displays:
        absolute = (cwd / display).resolve()
        try:
            key = absolute.relative_to(top.resolve()).as_posix()
        except ValueError:
            continue
        if key in by_repo_path:
            result[display] = by_repo_path[key]
    return result
