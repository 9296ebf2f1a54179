"""Where in a document a text sits: what is not prose (front matter, code), what is a
title, and which edge of the document a leftover is near."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import regex

from hygiene.core.document import Document
from hygiene.core.rule import RuleContext
from hygiene.core.segment import Segment, enclosing
from hygiene.core.structure import PROSE
from hygiene.text.garbled import garbled
from hygiene.text.scripts import line_script_counts

# What the language rules read: prose, but not a link's text, which is often the title of
# what it links to, kept in that page's language (a talk, a package, a person's name).
LANGUAGE_SCOPES = PROSE - {"link"}


def skipped(ctx: RuleContext, segment: Segment) -> bool:
    """Front matter and Markdown code blocks are not prose, and mojibake is no language:
    its letters are what a wrong codec made of the text's (the encoding rules report it)."""
    if segment.start < ctx.document.body_start:
        return True
    if ctx.document.format == "markdown" and ctx.segments.in_code(segment.start):
        return True
    return garbled(segment.text)


def prose_paragraphs(ctx: RuleContext) -> list[Segment]:
    """The paragraphs the language rules read: all but front matter, code and mojibake."""
    return [paragraph for paragraph in ctx.segments.get("paragraph") if not skipped(ctx, paragraph)]


def heading(
    candidate: Segment, document: Document, kind_at: Callable[[int], str] | None = None
) -> bool:
    """A Markdown heading or image, or (``kind_at`` telling) any region the document model
    calls a heading, a definition list's term too: a title and an image's alt text name
    things (``![templates]``, ``paginator``), and their few words are judged only against
    the interface-label lexicon."""
    text = candidate.text
    if document.format == "markdown" and text.lstrip().startswith(("#", "![")):
        return True
    return kind_at is not None and opening_kind(text, candidate.start, kind_at) == "heading"


def opening_kind(text: str, start: int, kind_at: Callable[[int], str]) -> str:
    """The scope ``text`` (at ``start`` in the document) opens in: that of its first
    character past white space, where a list item's or a heading's mark stands."""
    return kind_at(start + len(text) - len(text.lstrip()))


# An element opening (``<ConsoleBlock level="error">``): in Markdown and MDX, the lines
# right inside it are a component's content, often a program's output.
_OPENING_TAG = regex.compile(r"^\s*<[A-Za-z]")


def inside_element(segment: Segment, written: Document) -> bool:
    """Whether a Markdown segment sits right inside an element: the nearest line above it,
    as ``written`` (the document before the rule's view blanked its markup), opens one."""
    if written.format != "markdown":
        return False
    above = written.text[: segment.start].rstrip()
    return _OPENING_TAG.match(above[above.rfind("\n") + 1 :]) is not None


def aside(candidate: Segment, ctx: RuleContext) -> bool:
    """A title or list items: the names of things, not a leftover's words."""
    return heading(candidate, ctx.document, ctx.kind_at) or listed_terms(
        candidate.text, candidate.start, ctx
    )


# What makes a Latin line in a page of another script data rather than words: figures, code
# and links, as the page was written (its view blanks the markup).
NOT_WORDS = regex.compile(r"[\d`]|\]\(|<a\s|://")


def words_abroad(candidate: Segment, abroad: Sequence[tuple[int, int]], ctx: RuleContext) -> bool:
    """Whether a Latin ``candidate`` lies in one of the ``abroad`` spans (Latin blocks where
    Latin is not at home, in text order) and is words alone in running text: a title, a list, a
    component's content, figures, code and links (a byline's date and names, credentials to
    type) name things and quote programs in Latin in every language."""
    start, end = candidate.start, candidate.end
    span = enclosing(abroad, start)
    return (
        span is not None
        and end <= span[1]
        and opening_kind(candidate.text, start, ctx.kind_at) == "prose"
        and not heading(candidate, ctx.document, ctx.kind_at)
        and not inside_element(candidate, ctx.written)
        and not NOT_WORDS.search(ctx.written.text, start, end)
    )


# A list item or a table cell of this many words or fewer names a thing (``Nginx``,
# ``Data Science``, a status value ``Not Started``): a list of them is terms, not a
# leftover sentence. A name, every word of it capitalised, may be longer (``Android SDK
# Command-line Tools``).
LIST_TERM_WORDS = 3
LIST_NAME_WORDS = 5


# What a term's parentheses add qualifies it: ``Title (DataType: Textstring)``.
_PARENTHESES = regex.compile(r"\([^()\n]*\)")


def listed_terms(text: str, start: int, ctx: RuleContext) -> bool:
    """Whether ``text`` (at ``start`` in the document) is list items or table rows, each
    item and cell a term (``_is_term``) besides what it adds in parentheses, or series of
    names, with at most short headings between them: the names of things a translated
    page keeps (``* Nginx``, ``| ref |``, ``Sirius, Vega, Betelgeuse``)."""
    offset, found = start, False
    for line in text.splitlines(keepends=True):
        if line.strip():
            kind = opening_kind(line, offset, ctx.kind_at)
            cells = line.split("|") if kind == "table" else [line]
            listed = kind in ("list", "table", "heading") and all(
                _is_term(_PARENTHESES.sub(" ", cell)) for cell in cells
            )
            if not (listed or names_series(line)):
                return False
            found = found or kind != "heading"
        offset += len(line)
    return found


def _is_term(text: str) -> bool:
    """Whether a list item or a table cell names a thing: a few words (a hyphenated
    compound one word, ``Platform-Tools``), or a few more all capitalised."""
    tokens = [token for token in text.split() if any(c.isalpha() for c in token)]
    if len(tokens) <= LIST_TERM_WORDS:
        return True
    return len(tokens) <= LIST_NAME_WORDS and all(map(_capitalised, tokens))


def names_series(line: str) -> bool:
    """Whether a line is a series of three names or more, each a few words that open with
    a capital or a digit: ``Io, Europa, Ganymede``, ``HD 34445 b, Gliese 179 b``."""
    items = [item.split() for item in line.split(",")]
    return len(items) >= 3 and all(
        0 < len(item) <= LIST_TERM_WORDS and _capitalised(item[0]) for item in items
    )


def _capitalised(word: str) -> bool:
    """Whether a word opens as a name does: with a capital or a digit."""
    return word[0].isupper() or word[0].isdigit()


# Letters the running text of a document needs to tell its script alone.
RUNNING_TEXT_LETTERS = 40


def running_text(
    per_line: Sequence[Mapping[str, int]], lines: Sequence[Segment], ctx: RuleContext
) -> list[Mapping[str, int]] | None:
    """``per_line`` (letters per script of each line) with the lines of lists, tables and
    headings left out, when the rest holds ``RUNNING_TEXT_LETTERS`` letters: the lines
    that tell a page's script (its lists may be English names); None otherwise."""
    kept: list[Mapping[str, int]] = []
    letters = 0
    for line, found in zip(lines, per_line, strict=True):
        if found and opening_kind(line.text, line.start, ctx.kind_at) == "prose":
            kept.append(found)
            letters += sum(found.values())
        else:
            kept.append({})
    return kept if letters >= RUNNING_TEXT_LETTERS else None


def titled_scripts(document: Document) -> frozenset[str]:
    """The scripts but Latin of the page's front-matter title: a page is called in its own
    language, so its lines in them are no leftovers (``title: React 모임`` over a Korean
    page of English place names). A Latin title names things in any language."""
    title = document.metadata.get("title")
    if not isinstance(title, str):
        return frozenset()
    counts = line_script_counts(title)
    return frozenset(name for name, count in counts.items() if name != "Latin" and count >= 2)


def line_at(offset: int, lines: Sequence[Segment], document: Document) -> Segment:
    """The line holding ``offset``: line segments are indexed by line number - 1."""
    return lines[document.lines.position(offset).line - 1]


def where(first: Segment, last: Segment, lines: Sequence[Segment]) -> str:
    """Say where the leftover sits: edges are where scrapers leave them. The lines are read
    by index, without copying them, up to the first that holds text: a page of many labels
    asks for each (slicing the list made it quadratic)."""
    before = any(lines[n].text.strip() for n in range(first.index))
    after = any(lines[n].text.strip() for n in range(last.index + 1, len(lines)))
    if not after:
        return "at the end of the document"
    if not before:
        return "at the start of the document"
    return MIDDLE


MIDDLE = "in the middle of the document"
