"""The ``encoding`` group (EN): text that went through the wrong codec, and bytes that were lost."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

from hygiene.core.rule import Edit, Fix, Hit, RuleContext, rule
from hygiene.core.segment import Segment
from hygiene.core.structure import EVERYTHING, PROSE
from hygiene.groups.encoding.damage import Damage
from hygiene.groups.encoding.mojibake import find_damage
from hygiene.text.characters import describe_char


def _repair(damage: Damage) -> Fix:
    """ftfy's repair: safe when it round-trips, unsafe when it guessed lost bytes."""
    return Fix(
        description=f"replace with {damage.repair!r} (ftfy: {damage.explanation() or 'fix_text'})",
        safety="safe" if damage.round_trips else "unsafe",
        edits=(Edit(damage.start, damage.end, damage.repair),),
    )


@rule("EN001", "encoding.mojibake", severity="warning", scope="line")
def mojibake(segment: Segment, ctx: RuleContext) -> Iterator[Hit]:
    """Text that was encoded as UTF-8 and decoded with another codec: 'cafÃ©', 'donâ€™t'.

    Why: Mojibake makes text unreadable and unsearchable, and it spreads: every copy, index and
    model trained on it keeps the damage. Each damaged run is located with ftfy's heuristics on
    its own line, named by the codec mix-up that made it (UTF-8 read as Windows-1252 or
    Latin-1, UTF-8 encoded twice, UTF-8 read as Windows-1251 or MacRoman ...), and comes with
    ftfy's repair and its steps. The repair is a safe fix when it round-trips (encoding the
    repair the wrong way again gives back the damaged text exactly), an unsafe one when ftfy
    had to guess bytes that were lost. Real words that share letters with mojibake (São,
    Âge, Þórður) are left alone.

    Fix: Apply the repair (hygiene fix), then find and mend the step that decoded with the
    wrong codec.

    Bad:
        The cafÃ© doesnâ€™t open before noon.

    Good:
        The café in São Paulo doesn’t open before noon.
    """
    for damage in find_damage(segment.text):
        if damage.kind == "c1":
            continue
        yield Hit(
            damage.start,
            damage.end,
            f"mojibake ({damage.description}): reads as {damage.repair!r}",
            _repair(damage),
        )


_C1 = regex.compile(r"[\x80-\x9f]")


@rule("EN002", "encoding.c1-control", severity="warning", scope="line")
def c1_control(segment: Segment, ctx: RuleContext) -> Iterator[Hit]:
    """C1 control characters (U+0080 to U+009F), nearly always Windows-1252 read as Latin-1.

    Why: Windows-1252 puts curly quotes, dashes and the euro sign where Latin-1 has invisible
    C1 controls, so text decoded as Latin-1 carries controls where “quotes” and – dashes
    belong. The repair maps each control back through Windows-1252 and is safe when it
    round-trips; a control that Windows-1252 leaves undefined has no repair.

    Fix: Apply the repair (hygiene fix), or decode the source as Windows-1252.

    Bad:
        He called it \u0093historic\u0094.

    Good:
        He called it “historic”.
    """
    text = segment.text
    if text.isascii() or not _C1.search(text):
        return
    covered: list[tuple[int, int]] = []
    for damage in find_damage(text):
        covered.append((damage.start, damage.end))
        if damage.kind == "c1":
            yield Hit(
                damage.start,
                damage.end,
                f"C1 control ({damage.description}): reads as {damage.repair!r}",
                _repair(damage),
            )
    for match in matches_outside(_C1.finditer(text), covered):
        yield Hit(match.start(), match.end(), f"C1 control {describe_char(match.group())}")


def matches_outside(
    matches: Iterable[regex.Match[str]], spans: Iterable[tuple[int, int]]
) -> Iterator[regex.Match[str]]:
    """The matches (in order) that start inside none of ``spans``, in one pass over both:
    asking every span about every match grew with the square of a line's length (a line of
    10,000 C1 controls, each a damage of its own, took 16 s)."""
    ordered = sorted(spans)
    index, reach = 0, -1  # reach: the furthest end of the spans that start at or before
    for match in matches:
        while index < len(ordered) and ordered[index][0] <= match.start():
            reach = max(reach, ordered[index][1])
            index += 1
        if reach <= match.start():
            yield match


@rule(
    "EN003",
    "encoding.replacement-character",
    severity="warning",
    scope="document",
    scopes=EVERYTHING,  # a lost character is lost wherever it stood
)
def replacement_character(segment: Segment, ctx: RuleContext) -> Iterator[Hit]:
    """U+FFFD REPLACEMENT CHARACTER in the text: characters that were lost for good.

    Why: A decoder writes U+FFFD where it met bytes it could not read, and the original
    characters are gone: no tool can bring them back, so this finding has no fix. It tells
    you to go back to the source. (Bytes that hygiene itself could not decode are reported by
    EN007 instead.)

    Fix: Recover the text from its source, decoding it with the right encoding.

    Bad:
        Bienvenue � Montr�al

    Good:
        Bienvenue à Montréal
    """
    text = segment.text
    if "\N{REPLACEMENT CHARACTER}" not in text:
        return
    ours = {issue.offset for issue in ctx.document.decode_issues}
    for match in regex.finditer("\N{REPLACEMENT CHARACTER}+", text):
        if match.start() in ours:
            continue
        yield Hit(
            match.start(),
            match.end(),
            f"{match.end() - match.start()} replacement character(s): the original characters "
            "were lost and cannot be restored",
        )


_ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


@rule(
    "EN004",
    "encoding.html-entity",
    severity="warning",
    scope="line",
    scopes=PROSE | {"markup"},  # Markdown's entities are markup: in-markdown reads them
    options={"in-markdown": False},
)
def html_entity(segment: Segment, ctx: RuleContext) -> Iterator[Hit]:
    """An HTML entity such as '&amp;' or '&#8217;' left in plain text.

    Why: Entities belong to HTML. In plain text they are debris of a scraper or an export that
    escaped once too often, and readers see '&amp;' where '&' was meant. Markdown may use
    entities on purpose, so Markdown files are skipped unless the ``in-markdown`` option is on;
    in HTML files entities are the markup's own and never reported.
    The repair (the character the entity names) is a safe fix.

    Fix: Replace the entity by its character (hygiene fix).

    Bad:
        Tom &amp; Jerry&#8217;s show

    Good:
        Tom & Jerry’s show
    """
    if "&" not in segment.text:
        return
    if ctx.document.format == "html":
        return
    if ctx.document.format == "markdown" and not ctx.options["in-markdown"]:
        return
    import html  # with its entity table, only for a text holding '&'
    from html.entities import html5 as html5_entities

    for match in _ENTITY.finditer(segment.text):
        entity = match.group()
        if entity[1] != "#" and entity[1:] not in html5_entities:
            continue  # '&notanentity;' is not '&not' followed by text
        character = html.unescape(entity)
        if character == entity:
            continue
        yield Hit(
            match.start(),
            match.end(),
            f"HTML entity {entity} in plain text: reads as {character!r}",
            Fix(
                f"replace with {character!r}",
                "safe",
                (Edit(match.start(), match.end(), character),),
            ),
        )


# Question marks where letters were: inside a word (Dobr?den, na?ve), or whole words
# of them ('???? ???' from a Cyrillic text written through an ASCII-only codec).
_LOST = regex.compile(r"(?<=\p{L})\?+(?=\p{L})|(?<![^\s(\"'])\?{3,}(?![^\s)\"'.,;:!])")
# A run of non-space characters that holds an address's mark: anchored at the run's start
# and looked ahead once, as '\S*(?:://|www\.|[=&/])\S*' tried every position of a long
# run without one (a line of 32,000 letters and a '?' took 18 s).
URLISH = regex.compile(r"(?<!\S)(?=\S*?(?:://|www\.|[=&/]))\S+")


@rule("EN005", "encoding.lost-characters", severity="warning", scope="line")
def lost_characters(segment: Segment, ctx: RuleContext) -> Iterator[Hit]:
    """Question marks where letters were: 'na?ve', 'Dobr?den', '???? ???'.

    Why: Writing text through a codec that cannot represent its letters (ASCII, Latin-1 for
    Cyrillic) replaces each of them by '?'. Like U+FFFD, the letters are lost for good. A '?'
    between two letters, or a word of three or more '?', is reported; question marks in URLs
    and query strings, and ordinary punctuation ('What?!'), are not.

    Fix: Recover the text from its source.

    Bad:
        We met at the caf? in Z?rich: ???? ????.

    Good:
        We met at the café in Zürich. Really?? Yes?!
    """
    text = segment.text
    if "?" not in text:
        return
    urls = [match.span() for match in URLISH.finditer(text)]
    for match in matches_outside(_LOST.finditer(text), urls):
        yield Hit(match.start(), match.end(), "question marks where letters were lost in encoding")


@rule("EN006", "encoding.not-utf8", severity="warning", scope="document", scopes=EVERYTHING)
def not_utf8(segment: Segment, ctx: RuleContext) -> Iterator[Hit]:
    """A file that is not encoded in UTF-8 (UTF-16, Windows-1252, Shift-JIS, KOI8-R ...).

    Why: Tools that assume UTF-8 (nearly all of them) misread such files and produce the
    mojibake the other rules report. hygiene decodes the file with its BOM, the encoding the
    configuration or --encoding declares, or the one it detects, and says which; the finding
    points at the first character whose bytes differ from ASCII.

    Fix: Convert the file to UTF-8 (iconv -f ENCODING -t UTF-8), or declare its encoding.

    Bad:
        bytes: Caf\\xe9 cr\\xe8me et d\\xe9j\\xe0 vu, \\xe0 la fran\\xe7aise.

    Good:
        Café crème et déjà vu, à la française.
    """
    source = ctx.document.source
    if source.encoding == "utf-8":
        return
    first = next((i for i, char in enumerate(segment.text) if not char.isascii()), 0)
    how = {"bom": "from its byte order mark", "declared": "as declared", "detected": "detected"}
    yield Hit(
        first,
        min(first + 1, len(segment.text)),
        f"file is encoded in {source.encoding} ({how.get(source.encoding_evidence, 'read')}),"
        " not UTF-8",
    )


@rule("EN007", "encoding.undecodable-bytes", severity="error", scope="document", scopes=EVERYTHING)
def undecodable_bytes(segment: Segment, ctx: RuleContext) -> Iterator[Hit]:
    """Bytes that are not valid in the file's encoding: read as U+FFFD, with their byte offset.

    Why: A file that is UTF-8 except for a few bytes (a paste from a Latin-1 file, a truncated
    download) cannot be read faithfully. hygiene reads each such byte as U+FFFD, goes on with
    the check, and reports the byte and its offset in the file so it can be found and repaired;
    it never rewrites such a file, so no byte is lost.

    Fix: Repair the bytes at the given offsets, or declare the file's real encoding.

    Bad:
        bytes: Caf\\xc3\\xa9, cr\\xc3\\xa8me, na\\xc3\\xafve, d\\xc3\\xa9j\\xc3\\xa0 \\xe9 vu

    Good:
        Café, crème, naïve, déjà vu
    """
    issues = ctx.document.decode_issues
    index = 0
    while index < len(issues):
        last = index
        while last + 1 < len(issues) and issues[last + 1].offset == issues[last].offset + 1:
            last += 1
        run = issues[index : last + 1]
        shown = " ".join(f"0x{issue.byte:02X}" for issue in run[:8])
        yield Hit(
            run[0].offset,
            run[-1].offset + 1,
            f"undecodable byte(s) {shown} at byte offset {run[0].byte_offset}, not valid "
            f"{ctx.document.source.encoding}; read as U+FFFD",
        )
        index = last + 1


@rule("EN008", "encoding.empty-text", severity="warning", scope="document", scopes=EVERYTHING)
def empty_text(segment: Segment, ctx: RuleContext) -> Iterator[Hit]:
    """A document with no text: an empty file, one holding only a byte order mark or white
    space, an empty text field of a JSON Lines record.

    Why: An empty document is never what a writer meant to publish or a pipeline meant to
    ingest: a page the scraper failed to extract, a file truncated by a failed write, a
    placeholder that was never filled. It passes every other check because there is nothing
    to check, so it is reported on its own. A page of front matter alone is no empty page:
    its site generator builds it from those fields (Hugo's section index, a home page).

    Fix: Fill the document, or remove it (and find the step that emptied it).

    Bad:
        bytes: \xef\xbb\xbf

    Good:
        One sentence is enough.
    """
    start = ctx.document.body_start
    if not segment.text[start:].strip() and not _has_fields(segment.text[:start]):
        yield Hit(start, start, "the document has no text")


def _has_fields(front_matter: str) -> bool:
    """Whether front matter holds anything between its fences."""
    return any(line.strip() not in ("", "---", "+++") for line in front_matter.splitlines())


RULES = (
    mojibake,
    c1_control,
    replacement_character,
    html_entity,
    lost_characters,
    not_utf8,
    undecodable_bytes,
    empty_text,
)
