"""The ``language`` group (LG): text in another language or script than the document's."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from unicodedata import category

import regex

from hygiene.core.document import Document
from hygiene.core.rule import Hit, RuleContext, rule
from hygiene.core.segment import Segment
from hygiene.groups.language.identifier import (
    IDENTIFIERS,
    Guess,
    Identifier,
    guess_from_scores,
    language_name,
    stopword_scores,
    text_language,
)
from hygiene.groups.language.vocabulary import (
    has_full_list,
    has_list,
    international_words,
    knows_all,
    knows_any,
    uses_any,
    wordfreq_code,
)
from hygiene.groups.lexicon import (
    alphabets,
    label_languages,
    name_languages,
    stopword_languages,
    word_letters,
    words,
    words_as_written,
)
from hygiene.text.scripts import WRITTEN_TOGETHER, at_home, line_script_counts, main_script


@dataclass(slots=True)
class _Block:
    """Consecutive lines (blank lines between them allowed) dominated by one script."""

    script: str
    first: Segment
    last: Segment
    counts: Counter[str]
    embedded: Counter[str]


@rule(
    "LG001",
    "language.foreign-script",
    severity="warning",
    scope="document",
    options={"min-letters": 3, "home-share": 0.05, "line-share": 0.8},
)
def foreign_script(segment: Segment, ctx: RuleContext) -> Iterator[Hit]:
    """A line written in a script that the rest of the document does not use.

    Why: A scraper that keeps a label from the page around an article, or an editor who pastes
    from another edition, leaves lines that no reader of the document can read and that
    poison a corpus sorted by language. A whole line in a foreign script is the cheapest
    and most certain sign of it. Reported: a line, or a block of consecutive lines, whose
    letters are mostly (``line-share``) in a minority script that makes up less than
    ``home-share`` of the letters elsewhere in the document, with at least ``min-letters``
    letters; a line that is an interface label of the lexicon (68 languages) is reported in
    any minority script and however short. A word or name in another script inside a
    sentence is not reported, nor are scripts one language writes together (Japanese Kanji,
    Hiragana and Katakana; Korean Hangul and Hanja), nor a Latin line that holds a word of
    the document's main script: Latin is the script of code terms and names everywhere, and
    a translator who keeps them writes the rest in the document's own words
    (``boolean (True, False 또는 None)``).

    Fix: Delete the stray line, or translate it if it belongs to the text.

    Bad:
        The talks ended without an agreement.

        коментарі читачів:

    Good:
        The talks ended without an agreement, the newspaper Правда reported.
    """
    text = segment.text
    if text.isascii():
        return  # every letter is Latin: one script, nothing can be foreign
    lines = ctx.segments.get("line")
    # Letters per script, line by line (one lookup per distinct character, and remembered:
    # the line rules ask about the same lines), and for the document: its other scripts in
    # the order they appear, Latin last.
    per_line = [line_script_counts(line.text) for line in lines]
    totals: Counter[str] = Counter()
    latin = 0
    for counts in per_line:
        for name, count in counts.items():
            if name == "Latin":
                latin += count
            else:
                totals[name] += count
    if not totals:
        return
    totals["Latin"] = latin
    letters = sum(totals.values())
    blocks, embedded = _minority_blocks(
        lines, per_line, totals, letters, float(ctx.options["line-share"])
    )
    min_letters = int(ctx.options["min-letters"])
    main = totals.most_common(1)[0][0]
    home_share = float(ctx.options["home-share"])
    for block in blocks:
        block_text = text[block.first.start : block.last.end]
        # An interface label is a leftover however short ("留言") and even in a script the
        # document uses for its terms (a Danish "Kommentarer" in a Chinese page).
        label = block.first is block.last and bool(label_languages(block_text))
        if sum(block.counts.values()) < min_letters and not label:
            continue
        if block.script == "Latin" and not label and block.embedded[main] >= 2:
            continue  # Latin terms around the document's own words: its translator's line
        # Letters embedded in lines of another script (a Latin acronym in an Arabic
        # sentence) do not make their script at home.
        rest = {
            name: totals[name] - block.counts[name] - (embedded[name] - block.embedded[name])
            for name in totals
        }
        rest_letters = sum(rest.values())
        home = frozenset(
            name for name, count in rest.items() if count > 0 and count >= home_share * rest_letters
        )
        if _attributed_quotation(block_text) or _skipped(ctx, block.first):
            continue
        if home and (label or not at_home(block.script, home)):
            yield _hit(block, lines, totals, home, ctx.identifier)


def _minority_blocks(
    lines: Sequence[Segment],
    per_line: Sequence[Mapping[str, int]],
    totals: Counter[str],
    letters: int,
    line_share: float,
) -> tuple[list[_Block], Counter[str]]:
    """Lines mostly in a script that is a minority of the document, grouped into blocks;
    and the letters that sit inside lines of another script, per script (``per_line``: the
    ``line_script_counts`` of each line)."""
    latin_majority = 2 * totals["Latin"] >= letters
    blocks: list[_Block] = []
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
        if 2 * sum(totals[name] for name in family) >= letters:
            continue  # the document's main script is never foreign to it
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
            blocks.append(_Block(script, line, line, counts, guests))
    return blocks, embedded


def _hit(
    block: _Block,
    lines: Sequence[Segment],
    totals: Counter[str],
    home: frozenset[str],
    identifier: Identifier,
) -> Hit:
    first, last = block.first, block.last
    start = first.start + (len(first.text) - len(first.text.lstrip()))
    end = last.start + len(last.text.rstrip())
    home_names = " and ".join(name for name, _ in totals.most_common() if name in home)
    text = " ".join(line.text for line in lines[first.index : last.index + 1])
    return Hit(
        start=start,
        end=end,
        message=(
            f"{block.script} text{_named(text, identifier)} in a {home_names}-script document, "
            f"{_where(first, last, lines)}"
        ),
    )


# Letters only one language of a script writes, for naming a short Cyrillic leftover.
DISTINCTIVE_LETTERS = {"uk": "іїєґ", "be": "ўі", "ru": "ыэъ", "sr": "ђћџ", "mk": "ѓќѕ"}


def _named(text: str, identifier: Identifier) -> str:
    """', Ukrainian (interface label)': the language of a leftover and the evidence for it."""
    labels = label_languages(text)
    if labels:
        return f", {' or '.join(sorted(language_name(code) for code in labels))} (interface label)"
    guess = text_language(text, identifier)
    if guess is not None:
        return f", {language_name(guess.language)} ({guess.evidence} {guess.confidence:.2f})"
    lowered = text.casefold()
    letters = [
        code for code, marks in DISTINCTIVE_LETTERS.items() if any(m in lowered for m in marks)
    ]
    if len(letters) == 1:
        return f", {language_name(letters[0])} (its letters)"
    return ""


def _where(first: Segment, last: Segment, lines: Sequence[Segment]) -> str:
    """Say where the leftover sits: edges are where scrapers leave them."""
    before = any(line.text.strip() for line in lines[: first.index])
    after = any(line.text.strip() for line in lines[last.index + 1 :])
    if not after:
        return "at the end of the document"
    if not before:
        return "at the start of the document"
    return "in the middle of the document"


def _attributed_quotation(text: str) -> bool:
    """A quotation followed by its speaker after a dash: '“…” — Videgaray'."""
    outside = _QUOTED.sub(" ", text)
    return outside != text and _DASH_ATTRIBUTION.search(outside) is not None


def _skipped(ctx: RuleContext, segment: Segment) -> bool:
    """Front matter and Markdown code blocks are not prose."""
    if segment.start < ctx.document.body_start:
        return True
    return ctx.document.format == "markdown" and ctx.segments.in_code(segment.start)


# Languages that language identification cannot keep apart on a sentence or two: a
# "stray" between them is more often the identifier's confusion than a leftover.
EQUIVALENT = (
    {"no", "nb", "nn", "da", "sv"},
    {"sr", "hr", "bs", "sh"},
    {"cs", "sk"},
    {"ms", "id"},
    {"fa", "ku"},
)


@cache
def same_language(first: str, second: str) -> bool:
    """Codes of one language or of close ones (Scandinavian, Serbo-Croatian, Czech and
    Slovak, Malay and Indonesian)."""
    first, second = first.split("-")[0], second.split("-")[0]
    return first == second or any(first in group and second in group for group in EQUIVALENT)


@cache
def _foreign(language: str, home: tuple[str, ...]) -> bool:
    """Whether ``language`` is none of the document's (asked for every candidate language of
    every segment: cached)."""
    return not any(same_language(language, code) for code in home)


@rule(
    "LG002",
    "language.declared-mismatch",
    severity="warning",
    scope="document",
    options={"min-words": 20, "min-confidence": 0.9},
)
def declared_mismatch(segment: Segment, ctx: RuleContext) -> Iterator[Hit]:
    """A document whose text is not in the language its configuration or front matter declares.

    Why: A Russian text under content/uk/, or an English page left untranslated in a French
    localisation, is shipped to the wrong readers and filed under the wrong language in a
    corpus. The language is declared by ``[tool.hygiene.languages]`` globs or a ``lang`` or
    ``language`` field of the front matter; the text's language comes from its function words,
    or the language identifier (fastText, or langdetect) when they cannot tell. Only texts
    of ``min-words`` words or more are judged, and only a detection of ``min-confidence`` or
    more is reported.

    Fix: Translate the text, move it where it belongs, or correct the declaration.

    Bad:
        ---
        lang: fr
        ---
        The talks ended without an agreement, and the two sides said that they would meet
        again next month to discuss the border and the trade between their countries.

    Good:
        ---
        lang: fr
        ---
        Les discussions se sont terminées sans accord, et les deux parties ont dit qu'elles
        se retrouveraient le mois prochain pour parler de la frontière et du commerce.
    """
    declared = ctx.declared_languages
    document = ctx.document
    if not declared:
        return
    body = segment.text[document.body_start :]
    if len(words(body)) < int(ctx.options["min-words"]):
        return
    guess = text_language(body[:20000], ctx.identifier)
    if guess is None or guess.confidence < float(ctx.options["min-confidence"]):
        return
    if not _foreign(guess.language, declared):
        return
    start = document.body_start + (len(body) - len(body.lstrip()))
    end = segment.text.find("\n", start)
    yield Hit(
        start,
        len(segment.text) if end == -1 else end,
        f"declared {', '.join(declared)}, but the text reads as {language_name(guess.language)}"
        f" ({guess.evidence} {guess.confidence:.2f})",
    )


# Addresses: a run of non-space characters holding '://' or a mail address's '@' and '.',
# or from a 'www.' on. The same matches as '\S+://\S+|www\.\S+|\S+@\S+\.\S+', which tried
# every position of a long run (8,000 letters and an '@': 0.2 s; 4 times as many, 16
# times as long); this one looks ahead once, from the run's start.
_URL = regex.compile(r"(?<!\S)(?=\S+?://\S|(?>\S+?@)\S+?\.\S)\S+|www\.\S+")
_TERM = regex.compile(r"\b[A-Z][A-Za-z0-9]*\b")
_DASH_ATTRIBUTION = regex.compile(r"[—―–]\s*\p{Lu}\p{L}+")
_QUOTED = regex.compile(r"[\"“”„«»‹›「」『』].*?[\"“”„«»‹›「」『』]")


@rule(
    "LG003",
    "language.stray-segment",
    severity="warning",
    scope="document",
    options={
        "min-words": 5,
        "min-confidence": 0.2,
        "short-confidence": 0.5,
        "max-home-probability": 0.1,
        "min-odds": 10,
        "shared-words": 0.5,
        "max-label-words": 4,
        "vocabulary-guesses": 2,
    },
)
def stray_segment(segment: Segment, ctx: RuleContext) -> Iterator[Hit]:
    """A paragraph or line in another language than the document, in the same script.

    Why: An untranslated paragraph in a localisation, a Spanish "Comentarios" under an English
    story, an English "Read more" in a German one: same-script leftovers that script checks
    cannot see. Language identifiers are unreliable on short text, so the document itself is the
    context: its language (declared, or the one most of its paragraphs are in) is the prior, and
    a segment needs strong evidence to be called foreign. The identifier is fastText's lid.176
    model (``language-identifier = "langdetect"`` for langdetect, seeded), asked only when
    function words leave a doubt. A short segment (up to ``max-label-words`` words) is reported
    when it is an interface label of another language and not of the document's (a lexicon of 68
    languages), or the name of a language in another language and not in the document's (a
    language picker's ``Deutsch`` in a French page; CLDR's names, in 140 languages), unless the
    identifier takes it for the document's language (``Finlandais``: Romansh calls Finnish so,
    but it is French too); or, outside Markdown headings (titles name things) and quotations,
    when none of its words is a function word of the document's language (one that the
    identifier's language shares, German and Danish ``er``, does not count) or a word the rest
    of the document uses, and either the identifier gives another language at least
    ``short-confidence``, or it all but rules out the document's language and one of its
    ``vocabulary-guesses`` best foreign guesses is the language whose common words (wordfreq's
    lists) all of the segment's words are, none of them common in the document's language
    (``Kolumbian espanja`` in a Swedish page); a short segment whose words are all common in the
    document's language belongs (``Koreai`` in a Hungarian page), and so does one of names and
    international words, common in seven languages or more (``Khmer``, ``hindi``). Where the
    document's language has a full word list (21 languages, down to words used once per hundred
    million), a few words that are none of its words, and that the identifier does not consider
    in it at all, are text in another language even when the identifier cannot say which
    (``Pwnjabi`` in a Finnish page). A longer one is reported when its function words do not
    lead in the document's language, it shares fewer than ``shared-words`` of its other words
    with the rest of the document (names, the document's own terms), its text outside quotation
    marks is not in the document's language (an attributed foreign quotation is not a leftover),
    the identifier gives another language at least ``min-confidence``, and the function words
    agree with it (for a language without a list of them, Welsh, a few of the document's
    overrule only an identifier under 0.8). Either way the document's own language must be all
    but ruled out: at most ``max-home-probability``, and ``min-odds`` times less likely than the
    other. Letters are evidence of their own, long or short: a segment writing letters the
    document's language has not, and the rest of the document does not write (the ``ъ`` of
    ``Въведете списък от стойности`` in a Ukrainian page, whose ``от`` is Ukrainian too), is
    another language when the identifier's best guess is one, or when those letters are in half
    of its words (``ھسپانوی``, Urdu, which fastText calls Persian). A language's letters are its
    alphabet in the scripts whose alphabets tell languages apart (Cyrillic, Greek, Arabic;
    ``rules/lexicons/alphabets.json``), and for a Latin-script language the letters of its
    common words, borrowings included (``word-letters.json``, from wordfreq). Names keep their
    letters in any Latin-script text (``Kraków``), so there the letters must be in two words or
    half, one of them lower-case, and the identifier's best guess must be another language
    (``Nke a abaghị adresị IPv6 zuru oke``, Igbo, in a Spanish page). Front matter, fenced code
    and URLs are not read. A document declared in several languages accepts all of them; the
    word lists speak only when each of them has one.

    Fix: Delete the leftover, or translate it into the document's language.

    Bad:
        The talks ended without an agreement. The two sides will meet again next month.

        Comentarios

    Good:
        The talks ended without an agreement. The two sides will meet again next month.

        Low point in relations
    """
    document = ctx.document
    paragraphs = [p for p in ctx.segments.get("paragraph") if not _skipped(ctx, p)]
    if len(paragraphs) < 2:
        return  # one paragraph has nothing to stray from
    declared = ctx.declared_languages
    lines = ctx.segments.get("line")
    sample = segment.text[document.body_start : document.body_start + 20000]
    dominant = main_script(sample)
    # Candidates in another script are LG001's to judge.
    groups = [
        [_Candidate(c) for c in _candidates(p, lines, document) if main_script(c.text) == dominant]
        for p in paragraphs
    ]
    counts = _document_words(ctx.segments.get("paragraph"), groups, document.body_start)
    own = cache(lambda: _document_letters(paragraphs))  # asked only of texts with odd letters
    if not declared and _uniform(groups, counts, own, ctx):
        return  # every paragraph's function words point one way: nothing to detect
    home: tuple[str, ...]
    if declared:
        home = declared
    else:
        language = _majority_language(paragraphs, ctx.identifier)
        if language is None:
            return
        home = (language,)
    for group in groups:
        for piece in group:
            candidate = piece.segment
            found = _judge(piece, home, counts, own, ctx, _heading(candidate, document))
            if found is not None:
                language, evidence = found
                text = candidate.text
                start = candidate.start + (len(text) - len(text.lstrip()))
                end = candidate.start + len(text.rstrip())
                where = _where(_line_at(candidate.start, lines, document),
                               _line_at(candidate.end, lines, document), lines)  # fmt: skip
                what = f"{language_name(language)} text" if language else "text in another language"
                yield Hit(
                    start,
                    end,
                    f"{what} in this {language_name(home[0])} document ({evidence}), {where}",
                )
                break


def _document_words(
    paragraphs: Sequence[Segment], groups: Sequence[Sequence[_Candidate]], body_start: int
) -> Counter[str]:
    """The words of the document's body, counted: its paragraphs' (no word crosses a blank
    line), taken from the candidates that already hold them."""
    known = {
        piece.segment.start: piece.tokens
        for group in groups
        for piece in group
        if piece.segment.kind == "paragraph"
    }
    counts: Counter[str] = Counter()
    for paragraph in paragraphs:
        if paragraph.end <= body_start:
            continue  # front matter
        tokens = known.get(paragraph.start) if paragraph.start >= body_start else None
        if tokens is None:
            tokens = words(paragraph.text[max(0, body_start - paragraph.start) :])
        counts.update(tokens)
    return counts


def _majority_language(paragraphs: Sequence[Segment], identifier: Identifier) -> str | None:
    """The language most paragraphs are in: each casts its identifier probabilities as
    one vote (a short, ambiguous one spreads its vote thin). Counting paragraphs rather
    than words keeps one long stray from taking a short document over."""
    votes: dict[str, float] = {}
    for number, paragraph in enumerate(paragraphs, start=1):
        for code, probability in identifier.scores(paragraph.text).items():
            votes[code] = votes.get(code, 0.0) + probability
        if _decided(votes, len(paragraphs) - number):
            break
    if not votes:
        return None
    return max(sorted(votes), key=votes.__getitem__)


# A paragraph's vote: its probabilities sum to one, give or take the identifier's rounding.
_MAX_VOTE = 1.001


def _decided(votes: dict[str, float], remaining: int) -> bool:
    """Whether the leader's margin is more than ``remaining`` votes could overturn: the
    paragraphs left need not be asked (a third of the model's calls in a vote)."""
    if len(votes) < 2:
        leader, runner_up = max(votes.values(), default=0.0), 0.0
    else:
        leader, runner_up = sorted(votes.values())[-1:-3:-1]
    return leader - runner_up > remaining * _MAX_VOTE


class _Candidate:
    """A paragraph or line that may stray, with its words and their function-word scores,
    found once for the uniformity test and the judgement."""

    __slots__ = ("_scores", "segment", "tokens")

    def __init__(self, segment: Segment) -> None:
        self.segment = segment
        self.tokens = words(segment.text)
        self._scores: dict[str, float] | None = None

    @property
    def scores(self) -> dict[str, float]:
        if self._scores is None:
            self._scores = stopword_scores(self.tokens)
        return self._scores


def _uniform(
    groups: Sequence[Sequence[_Candidate]],
    counts: Counter[str],
    own: Callable[[], frozenset[str]],
    ctx: RuleContext,
) -> bool:
    """Whether no candidate could stray: no interface label, no short text that neither
    function words nor the rest of the document explain, and the function words of every
    longer paragraph lead in one language. Spares a language model for most documents."""
    leaders: set[str] = set()
    short: list[_Candidate] = []
    for piece in (c for group in groups for c in group):
        tokens, candidate = piece.tokens, piece.segment
        if len(tokens) <= int(ctx.options["max-label-words"]):
            if label_languages(candidate.text):
                return False
            if not _heading(candidate, ctx.document):
                short.append(piece)
            continue
        if len(tokens) < int(ctx.options["min-words"]):
            continue
        scores = piece.scores
        if not scores:
            return False  # a language without function words on file: ask the model
        leaders.add(max(sorted(scores), key=lambda code: scores[code]))
    codes = sorted(leaders)
    if not all(same_language(codes[0], code) for code in codes[1:]):
        return False
    if any(not _explained(piece, counts, codes) for piece in short):
        return False
    # Letters the leading language does not write (ъ in a Ukrainian page) need a judge.
    return not any(
        _odd_letters(c.segment.text, tuple(codes), own) for group in groups for c in group
    )


def _explained(piece: _Candidate, counts: Counter[str], leaders: Sequence[str]) -> bool:
    """Whether a short text is the document's by its words: words the rest of the document
    uses, or function words that lead in the language the document's paragraphs lead in
    (``er`` is German, but ``er ikke`` Danish); any function word, when no paragraph is long
    enough to lead."""
    if _used_elsewhere(piece.tokens, counts):
        return True
    scores = piece.scores
    if not scores or not leaders:
        return bool(scores)
    best = max(scores.values())
    leading = [code for code, score in scores.items() if score == best]
    return all(any(same_language(code, leader) for leader in leaders) for code in leading)


def _heading(candidate: Segment, document: Document) -> bool:
    """A Markdown heading: a title names things, and its few words are judged only
    against the interface-label lexicon."""
    return document.format == "markdown" and candidate.text.lstrip().startswith("#")


def _unexplained(
    tokens: Sequence[str], counts: Counter[str], home: tuple[str, ...], guessed: str | None
) -> bool:
    """Whether none of a short text's words is a function word of the document's language or
    a word the rest of the document uses. A function word the ``guessed`` language shares
    with the document's (er: German and Danish) tells the two apart no more than the
    identifier does, and explains nothing."""
    index = stopword_languages()
    for token in tokens:
        languages = index.get(token, frozenset())
        if guessed is not None and any(same_language(code, guessed) for code in languages):
            continue
        if any(not _foreign(code, home) for code in languages):
            return False
    return not _used_elsewhere(tokens, counts)


def _used_elsewhere(tokens: Sequence[str], counts: Counter[str]) -> list[str]:
    """The tokens that the rest of the document (``counts``: all of its words) uses too."""
    here = Counter(tokens)
    return [token for token in tokens if counts[token] > here[token]]


def _line_at(offset: int, lines: Sequence[Segment], document: Document) -> Segment:
    """The line holding ``offset``: line segments are indexed by line number - 1."""
    return lines[document.lines.position(offset).line - 1]


def _candidates(paragraph: Segment, lines: Sequence[Segment], document: Document) -> list[Segment]:
    """The paragraph, then its first and last lines when it has several (labels sit there)."""
    first = _line_at(paragraph.start, lines, document)
    last = _line_at(paragraph.end, lines, document)
    return [paragraph] if first is last else [paragraph, last, first]


def _judge(
    piece: _Candidate,
    home: tuple[str, ...],
    counts: Counter[str],
    own: Callable[[], frozenset[str]],
    ctx: RuleContext,
    heading: bool,
) -> tuple[str | None, str] | None:
    """The language (None: not the document's, but which one is unsure) and evidence of a
    leftover, or None when the text belongs."""
    text = piece.segment.text
    # Addresses are not words of any language; most texts have none (the test is in C).
    if "://" in text or "www." in text or "@" in text:
        tokens = words(_URL.sub(" ", text))
        scores = stopword_scores(tokens)
    else:
        tokens, scores = piece.tokens, piece.scores
    if not tokens:
        return None
    if len(tokens) <= int(ctx.options["max-label-words"]):
        # A label first; a language's name is looked up only for a text that is none.
        for lookup, kind in ((label_languages, "interface label"),
                             (name_languages, "name of a language")):  # fmt: skip
            labels = lookup(text)
            if labels:
                if not all(_foreign(code, home) for code in labels):
                    return None
                if kind == "name of a language" and _guessed_home(text, home, ctx):
                    return None  # Finlandais: French too, whatever Romansh calls Finnish
                names = " or ".join(sorted(language_name(code) for code in labels))
                return sorted(labels)[0], f"{names} {kind}"
    if _attributed(text, home):
        return None
    odd = _odd_letters(text, home, own)
    if odd and not heading:
        found = _by_letters(text, odd, home, ctx)
        if found is not None:
            return found
    if len(tokens) <= int(ctx.options["max-label-words"]):
        return None if heading else _short_stray(text, tokens, home, counts, ctx)
    if len(tokens) < int(ctx.options["min-words"]):
        return None
    by_words = guess_from_scores(scores, len(tokens), min_share=0.1)
    if by_words is not None and not _foreign(by_words.language, home):
        return None
    if by_words is None:
        ours = max((score for code, score in scores.items() if not _foreign(code, home)), default=0)
        theirs = max((score for code, score in scores.items() if _foreign(code, home)), default=0)
        if ours and (ours >= 0.3 * len(tokens) or theirs < 0.8 * ours):
            return None  # the document's own function words lead clearly: it belongs
    index = stopword_languages()
    # Acronyms and capitalised ASCII terms (True, JSON, CSRF) are shared by every language
    # of a technical text; they say nothing about whether a sentence belongs.
    terms = {word.casefold() for word in _TERM.findall(text)}
    content = [token for token in tokens if token not in index and token not in terms]
    if content:
        shared = len(_used_elsewhere(content, counts))
        if shared >= float(ctx.options["shared-words"]) * len(content):
            return None  # it speaks of what the rest of the document speaks of
    confirmed = _identified(text, home, float(ctx.options["min-confidence"]), ctx)
    if confirmed is None:
        return None
    # An identifier is sure of itself even when wrong on a short sentence (langdetect calls
    # short Swedish Norwegian): where the function words know its language, they must agree.
    # When they fit both languages equally ("i", "en": Swedish or Spanish; "для": Russian or
    # Ukrainian), only a confident identifier overrules the document.
    # Code terms (True, None) are in English's list; they are no English function words here.
    scores = stopword_scores(token for token in tokens if token not in terms)
    theirs = max(
        (v for code, v in scores.items() if same_language(code, confirmed.language)), default=0.0
    )
    ours = max((v for code, v in scores.items() if not _foreign(code, home)), default=0.0)
    if not any(same_language(code, confirmed.language) for code in listed_function_words()):
        # Welsh has no list to agree with: a few of the document's function words ("y" is
        # Spanish) stand against the identifier only when it is not sure.
        if ours and confirmed.confidence < OVERRULE_UNLISTED:
            return None
    elif ours > theirs or (ours and ours == theirs and confirmed.confidence < OVERRULE_TIE):
        return None
    evidence = f"{confirmed.evidence} {confirmed.confidence:.2f}"
    if by_words is not None:
        evidence = f"function words and {evidence}"
    return confirmed.language, evidence


_WRITTEN = ("Ll", "Lo")  # letters, not the tatweel (Lm) that stretches an Arabic word


def _document_letters(paragraphs: Sequence[Segment]) -> frozenset[str]:
    """The letters the document writes throughout: in two paragraphs or more, or in
    paragraphs that hold half its text. They are its own, whatever language it was taken
    for (the Serbian ј of a Serbian page that function words took for Russian)."""
    held: Counter[str] = Counter()  # paragraphs
    mass: Counter[str] = Counter()  # characters of those paragraphs
    for paragraph in paragraphs:
        if not paragraph.text.isascii():
            letters = set(paragraph.text.lower())
            held.update(letters)
            mass.update(dict.fromkeys(letters, len(paragraph.text)))
    total = sum(len(paragraph.text) for paragraph in paragraphs)
    return frozenset(
        letter for letter, count in held.items() if count >= 2 or 2 * mass[letter] >= total
    )


@cache
def _letters_of(code: str) -> tuple[frozenset[str], str] | None:
    """The letters a language writes and their script: its alphabet (Cyrillic, Greek,
    Arabic), or for a Latin-script language the letters of its common words, borrowings
    included (wordfreq's lists); None when neither is on file."""
    alphabet = alphabets().get(code)
    if alphabet is not None:
        return alphabet, main_script(min(alphabet)) or ""
    letters = word_letters().get(wordfreq_code(code))
    return (letters, "Latin") if letters is not None else None


def _odd_letters(text: str, home: tuple[str, ...], own: Callable[[], frozenset[str]]) -> str:
    """The letters of ``text``, in the script of the document's letters, that no language
    of the document writes (``ъ`` in a Ukrainian page, ``ھ`` in a Persian one), nor the
    rest of the document (``own``, found only when a text has such letters); nothing where a
    language of the document has no letters on file."""
    if text.isascii():
        return ""
    known = [_letters_of(code) for code in home]
    if any(entry is None for entry in known):
        return ""
    letters = frozenset().union(*(entry[0] for entry in known if entry))
    scripts = {entry[1] for entry in known if entry}
    unknown = set(text.lower()) - letters
    odd = {c for c in unknown if category(c) in _WRITTEN and main_script(c) in scripts}
    return "".join(sorted(odd - own())) if odd else ""


def _by_letters(
    text: str, odd: str, home: tuple[str, ...], ctx: RuleContext
) -> tuple[str | None, str] | None:
    """A segment that writes letters the document's language has not: another language, when
    the identifier's best guess is one (and named when that language writes those letters),
    or when they are in half of its words. Latin script asks more, as names keep their
    letters in any Latin-script text (Kraków, José): two words with them or half, one of
    them lower-case (no name), and the identifier's best guess foreign."""
    names = " or ".join(language_name(code) for code in home)
    identifier = IDENTIFIERS[ctx.identifier.name]
    written = [w for w in words_as_written(text) if w.isalpha() and not w.isascii()]
    odd_words = [w for w in written if any(letter in w.lower() for letter in odd)]
    many = bool(written) and (2 * len(odd_words) >= len(written))
    latin = all(code not in alphabets() for code in home)
    if latin and (not (many or len(odd_words) >= 2) or all(w[0].isupper() for w in odd_words)):
        return None
    guess = _foreign_guess(text, home, ctx)
    if guess is not None:
        letters = _letters_of(guess.language)
        language = guess.language if letters is None or letters[0].issuperset(odd) else None
        return language, (f"{', '.join(odd)}: no {names} letter; {identifier}'s guess"
                          f" {language_name(guess.language)} {guess.confidence:.2f}")  # fmt: skip
    if many and not latin:
        return None, f"{', '.join(odd)}: no {names} letter, in {len(odd_words)} of its words"
    return None


OVERRULE_TIE = 0.9
OVERRULE_UNLISTED = 0.8


@cache
def listed_function_words() -> frozenset[str]:
    """The languages whose function words are on file."""
    return frozenset(code for codes in stopword_languages().values() for code in codes)


def _attributed(text: str, home: tuple[str, ...]) -> bool:
    """A quotation whose surrounding words are the document's, or that names its speaker
    after a dash: an attributed quotation, not a leftover."""
    outside_text = _QUOTED.sub(" ", text)
    if outside_text == text:
        return False
    around = stopword_scores(words(outside_text))
    best = max(around.values(), default=0.0)
    own = max((score for code, score in around.items() if not _foreign(code, home)), default=0.0)
    return bool(best and own >= 0.5 * best) or _DASH_ATTRIBUTION.search(outside_text) is not None


def _at_home(scores: Mapping[str, float], home: tuple[str, ...]) -> float:
    """The identifier's probability for the document's own language (or languages)."""
    return sum(p for code, p in scores.items() if not _foreign(code, home))


def _identified(
    text: str, home: tuple[str, ...], min_confidence: float, ctx: RuleContext
) -> Guess | None:
    """The identifier's language for ``text`` when it is foreign, at least
    ``min_confidence``, and the document's own language is all but ruled out (at most
    ``max-home-probability``, and ``min-odds`` times less likely)."""
    guess = _foreign_guess(text, home, ctx)
    if guess is None:
        return None
    scores = ctx.identifier.scores(text)  # cached: the same call as the guess's
    probability = scores[guess.language]
    at_home = _at_home(scores, home)
    if probability < min_confidence or at_home > float(ctx.options["max-home-probability"]):
        return None
    if probability < float(ctx.options["min-odds"]) * max(at_home, 0.001):
        return None
    return guess


def _foreign_guess(text: str, home: tuple[str, ...], ctx: RuleContext) -> Guess | None:
    """The identifier's best guess for ``text`` when it is none of the document's languages."""
    guess = ctx.identifier.guess(text)
    return guess if guess is not None and _foreign(guess.language, home) else None


def _guessed_home(text: str, home: tuple[str, ...], ctx: RuleContext) -> bool:
    """Whether the identifier's best guess for ``text`` is a language of the document."""
    guess = ctx.identifier.guess(text)
    return guess is not None and not _foreign(guess.language, home)


def _short_stray(
    text: str, tokens: list[str], home: tuple[str, ...], counts: Counter[str], ctx: RuleContext
) -> tuple[str | None, str] | None:
    """A few words that are not an interface label: foreign only when none of them is a
    function word of the document's language or a word the rest of it uses, they are not
    all common words of it or names, and the identifier is sure of their language, or the
    word lists show they are not the document's (``_named_by_vocabulary``, ``_ruled_out``)."""
    guess = _foreign_guess(text, home, ctx)
    guessed = guess.language if guess is not None else None
    if not _unexplained(tokens, counts, home, guessed) or _QUOTED.search(text):
        return None  # the document's words, or a quotation (« Bonjour ! » dit-il.)
    listed = [code for code in home if has_list(code)]
    if any(knows_all(code, tokens) for code in listed):
        return None  # common words of the document's language: Koreai in a Hungarian page
    if international_words().issuperset(tokens):
        return None  # names and international words: Khmer, hindi
    confirmed = _identified(text, home, float(ctx.options["short-confidence"]), ctx)
    if confirmed is not None:
        return confirmed.language, f"{confirmed.evidence} {confirmed.confidence:.2f}"
    if len(listed) < len(home) or any(knows_any(code, tokens) for code in listed):
        return None  # some word is the document's, or one of its languages has no list
    return _named_by_vocabulary(text, tokens, home, ctx) or _ruled_out(text, tokens, home, ctx)


# Below what fastText reports at all: the identifier does not consider the language.
RULED_OUT = 0.001


def _ruled_out(
    text: str, tokens: list[str], home: tuple[str, ...], ctx: RuleContext
) -> tuple[str | None, str] | None:
    """A few words that are no words of the document's language at all, not even rare ones
    (its full list, Zipf 1 and up), and that the identifier does not consider the document's
    language: not the document's, though which language they are in is unsure (``Pwnjabi``
    in a Finnish page; the identifier's best guess, often English, is only a guess). Only for
    languages with a full list: a small list misses the rare words of the document's own
    language (``Bengalce`` is Turkish)."""
    full = [code for code in home if has_full_list(code)]
    if len(full) < len(home) or any(uses_any(code, tokens) for code in full):
        return None
    guess = _foreign_guess(text, home, ctx)
    at_home = _at_home(ctx.identifier.scores(text), home)
    if guess is None or at_home >= RULED_OUT:
        return None
    if guess.confidence < float(ctx.options["min-odds"]) * RULED_OUT:
        return None
    names = " or ".join(language_name(code) for code in full)
    guessed = f"{language_name(guess.language)} {guess.confidence:.2f}"
    return None, f"no {names} word; {guess.evidence}'s guess: {guessed}"


def _named_by_vocabulary(
    text: str, tokens: list[str], home: tuple[str, ...], ctx: RuleContext
) -> tuple[str, str] | None:
    """The language of a few words none of which the document's language uses commonly: the
    identifier must all but rule the document's language out, and one of its best foreign
    guesses must use every word commonly. The identifier alone is not sure enough of two
    words; the vocabulary alone cannot tell which of the languages that use a word the
    segment is in."""
    scores = ctx.identifier.scores(text)
    if _at_home(scores, home) > float(ctx.options["max-home-probability"]):
        return None
    ranked = sorted((c for c in scores if _foreign(c, home)), key=lambda c: (-scores[c], c))
    for code in ranked[: int(ctx.options["vocabulary-guesses"])]:
        if has_list(code) and knows_all(code, tokens):
            identifier = IDENTIFIERS[ctx.identifier.name]
            return code, f"common {language_name(code)} words, {identifier} {scores[code]:.2f}"
    return None


RULES = (foreign_script, declared_mismatch, stray_segment)
