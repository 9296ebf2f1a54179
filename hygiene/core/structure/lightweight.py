"""The regions of reStructuredText and AsciiDoc documents, found by their line syntax.

Full parsers of either format (docutils, asciidoctor) are a heavy dependency for what a
prose rule needs, which is to leave code, directives, comments, targets and markup alone.
Each is found by the format's line rules, erring towards leaving text alone: every
indented reStructuredText block counts as code (literal blocks and directive bodies are
indented; so are block quotes, which are left alone too).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from hygiene.core.markup import rst_code_spans
from hygiene.core.structure import Kind, Region

_URL = regex.compile(r"\b(?:https?|ftp)://[^\s<>()\[\]{}\"'`]+")

_RST: tuple[tuple[Kind, regex.Pattern[str]], ...] = (
    ("url", regex.compile(r"^\.\.[ \t]+_[^:\n]*:.*$", regex.M)),  # .. _target: url
    ("markup", regex.compile(r"^\.\.[ \t]+[\w:-]+::.*$", regex.M)),  # .. directive:: args
    ("markup", regex.compile(r"^\.\.[ \t]+\[[^\]\n]+\].*$", regex.M)),  # footnotes, citations
    ("comment", regex.compile(r"^\.\.(?:[ \t]+(?![\w:-]+::|_|\[).*)?$", regex.M)),
    ("markup", regex.compile(r"^([=\-`:'\"~^_*+#<>])\1{2,}[ \t]*$", regex.M)),  # underlines
    ("markup", regex.compile(r":[\w:+-]+:(?=`)")),  # :role:`text`
    ("url", regex.compile(r"<[^<>\s]+>(?=`_{1,2})")),  # `text <url>`_
    ("markup", regex.compile(r"`_{1,2}|\|[^|\n]+\|")),  # link ends, substitutions
)

# A list item and the indented lines that carry it on: bullets, enumerators (1. a) #.),
# and AsciiDoc's nested * and . marks.
_RST_ITEM = regex.compile(
    r"^[ \t]*(?:[-*+•‣⁃]|#\.|\(?(?:\d+|[A-Za-z]|#)[.)])[ \t]+\S.*(?:\n[ \t]+\S.*)*", regex.M
)
_ASCIIDOC_ITEM = regex.compile(r"^[ \t]*(?:\*+|-|\.+|\d+\.)[ \t]+\S.*$", regex.M)

# A section title: a line of text over an underline of one punctuation character.
_RST_TITLE = regex.compile(r"^(?=[^\n]*\w)[^\n]+(?=\n([=\-`:'\"~^_*+#<>])\1{2,}[ \t]*$)", regex.M)

_ASCIIDOC_BLOCK = regex.compile(r"^(-{4,}|\.{4,}|\+{4,}|/{4,})[ \t]*$", regex.M)
_ASCIIDOC: tuple[tuple[Kind, regex.Pattern[str]], ...] = (
    ("comment", regex.compile(r"^//(?!/{2}).*$", regex.M)),
    ("markup", regex.compile(r"^:[\w!-]+:.*$", regex.M)),  # :attribute: value
    ("markup", regex.compile(r"^\[[^\]\n]*\][ \t]*$", regex.M)),  # [source,python]
    ("markup", regex.compile(r"^=+(?=[ \t])", regex.M)),  # heading marks
    ("url", regex.compile(r"\b(?:link|image|include|xref|video|audio)::?[^\s\[]*(?=\[)")),
    ("markup", regex.compile(r"<<[^<>\n]*>>")),  # cross references
)


def rst_regions(text: str) -> list[Region]:
    """Code (indented blocks, inline literals), directives, comments, targets, markup,
    section titles, list items."""
    found = [Region("code", start, end) for start, end in rst_code_spans(text)]
    for kind, pattern in _RST:
        found += (Region(kind, *m.span()) for m in pattern.finditer(text))
    found += (Region("url", *m.span()) for m in _URL.finditer(text))
    found += (Region("heading", *m.span()) for m in _RST_TITLE.finditer(text))
    found += (Region("list", *m.span()) for m in _RST_ITEM.finditer(text))
    return found


def asciidoc_regions(text: str) -> list[Region]:
    """Delimited blocks (listing, literal, passthrough as code, ``////`` as comment),
    line comments, attributes, block attributes, heading marks, macros' targets, list
    items."""
    found = list(_delimited(text))
    for kind, pattern in _ASCIIDOC:
        found += (Region(kind, *m.span()) for m in pattern.finditer(text))
    found += (Region("url", *m.span()) for m in _URL.finditer(text))
    found += (Region("list", *m.span()) for m in _ASCIIDOC_ITEM.finditer(text))
    return found


def _delimited(text: str) -> Iterator[Region]:
    opening: regex.Match[str] | None = None
    for fence in _ASCIIDOC_BLOCK.finditer(text):
        if opening is None:
            opening = fence
        elif fence.group(1) == opening.group(1):
            kind: Kind = "comment" if opening.group(1)[0] == "/" else "code"
            yield Region(kind, opening.start(), fence.end())
            opening = None
    if opening is not None:
        kind = "comment" if opening.group(1)[0] == "/" else "code"
        yield Region(kind, opening.start(), len(text))
