"""Where a Markdown document holds code: fenced and indented blocks, and inline code spans.

``fix`` never edits code: a no-break space, an escape or a bell inside a code block or a
`` `span` `` is the code's own, however it looks to a prose rule. The blocks come from a
CommonMark parser (markdown-it-py); inside a block of text, code spans are found by
CommonMark's rule for backtick strings (a run of n backticks opens a span that the next
run of exactly n closes). Backslash escapes are not undone, so a span may be taken for
code where CommonMark would not: this errs towards leaving text alone.
"""

from __future__ import annotations

import re
from functools import cache

from markdown_it import MarkdownIt

from hygiene.document import LineIndex

_BACKTICKS = re.compile(r"`+")


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark")


def code_spans(text: str) -> list[tuple[int, int]]:
    """The code-point ranges of code in a Markdown text, sorted."""
    if "`" not in text and "~~~" not in text and "    " not in text and "\t" not in text:
        return []
    lines = LineIndex(text)

    def offset(line: int) -> int:  # the start of 0-based ``line``, or the text's end
        return lines.line_start(line + 1) if line < lines.line_count else len(text)

    spans: list[tuple[int, int]] = []
    for token in _parser().parse(text):
        if token.map is None:
            continue
        start, end = offset(token.map[0]), offset(token.map[1])
        if token.type in ("fence", "code_block"):
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
