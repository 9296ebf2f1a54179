"""LG001's analysis: the lines of a document written in a minority script, grouped into
blocks, the scripts at home in the rest of the document, and the report of a block."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from hygiene.core.rule import Hit, RuleContext
from hygiene.core.segment import Segment
from hygiene.groups.language.evidence import URL
from hygiene.groups.language.identifier import (
    Identifier,
    guess_by_stopwords,
    language_name,
    text_language,
)
from hygiene.groups.language.kinship import written_in
from hygiene.groups.language.placement import MIDDLE, where
from hygiene.groups.language.short_segments import LABEL_WORD, kept_as_name, label_writers
from hygiene.groups.lexicon import interface_languages, label_languages, words, words_as_written
from hygiene.text.garbled import garbled
from hygiene.text.scripts import HOSTED_BY, WRITTEN_TOGETHER, line_script_counts, script_counts

# LG001's defaults: a line is in a script when it holds this share of its letters, and a
# script is at home in a document that writes this share of its letters in it.
LINE_SHARE = 0.8
HOME_SHARE = 0.05

# A script (with those written together with it) that holds half the document's letters is
# its main script, never foreign to it; a mostly Latin document skips its all-Latin lines.
MAIN_SCRIPT_SHARE = 0.5
# ...on a third of its lines at least; or a script that leads two thirds of the lines.
MAIN_LINE_SHARE = 1 / 3
MAIN_LINES = 2 / 3
# Letters of the document's main script that make a Latin line its translator's: two, the
# shortest word of a script written with few letters a word (Korean ``또는``, "or").
MAIN_SCRIPT_WORD = 2
# Scripts one letter of which is a word: a Chinese ``和`` ("and") or a Japanese ``の``
# between code terms (``OpenAPI 和 JSON Schema``) is the translator's.
ONE_LETTER_WORDS = frozenset({"Han", "Hiragana", "Katakana", "Hangul"})

# Words a Latin block in the middle of a document of another script needs, besides function
# words, to be language rather than names: a heading of two product names holds a function
# word often enough ("Other Hooks", "Effect Hooks").
LATIN_TEXT_WORDS = 4
# A word alone is a label rather than a name when catalogues write it this much more than
# prose does (interface-words.json's score: log2 of the ratio, 32 times): Settings, Delete.
SINGLE_LABEL_WORD = 5

# Words of fewer letters say nothing of a text's case ("a", "I", "of", "UI", "tl;dr").
LOWER_WORD = 3

# Letters only one language of a script writes, for naming a short Cyrillic leftover.
DISTINCTIVE_LETTERS = {"uk": "іїєґ", "be": "ўі", "ru": "ыэъ", "sr": "ђћџ", "mk": "ѓќѕ"}


@dataclass(slots=True)
class Block:
    """Consecutive lines (blank lines between them allowed) dominated by one script."""

    script: str
    first: Segment
    last: Segment
    counts: Counter[str]
    embedded: Counter[str]


def letters_read(text: str) -> Mapping[str, int]:
    """A line's letters per script, its addresses left out: ``http://www.my-bank.com`` in
    a Korean sentence makes no Latin text, and would make Latin a script of the page."""
    if "://" in text or "www." in text or "@" in text:
        return script_counts(URL.sub(" ", text))
    return line_script_counts(text)


def letters_per_line(ctx: RuleContext) -> list[Mapping[str, int]]:
    """The letters per script of each line (``letters_read``), found once for LG001 and
    LG003 alike. Mojibake has none: its letters are a codec's."""
    lines = ctx.segments.get("line")
    return ctx.segments.memo(
        "letters-per-line",
        lambda: [{} if garbled(line.text) else letters_read(line.text) for line in lines],
    )


def latin_abroad(ctx: RuleContext) -> list[tuple[int, int]]:
    """The spans of the Latin blocks of a document of another script in which Latin is not
    at home (``home_scripts`` at the rule's default ``home-share``): the lines LG001 leaves
    to the language rules when it reads them as names (``Square``, ``Hello world!`` in a
    Kazakh page), while a page whose code terms make Latin at home keeps them its own."""
    per_line = letters_per_line(ctx)
    totals = script_totals(per_line)
    if not totals:
        return []
    blocks, embedded = minority_blocks(ctx.segments.get("line"), per_line, totals, LINE_SHARE)
    return [
        (block.first.start, block.last.end)
        for block in blocks
        if block.script == "Latin"
        and "Latin" not in home_scripts(block, totals, embedded, HOME_SHARE)
    ]


def evidence_totals(per_line: Sequence[Mapping[str, int]]) -> Counter[str]:
    """``script_totals``, with a text of Latin letters alone counted as Latin (the running
    text of a page whose other scripts stand in its lists)."""
    totals = script_totals(per_line)
    if not totals:
        totals["Latin"] = sum(found.get("Latin", 0) for found in per_line)
    return totals


def script_totals(per_line: Sequence[Mapping[str, int]]) -> Counter[str]:
    """The document's letters per script (``per_line``: the ``line_script_counts`` of each
    line): its other scripts in the order they appear, Latin last, so that a tie goes to
    the other script; empty when every letter is Latin."""
    totals: Counter[str] = Counter()
    latin = 0
    for counts in per_line:
        for name, count in counts.items():
            if name == "Latin":
                latin += count
            else:
                totals[name] += count
    if totals:
        totals["Latin"] = latin
    return totals


def minority_blocks(
    lines: Sequence[Segment],
    per_line: Sequence[Mapping[str, int]],
    totals: Counter[str],
    line_share: float,
    evidence: Sequence[Mapping[str, int]] | None = None,
) -> tuple[list[Block], Counter[str]]:
    """Lines mostly (``line_share``) in a script that is a minority of the document, grouped
    into blocks; and the letters that sit inside lines of another script, per script
    (``per_line``: the ``line_script_counts`` of each line). The document's main script is
    judged on ``evidence``, the lines that tell it (every line by default), whose letters
    per script are ``totals``."""
    if evidence is None:
        evidence = per_line
    letters = sum(totals.values())
    hosted_lines = Counter(name for found in evidence for name in found if name in HOSTED_BY)
    leading = Counter(_lead(found) for found in evidence if found)
    latin = frozenset({"Latin"})
    latin_majority = main_family("Latin", latin, totals, letters, hosted_lines, leading)
    blocks: list[Block] = []
    embedded: Counter[str] = Counter()
    for line, found in zip(lines, per_line, strict=True):
        if latin_majority and not found.keys() - {"Latin"}:
            continue  # an all-Latin line in a mostly Latin document
        line_letters = sum(found.values())
        if not line_letters:
            continue
        counts = Counter({name: count for name, count in found.items() if name != "Latin"})
        counts["Latin"] = found["Latin"]
        script, _ = counts.most_common(1)[0]
        family = WRITTEN_TOGETHER.get(script, frozenset()) | {script}
        guests = Counter({name: count for name, count in counts.items() if name not in family})
        embedded.update(guests)
        if sum(counts[name] for name in family) < line_share * line_letters:
            continue
        if main_family(script, family, totals, letters, hosted_lines, leading):
            continue  # the document's main script is never foreign to it (kanji in Japanese)
        previous = blocks[-1] if blocks else None
        if (
            previous is not None
            and previous.script == script
            and not any(other.text.strip() for other in lines[previous.last.index + 1 : line.index])
        ):
            previous.last = line
            previous.counts.update(counts)
            previous.embedded.update(guests)
        else:
            blocks.append(Block(script, line, line, counts, guests))
    return blocks, embedded


def _lead(found: Mapping[str, int]) -> str:
    """The script most of a line's letters are in (a tie to the first counted)."""
    return max(found, key=found.__getitem__)


def main_family(
    script: str,
    family: frozenset[str],
    totals: Counter[str],
    letters: int,
    lines: Counter[str],
    leading: Counter[str],
) -> bool:
    """Whether ``script``, with the scripts written together with it, is the document's own
    (kanji lines in a Japanese page): half its letters, on a third of its lines at least,
    or two thirds of its lines (``leading``: how many lines each script leads), whatever
    their letters: one long paragraph left in another language does not take over a page
    of short lines. Only where the document writes ``script``'s hosts (``HOSTED_BY``) on
    another line too: a kana line's kanji and a Chinese page's Han make half a page, but no
    Japanese one (``lines``: how many lines write each of those scripts)."""
    held = sum(totals[name] for name in family) / letters
    led = sum(leading[name] for name in family) / max(1, sum(leading.values()))
    if not ((held >= MAIN_SCRIPT_SHARE and led >= MAIN_LINE_SHARE) or led >= MAIN_LINES):
        return False
    hosts = HOSTED_BY.get(script, frozenset({script}))
    return hosts >= family or sum(lines[name] for name in hosts) > 1


def translated_terms(block: Block, main: str, label: bool) -> bool:
    """A Latin block around the document's own words (``boolean (True, False 또는 None)``,
    ``HTTP Basic 認証`` in a Japanese page whose kana lead): a translator's line that keeps
    code terms and names, unless it is an interface label."""
    if block.script != "Latin" or label:
        return False
    family = WRITTEN_TOGETHER.get(main, frozenset()) | {main}
    least = 1 if ONE_LETTER_WORDS & family else MAIN_SCRIPT_WORD
    return sum(block.embedded[name] for name in family) >= least


def latin_names(
    block: Block, text: str, label: bool, lines: Sequence[Segment], named: bool
) -> bool:
    """A Latin block that is not language: names, code terms and acronyms (``### Vue``,
    ``## Other Hooks``, ``SSR vs. SSG``), which documents of every script write in Latin.
    It is a leftover when it is an interface label, when its function words show a
    language and it is either a run of words on a line (two words, one of them ``other``,
    show little) or stands at an edge of the document, where scrapers leave labels
    (``Read more``), or when it writes its words in lower case as a language does, unless
    it is ``named``: a title or a component's content, which name things and quote
    programs (``TypeError: Cannot read properties of null``); a page's title is no label
    at its edge (``# HTTP Basic Auth``), nor is a row of titles of a word or two,
    capitalised as names are (``#### Number`` ... ``#### Object``)."""
    if block.script != "Latin" or label:
        return False
    tokens = words(text)
    if not named and ":" not in text and latin_label(tokens):
        return False  # a label the catalogues write (Add New Link), not a name
    lower = lower_case_words(text)
    if guess_by_stopwords(tokens) is None:
        return named or not lower
    if not named and (where(block.first, block.last, lines) != MIDDLE or lower):
        return False
    if len(tokens) < LATIN_TEXT_WORDS:
        return True
    longest = max(len(words(line)) for line in text.splitlines())
    return named and longest < LATIN_TEXT_WORDS and not lower


def latin_label(tokens: list[str]) -> bool:
    """Whether up to ``LATIN_TEXT_WORDS`` words are a label the catalogues of a Latin-script
    language write, opening with one of its label words that few catalogues keep as it is
    (``Add New Link``, ``Edit Gallery``; not ``Django Software Foundation``); a word alone,
    when it is one of the words they write most (``Settings``; not ``React``)."""
    if not 1 <= len(tokens) <= LATIN_TEXT_WORDS:
        return False
    index = interface_languages()
    found = [index.get(token, {}) for token in tokens]
    first = found[0]
    if kept_as_name(first):
        return False  # a name every catalogue keeps (Django, URL), not a word it translates
    if len(tokens) == 1:
        strong = (code for code, score in first.items() if score >= SINGLE_LABEL_WORD)
        return any(written_in(code, "Latin") for code in strong)
    return any(
        written_in(code, "Latin") and first.get(code, 0) >= LABEL_WORD
        for code in label_writers(tokens, found)
    )


def lower_case_words(text: str) -> bool:
    """Whether a Latin text writes its words as a language does: two or more, most of them
    after the first in lower case (``Current namespace``, a sentence). Names and terms are
    capitalised (``Other Hooks``, ``Kraków``); a lone word in lower case is as often an
    identifier (``props``) as a word, and so are lines of one word each (``npm``, ``pnpm``,
    ``yarn`` over their commands)."""
    lines = [
        [w for w in words_as_written(line) if w.isalpha() and len(w) >= LOWER_WORD]
        for line in text.splitlines()
    ]
    if all(len(line) < 2 for line in lines):
        return False
    written = [word for line in lines for word in line]
    rest = written[1:]
    lower = sum(word.islower() for word in rest)
    return bool(lower) and 2 * lower >= len(rest)


def home_scripts(
    block: Block, totals: Counter[str], embedded: Counter[str], home_share: float
) -> frozenset[str]:
    """The scripts of at least ``home_share`` of the letters outside ``block``. Letters
    embedded in lines of another script (a Latin acronym in an Arabic sentence) do not make
    their script at home."""
    rest = {
        name: totals[name] - block.counts[name] - (embedded[name] - block.embedded[name])
        for name in totals
    }
    rest_letters = sum(rest.values())
    return frozenset(
        name for name, count in rest.items() if count > 0 and count >= home_share * rest_letters
    )


def block_hit(
    block: Block,
    lines: Sequence[Segment],
    totals: Counter[str],
    home: frozenset[str],
    identifier: Identifier,
) -> Hit:
    """The report of a block: its script, its language when known, the document's scripts,
    and where the block sits."""
    first, last = block.first, block.last
    start = first.start + (len(first.text) - len(first.text.lstrip()))
    end = last.start + len(last.text.rstrip())
    home_names = " and ".join(name for name, _ in totals.most_common() if name in home)
    text = " ".join(line.text for line in lines[first.index : last.index + 1])
    return Hit(
        start=start,
        end=end,
        message=(
            f"{block.script} text{named_language(text, block.script, identifier)} in a "
            f"{home_names}-script "
            f"document, {where(first, last, lines)}"
        ),
    )


def named_language(text: str, script: str, identifier: Identifier) -> str:
    """', Ukrainian (interface label)': the language of a leftover and the evidence for it,
    only ever a language written in the leftover's ``script``."""
    labels = [code for code in label_languages(text) if written_in(code, script)]
    if labels:
        return f", {' or '.join(sorted(language_name(code) for code in labels))} (interface label)"
    guess = text_language(text, identifier)
    if guess is not None and written_in(guess.language, script):
        return f", {language_name(guess.language)} ({guess.evidence} {guess.confidence:.2f})"
    lowered = text.casefold()
    letters = [
        code for code, marks in DISTINCTIVE_LETTERS.items() if any(m in lowered for m in marks)
    ]
    if len(letters) == 1 and written_in(letters[0], script):
        return f", {language_name(letters[0])} (its letters)"
    return ""
