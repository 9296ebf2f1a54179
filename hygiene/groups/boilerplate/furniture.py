"""Page furniture by its shape, place and words: one score per line, no phrase listed.

A scraper leaves a page's interface in its text: buttons, labels, notices. The packs know
the phrasings they were written from; this model knows furniture it has never seen by what
furniture shares in every language. Its shape: short, ending no sentence, a count or an
arrow beside its words. Its place: alone between paragraphs, at the top or the bottom,
among other short lines, or glued after the last sentence of a paragraph. Its words: those
that interface catalogues write far more often than prose does (``interface-words.json``),
and among them those of a page's own furniture (share, next, comments) rather than of an
application's labels (security, keyboard), which help pages are written about.

Each candidate is described by ``features.FEATURES``; shallow decision trees
(``furniture-model.json``, read by ``trees``) turn them into a probability. Both files are
written by ``benchmarks/build_furniture.py`` from catalogues and prose kept apart from the
ones the model is measured on.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache, cached_property

import regex

from hygiene.core.document import Document
from hygiene.core.segment import Segment, Segmenter, split_lines
from hygiene.groups.boilerplate.features import COLON_END, FEATURES, describe, is_prose
from hygiene.groups.boilerplate.interface import (
    DocumentWords,
    InterfaceWords,
    echo_below,
    interface_words,
    is_word,
    tokens,
)
from hygiene.groups.boilerplate.layout import Candidate, LineLayout
from hygiene.groups.boilerplate.tails import glued_tail
from hygiene.groups.boilerplate.trees import Model, read_model

# An author's structure written in the line: a list item, a table row, a quotation, a
# heading, code or emphasis; in a markup format also a line that opens, after any tags,
# with a bracket (a reference or wiki link, a directive such as ``[[TOC]]``) or with a
# container's marks (``/// warning | Note``, ``!!! tip``, ``:::``). The author wrote it; a
# scraper leaves none of these marks.
_AUTHORED = regex.compile(r"^\s*(?:[-*+]\s|\d{1,3}[.)]\s|\||>|#)|`|\*\*|__")
_MARKUP_AUTHORED = regex.compile(r"^\s*(?:<[^>\n]*>\s*)*(?:\[|/{3,}|!{3}|\?{3}|:{3})")
# An element opening: in Markdown, the lines right inside it are the component's content
# (``<ConsoleBlock level="error">``), written by the author.
_OPENING_TAG = regex.compile(r"^\s*<[A-Za-z]")


@cache
def furniture_model() -> Model:
    """The model as ``benchmarks/build_furniture.py`` fitted it."""
    return read_model(FEATURES)


@dataclass(frozen=True, slots=True)
class Scored:
    """A candidate span, what it looks like to the model, and the model's probability."""

    start: int
    end: int
    text: str
    line: Segment
    glued: bool
    features: tuple[float, ...]
    probability: float


class Furniture:
    """Every candidate of one document, scored: the lines of its layout, and the tails
    glued to the last line of a paragraph. ``written`` is the document as written, where
    ``document`` is the view the rule reads (its code and headings blanked)."""

    def __init__(
        self,
        document: Document,
        segments: Segmenter,
        written: Document,
        edge_lines: int,
        model: Model | None = None,
        vocabulary: InterfaceWords | None = None,
        written_lines: list[Segment] | None = None,
    ) -> None:
        layout = LineLayout.of(document, segments, edge_lines)
        lines = segments.get("line")
        self._written_lines: list[Segment] | None = None
        if written is not document:
            self._written_lines = written_lines or split_lines(written.text)
        self._lines = lines
        self._markup = written.format != "text"
        self._markdown = written.format == "markdown"
        self._model = model or furniture_model()
        self._vocabulary = vocabulary or interface_words()
        self._document = document
        self.scored: list[Scored] = []
        for candidate in layout.candidates:
            text = document.text[candidate.start : candidate.end]
            if self._authored(candidate.line.index):
                continue
            place = _line_place(candidate, lines, layout, text, self._vocabulary)
            place["before-list"] = self._before_list(candidate.line.index)
            if place["before-list"] and COLON_END.search(text):
                continue  # a lead-in: "This will create:" over a list or code
            self._add(candidate.line, candidate.start, candidate.end, text, place, glued=False)
        paragraphs = layout.paragraphs
        for number, paragraph in enumerate(paragraphs):
            if segments.in_code(paragraph.start):
                continue
            last = lines[_line_index(lines, paragraph.end)]
            text = last.text.rstrip()
            tail = glued_tail(text)
            if tail is None or self._authored(last.index):
                continue
            if COLON_END.search(tail) and self._before_list(last.index):
                continue  # a lead-in glued to its sentence: "... For example:" over code
            following = paragraphs[number + 1].text if number + 1 < len(paragraphs) else None
            if following is not None and following.lstrip()[:1].islower():
                continue  # the words run on below: a line broken mid-sentence ("She re")
            tail_place: dict[str, float] = {
                "glued": True,
                "last": following is None,
                "prose-before": True,
                "prose-after": following is not None and is_prose(following),
            }
            start = last.start + len(text) - len(tail)
            self._add(last, start, last.start + len(text), tail, tail_place, glued=True)

    @cached_property
    def _document_words(self) -> DocumentWords:
        """The whole document's words, read once a candidate is scored: a document with
        none (one long line of text) is not read word by word for nothing."""
        body = self._document.text[self._document.body_start :]
        return DocumentWords(body, self._vocabulary)

    def _written(self, index: int) -> str:
        if self._written_lines is None:
            return self._lines[index].text
        return self._written_lines[index].text if index < len(self._written_lines) else ""

    def _authored(self, index: int) -> bool:
        """Whether the line as written carries the author's marks (list, table, code ...),
        or in Markdown sits right inside an element the author opened."""
        written = self._written(index)
        if self._markup and _MARKUP_AUTHORED.match(written):
            return True
        if self._markdown and _OPENING_TAG.match(self._written_above(index)):
            return True
        return _AUTHORED.search(written) is not None

    def _written_above(self, index: int) -> str:
        """The nearest non-blank line above ``index``, as written."""
        for above in range(index - 1, -1, -1):
            if self._written(above).strip():
                return self._written(above)
        return ""

    def _before_list(self, index: int) -> bool:
        """Whether the next written line opens a list, a table, code or a quotation, or is
        structure the rule's view blanks: what a lead-in line ("This will create:")
        introduces."""
        for following in range(index + 1, len(self._lines)):
            written = self._written(following)
            if written.strip():
                return not self._lines[following].text.strip() or self._authored(following)
        return False

    def _add(
        self,
        line: Segment,
        start: int,
        end: int,
        text: str,
        place: Mapping[str, float],
        glued: bool,
    ) -> None:
        features = describe(text, place, self._vocabulary, self._document_words)
        probability = self._model.probability(features)
        self.scored.append(Scored(start, end, text, line, glued, features, probability))

    @staticmethod
    def of(
        document: Document,
        segments: Segmenter,
        written: Document,
        edge_lines: int,
        written_lines: list[Segment],
    ) -> Furniture:
        """The scored candidates of a document, computed once (``written_lines``: the
        lines of ``written``, as the rule's context keeps them split)."""
        return segments.memo(
            ("furniture", edge_lines),
            lambda: Furniture(document, segments, written, edge_lines, None, None, written_lines),
        )

    def reported(self, favour_recall: bool = False) -> Iterator[Scored]:
        """The candidates the model calls furniture, at its strict thresholds or at those
        that favour recall, and that hold a word: a label has one, and a line of a letter
        or two (``é``, ``C``, what a repair of mojibake may leave) is debris, whose score
        would change with each repair."""
        thresholds = self._model.favour_recall if favour_recall else self._model.strict
        return (
            scored
            for scored in self.scored
            if scored.probability >= (thresholds.glued if scored.glued else thresholds.lines)
            and any(map(is_word, tokens(scored.text)))
        )


def _line_index(lines: list[Segment], offset: int) -> int:
    """The index of the line that ends at ``offset`` (a paragraph's last line)."""
    return min(bisect_left(lines, offset, key=lambda line: line.end), len(lines) - 1)


def _line_place(
    candidate: Candidate,
    lines: list[Segment],
    layout: LineLayout,
    text: str,
    vocabulary: InterfaceWords,
) -> dict[str, float]:
    """Where a candidate line stands: alone, at an edge, among short lines, beside prose,
    over text that writes its words (``text``: the line's visible text)."""
    index = candidate.line.index
    before = lines[index - 1].text.strip() if index else ""
    after = lines[index + 1].text.strip() if index + 1 < len(lines) else ""
    previous, following = layout.neighbours(candidate.line)
    inner = 0 < candidate.position < layout.body_lines - 1
    return {
        "alone": not before and not after,
        "first": candidate.position == 0,
        "last": candidate.position == layout.body_lines - 1,
        "near-edge": candidate.at_edge and inner,
        "short-run": candidate.in_menu and inner,
        "prose-before": previous is not None and is_prose(previous),
        "prose-after": following is not None and is_prose(following),
        "foreign-script": candidate.foreign,
        "echo-next": echo_below(tokens(text), following, vocabulary),
    }
