"""How each line stands in its document: its bare words, and whether it stands alone.

Page furniture is recognised by context as much as by words: a boilerplate line is a
short line of its own, not the middle of a wrapped sentence, not code, often at the
top or the bottom of the text. ``LineLayout`` computes that context once per
document; every boilerplate rule reads the same layout.

A line in another script than the document's is marked ``foreign`` (a feature of the
furniture model); every boilerplate rule reads it, as a foreign interface label is both a
stray language (LG001 names it) and furniture. Latin lines are never
foreign here: Latin is the script of the web's interface chrome everywhere (``WATCH:`` in
a Japanese page).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import regex

from hygiene.core.document import Document
from hygiene.core.rule import Edit, Fix
from hygiene.core.segment import Segment, Segmenter
from hygiene.text.scripts import at_home, main_script
from hygiene.text.whitespace import single_spaced

# Longer lines are prose: no furniture label, button or notice runs this long.
# What furniture rules read: prose and a page's furniture; an authored heading or table is
# not furniture.
FURNITURE_SCOPES = frozenset({"prose", "furniture"})
MAX_LINE = 400
# A line this long that does not end a sentence wraps into the next one.
WRAP_WIDTH = 50
NEIGHBOUR_REACH = 1000  # characters of the text beside a line that tell what it stands among

# A link as the formats that write links write it: [text](url), [text][ref], <a href>,
# `text <url>`_, link:url[text].
LINK_WRITTEN = regex.compile(r"\]\(|\]\[|<a\s|`_|\b(?:link|xref):[^\s\[]*\[", regex.I)
LINK = regex.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
LEAD = regex.compile(r"^(?:\s+|#{1,6}(?=\s)|>|[-*+•·▪◦►▶▸→»›|](?=\s))*")
EDGE_MARKS = "*_[](){}<>"
COUNT_BEFORE = regex.compile(r"^[(\[#]?\d[\d.,]*[kKmM]?[)\]]?(?:\s+|(?=\p{Lu}))")
COUNT_AFTER = regex.compile(r"\s+[(\[#]?\d[\d.,]*[kKmM]?[)\]]?$")
_SENTENCE_END = regex.compile(r"[.!?…:;。！？」』\"”»)\]]\s*$")
_LINK_ARROW = regex.compile(r"[^\s»›→]\s*(?:»|›|→|>>)$")
_ARROWS = ("»", "›", "→", ">>")
_EMPHASISED = regex.compile(r"(\*\*|__|\*|_)[^*_\n]+\1:?")
_LIST_ITEM = regex.compile(r"[ \t]{0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S")


# The characters LEAD can start with: most lines and phrases have none of them there, and
# skip the regex (a third of a pack's load time).
_LEAD_FIRST = frozenset("#>-*+•·▪◦►▶▸→»›|")
# The marks a line's end loses one at a time (with white space, and "..." as one mark).
_TRAIL_MARKS = frozenset(":：»›→>|•·▼▾↓↑▸►*_])-–—…")
_SPACE = regex.compile(r"\s").match  # not all that str.isspace calls white space (\x1c)
# Likewise for a count opening a line: its first character, besides a digit (``\d``, as
# ``str.isdecimal``: any script's digits).
_COUNT_FIRST = frozenset("([#")


def label_text(text: str) -> str:
    """A line without its Markdown link syntax and leading marks (heading, quote, bullet)."""
    if "[" in text:
        text = LINK.sub(r"\1", text)
    if text[:1] in _LEAD_FIRST or text[:1].isspace():
        text = LEAD.sub("", text)
    return text.strip()


def _without_trail(text: str) -> str:
    """``text`` without the marks and white space at its end, read from the end (a regex
    anchored at the end was tried at every position of every line ending with a stop)."""
    end = len(text)
    while end:
        last = text[end - 1]
        if last in _TRAIL_MARKS or (last.isspace() and _SPACE(last)):
            end -= 1
        elif text.endswith("...", 0, end):  # a stop is a mark only as an ellipsis
            end -= 3
        else:
            break
    return text[:end]


def _may_end_with_count(text: str) -> bool:
    """Whether ``COUNT_AFTER`` can match: its digits, read back from the end past a bracket,
    a k or m and the stops and commas among them, end in a digit. Most lines end with a stop
    after a word, and are spared the regex that tries every position."""
    if text[-1:] in ")]":
        text = text[:-1]
    if text[-1:] in ("k", "K", "m", "M"):
        text = text[:-1]
    return text.rstrip(".,")[-1:].isdecimal()


def bare(label: str) -> tuple[str, bool]:
    """The words of a line (its ``label_text``) as phrases are compared, with no marks,
    counts or spacing, case-folded; and whether a count was taken away.

    ``**Comments (12)** »`` and ``12 comments`` both become ``comments``, counted.
    """
    core = _without_trail(label.strip(EDGE_MARKS + " ")).strip(EDGE_MARKS + " ")
    words = core
    if core[:1] in _COUNT_FIRST or core[:1].isdecimal():
        words = COUNT_BEFORE.sub("", words)
    if _may_end_with_count(words):
        words = COUNT_AFTER.sub("", words)
    if words != core:  # the marks before a count: "Comments: 9"
        words = _without_trail(words)
    return single_spaced(words).casefold().strip(), words != core


def whole_line(bare_text: str) -> str:
    """A bare line as whole-line phrases are compared: a final period goes when three words
    or more precede it (``Comments are closed.``), not after one or two, where it makes a
    sentence of a button (``I agree.``)."""
    if bare_text.endswith(".") and not bare_text.endswith("..") and bare_text.count(" ") >= 2:
        return bare_text[:-1]
    return bare_text


def normalize_phrase(phrase: str) -> str:
    """A phrase from a pack, prepared like a line's bare text: without the marks a line
    loses before it is compared (``+ commentés`` is the line ``commentés`` with a bullet),
    which a phrase would otherwise keep and never match."""
    return single_spaced(_without_trail(label_text(phrase))).casefold().strip()


@dataclass(frozen=True, slots=True)
class Candidate:
    """A line short enough and alone enough to be page furniture."""

    line: Segment
    start: int  # the line's first and last visible characters, in document offsets
    end: int
    label_text: str  # for label matching, original case
    bare: str
    whole: str  # bare, as whole-line phrases compare it
    at_edge: bool
    counted: bool  # a count beside the words: "12 Comments" is furniture wherever it stands
    in_menu: bool  # first or last, or touching another short line: where menus and buttons sit
    linked: bool  # ends with a link arrow after its words: "More Sports »"
    position: int  # among the document's non-blank body lines
    foreign: bool  # in another script than the document's, and not Latin


class LineLayout:
    """The candidate lines of one document, in order."""

    def __init__(self, document: Document, segments: Segmenter, edge_lines: int) -> None:
        lines = segments.get("line")
        self.text = document.text
        self.paragraphs = [p for p in segments.get("paragraph") if p.end > document.body_start]
        self._starts = [paragraph.start for paragraph in self.paragraphs]
        body = [
            line
            for line in lines
            if line.text.strip()
            and line.start >= document.body_start
            and not segments.in_code(line.start)
        ]
        edges = {line.index for line in (*body[:edge_lines], *body[-edge_lines:])}
        home = main_script(document.text[document.body_start :])
        # Where lines are wrapped by the writer (Markdown, HTML, reStructuredText), one
        # paragraph's lines are one run of text however short: a line that carries on the
        # sentence above, runs on into the next, or (where blank lines part paragraphs)
        # heads a paragraph of running text with no blank line between them, is a piece
        # of it.
        wrap_width = WRAP_WIDTH if document.format == "text" else 0
        # Where blank lines part paragraphs (not in HTML, whose tags do).
        blank_separated = document.format in ("markdown", "rst", "asciidoc")
        self.body_lines = len(body)
        self.candidates: list[Candidate] = []
        for position, line in enumerate(body):
            text = line.text
            stripped = text.strip()
            if len(stripped) > MAX_LINE or _continues(lines, line.index, wrap_width):
                continue
            if not wrap_width and (_runs_on(lines, line.index) or _unclosed(stripped)):
                continue
            if blank_separated and _heads(lines, line.index):
                continue
            script = main_script(stripped)
            foreign = bool(
                script and script != "Latin" and home and not at_home(script, frozenset({home}))
            )
            lead = len(text) - len(text.lstrip())
            around = (
                lines[max(0, line.index - 1) : line.index] + lines[line.index + 1 : line.index + 2]
            )
            touching = [n for n in around if n.text.strip()]
            label = label_text(stripped)
            words, counted = bare(label)
            self.candidates.append(
                Candidate(
                    line=line,
                    start=line.start + lead,
                    end=line.start + lead + len(stripped),
                    label_text=label,
                    bare=words,
                    whole=whole_line(words),
                    at_edge=line.index in edges,
                    counted=counted,
                    in_menu=position in (0, len(body) - 1)
                    or any(len(n.text.strip()) < WRAP_WIDTH for n in touching),
                    linked=label.endswith(_ARROWS) and _LINK_ARROW.search(label) is not None,
                    position=position,
                    foreign=foreign,
                )
            )

    def neighbours(self, line: Segment) -> tuple[str | None, str | None]:
        """The text above and below ``line``: the rest of its own paragraph on that side,
        or the paragraph beyond the blank line; None at the body's edge. At most
        ``NEIGHBOUR_REACH`` characters of each, so that every line of a paragraph of
        thousands of short lines does not read the whole paragraph."""
        at = bisect_right(self._starts, line.start) - 1
        if at < 0:
            return None, None
        own = self.paragraphs[at]
        reach = NEIGHBOUR_REACH
        above = self.text[max(own.start, line.start - reach) : line.start].strip()
        below = self.text[line.end : min(own.end, line.end + reach)].strip()
        if not above and at > 0:
            above = self.paragraphs[at - 1].text[-reach:]
        if not below and at + 1 < len(self.paragraphs):
            below = self.paragraphs[at + 1].text[:reach]
        return above or None, below or None

    @staticmethod
    def of(document: Document, segments: Segmenter, edge_lines: int) -> LineLayout:
        """The layout of a document, computed once for all the rules that read it."""
        return segments.memo(
            ("line-layout", edge_lines), lambda: LineLayout(document, segments, edge_lines)
        )


def _continues(lines: list[Segment], index: int, wrap_width: int = WRAP_WIDTH) -> bool:
    """Whether a line carries on a wrapped sentence from the line above: it opens with a
    lower-case letter after a line of ``wrap_width`` or more that did not end a sentence
    (a headline above a capitalised 'Advertisement' ends nothing)."""
    if index == 0:
        return False
    opening = lines[index].text.lstrip()[:1]
    if not opening.islower():  # a count or a mark first: "3 commentaires" is a line of its own
        return False
    previous = lines[index - 1].text.strip()
    return bool(previous) and len(previous) >= wrap_width and not _SENTENCE_END.search(previous)


def _unclosed(text: str) -> bool:
    """Whether a line opens a bracket it does not close: the rest of its sentence is on
    the lines below (``(More on encodings can be found in``)."""
    return text.count("(") > text.count(")") or text.count("[") > text.count("]")


def leads_in(lines: list[Segment], index: int) -> bool:
    """Whether a line leads in to what follows, as ``See also:`` or ``**Related**`` over a
    list of links, or ``More about the new members:`` over paragraphs about them: it ends
    with a colon or is emphasised whole, and the next line that is not blank is a list
    item or a line of running text. (``WATCH: Title`` leads in to nothing.)"""
    text = lines[index].text.strip()
    if not (text.endswith((":", "\N{FULLWIDTH COLON}")) or _EMPHASISED.fullmatch(text)):
        return False
    for line in lines[index + 1 : index + 3]:
        if line.text.strip():
            return _LIST_ITEM.match(line.text) is not None or _running(line)
    return False


def _runs_on(lines: list[Segment], index: int) -> bool:
    """Whether line ``index`` runs on into the next: no sentence ends at its end and the
    next line opens in lower case. Any width counts here, where ``_continues`` asks for a
    long line: a short line may still be the head of a sentence that deleting it would
    cut ("Subscribe to our newsletter / for the latest news")."""
    if index < 0 or index + 1 >= len(lines):
        return False
    text = lines[index].text.strip()
    opens_lower = lines[index + 1].text.lstrip()[:1].islower()
    return bool(text) and opens_lower and not _SENTENCE_END.search(text)


def _heads(lines: list[Segment], index: int) -> bool:
    """Whether line ``index`` heads a paragraph: the next line, with no blank line between
    them, is running text (``About Node.js Foundation`` over the paragraph about it)."""
    return index + 1 < len(lines) and _running(lines[index + 1])


def _running(line: Segment) -> bool:
    """Whether a line is running text: as long as a writer's wrapped line."""
    return len(line.text.strip()) >= WRAP_WIDTH


def delete_line(text: str, line: Segment, lines: list[Segment]) -> Fix | None:
    """The unsafe fix every furniture rule offers: delete the line with the line break
    before it, and a blank line beside it when it stood alone, so that no double blank
    line is left behind. The first line goes with the blank lines after it.

    A line that a wrapped sentence runs into or out of is offered no fix: deleting it
    alone would leave the rest of the sentence dangling, and the rest is text the rule
    did not read. Furniture goes whole or not at all."""
    index = line.index
    if _runs_on(lines, index - 1) or _runs_on(lines, index):
        return None
    if index == 0:
        following = next((n for n in lines[1:] if n.text.strip()), None)
        start, end = 0, following.start if following is not None else len(text)
    else:
        start, end = lines[index - 1].end, line.end
        blank_before = not lines[index - 1].text.strip()
        blank_after = index + 1 >= len(lines) or not lines[index + 1].text.strip()
        if blank_before and blank_after and index >= 2:
            start = lines[index - 2].end
    return Fix("delete the line", "unsafe", (Edit(start, end, ""),))
