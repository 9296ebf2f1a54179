"""What a document is made of beside its prose: the regions of code, markup, URLs, anchors,
front matter and comments, and the headings, tables and page furniture that hold prose.

Each format's parser (``markdown``, ``html``, ``lightweight`` for reStructuredText and
AsciiDoc) gives regions with exact code-point offsets; plain text has none. A rule reads
only the scopes it declares: every other region is *blanked*, each of its characters but
line breaks becoming a space, so offsets, lines and columns stay those of the source and
a finding's span needs no mapping back.

Scopes, as Vale has them: ``prose`` is every character no region claims; a region inside
another (an anchor in a heading, code in a table) is read only when its own scope is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

# Regions that hold prose, and are read by default by rules of prose: a link's text is
# prose too, though often a title or a name kept in its own language; a list item is an
# author's structure, a list of features or links, where a lone label is no leftover.
CONTAINERS = ("heading", "table", "list", "furniture", "link")
# Regions that are not prose at all.
LEAVES = ("code", "markup", "url", "anchor", "front-matter", "comment")
Kind = Literal[
    "heading", "table", "list", "furniture", "link",
    "code", "markup", "url", "anchor", "front-matter", "comment",
]  # fmt: skip
SCOPES = ("prose", *CONTAINERS, *LEAVES)

# What prose rules read unless they say otherwise: the text a reader reads.
PROSE = frozenset({"prose", *CONTAINERS})
# What rules about characters read (bidi controls are most dangerous in code).
EVERYTHING = frozenset(SCOPES)
# Where inline directives count: a directive shown in a code block is an example.
OUTSIDE_CODE = EVERYTHING - {"code"}

# One byte a character in a label array: each scope's index (0 is prose).
_CODES = {kind: index for index, kind in enumerate(SCOPES)}
# The order regions are painted in, the last on top: what holds prose first, then markup
# that may stand in it, then code, which is opaque to all but itself (a comment or a URL
# inside a code span is code), and front matter over all.
_PAINTING = (*CONTAINERS, "url", "anchor", "markup", "comment", "code", "front-matter")
_KEEP_LINE_BREAKS = re.compile(r"[^\r\n]")
# What a blanked run inside a line of prose begins with: a mark that is no letter, no space
# and no punctuation a rule reads, so the words on either side stay apart.
INLINE_MARK = "_"
_INLINE_REACH = 64  # how far past white space a run's neighbours are looked for


@dataclass(frozen=True, slots=True)
class Region:
    """``text[start:end]`` is of ``kind``."""

    kind: Kind
    start: int
    end: int


class Structure:
    """The regions of one text, painted once into a label per character; a view of the
    text for each set of scopes is made on demand."""

    __slots__ = ("_labels", "_text", "regions")

    def __init__(self, text: str, regions: Iterable[Region]) -> None:
        self._text = text
        self.regions = tuple(sorted(regions, key=lambda r: (r.start, r.end, r.kind)))
        self._labels: bytearray | None = None
        if self.regions:
            labels = bytearray(len(text))
            order = {kind: rank for rank, kind in enumerate(_PAINTING)}
            for region in sorted(self.regions, key=lambda r: order[r.kind]):
                start, end = max(region.start, 0), min(region.end, len(text))
                if start < end:
                    labels[start:end] = bytes([_CODES[region.kind]]) * (end - start)
            self._labels = labels

    def view(self, scopes: frozenset[str]) -> str:
        """The text with every character outside ``scopes`` blanked (line breaks kept)."""
        if self._labels is None:
            return self._text if "prose" in scopes else blank(self._text)
        hidden = bytes(code for kind, code in _CODES.items() if kind not in scopes)
        if not hidden:
            return self._text
        runs = re.compile(b"[" + re.escape(hidden) + b"]+")
        pieces: list[str] = []
        done = 0
        for run in runs.finditer(self._labels):
            start, end = run.span()
            pieces.append(self._text[done:start])
            blanked = blank(self._text[start:end])
            if self._inline(start, end, hidden):
                blanked = INLINE_MARK + blanked[1:]
            pieces.append(blanked)
            done = end
        pieces.append(self._text[done:])
        return "".join(pieces)

    def kind_at(self, offset: int) -> str:
        """The scope of the character at ``offset``: the innermost region's kind, or
        ``prose`` (a quotation in a heading, a table or a link's text is no speech)."""
        if self._labels is None or not 0 <= offset < len(self._labels):
            return "prose"
        return SCOPES[self._labels[offset]]

    def _inline(self, start: int, end: int, hidden: bytes) -> bool:
        """Whether a blanked run stands inside a line of read text (``Add `x` to it``),
        where blanks alone would join the words around it into a phrase of their own
        (``Add to``): its nearest characters on the line, past white space, on both sides,
        are read. (At a line's end it joins nothing, and a mark would stretch the span of
        a finding on the line: ``## Title {#title}``.)"""
        text, labels = self._text, self._labels
        assert labels is not None
        if "\n" in text[start:end] or "\r" in text[start:end]:
            return False
        return all(
            self._read_beside(position, step, hidden)
            for position, step in ((start - 1, -1), (end, 1))
        )

    def _read_beside(self, position: int, step: int, hidden: bytes) -> bool:
        text, labels = self._text, self._labels
        assert labels is not None
        for _ in range(_INLINE_REACH):
            if not 0 <= position < len(text) or text[position] in "\r\n":
                return False
            if text[position] not in " \t":
                return labels[position] not in hidden
            position += step
        return False


def blank(text: str) -> str:
    """``text`` with every character but line breaks a space."""
    if "\n" not in text and "\r" not in text:  # most runs: inline code, a tag, a URL
        return " " * len(text)
    return _KEEP_LINE_BREAKS.sub(" ", text)
