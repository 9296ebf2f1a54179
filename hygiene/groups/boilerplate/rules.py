"""The ``boilerplate`` group's Python rules: what phrase lists cannot see.

Page furniture with known words lives in the packs (``rules/boilerplate-*.toml``);
a template line of one source (a footer, a byline) has no known words, only the
fact that the run's other documents carry it too.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from hygiene.core.corpus import line_key, normalize
from hygiene.core.rule import Edit, Fix, Hit, RuleContext, rule
from hygiene.core.segment import Segment, first_body_line
from hygiene.groups.boilerplate.features import FEATURES
from hygiene.groups.boilerplate.furniture import Furniture, Scored
from hygiene.groups.boilerplate.layout import FURNITURE_SCOPES, LINK_WRITTEN, delete_line


@rule(
    "BP010",
    "boilerplate.corpus-repeat",
    severity="warning",
    scope="document",
    scopes=FURNITURE_SCOPES,
    options={"min-share": 0.01, "min-documents": 5},
    reads_corpus=True,
)
def corpus_repeat(segment: Segment, ctx: RuleContext) -> Iterator[Hit]:
    """A line that recurs verbatim in many documents of the run: a template line of the source.

    Why: Sites stamp every page with the same footer, byline template or disclaimer, and
    a scraper keeps it on every document; in a corpus it is the most repeated text of all.
    No phrase list knows a site's own template, but the run does: a line (white space and
    digits collapsed, 15 to 2,000 characters) held by more than ``min-share`` of the run's
    documents, and by at least ``min-documents`` of them, is reported with its count.
    Counts are hashed into a fixed-size table, so memory stays bounded on millions of
    documents, and a run that checks this rule reads its corpora twice. Only the records of
    JSON Lines corpora are counted: the files of a tree are what one run happens to be given
    (a pre-commit batch, a CI run on the whole tree), and a file's findings must not depend
    on its batch, so a run of files alone never reports it.

    Fix: Delete the line from every document (hygiene fix --unsafe-fixes), or strip the
    template where the corpus is built.

    Bad:
        The council approved the budget on Monday.

        Example Gazette is published by Example Media Group, Springfield.

    Good:
        The council approved the budget on Monday; only the Gazette's pages carry its footer.
    """
    counts = ctx.corpus
    if counts is None or ctx.document.record is None:  # files are never counted
        return
    if counts.documents < ctx.options["min-documents"]:
        return
    share = ctx.options["min-share"] * counts.documents
    document = ctx.document
    lines = ctx.segments.get("line")
    for line in lines:
        if line.start < document.body_start:
            continue
        normalized = normalize(line.text)
        if normalized is None:
            continue
        held_by = counts.documents_with(line_key(normalized))
        if held_by < ctx.options["min-documents"] or held_by <= share:
            continue
        lead = len(line.text) - len(line.text.lstrip())
        yield Hit(
            line.start + lead,
            line.start + len(line.text.rstrip()),
            f"line repeated in {held_by} of the run's {counts.documents} documents: "
            "a template line of the source",
            delete_line(ctx.written.text, line, ctx.written_lines()),
        )


_TERMINAL = regex.compile(r"[.!?…。！？।؟\"'”’»)\]]\s*$")
_MARKUP_PARAGRAPH = regex.compile(r"^\s*(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|\||>|<|!?\[)")
_TOKEN = regex.compile(r"\S+")
_ALPHABETIC = regex.compile(r"\p{L}")


@rule(
    "BP105",
    "boilerplate.unterminated-paragraph",
    severity="info",
    scope="paragraph",
    scopes=FURNITURE_SCOPES,
    enabled_by_default=False,
)
def unterminated_paragraph(segment: Segment, ctx: RuleContext) -> Iterator[Hit]:
    """A paragraph of prose that does not end with terminal punctuation.

    Why: C4 (Raffel et al. 2020) kept only lines ending in a terminal punctuation mark:
    menus, captions, buttons and truncated teasers end without one. This rule asks it of
    paragraphs, so hard-wrapped prose is judged by its last line; Markdown headings,
    lists, tables, quotes, code and front matter are left alone. Titles and verse trip it,
    hence opt-in.

    Fix: Finish the sentence, or delete the fragment if it is page furniture.

    Bad:
        The talks ended on Thursday.

        Click here for the full schedule of events

    Good:
        The talks ended on Thursday.

        Officials said they would resume next week.
    """
    document = ctx.document
    text = segment.text
    if segment.start < document.body_start or _MARKUP_PARAGRAPH.match(text):
        return
    if ctx.segments.in_code(segment.start) or _TERMINAL.search(text):
        return
    last = text.rsplit("\n", 1)[-1]
    start = len(text) - len(last) + (len(last) - len(last.lstrip()))
    yield Hit(start, len(text.rstrip()), "paragraph ends without terminal punctuation")


@rule(
    "BP106",
    "boilerplate.non-alphabetic-words",
    severity="info",
    scope="document",
    scopes=FURNITURE_SCOPES,
    options={"min-ratio": 0.8, "min-words": 50},
    enabled_by_default=False,
)
def non_alphabetic_words(segment: Segment, ctx: RuleContext) -> Iterator[Hit]:
    """A document where too few words contain a letter: tables, listings, debris.

    Why: Gopher (Rae et al. 2021) removed documents in which fewer than 80% of the words
    contain at least one alphabetic character: price tables, log dumps, lists of numbers,
    scraped navigation. Judged over the whole body, from ``min-words`` words up; data
    documents trip it on purpose, hence opt-in.

    Fix: Drop the document from a prose corpus, or move the data into a table format.

    Bad:
        12.4 13.1 11.9 10.0 9.8 14.2 15.0 16.1 12.4 13.1 11.9 10.0 9.8 14.2 15.0 16.1
        12.4 13.1 11.9 10.0 9.8 14.2 15.0 16.1 12.4 13.1 11.9 10.0 9.8 14.2 15.0 16.1
        12.4 13.1 11.9 10.0 9.8 14.2 15.0 16.1 12.4 13.1 11.9 10.0 9.8 14.2 15.0 16.1
        Prices in euros per kilo, by week.

    Good:
        The ministers met in Mexico City on Thursday to discuss trade, and agreed to meet
        again in the spring. Officials from both countries said the talks had been frank,
        and that a working group would prepare proposals on tariffs, migration and the
        border before the next meeting, which is expected to take place in Washington.
    """
    body = segment.text[ctx.document.body_start :]
    tokens = _TOKEN.findall(body)
    if len(tokens) < ctx.options["min-words"]:
        return
    ratio = sum(1 for token in tokens if _ALPHABETIC.search(token)) / len(tokens)
    if ratio >= ctx.options["min-ratio"]:
        return
    yield Hit(
        *first_body_line(segment.text, ctx.document.body_start),
        f"only {ratio:.0%} of the {len(tokens)} words contain a letter "
        f"(Gopher keeps documents from {ctx.options['min-ratio']:.0%})",
    )


# What a candidate shows, for the message: the features a reader can check at a glance.
_SHOWN = {
    "fragment": "a few words, no sentence stop",
    "label-colon": "a label before a colon",
    "counter": "a count",
    "separator": "separators or arrows",
    "alone": "alone between paragraphs",
    "first": "the first line",
    "last": "the last line",
    "short-run": "among short lines",
    "glued": "glued after the last sentence",
    "foreign-script": "in another script",
}


@rule(
    "BP011",
    "boilerplate.furniture",
    severity="warning",
    scope="document",
    scopes=FURNITURE_SCOPES,
    options={"edge-lines": 5, "favour-recall": False},
    defers=True,
    revision=3,
)
def furniture(segment: Segment, ctx: RuleContext) -> Iterator[Hit]:
    """Page furniture that no pack lists, known by its shape, its place and its words.

    Why: A scraper keeps a page's interface in its text, in the site's own words and in
    any language: "Print this page", "Kommentit (3)", "Ver más", a line of buttons, a
    label glued after the last sentence ("... on Monday. Read more"). Phrase lists know
    only the phrasings they were written from. This rule scores every short line, and
    every few words after a paragraph's last sentence, by its shape (few
    words, no sentence stop, a count, arrows, a trailing colon, a label before a colon),
    place (alone between paragraphs, first or last, among short lines), words (how much
    more often the localisation catalogues of 21 web applications and documentation
    themes write them than prose does, in 101 languages, and whether they are words of
    a page's furniture or of an application's labels) and the document (a heading's
    words come back in its section; a help page's prose is full of interface words). A
    hundred shallow decision trees weigh them. Lines that a more specific boilerplate rule
    reports, list items, table rows, code and emphasis, and lines whose link is still
    written are left alone. The trees and their thresholds (one for lines, one for the
    words glued after a sentence) are fitted on catalogues and prose kept apart from those
    they are measured on (``benchmarks/build_furniture.py``, ``benchmarks/furniture.py``).
    A line in another script is read too: a foreign interface label is a leftover of
    another language and page furniture at once. The thresholds are those at which the
    trees were right 99 times in 100 on candidates they had not seen, what a gate needs;
    ``favour-recall`` lowers them to 97 in 100, for a filter run over a corpus before
    ingest, where furniture kept costs more than a doubtful line dropped.

    Fix: Delete the line, or the words glued after the sentence (hygiene fix
    --unsafe-fixes).

    Bad:
        The council approved the budget on Monday, after a debate that lasted all night.

        The vote was close, and the opposition said it would challenge the result. Read more

    Good:
        The council approved the budget on Monday, after a debate that lasted all night.

        Budget talks resume

        The vote was close, and the opposition said it would challenge the result.
    """
    linked = ctx.document.format != "text"
    written = ctx.written_lines()
    edge_lines = ctx.options["edge-lines"]
    found = Furniture.of(ctx.document, ctx.segments, ctx.written, edge_lines, written)
    for scored in found.reported(ctx.options["favour-recall"]):
        if linked and LINK_WRITTEN.search(written[scored.line.index].text):
            continue  # the link is still there: the author's cross-reference
        yield Hit(scored.start, scored.end, _message(scored), _deletion(scored, ctx))


def _message(scored: Scored) -> str:
    """The probability, and what the candidate shows of its shape, place and words."""
    values = dict(zip(FEATURES, scored.features, strict=True))
    shown = [text for name, text in _SHOWN.items() if values[name]]
    share = values["interface-share"]
    if share:
        shown.append(f"{share:.0%} interface words")
    return f"page furniture ({scored.probability:.2f}): {', '.join(shown)}"


def _deletion(scored: Scored, ctx: RuleContext) -> Fix | None:
    """Delete the line, or the tail with the space that glued it."""
    if not scored.glued:
        return delete_line(ctx.written.text, scored.line, ctx.written_lines())
    start = scored.start
    while start > scored.line.start and ctx.written.text[start - 1] in " \t":
        start -= 1
    deletion = Edit(start, scored.end, "")
    return Fix("delete the words glued after the sentence", "unsafe", (deletion,))


RULES = (corpus_repeat, unterminated_paragraph, non_alphabetic_words, furniture)
