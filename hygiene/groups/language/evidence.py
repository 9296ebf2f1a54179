"""What LG003 measures about a document and its segments: their words and function words,
the words the rest of the document uses, the letters it writes, the language most of its
paragraphs are in, and what the identifier makes of a text. Nothing here decides."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from unicodedata import category

import regex

from hygiene.core.document import Document
from hygiene.core.segment import Segment
from hygiene.groups.language.identifier import Guess, Identifier, stopword_scores
from hygiene.groups.language.kinship import foreign, same_language
from hygiene.groups.language.placement import line_at
from hygiene.groups.language.vocabulary import has_list, wordfreq_code
from hygiene.groups.lexicon import (
    alphabets,
    han_letters,
    language_scripts,
    stopword_languages,
    word_letters,
    words,
)
from hygiene.text.scripts import WRITTEN_TOGETHER, main_script

# Addresses: a run of non-space characters holding '://' or a mail address's '@' and '.',
# or from a 'www.' on. The same matches as '\S+://\S+|www\.\S+|\S+@\S+\.\S+', which tried
# every position of a long run (8,000 letters and an '@': 0.2 s; 4 times as many, 16
# times as long); this one looks ahead once, from the run's start.
URL = regex.compile(r"(?<!\S)(?=\S+?://\S|(?>\S+?@)\S+?\.\S)\S+|www\.\S+")
# Acronyms and capitalised ASCII terms (True, JSON, CSRF).
TERM = regex.compile(r"\b[A-Z][A-Za-z0-9]*\b")

# A paragraph's vote: its probabilities sum to one, give or take the identifier's rounding.
MAX_VOTE = 1.001

# A letter is the document's own when two paragraphs write it (one could be the stray)...
OWN_LETTER_PARAGRAPHS = 2
# ...or when the paragraphs that write it hold half the text (a document of one long
# paragraph and a few short ones).
OWN_LETTER_TEXT_SHARE = 0.5
# Kana: what shows a text of kanji to be Japanese, whatever its characters.
_KANA = regex.compile(r"[\p{Hiragana}\p{Katakana}]")

_WRITTEN = ("Ll", "Lo")  # letters, not the tatweel (Lm) that stretches an Arabic word


class Candidate:
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


def candidates(paragraph: Segment, lines: Sequence[Segment], document: Document) -> list[Segment]:
    """The paragraph, then its first and last lines when it has several (labels sit there)."""
    first = line_at(paragraph.start, lines, document)
    last = line_at(paragraph.end, lines, document)
    return [paragraph] if first is last else [paragraph, last, first]


def prose_words(piece: Candidate) -> tuple[list[str], dict[str, float]]:
    """The words of a candidate and their function-word scores, its addresses left out:
    they are words of no language."""
    text = piece.segment.text
    # Most texts have no address; the test is in C.
    if "://" in text or "www." in text or "@" in text:
        tokens = words(URL.sub(" ", text))
        return tokens, stopword_scores(tokens)
    return piece.tokens, piece.scores


def code_terms(text: str) -> set[str]:
    """The acronyms and capitalised ASCII terms of ``text``, casefolded: every language of a
    technical text shares them, so they say nothing about whether a sentence belongs."""
    return {word.casefold() for word in TERM.findall(text)}


def content_words(tokens: Sequence[str], terms: set[str]) -> list[str]:
    """The tokens that are neither function words of any language nor code terms."""
    index = stopword_languages()
    return [token for token in tokens if token not in index and token not in terms]


def document_words(
    paragraphs: Sequence[Segment], groups: Sequence[Sequence[Candidate]], body_start: int
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


def used_elsewhere(tokens: Sequence[str], counts: Counter[str]) -> list[str]:
    """The tokens that the rest of the document (``counts``: all of its words) uses too."""
    here = Counter(tokens)
    return [token for token in tokens if counts[token] > here[token]]


@dataclass(frozen=True, slots=True)
class Majority:
    """The language most of a document's paragraphs are in, its share of their votes (its
    close languages' with it), how many paragraphs were asked, and how many of them give
    each language ``RIVAL_VOTE`` or more."""

    language: str
    share: float
    asked: int
    backing: Mapping[str, int]
    votes: Mapping[str, float]  # each language's votes, summed

    def contenders(self, least: float, home: tuple[str, ...] = ()) -> frozenset[str]:
        """The other languages that hold ``least`` of the votes or more, one paragraph's
        whole vote set aside (the stray's): languages the document may as well be in, as far
        as the identifier can tell (Galician help pages it half reads as Spanish)."""
        return self._beside(self.votes, least, home)

    def share_of(self, languages: Sequence[str]) -> float:
        """The share of the votes that ``languages`` and their close languages hold."""
        held = sum(v for code, v in self.votes.items() if not foreign(code, tuple(languages)))
        return held / self.asked

    def rivals(self, least: float, home: tuple[str, ...] = ()) -> frozenset[str]:
        """The other languages that ``least`` of the paragraphs or more give a little of
        their vote, one paragraph set aside (the stray itself may be in the language): those
        the identifier confuses with the document's (``home``, else the leader) throughout
        (Spanish in a Galician page, Hindi in a Marathi one), whose name on a few words says
        little."""
        return self._beside(self.backing, least, home)

    def _beside(
        self, measure: Mapping[str, float], least: float, home: tuple[str, ...]
    ) -> frozenset[str]:
        """The languages other than ``home`` (else the leader) whose ``measure``, one
        paragraph's worth set aside, is ``least`` of the rest of the paragraphs or more."""
        if self.asked < 2:
            return frozenset()
        home = home or (self.language,)
        return frozenset(
            code
            for code, value in measure.items()
            if value - 1 >= least * (self.asked - 1) and foreign(code, home)
        )


# A paragraph's vote that makes a language a plausible reading of it.
RIVAL_VOTE = 0.05


def majority_language(paragraphs: Sequence[Segment], identifier: Identifier) -> Majority | None:
    """The language most paragraphs are in: each casts its identifier probabilities as one
    vote (a short, ambiguous one spreads its vote thin). Counting paragraphs rather than
    words keeps one long stray from taking a short document over. The share counts close
    languages' votes with the leader's (Bokmål's with Nynorsk's): a low one says the
    identifier does not know the document's language (Manx, Wolof), and spreads it over
    the languages it knows."""
    votes: dict[str, float] = {}
    backed: dict[str, int] = {}
    cast = 0
    for cast, paragraph in enumerate(paragraphs, start=1):
        for code, probability in identifier.scores(paragraph.text).items():
            votes[code] = votes.get(code, 0.0) + probability
            backed[code] = backed.get(code, 0) + (probability >= RIVAL_VOTE)
        if _decided(votes, len(paragraphs) - cast):
            break
    if not votes:
        return None
    leader = _leader(votes, paragraphs)
    kin = sum(vote for code, vote in votes.items() if same_language(code, leader))
    return Majority(leader, kin / cast, cast, backed, votes)


def _leader(votes: Mapping[str, float], paragraphs: Sequence[Segment]) -> str:
    """The language with the most votes among those of its script whose alphabet holds the
    letters two paragraphs or more write: a Serbian page that fastText reads as Russian
    still writes ђ, ј and њ, which Russian has not, while the letters of one long Kazakh
    paragraph in a Russian page are not the page's. A language whose alphabet is not on
    file is neither questioned nor put in the leader's place; where no language on file
    writes those letters, the leader stays."""
    ranked = sorted(sorted(votes), key=votes.__getitem__, reverse=True)
    alphabet = alphabets().get(ranked[0])
    if alphabet is None:
        return ranked[0]
    script = main_script(min(alphabet))
    held, _ = _letters_by_paragraph(paragraphs)
    own = {
        letter
        for letter, count in held.items()
        if count >= OWN_LETTER_PARAGRAPHS and letter.isalpha() and main_script(letter) == script
    }
    for code in ranked:
        letters = alphabets().get(code)
        if letters is not None and main_script(min(letters)) == script and own <= letters:
            return code
    return ranked[0]


def _decided(votes: dict[str, float], remaining: int) -> bool:
    """Whether the leader's margin is more than ``remaining`` votes could overturn: the
    paragraphs left need not be asked (a third of the model's calls in a vote)."""
    if len(votes) < 2:
        leader, runner_up = max(votes.values(), default=0.0), 0.0
    else:
        leader, runner_up = sorted(votes.values())[-1:-3:-1]
    return leader - runner_up > remaining * MAX_VOTE


def document_letters(paragraphs: Sequence[Segment]) -> frozenset[str]:
    """The letters the document writes throughout: in two paragraphs or more, or in
    paragraphs that hold half its text. They are its own, whatever language it was taken
    for (the Serbian ј of a Serbian page that function words took for Russian)."""
    held, mass = _letters_by_paragraph(paragraphs)
    total = sum(len(paragraph.text) for paragraph in paragraphs)
    return frozenset(
        letter
        for letter, count in held.items()
        if count >= OWN_LETTER_PARAGRAPHS or mass[letter] >= OWN_LETTER_TEXT_SHARE * total
    )


def _letters_by_paragraph(paragraphs: Sequence[Segment]) -> tuple[Counter[str], Counter[str]]:
    """For each letter beyond ASCII: how many paragraphs write it, and how many characters
    those paragraphs hold."""
    held: Counter[str] = Counter()
    mass: Counter[str] = Counter()
    for paragraph in paragraphs:
        if not paragraph.text.isascii():
            letters = set(paragraph.text.lower())
            held.update(letters)
            mass.update(dict.fromkeys(letters, len(paragraph.text)))
    return held, mass


@cache
def letters_of(code: str) -> tuple[frozenset[str], str] | None:
    """The letters a language writes and their script: its alphabet (Cyrillic, Greek,
    Arabic), the Han characters of Japanese's common words, or for a Latin-script language
    the letters of its common words, borrowings included (wordfreq's lists); None when
    none is on file."""
    alphabet = alphabets().get(code)
    if alphabet is not None:
        return alphabet, main_script(min(alphabet)) or ""
    han = han_letters().get(code)
    if han is not None:
        return han, "Han"
    letters = word_letters().get(wordfreq_code(code))
    return (letters, "Latin") if letters is not None else None


def odd_letters(text: str, home: tuple[str, ...], own: Callable[[], frozenset[str]]) -> str:
    """The letters of ``text``, in the script of the document's letters, that no language
    of the document writes (``ъ`` in a Ukrainian page, ``ھ`` in a Persian one), or in a
    script written together with the document's that none of its languages writes (kana in
    a Chinese page), nor the rest of the document (``own``, found only when a text has such
    letters); nothing where a language of the document has neither on file."""
    if text.isascii():
        return ""
    odd = _unwritten_scripts(text, home)
    known = [letters_of(code) for code in home]
    if all(entry is not None for entry in known):
        letters = frozenset().union(*(entry[0] for entry in known if entry))
        scripts = {entry[1] for entry in known if entry}
        if _KANA.search(text):
            scripts.discard("Han")  # kanji among kana are Japanese, however rare (矩形)
        unknown = set(text.lower()) - letters
        odd |= {c for c in unknown if category(c) in _WRITTEN and main_script(c) in scripts}
    return "".join(sorted(odd - own())) if odd else ""


def _unwritten_scripts(text: str, home: tuple[str, ...]) -> set[str]:
    """The letters of ``text`` in scripts written together with the document's (Han, kana,
    Hangul) that CLDR has none of its languages write: a line of kanji and kana in a Chinese
    page is Japanese, though the line is mostly Han and the page's script is Han too."""
    unwritten = _partner_scripts(home)
    if not unwritten:
        return set()
    return {c for c in set(text) if category(c) in _WRITTEN and main_script(c) in unwritten}


@cache
def _partner_scripts(home: tuple[str, ...]) -> frozenset[str]:
    """The scripts written together with those of the document's languages (CLDR's) that
    none of them writes: kana and Hangul for Chinese; none for a language CLDR does not
    know, nor for any Latin-script one."""
    written = [language_scripts().get(code.split("-")[0]) for code in home]
    if any(scripts is None for scripts in written):
        return frozenset()
    ours = frozenset().union(*(scripts for scripts in written if scripts))
    together = frozenset().union(*(WRITTEN_TOGETHER.get(script, ()) for script in ours))
    return together - ours - {"Bopomofo"}  # Taiwan's phonetic letters annotate Chinese


@cache
def listed_function_words() -> frozenset[str]:
    """The languages whose function words are on file."""
    return frozenset(code for codes in stopword_languages().values() for code in codes)


def home_score(scores: Mapping[str, float], home: tuple[str, ...]) -> float:
    """The best function-word score among the document's own languages."""
    return max((score for code, score in scores.items() if not foreign(code, home)), default=0.0)


def home_probability(scores: Mapping[str, float], home: tuple[str, ...]) -> float:
    """The identifier's probability for the document's own language (or languages)."""
    return sum(p for code, p in scores.items() if not foreign(code, home))


def foreign_guess(text: str, home: tuple[str, ...], identifier: Identifier) -> Guess | None:
    """The identifier's best guess for ``text`` when it is none of the document's languages."""
    guess = identifier.guess(text)
    return guess if guess is not None and foreign(guess.language, home) else None


def guessed_home(text: str, home: tuple[str, ...], identifier: Identifier) -> bool:
    """Whether the identifier's best guess for ``text`` is a language of the document."""
    guess = identifier.guess(text)
    return guess is not None and not foreign(guess.language, home)


def unexplained(
    tokens: Sequence[str], counts: Counter[str], home: tuple[str, ...], guessed: str | None
) -> bool:
    """Whether none of a short text's words is a function word of the document's language or
    a word the rest of the document uses. A function word the ``guessed`` language shares
    with the document's (er: German and Danish; de: Portuguese and French) tells the two
    apart no more than the identifier does, and explains nothing, however often the
    document writes it, where the document's language has a word list to judge the rest;
    without one, the document's use of it is all there is."""
    index = stopword_languages()
    shared: set[str] = set()
    for token in tokens:
        languages = index.get(token, frozenset())
        if guessed is not None and any(same_language(code, guessed) for code in languages):
            shared.add(token)
            continue
        if any(not foreign(code, home) for code in languages):
            return False
    if not all(has_list(code) for code in home):
        shared.clear()
    return not used_elsewhere([token for token in tokens if token not in shared], counts)


def explained(piece: Candidate, counts: Counter[str], leaders: Sequence[str]) -> bool:
    """Whether a short text is the document's by its words: words the rest of the document
    uses, or function words that lead in the language the document's paragraphs lead in
    (``er`` is German, but ``er ikke`` Danish); any function word, when no paragraph is long
    enough to lead. A function word of another language as well explains nothing by the
    rest of the document's using it (``de`` of ``Fecha de creación`` in a Romanian page)."""

    def leads(code: str) -> bool:
        return any(same_language(code, leader) for leader in leaders)

    index = stopword_languages()
    own = [token for token in piece.tokens if all(map(leads, index.get(token, ())))]
    if used_elsewhere(own, counts):
        return True
    scores = piece.scores
    if not scores or not leaders:
        return bool(scores)
    best = max(scores.values())
    return all(leads(code) for code, score in scores.items() if score == best)
