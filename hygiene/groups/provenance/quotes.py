"""Find the direct quotations of a text, in the quotation marks of many languages.

A scanner per paragraph keeps a stack of open marks: “…”, „…“, „…”, «…», ‹…›, 「…」,
『…』, straight double quotes, and single quotes. A mark's neighbours are read in the
text as written (the rules read a view with code blanked): a straight or single mark
opens after a space, an opening bracket or punctuation, never after a word, a closing
bracket or a code span, so ``O’Neil``, ``don’t``, ```x`'s`` and ``[GitHub](…)'da`` hold
apostrophes; glued to the quoted words, it closes even where a suffix follows (Korean
``"기억"을``). Quotes inside a quote belong to it; only outermost quotations are
returned. A quotation that runs over several paragraphs reopens each of them and closes
in the last one (the English and French convention), or closes in the next without
reopening (verse, a quotation split by markup). A paragraph that opens with a dialogue
dash (``— Text, — said he.``) is a quotation up to the dash that ends it. Marks that
never close, or close without opening, are returned as unbalanced; so is an opening
mark typed where the closing one belongs (``“word“``), once.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, replace

import regex

from hygiene.core.segment import Segment
from hygiene.groups.provenance.shape import credit_line
from hygiene.text.phrases import UNSPACED

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
_OPENS_AFTER = frozenset("*_~:/|>\"'")
_CURLY_OPENERS = frozenset("\u201c\u00ab\u2039\u300c\u300e")  # not ‘: don‘t
_NOT_AFTER_OPENING = frozenset(".,;:!?)]}\u00bb\u201d\u2019\"'")
_HANGUL = regex.compile(r"\p{Hangul}")
_SINGLE_CLOSER = regex.compile(r"['\u2019](?![\p{L}\p{N}])")
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
    instead_of: str = ""  # an opening mark written where this closing mark belongs


@dataclass(frozen=True)
class QuoteScan:
    """A text's quotations, and the quotation marks that open or close none."""

    quotations: tuple[Quotation, ...]
    strays: tuple[StrayMark, ...]


def _letter(char: str) -> bool:
    return char.isalpha() or char.isdigit()


def _boundary(char: str) -> bool:
    """What a quotation mark may open after: nothing, a space, an opening bracket, a dash,
    another opening mark, emphasis, a colon, or the punctuation of Chinese and Japanese
    (、「：). Not a closing bracket or a code span: ``[GitHub](…)'da``, ```x`'s``."""
    if not char or char.isspace() or char in _OPENS_AFTER:
        return True
    return unicodedata.category(char) in ("Ps", "Pi", "Pd") or "\u3000" <= char <= "\u303f"


def _opens(context: str, index: int) -> bool:
    """A straight or single mark opens after a boundary (a straight double mark also
    right after Chinese or Japanese letters: 是"ブロック"), before a non-space."""
    before = context[index - 1] if index else ""
    after = context[index + 1] if index + 1 < len(context) else " "
    if before in "*_" and _letter(after) and _closes_emphasis(context, index):
        return False  # the possessive of an emphasised word: **FastAPI**'s
    if after.isspace() or (
        after in _NOT_AFTER_OPENING and not context.startswith("...", index + 1)
    ):
        return False  # no quotation starts with a stop or a closing mark: "", '.' (but '...')
    return _boundary(before) or (context[index] == '"' and bool(UNSPACED.match(before)))


def _closes_emphasis(context: str, index: int) -> bool:
    """Whether the emphasis marks before ``index`` close a word: a letter, or the end of a
    link or a code span, stands right before them (``**FastAPI**``, ``**[give](…)**``),
    where opening emphasis follows a space."""
    start = index
    while start > 0 and context[start - 1] in "*_":
        start -= 1
    return start > 0 and (_letter(context[start - 1]) or context[start - 1] in ")]`")


def _closes(context: str, index: int, later_closers: list[int]) -> bool:
    """Whether a straight or single mark closes the quotation open on it. Before a
    non-letter it does. Before a letter, a mark glued to the quoted words still closes
    where a suffix follows (Korean "기억"을, Turkish 'GitHub'da); a single one, which is
    also the apostrophe of ``don't``, only where Hangul follows or no later mark could
    close the quotation."""
    after = context[index + 1] if index + 1 < len(context) else " "
    if not _letter(after):
        return True
    before = context[index - 1] if index else " "
    # A mark right after another opens a quotation inside ('"incorrectly"'), unless that
    # one closes the quoted words before it ("Cannot find module 'react'"와).
    inner = before in "\"'" and (index < 2 or _boundary(context[index - 2]))
    if before.isspace() or inner or unicodedata.category(before) in ("Ps", "Pi"):
        return False
    if context[index] in '"\u201d\u00bb':
        return True
    return _HANGUL.match(after) is not None or bisect_right(later_closers, index) == len(
        later_closers
    )


def _single_closers(context: str) -> list[int]:
    """Where a single mark could close a quotation for sure: glued to a word, before a
    non-letter."""
    return [
        m.start()
        for m in _SINGLE_CLOSER.finditer(context)
        if m.start() and not context[m.start() - 1].isspace()
    ]


def scan_paragraph(
    text: str, context: str | None = None
) -> tuple[list[tuple[int, int, str]], list[StrayMark], tuple[int, str] | None]:
    """Quotations closed in one paragraph, stray marks, and the outermost mark left open
    at its end (it may continue in the next paragraph). Offsets are paragraph-relative.

    ``text`` is the paragraph as the rules read it (code blanked); ``context`` is the
    paragraph as written, whose characters tell a mark's neighbours (a possessive after
    a code span: ```<form>`'s``)."""
    context = text if context is None else context
    stack: list[tuple[str, int]] = []
    found: list[tuple[int, int, str]] = []
    strays: list[StrayMark] = []
    later_closers = _single_closers(context) if "'" in text or "\u2019" in text else []
    for match in _MARK.finditer(text):
        index, char = match.start(), match.group()
        if char == "'" and "'" in (text[index - 1 : index], text[index + 1 : index + 2]):
            continue  # wiki emphasis ''word'', not a quotation
        top = stack[-1][0] if stack else None
        if top is not None and char in CLOSERS[top]:
            if top in _SINGLE + '"\u201d\u00bb' and not _closes(context, index, later_closers):
                continue  # an apostrophe, or a straight quote inside a word
            opening, start = stack.pop()
            if not stack:
                found.append((start, index + 1, opening))
            continue
        if char == top and char in _CURLY_OPENERS and _glued(context, index):
            opening, start = stack.pop()  # “popcorning“: the closing mark mistyped
            strays.append(StrayMark(index, char, opened=False, instead_of=CLOSERS[char][-1]))
            if not stack:
                found.append((start, index + 1, opening))
            continue
        if char in _SAME_BOTH_WAYS and not stack and _opens(context, index):
            stack.append((char, index))  # Swedish and Finnish ”…” and »…», German »…«
            continue
        if char in _CLOSING_ONLY or char == "\u2019":
            if char != "\u2019" and not _separator(context, index):
                strays.append(StrayMark(index, char, opened=False))
            continue  # ’ is an apostrophe far more often than a stray closer
        if char in CLOSERS:
            if char in _SINGLE + '"' and not _opens(context, index):
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


def _glued(context: str, index: int) -> bool:
    """Whether a mark follows a word with no space: where a closing mark stands."""
    return index > 0 and not context[index - 1].isspace()


def _separator(context: str, index: int) -> bool:
    """A closing mark between spaces that closes nothing is a separator: ``Settings ›
    Pages``, ``Home » Blog``."""
    before = context[index - 1] if index else " "
    after = context[index + 1] if index + 1 < len(context) else " "
    return before.isspace() and after.isspace()


def _dialogue(paragraph: Segment, context: str) -> Quotation | None:
    """``— Text, — said he.``: a paragraph opening with a dash and a space (as written:
    not a dash after a code span, ```x` — это``)."""
    text = context
    lead = len(text) - len(text.lstrip())
    opening = next((dash for dash in _DASHES if text.startswith(dash, lead)), None)
    if opening is None or credit_line(text) is not None:
        return None  # not "— Thomas Jefferson", the credit under an epigraph
    body_start = lead + len(opening)
    stop = min((i for dash in _DASHES if (i := text.find(" " + dash, body_start)) != -1),
               default=len(text.rstrip()))  # fmt: skip
    return Quotation(paragraph.start + lead, paragraph.start + stop, opening)


def _closed_first(text: str, context: str, mark: str) -> int | None:
    """Where a paragraph closes a quotation left open above it, when the first mark it
    holds is one that closes ``mark`` and cannot open: ``Which will serve me best?"``."""
    for match in _MARK.finditer(text):
        index, char = match.start(), match.group()
        if char == "\u2019" or (char == "'" and _letter(context[index - 1 : index] or " ")):
            continue  # an apostrophe
        if char in CLOSERS[mark] and not (char in _SINGLE + '"' and _opens(context, index)):
            return index
        return None
    return None


def scan(paragraphs: list[Segment], written: str | None = None) -> QuoteScan:
    """Every outermost quotation and every unbalanced mark of a document's paragraphs;
    ``written`` is the document as written, where the paragraphs come from a view of it."""
    quotations: list[Quotation] = []
    strays: list[StrayMark] = []
    running: tuple[int, str, int] | None = None  # start, mark, paragraphs so far
    for paragraph in paragraphs:
        text = paragraph.text
        context = text if written is None else written[paragraph.start : paragraph.end]
        lead = len(text) - len(text.lstrip())
        if running is not None and not text.startswith(running[1], lead):
            start, mark, count = running
            running = None
            closing = _closed_first(text, context, mark)
            if closing is None:  # the quote did not reopen, and does not close: a stray
                strays.append(StrayMark(start, mark, opened=True))
            else:  # verse, or a quotation split by markup: it closes without reopening
                quotations.append(Quotation(start, paragraph.start + closing + 1, mark, count + 1))
                skip = closing + 1
                paragraph = Segment(paragraph.kind, paragraph.start + skip, paragraph.end,
                                    text[skip:], paragraph.index)  # fmt: skip
                text, context = text[skip:], context[skip:]
        dialogue = _dialogue(paragraph, context) if running is None else None
        if dialogue is not None:
            quotations.append(dialogue)
            continue
        found, stray, left_open = scan_paragraph(text, context)
        strays.extend(replace(s, offset=paragraph.start + s.offset) for s in stray)
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
