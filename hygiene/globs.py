"""Path globs for configuration: ``*``, ``?``, ``[...]`` and ``**``, validated up front.

A pattern without a slash matches a file name in any folder (``*.md``); one with
a slash matches the whole path relative to the configuration's folder
(``content/uk/**``). ``**`` matches any number of folders.
"""

from __future__ import annotations

import re
from functools import cache


class GlobError(ValueError):
    """A pattern that is not a valid glob."""


@cache
def compile_glob(pattern: str) -> re.Pattern[str]:
    """Translate a glob to an anchored regex; raise GlobError on a malformed one."""
    if not pattern.strip("/"):
        raise GlobError(f"invalid glob {pattern!r}: empty")
    body = pattern.lstrip("/")
    if "/" not in body:
        body = "**/" + body
    out: list[str] = []
    index = 0
    while index < len(body):
        char = body[index]
        if body.startswith("**/", index):
            out.append("(?:[^/]+/)*")
            index += 3
        elif body.startswith("**", index):
            out.append(".*")
            index += 2
        elif char == "*":
            out.append("[^/]*")
            index += 1
        elif char == "?":
            out.append("[^/]")
            index += 1
        elif char == "[":
            end = body.find(
                "]", index + 2 if body[index + 1 : index + 2] in ("!", "]") else index + 1
            )
            if end == -1:
                raise GlobError(f"invalid glob {pattern!r}: unclosed '['")
            inner = body[index + 1 : end]
            if inner.startswith("!"):
                inner = "^" + inner[1:]
            out.append(f"[{inner.replace(chr(92), chr(92) * 2)}]")
            index = end + 1
        elif char == "]":
            raise GlobError(f"invalid glob {pattern!r}: ']' without '['")
        else:
            out.append(re.escape(char))
            index += 1
    try:
        return re.compile("".join(out) + r"\Z")
    except re.error as error:
        raise GlobError(f"invalid glob {pattern!r}: {error}") from None


def glob_matches(pattern: str, path: str) -> bool:
    """Whether a POSIX relative ``path`` matches ``pattern``."""
    return compile_glob(pattern).match(path) is not None
