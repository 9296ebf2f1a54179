"""Where a document holds code: Markdown's fenced and indented blocks, raw HTML blocks
and inline code spans; reStructuredText's indented blocks and inline literals.

``fix`` never edits code: a no-break space, an escape or a bell inside a code block or a
`` `span` `` is the code's own, however it looks to a prose rule. Markdown's blocks come
from a CommonMark parser (markdown-it-py); inside a block of text, code spans are found by
CommonMark's rule for backtick strings (a run of n backticks opens a span that the next
run of exactly n closes). Backslash escapes are not undone, so a span may be taken for
code where CommonMark would not. In reStructuredText every indented line counts (literal
blocks and directive bodies are indented; so are block quotes, which are left alone too),
and so does each ````literal```` pair. Both err towards leaving text alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from markdown_it import MarkdownIt

from hygiene.core.document import LineIndex

_BACKTICKS = re.compile(r"`+")


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark")


def code_spans(text: str) -> list[tuple[int, int]]:
    """The code-point ranges of code in a Markdown text, sorted."""
    if not any(mark in text for mark in ("`", "~~~", "    ", "\t", "<")):
        return []  # no fence, indent, code span or HTML: no parse
    lines = LineIndex(text)

    def offset(line: int) -> int:  # the start of 0-based ``line``, or the text's end
        return lines.line_start(line + 1) if line < lines.line_count else len(text)

    spans: list[tuple[int, int]] = []
    for token in _parser().parse(text):
        if token.map is None:
            continue
        start, end = offset(token.map[0]), offset(token.map[1])
        if token.type in ("fence", "code_block", "html_block"):
            while end > start and text[end - 1] in "\r\n":  # its last line break is not
                end -= 1  # code: deleting the line after a block takes it along
            spans.append((start, end))
        elif token.type == "inline" and "`" in token.content:
            spans.extend(inline_code(text, start, end))
    return sorted(spans)


def inline_code(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Code spans in ``text[start:end]``: each run of backticks pairs with the next run of
    the same length (found in one pass from the end, so any text is read in linear time)."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text, start, end)]
    following: list[int | None] = [None] * len(runs)
    last: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        following[index] = last.get(length)
        last[length] = index
    spans = []
    index = 0
    while index < len(runs):
        closing = following[index]
        if closing is None:
            index += 1
            continue
        spans.append((runs[index][0], runs[closing][1]))
        index = closing + 1
    return spans


_RST_LINE = re.compile(r"^.*$", re.M)
_RST_DIRECTIVE = re.compile(r"^\s*\.\.\s")
_RST_LITERAL = re.compile(r"``.+?``", re.S)


def _rst_indented(text: str) -> Iterator[tuple[int, int]]:
    """Indented lines that may be code: literal blocks and directive bodies. An indented
    line right under a line of text (no blank line between) continues a list item or
    is a definition's body, which is prose."""
    prose_above = False
    for line in _RST_LINE.finditer(text):
        content = line.group()
        if not content.strip():
            prose_above = False
            continue
        indented = content[0] in " \t"
        if indented and not prose_above:
            yield line.span()
            continue
        prose_above = not _RST_DIRECTIVE.match(content)


def rst_code_spans(text: str) -> list[tuple[int, int]]:
    """The code-point ranges a reStructuredText text may hold code in, sorted and merged."""
    spans = list(_rst_indented(text))
    spans += [m.span() for m in _RST_LITERAL.finditer(text)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
