"""Cut a document into the pieces rules look at: the whole text, paragraphs, lines.

Segments carry their offset in the document, so a rule reports positions inside
the segment and the engine shifts them; no rule ever needs to know where its
segment sits.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar, cast

from hygiene.core.document import LINE_BREAK

Scope = Literal["document", "paragraph", "line"]
SCOPES: tuple[Scope, ...] = ("document", "paragraph", "line")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Segment:
    """A slice of a document's text; ``index`` counts segments of the same kind."""

    kind: Scope
    start: int
    end: int
    text: str
    index: int


def split_lines(text: str) -> list[Segment]:
    """Every line, blank ones included, without its line break."""
    segments: list[Segment] = []
    start = 0
    for index, match in enumerate(LINE_BREAK.finditer(text)):
        segments.append(Segment("line", start, match.start(), text[start : match.start()], index))
        start = match.end()
    segments.append(Segment("line", start, len(text), text[start:], len(segments)))
    return segments


def split_paragraphs(lines: Sequence[Segment], text: str) -> list[Segment]:
    """Runs of non-blank lines; blank lines (only white space) separate them."""
    paragraphs: list[Segment] = []
    first: Segment | None = None
    last: Segment | None = None
    for line in (*lines, None):
        if line is not None and line.text.strip():
            first = first or line
            last = line
            continue
        if first is not None and last is not None:
            paragraphs.append(
                Segment(
                    "paragraph",
                    first.start,
                    last.end,
                    text[first.start : last.end],
                    len(paragraphs),
                )
            )
        first = last = None
    return paragraphs


class Segmenter:
    """Segments of one document, each kind computed once and only when asked for."""

    __slots__ = ("_cache", "_memo", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._cache: dict[Scope, list[Segment]] = {}
        self._memo: dict[Hashable, Any] = {}

    def in_code(self, offset: int) -> bool:
        """Whether ``offset`` lies in a Markdown fenced code block (found once per text;
        the blocks are sorted and disjoint, so each question is a binary search: a page
        of many fences asked about every line was quadratic)."""
        return within(self.memo("code-blocks", lambda: fenced_code_blocks(self._text)), offset)

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """A value derived from this document, computed once for every rule that asks."""
        if key not in self._memo:
            self._memo[key] = compute()
        return cast(T, self._memo[key])

    def get(self, scope: Scope) -> list[Segment]:
        cached = self._cache.get(scope)
        if cached is not None:
            return cached
        if scope == "document":
            segments = [Segment("document", 0, len(self._text), self._text, 0)]
        elif scope == "line":
            segments = split_lines(self._text)
        else:
            segments = split_paragraphs(self.get("line"), self._text)
        self._cache[scope] = segments
        return segments


def within(spans: Sequence[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` lies in one of ``spans`` (sorted and disjoint): a binary search."""
    return enclosing(spans, offset) is not None


def enclosing(spans: Sequence[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The one of ``spans`` (sorted and disjoint) that holds ``offset``, found by a binary
    search, or None."""
    index = bisect.bisect_right(spans, (offset, math.inf)) - 1
    return spans[index] if index >= 0 and offset < spans[index][1] else None


def first_body_line(text: str, body_start: int) -> tuple[int, int]:
    """Where a document-wide finding is placed: the first line of text after the front
    matter, from its first visible character."""
    body = text[body_start:]
    start = body_start + (len(body) - len(body.lstrip()))
    end = text.find("\n", start)
    return start, len(text) if end == -1 else end


_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})", re.M)


def fenced_code_blocks(text: str) -> list[tuple[int, int]]:
    """Offsets of Markdown fenced code blocks (``` or ~~~), fences included."""
    blocks: list[tuple[int, int]] = []
    opening: re.Match[str] | None = None
    for fence in _FENCE.finditer(text):
        if opening is None:
            opening = fence
        elif fence.group(1)[0] == opening.group(1)[0] and len(fence.group(1)) >= len(
            opening.group(1)
        ):
            end = text.find("\n", fence.end())
            blocks.append((opening.start(), len(text) if end == -1 else end))
            opening = None
    if opening is not None:
        blocks.append((opening.start(), len(text)))
    return blocks
