"""Where a text came from and who said what in it: the document's provenance.

Three parts, each computed once per document and shared by the provenance rules and
the report: the quotations with their attribution, the source credits written in
the text (``(Reuters) -``, ``told VOA``, ``AP Photo/...``, ``Copyright 2017 ...``),
and the source fields of its metadata (front matter, JSON Lines fields).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import regex

from hygiene.core.document import Document, Span
from hygiene.core.rule import RuleContext
from hygiene.core.segment import Segment, Segmenter
from hygiene.core.structure.html import html_regions
from hygiene.groups.provenance.attribution import (
    Attributed,
    attribute,
    sentence_bounds,
    vague_sources,
)
from hygiene.groups.provenance.quotes import Quotation, StrayMark, scan
from hygiene.groups.provenance.shape import KindAt, all_prose, credit_line, lead_in_above
from hygiene.groups.provenance.speakers import WINDOW
from hygiene.groups.provenance.speech import speech_lexicon

SOURCE_FIELDS = ("url", "source", "license", "date", "author", "lang", "sha256")

# Credits a newsroom writes into the text. Each names its source in the group "source".
_NAME = r"[\p{Lu}][\p{L}\p{N}&.'’-]*"
_AGENCIES = "AP|AFP|Reuters|Getty Images|EPA|Xinhua|Bloomberg|UPI"
_AGENCY = r"\((?P<source>[\p{Lu}][\p{L}\p{N} &.-]{1,40})\)\s*[-–—]"
CREDIT_PATTERNS = (
    ("dateline", rf"^(?:[\p{{Lu}}][\p{{Lu}}\p{{L}} .,'’-]{{0,60}})?{_AGENCY}"),
    ("told", rf"\btold (?P<source>(?:the )?{_NAME}(?: {_NAME}){{0,3}})"),
    ("photo", rf"\b(?P<source>{_AGENCIES})(?: Photo)?/[\p{{L}} .'’-]{{1,40}}"),
    (
        "copyright",
        r"(?i:copyright|©)\s*(?:\(c\)\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s*)?"
        r"(?P<source>[\p{Lu}][\p{L}\p{N}&.,'’ -]{1,60}?)(?=[.|]|\s*(?i:all rights)|$)",
    ),
)  # fmt: skip
_CREDITS = [(kind, regex.compile(pattern, regex.MULTILINE)) for kind, pattern in CREDIT_PATTERNS]
# A line holding a word, from its first character past white space and block-quote marks.
_WORDED_LINE = regex.compile(r"(?<=^[ \t>]*)(?=[^\n]*\w)[^\s>]", regex.MULTILINE)


@dataclass(frozen=True, slots=True)
class Credit:
    """A source named in the text: its kind, the source's name and where it is written."""

    kind: str
    source: str
    start: int
    end: int


@dataclass(frozen=True)
class DocumentProvenance:
    """Everything the provenance rules and the report read, found once per document."""

    quotations: tuple[Attributed, ...]
    strays: tuple[StrayMark, ...]
    credits: tuple[Credit, ...]
    sources: Mapping[str, Any]
    vague: tuple[tuple[int, int], ...] = ()  # anonymous sourcing outside quotations


def provenance_of(
    document: Document,
    segments: Segmenter,
    written: str | None = None,
    kind_at: KindAt = all_prose,
) -> DocumentProvenance:
    """The document's provenance, computed once per Segmenter. Where ``document`` is a
    view with code blanked, ``written`` is its text as written and ``kind_at`` the scope
    of each offset: a mark's neighbours and a quotation's place are read there."""
    return segments.memo("provenance", lambda: _compute(document, segments, written, kind_at))


def provenance_in(ctx: RuleContext) -> DocumentProvenance:
    """The provenance of the document a rule (or a facet) reads."""
    return provenance_of(ctx.document, ctx.segments, ctx.written.text, ctx.kind_at)


def _compute(
    document: Document, segments: Segmenter, written: str | None, kind_at: KindAt
) -> DocumentProvenance:
    paragraphs = [
        p for p in segments.get("paragraph")
        if p.start >= document.body_start and not segments.in_code(p.start)
    ]  # fmt: skip
    found = scan(paragraphs, written)
    attributed: list[Attributed] = []
    vague: list[tuple[int, int]] = []
    starts = [p.start for p in paragraphs]
    by_paragraph: dict[int, list[Quotation]] = {}
    for quotation in found.quotations:
        by_paragraph.setdefault(bisect_right(starts, quotation.start) - 1, []).append(quotation)
    lexicon = speech_lexicon()
    for number, paragraph in enumerate(paragraphs):
        starting = by_paragraph.get(number, [])
        if not starting and not lexicon.may_source(paragraph.text):
            continue  # no quotation, and no word a source phrase needs: most paragraphs
        sentences = sentence_bounds(paragraph.text, starting, paragraph.start)
        for quote in attribute(paragraph.text, paragraph.start, starting, sentences, kind_at):
            if quote.attribution == "none" and quote.quotation.paragraphs > 1:
                # A quote over several paragraphs may be attributed after it closes.
                last = paragraphs[bisect_right(starts, quote.quotation.end - 1) - 1]
                alone = [quote.quotation]
                bounds = sentence_bounds(last.text, alone, last.start)
                retry = attribute(last.text, last.start, alone, bounds, kind_at)[0]
                quote = retry if retry.attribution != "none" else quote
            if quote.attribution == "none" and quote.kind == "quote":
                below = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
                quote = _credited_below(quote, paragraph, _block_under(paragraph, below, written))
            if quote.attribution == "none" and quote.kind == "quote" and number:
                quote = _introduced_above(quote, paragraph, paragraphs[number - 1])
            attributed.append(quote)
        vague.extend(vague_sources(paragraph.text, paragraph.start, starting, sentences))
    credits = []
    for kind, pattern in _CREDITS:
        for match in pattern.finditer(document.text, document.body_start):
            source = match.group("source").strip(" .,")
            credits.append(Credit(kind, source, match.start(), match.end()))
    sources = {key: document.metadata[key] for key in SOURCE_FIELDS if key in document.metadata}
    return DocumentProvenance(
        tuple(attributed),
        found.strays,
        tuple(sorted(credits, key=lambda c: (c.start, c.kind))),
        sources,
        tuple(sorted(set(vague))),
    )


def _block_under(paragraph: Segment, below: Segment | None, written: str | None) -> Segment | None:
    """The block under a paragraph as a reader sees it. Where the view blanked it (an
    HTML block in Markdown: ``<div>Kabir Khan - <strong>Microsoft</strong></div>``), its
    first line as written with the tags taken out."""
    if written is None:
        return below
    tail = written[paragraph.end : paragraph.end + WINDOW]  # bounded: linear
    # The first written line with a word: a block quote's empty line (">") holds none.
    found = _WORDED_LINE.search(tail)
    if found is None:
        return below
    start = paragraph.end + found.start()
    if below is not None and start >= below.start:
        return below
    end = written.find("\n", start, start + WINDOW)
    line = written[start : start + WINDOW if end == -1 else end]
    shown = list(line)
    for region in html_regions(line):
        shown[region.start : region.end] = " " * (region.end - region.start)
    return Segment("paragraph", start, start + len(line), "".join(shown), -1)


def _introduced_above(quote: Attributed, paragraph: Segment, above: Segment) -> Attributed:
    """A quotation that opens its paragraph, introduced by the paragraph above it."""
    before = quote.quotation.start - paragraph.start
    if before > WINDOW or paragraph.text[:before].strip(" >*_~-\t"):
        return quote
    return _named_in(quote, above, lead_in_above(above.text))


def _credited_below(quote: Attributed, paragraph: Segment, below: Segment | None) -> Attributed:
    """A quotation that ends its paragraph, credited by the paragraph under it."""
    after = quote.quotation.end - paragraph.start
    if below is None or len(paragraph.text) - after > WINDOW:
        return quote
    if paragraph.text[after:].strip(" .\n_*~"):
        return quote
    return _named_in(quote, below, credit_line(below.text))


def _named_in(quote: Attributed, segment: Segment, span: tuple[int, int] | None) -> Attributed:
    """The quotation attributed to the words at ``span`` of ``segment``, if any."""
    if span is None:
        return quote
    speaker = segment.text[span[0] : span[1]]
    where = (segment.start + span[0], segment.start + span[1])
    return replace(quote, attribution="named", speaker=speaker, speaker_span=where)


@dataclass(frozen=True, slots=True)
class QuoteRecord:
    """A quotation as the report gives it."""

    span: Span
    kind: str
    attribution: str
    speaker: str | None
    speaker_span: Span | None
    verb: str | None
    carried: bool


@dataclass(frozen=True, slots=True)
class CreditRecord:
    """A source credit as the report gives it."""

    kind: str
    source: str
    span: Span


@dataclass(frozen=True)
class ProvenanceRecord:
    """A document's provenance for the report: quotations, credits, source fields."""

    quotations: tuple[QuoteRecord, ...]
    credits: tuple[CreditRecord, ...]
    sources: Mapping[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """The provenance as the report's document list gives it."""
        return {
            "quotations": [
                {
                    "span": q.span.to_dict(),
                    "kind": q.kind,
                    "attribution": q.attribution,
                    "speaker": q.speaker,
                    "speaker_span": None if q.speaker_span is None else q.speaker_span.to_dict(),
                    "verb": q.verb,
                    "carried": q.carried,
                }
                for q in self.quotations
            ],
            "credits": [
                {"kind": c.kind, "source": c.source, "span": c.span.to_dict()} for c in self.credits
            ],
            "sources": dict(sorted(self.sources.items())),
        }


def provenance_record(document: Document, found: DocumentProvenance) -> ProvenanceRecord:
    """Place the provenance's offsets as spans of the document."""
    quotes = tuple(
        QuoteRecord(
            span=document.span(q.quotation.start, q.quotation.end),
            kind=q.kind,
            attribution=q.attribution,
            speaker=q.speaker,
            speaker_span=document.span(*q.speaker_span) if q.speaker_span else None,
            verb=q.verb,
            carried=q.carried,
        )
        for q in found.quotations
    )
    credits = tuple(
        CreditRecord(c.kind, c.source, document.span(c.start, c.end)) for c in found.credits
    )
    return ProvenanceRecord(quotes, credits, found.sources)
