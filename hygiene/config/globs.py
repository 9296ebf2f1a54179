"""Path globs for configuration: ``*``, ``?``, ``[...]`` and ``**``, validated up front.

A pattern without a slash matches a file name in any folder (``*.md``); one with
a slash matches the whole path relative to the configuration's folder
(``content/uk/**``). ``**`` matches any number of folders.

Globs come from configuration files, which a repository's contributors write, so a
glob must not take time exponential in its stars: ``*a*a*a*a*a*a*a*a*a*a*b`` against a
long name backtracks for minutes in a plain translation (pathspec's included). As in
the standard library's ``fnmatch``, the text between two stars is matched at its first
place, in an atomic group that is never tried again, wherever the star after it can
take whatever the first place skipped; only the last piece is left to backtrack. The
standard library's own translation cannot serve: its ``*`` crosses folders.

Nor can pathspec, which matches ``.gitignore`` files (``inputs.discovery.GitIgnore``).
Its default backend translates to Python's ``re`` and backtracks: with pathspec 1.1.1,
``*a*a*a*a*a*a*a*a*a*a*a*a*b`` against a name of 24, 28 and 32 ``a`` took 0.16 s, 1.2 s
and 5.4 s (2.5 times more for each 2 characters), and ``**/a/**/a/**/a/**/a/z`` against
``a/`` 512 folders deep 64 s, where these globs answer in microseconds. Its RE2 backend is
linear, but speaks gitignore, not these globs: ``**`` counts only as a whole folder name
(``a**b`` would stop at a slash), a backslash escapes, ``!``, ``#``, a trailing space
and a trailing ``/`` mean something, so every configuration's globs would change meaning.
"""

from __future__ import annotations

import re
from functools import cache

_SINGLE, _DOUBLE, _FOLDERS = "[^/]*", ".*", "(?:[^/]+/)*"


class GlobError(ValueError):
    """A pattern that is not a valid glob."""


def glob_tokens(pattern: str, body: str) -> list[str]:
    """The regex pieces of a glob: the three kinds of star as themselves, the rest as
    regex text for one character or class."""
    out: list[str] = []
    index = 0
    while index < len(body):
        char = body[index]
        if body.startswith("**/", index):
            out.append(_FOLDERS)
            index += 3
        elif body.startswith("**", index):
            out.append(_DOUBLE)
            index += 2
        elif char == "*":
            out.append(_SINGLE)
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
    return out


def _without_backtracking(tokens: list[str]) -> str:
    """Join the pieces, making ``star + text`` atomic (matched at its first place) where
    the next star can absorb anything the first place skipped: after ``*``, when the next
    star is ``**`` or a ``*`` with no slash between; after ``**``, when the next is
    ``**``; after ``**/``, when the next is ``**/`` or ``**`` (the text then ends on a
    folder's end, and whole folders are what ``**/`` skips). Runs of ``**/`` are one."""
    tokens = [t for i, t in enumerate(tokens) if not (t == _FOLDERS and tokens[i - 1 : i] == [t])]
    absorbs = {
        _SINGLE: (_SINGLE, _DOUBLE),
        _DOUBLE: (_DOUBLE,),
        _FOLDERS: (_FOLDERS, _DOUBLE),
    }
    out: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token in absorbs:
            end = index + 1
            while end < len(tokens) and tokens[end] not in absorbs:
                end += 1
            chunk = tokens[index + 1 : end]
            following = tokens[end] if end < len(tokens) else None
            safe = following in absorbs[token]
            if token == _SINGLE and following == _SINGLE:
                safe = not any("/" in piece for piece in chunk)
            if token == _FOLDERS and chunk and chunk[-1] != "/":
                safe = safe and following == _DOUBLE
            if chunk and safe:
                lazy = token[:-1] + "*?"
                out.append(f"(?>{lazy}{''.join(chunk)})")
                index = end
                continue
        out.append(token)
        index += 1
    return "".join(out)


@cache
def compile_glob(pattern: str) -> re.Pattern[str]:
    """Translate a glob to an anchored regex; raise GlobError on a malformed one."""
    if not pattern.strip("/"):
        raise GlobError(f"invalid glob {pattern!r}: empty")
    body = pattern.lstrip("/")
    if "/" not in body:
        body = "**/" + body
    try:
        return re.compile(_without_backtracking(glob_tokens(pattern, body)) + r"\Z")
    except re.error as error:
        raise GlobError(f"invalid glob {pattern!r}: {error}") from None


def glob_matches(pattern: str, path: str) -> bool:
    """Whether a POSIX relative ``path`` matches ``pattern``."""
    return compile_glob(pattern).match(path) is not None
