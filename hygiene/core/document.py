"""Documents and spans: decoded text plus the provenance of the bytes it came from.

A span is kept in code-point offsets, the unit every rule works in; line and
column are derived once per document from a table of line starts, so turning
thousands of offsets into positions costs a binary search each.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Newline = Literal["lf", "crlf", "cr", "mixed", "none"]
# How the encoding was decided: a byte order mark, the user's declaration, detection,
# or valid UTF-8 (the default; damaged UTF-8 too).
EncodingEvidence = Literal["bom", "declared", "detected", "utf-8"]
TextFormat = Literal["text", "markdown", "html", "rst", "asciidoc"]

# CR LF, a lone CR and a lone LF all end a line, as in every editor people use.
LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and a 1-based column counted in code points."""

    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range of code points with its line and column at both ends.

    ``end_line``/``end_column`` name the position just after the last code point,
    as editors and SARIF expect.
    """

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int

    def to_dict(self) -> dict[str, int]:
        """The span as the report writes it."""
        return {
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }


class LineIndex:
    """Maps code-point offsets to lines and columns for one text."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        self._starts = [0, *(match.end() for match in LINE_BREAK.finditer(text))]

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_start(self, line: int) -> int:
        """The offset at which 1-based ``line`` starts."""
        return self._starts[line - 1]

    def position(self, offset: int) -> Position:
        index = bisect.bisect_right(self._starts, offset) - 1
        return Position(index + 1, offset - self._starts[index] + 1)

    def span(self, start: int, end: int) -> Span:
        first = self.position(start)
        last = self.position(end)
        return Span(start, end, first.line, first.column, last.line, last.column)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a document's text came from: the facts a report records about its bytes."""

    path: str
    sha256: str
    size: int
    encoding: str
    bom: bool
    newline: Newline
    encoding_evidence: EncodingEvidence = "utf-8"


@dataclass(frozen=True, slots=True)
class DecodeIssue:
    """A byte the decoder could not read: where its U+FFFD stands in the text, and the byte."""

    offset: int
    byte_offset: int
    byte: int


@dataclass(frozen=True, slots=True)
class Record:
    """Where a document sits in a JSON Lines shard: line number, the record's id, the field."""

    line: int
    id: str | None
    field: str


@dataclass(frozen=True)
class Document:
    """Decoded text with its source; offsets in findings index into ``text``."""

    text: str
    source: Source
    format: TextFormat = "text"
    metadata: Mapping[str, Any] = field(default_factory=dict)
    body_start: int = 0  # where the text begins after Markdown front matter
    record: Record | None = None
    decode_issues: tuple[DecodeIssue, ...] = ()
    lines: LineIndex = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", LineIndex(self.text))

    @property
    def path(self) -> str:
        return self.source.path

    def span(self, start: int, end: int) -> Span:
        return self.lines.span(start, end)


def newline_style(text: str) -> Newline:
    """Name the line-ending convention of ``text`` so a fix can keep it."""
    crlf = text.count("\r\n")
    lone_cr = text.count("\r") - crlf
    lone_lf = text.count("\n") - crlf
    kinds = [name for name, count in (("crlf", crlf), ("cr", lone_cr), ("lf", lone_lf)) if count]
    if not kinds:
        return "none"
    if len(kinds) > 1:
        return "mixed"
    style: Newline = kinds[0]  # type: ignore[assignment]
    return style
