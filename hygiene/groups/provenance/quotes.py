"""Find the direct quotations of a text, in the quotation marks of many languages.

A scanner per paragraph keeps a stack of open marks: “…”, „…“, „…”, «…», ‹…›, 「…」,
『…』, straight double quotes, and single quotes where they open before a letter and
close before a non-letter (so the apostrophes of ``O’Neil`` and ``don’t`` are left
alone). Quotes inside a quote belong to it; only outermost quotations are returned.
A quotation that runs over several paragraphs reopens each paragraph and closes in
the last one (the English and French convention). A paragraph that opens with a
dialogue dash (``— Text, — said he.``) is a quotation up to the dash that ends it.
Marks that never close, or close without opening, are returned as unbalanced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hygiene.core.segment import Segment

# Opening mark -> the marks that close it.
CLOSERS = {
    "\u201c": "\u201d",  # “ ” English, and „ “ below
    "\u201e": "\u201c\u201d",  # „ “ German, Czech; „ ” Polish, Hungarian, Romanian
    "\u00ab": "\u00bb",  # « » French, Russian, Ukrainian, Spanish
    "\u2039": "\u203a",  # ‹ ›
    "\u300c": "\u300d",  # 「 」
    "\u300e": "\u300f",  # 『 』
    "\u2018": "\u2019",  # ‘ ’ (’ closes only before a non-letter)
    '"': '"',
    "'": "'",
    "\u201d": "\u201d",  # ” ” Swedish, Finnish
    "\u00bb": "\u00bb\u00ab",  # » » Swedish, Finnish; » « German, Danish
}
_SAME_BOTH_WAYS = frozenset("\u201d\u00bb")
_SINGLE = "\u2018'"
_CLOSING_ONLY = frozenset("\u201d\u00bb\u203a\u300d\u300f")
_DASHES = ("\u2014 ", "\u2013 ", "\u2015 ")  # — – ― followed by a space
# Every character the scanner reacts to; it jumps from one to the next.
_MARK = re.compile(
    "[" + re.escape("".join(sorted(set("".join(CLOSERS) + "".join(CLOSERS.values()))))) + "]"
)


@dataclass(frozen=True, slots=True)
class Quotation:
    """An outermost quotation: offsets in the document, marks included."""

    start: int
    end: int
    opening: str
    paragraphs: int = 1

    @property
    def inner(self) -> tuple[int, int]:
        """The quoted words, without the marks."""
        closing = 0 if self.opening in _DASHES else 1
        return self.start + len(self.opening), self.end - closing


@dataclass(frozen=True, slots=True)
class StrayMark:
    """A quotation mark that never closes, or closes what was never opened."""

    offset: int
    mark: str
    opened: bool  # True: an opening mark left open


@dataclass(frozen=True)
class QuoteScan:
    """A text's quotations, and the quotation marks that open or close none."""

    quotations: tuple[Quotation, ...]
    strays: tuple[StrayMark, ...]


def _letter(char: str) -> bool:
    return char.isalpha() or char.isdigit()


def _opens(text: str, index: int) -> bool:
    """A straight or single mark opens at a boundary, before a non-space."""
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return not _letter(before) and not after.isspace()


def _closes(text: str, index: int) -> bool:
    after = text[index + 1] if index + 1 < len(text) else " "
    return not _letter(after)


def scan_paragraph(
    text: str,
) -> tuple[list[tuple[int, int, str]], list[StrayMark], tuple[int, str] | None]:
    """Quotations closed in one paragraph, stray marks, and the outermost mark left open
    at its end (it may continue in the next paragraph). Offsets are paragraph-relative.
    """
    stack: list[tuple[str, int]] = []
    found: list[tuple[int, int, str]] = []
    strays: list[StrayMark] = []
    for match in _MARK.finditer(text):
        index, char = match.start(), match.group()
        top = stack[-1][0] if stack else None
        if top is not None and char in CLOSERS[top]:
            if top in _SINGLE + '"\u201d\u00bb' and not _closes(text, index):
                continue  # an apostrophe, or a straight quote inside a word
            opening, start = stack.pop()
            if not stack:
                found.append((start, index + 1, opening))
            continue
        if char in _SAME_BOTH_WAYS and not stack and _opens(text, index):
            stack.append((char, index))  # Swedish and Finnish ”…” and »…», German »…«
            continue
        if char in _CLOSING_ONLY or char == "\u2019":
            if char != "\u2019":  # ’ is an apostrophe far more often than a stray closer
                strays.append(StrayMark(index, char, opened=False))
            continue
        if char in CLOSERS:
            if char in _SINGLE + '"' and not _opens(text, index):
                continue
            if char == "'" and stack:  # straight single quotes inside quotes: apostrophes
                continue
            stack.append((char, index))
    left_open = None
    if stack:
        bottom, start = stack[0]
        left_open = (start, bottom)
        strays.extend(StrayMark(offset, mark, opened=True) for mark, offset in stack[1:])
    return found, strays, left_open


def _dialogue(paragraph: Segment) -> Quotation | None:
    """``— Text, — said he.``: a paragraph opening with a dash and a space."""
    text = paragraph.text
    lead = len(text) - len(text.lstrip())
    opening = next((dash for dash in _DASHES if text.startswith(dash, lead)), None)
    if opening is None:
        return None
    body_start = lead + len(opening)
    stop = min((i for dash in _DASHES if (i := text.find(" " + dash, body_start)) != -1),
               default=len(text.rstrip()))  # fmt: skip
    return Quotation(paragraph.start + lead, paragraph.start + stop, opening)


def scan(paragraphs: list[Segment]) -> QuoteScan:
    """Every outermost quotation and every unbalanced mark of a document's paragraphs."""
    quotations: list[Quotation] = []
    strays: list[StrayMark] = []
    running: tuple[int, str, int] | None = None  # start, mark, paragraphs so far
    for paragraph in paragraphs:
        text = paragraph.text
        lead = len(text) - len(text.lstrip())
        if running is not None:
            start, mark, _ = running
            if not text.startswith(mark, lead):  # the quote did not reopen: it never closed
                strays.append(StrayMark(start, mark, opened=True))
                running = None
        dialogue = _dialogue(paragraph) if running is None else None
        if dialogue is not None:
            quotations.append(dialogue)
            continue
        found, stray, left_open = scan_paragraph(text)
        strays.extend(StrayMark(paragraph.start + s.offset, s.mark, s.opened) for s in stray)
        for number, (start, end, mark) in enumerate(found):
            if running is not None and number == 0:
                quotations.append(
                    Quotation(running[0], paragraph.start + end, mark, running[2] + 1)
                )
                running = None
            else:
                quotations.append(Quotation(paragraph.start + start, paragraph.start + end, mark))
        if left_open is not None:
            if running is None:
                running = (paragraph.start + left_open[0], left_open[1], 1)
            else:
                running = (running[0], running[1], running[2] + 1)
    if running is not None:
        strays.append(StrayMark(running[0], running[1], opened=True))
    return QuoteScan(tuple(quotations), tuple(sorted(strays, key=lambda s: s.offset)))
