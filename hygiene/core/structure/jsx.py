"""MDX's lines of JSX tags: a line of tags alone (``<Tabs>``, ``<Fragment slot="npm">``),
and a tag alone on the lines its attributes run over (``<LinkButton⏎ href="..."⏎>``).
MDX reads what such an element holds as Markdown, where CommonMark would see an HTML
block running to the next blank line; the tags themselves are markup."""

from __future__ import annotations

from collections.abc import Iterator

import regex

# A line of JSX tags alone, opening or closing elements: <Tabs>, <Fragment slot="npm">.
_JSX_LINE = regex.compile(r"^[ \t]*(?:</?[A-Za-z][\w.:-]*(?:\s[^<>\n]*)?/?>[ \t]*)+$", regex.M)
# A JSX tag whose attributes run over lines (<LinkButton⏎  href="..."⏎>): where it opens,
# how far it may run, and a fence's line, which no tag crosses.
_TAG_START = regex.compile(r"^[ \t]*<[A-Za-z][\w.:-]*(?=\s)", regex.M)
_TAG_REACH = 10_000
_FENCE_LINE = regex.compile(r"\n[ \t]*(?:```|~~~)")


def tag_lines_of(text: str, start: int) -> list[tuple[int, int]]:
    """The spans of every line of JSX tags alone and of every tag alone on its lines in
    ``text[start:]``, in order, those that overlap joined."""
    spans = [m.span() for m in _JSX_LINE.finditer(text, start)]
    return _merged(spans + list(_spanning_tags(text, start)))


def _spanning_tags(text: str, start: int) -> Iterator[tuple[int, int]]:
    """The lines of each JSX tag alone on its lines whose attributes run over several of
    them: MDX reads it whole, quoted values and ``{...}`` expressions included."""
    done = start
    budget = 2 * len(text)  # characters scanned in all: a text of unclosed tags is linear
    for match in _TAG_START.finditer(text, start):
        if match.start() < done:
            continue
        limit = min(len(text), match.end() + _TAG_REACH, match.end() + budget)
        end, closed = _tag_end(text, match.end(), limit)
        budget -= end - match.end()
        if budget <= 0:
            return
        if not closed or "\n" not in text[match.end() : end]:
            continue
        line_end = text.find("\n", end)
        line_end = len(text) if line_end == -1 else line_end
        if not text[end:line_end].strip():
            yield match.start(), line_end
            done = line_end


def _tag_end(text: str, position: int, limit: int) -> tuple[int, bool]:
    """Where the tag whose attributes start at ``position`` ends (after its ``>``, the
    first outside quoted values and braces), and True; or where reading stopped and False:
    at ``limit``, or at a ``<`` or a fence's line before any ``>`` (then it was no tag)."""
    depth, quote = 0, ""
    while position < limit:
        character = text[position]
        if quote:
            quote = "" if character == quote else quote
        elif character in "\"'`":
            quote = character
        elif character == "{":
            depth += 1
        elif character == "}":
            depth -= 1
            if depth < 0:
                return position, False
        elif depth == 0 and character in "<>":
            return position + 1, character == ">"
        elif character == "\n" and _FENCE_LINE.match(text, position):
            return position, False
        position += 1
    return position, False


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` in order, those that overlap joined."""
    joined: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return joined
