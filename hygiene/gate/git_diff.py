"""Which lines changed since a git ref, for gates that judge only new text (``--diff-base``).

Git speaks in bytes: a path that is not plain ASCII, or holds a quote, a backslash, a tab
or a newline, comes C-quoted in a diff header (``"b/caf\\303\\251.md"``), and a file name
need not be UTF-8 at all. Paths are read as bytes, unquoted as git quotes them, and decoded
as the operating system names files (UTF-8 with surrogate escapes), so that they meet the
paths the walk found.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Mapping
from pathlib import Path

from hygiene.core.errors import UsageError

_HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.M)
_NEW_SIDE = re.compile(rb"^\+\+\+ (.+)$", re.M)
# The escapes of git's quote_c_style besides octal bytes (\303).
_C_ESCAPES = {b"a": 7, b"b": 8, b"t": 9, b"n": 10, b"v": 11, b"f": 12, b"r": 13, b'"': 34,
              b"\\": 92}  # fmt: skip
_OCTAL = frozenset(b"01234567")


def _git(*args: str, cwd: str | None = None) -> bytes:
    command = ["git", "-c", "core.quotePath=false", *args]
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise UsageError("--diff-base needs git, and git is not installed") from None
    if done.returncode != 0:
        stderr = done.stderr.decode("utf-8", "replace")
        first = (stderr.strip().splitlines() or ["failed"])[0]
        raise UsageError(f"--diff-base: git {args[0]}: {first}")
    return done.stdout


def unquote_path(raw: bytes) -> bytes:
    """A path as git writes it in a diff header, C-quoted or not, back to its bytes."""
    raw = raw.removesuffix(b"\t")  # git ends a name holding a space or a quote with a tab
    if not (raw.startswith(b'"') and raw.endswith(b'"') and len(raw) >= 2):
        return raw
    body, out, index = raw[1:-1], bytearray(), 0
    while index < len(body):
        if body[index] != 92:  # a backslash
            out.append(body[index])
            index += 1
        elif body[index + 1] in _OCTAL:
            out.append(int(body[index + 1 : index + 4], 8))
            index += 4
        else:
            out.append(_C_ESCAPES[body[index + 1 : index + 2]])
            index += 2
    return bytes(out)


def parse_diff(diff: bytes) -> dict[str, frozenset[int]]:
    """Added or changed line numbers per new-side path in a ``--unified=0`` diff made with
    ``--dst-prefix=b/``."""
    changed: dict[str, set[int]] = {}
    for block in re.split(rb"^diff --git ", diff, flags=re.M)[1:]:
        target = _NEW_SIDE.search(block)
        if target is None or target.group(1) == b"/dev/null":
            continue
        path = unquote_path(target.group(1)).removeprefix(b"b/")
        lines = changed.setdefault(os.fsdecode(path), set())
        for hunk in _HUNK.finditer(block):
            start, count = int(hunk.group(1)), int(hunk.group(2) or 1)
            lines.update(range(start, start + count))
    return {path: frozenset(lines) for path, lines in changed.items()}


def changed_lines(ref: str, paths: Mapping[str, str]) -> dict[str, frozenset[int] | None]:
    """Changed lines since ``ref`` for each input, given as display path to real path (a
    display escapes bytes that are not UTF-8; git names the file itself), keyed by
    display; ``None`` marks an untracked file."""
    top = Path(os.fsdecode(_git("rev-parse", "--show-toplevel").rstrip(b"\n")))
    try:
        _git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except UsageError:
        raise UsageError(f"--diff-base: unknown git ref {ref!r}") from None
    diff = _git(
        "diff", "--unified=0", "--no-color", "--no-ext-diff", "--src-prefix=a/",
        "--dst-prefix=b/", ref, "--", cwd=str(top),
    )  # fmt: skip
    by_repo_path: dict[str, frozenset[int] | None] = dict(parse_diff(diff))
    untracked = _git("ls-files", "-z", "--others", "--exclude-standard", cwd=str(top))
    by_repo_path.update(dict.fromkeys(os.fsdecode(p) for p in untracked.split(b"\0") if p))
    result: dict[str, frozenset[int] | None] = {}
    cwd = Path.cwd().resolve()
    for display, path in paths.items():
        absolute = (cwd / path).resolve()
        try:
            key = absolute.relative_to(top.resolve()).as_posix()
        except ValueError:
            continue
        if key in by_repo_path:
            result[display] = by_repo_path[key]
    return result
