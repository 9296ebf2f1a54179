"""A list of phrases as one regex: the matcher that phrase-list rules and the speech lexicon share.

A phrase of a spaced script ends where its word ends. A phrase of a script written
without spaces (Han, kana, Thai ...) cannot end at a word boundary, and letters of such
scripts may follow a phrase of a spaced one (``本网站使用cookie来…``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import accumulate, compress

import regex

# What ends a sentence, in the scripts hygiene reads: Latin, Cyrillic, Greek (its question
# mark is ";", also a semicolon: left out), CJK, Armenian, Arabic, Urdu, Devanagari, Ethiopic.
SENTENCE_STOPS = ".!?…。！？։؟۔।॥።"
# The scripts written without spaces between words.
UNSPACED_SCRIPTS = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}"
UNSPACED = regex.compile(f"[{UNSPACED_SCRIPTS}]")
# No letter, mark or digit of a spaced script follows.
WORD_END = rf"(?!(?![{UNSPACED_SCRIPTS}])[\p{{L}}\p{{M}}\p{{N}}])"


def alternation(phrases: Iterable[str], word_start: str = "") -> str:
    """Phrases as one alternation, longest first; the words of a phrase may be split by any
    white space. Spaced-script phrases share one group, so the engine tests ``word_start``
    (a lookbehind, when matches are searched for rather than anchored) and ``WORD_END``
    once per position; unspaced-script phrases stand apart, unbounded."""
    spaced: list[str] = []
    unspaced: list[str] = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        body = r"\s+".join(map(regex.escape, phrase.split()))
        (unspaced if UNSPACED.match(phrase[-1]) else spaced).append(body)
    parts = [f"{word_start}(?:{'|'.join(spaced)}){WORD_END}"] if spaced else []
    if unspaced:
        parts.append("|".join(unspaced))
    return "|".join(parts)


class LazyRegex:
    """A pattern built and compiled on first use: a clean document never needs most of a
    pack's matchers, nor unspaced-script phrases, and compiling them all was most of a
    small check's start-up. Only for sources built from escaped phrases, which cannot fail
    to compile."""

    def __init__(self, source: Callable[[], str], flags: int = 0) -> None:
        self.source = source
        self.flags = flags
        self._pattern: regex.Pattern[str] | None = None

    @property
    def pattern(self) -> regex.Pattern[str]:
        if self._pattern is None:
            self._pattern = regex.compile(self.source(), self.flags)
        return self._pattern


# A word's opening letters, up to any letter of an unspaced script (saidと述べた). One
# class, as a set difference (V1), rather than a lookahead at every letter: twice as fast.
_RUN_LETTER = rf"[[\p{{L}}\p{{M}}]--[{UNSPACED_SCRIPTS}]]"
WORD_RUN = regex.compile(rf"(?<![\p{{L}}\p{{M}}]){_RUN_LETTER}+", regex.V1)


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    """Where a phrase was found, shaped like the part of a regex match its callers use."""

    text: str
    span: tuple[int, int]

    def start(self) -> int:
        return self.span[0]

    def end(self) -> int:
        return self.span[1]

    def group(self) -> str:
        return self.text[self.span[0] : self.span[1]]


class PhraseFinder:
    """Phrases found anywhere in a text, case-insensitively, each starting at a word start.

    Spaced-script phrases are looked up by the letters their first word opens with, at
    each word start of the text, and then compared word by word (any white space between
    words, and the phrase ending with a word): a dictionary in place of a regex
    alternation of hundreds of phrases, which took tens of milliseconds to compile on
    every run. Phrases of unspaced scripts (と述べた, 说) cannot be told apart by word
    starts and stay a small regex.

    ``finditer(text, start, stop)`` finds what ``finditer(text[start:stop])`` would, at
    offsets of ``text``: a paragraph's word starts are found once (``WordRuns``) and every
    window of it asked about (the words around each of its quotations) reads them.
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        self.by_opening: dict[str, list[tuple[str, ...]]] = {}
        unspaced: list[str] = []
        for phrase in sorted(set(phrases), key=len, reverse=True):
            if UNSPACED.match(phrase[-1]):
                unspaced.append(phrase)
                continue
            words = tuple(word.lower() for word in phrase.split())
            opening = WORD_RUN.match(words[0])
            key = opening.group() if opening else words[0]
            self.by_opening.setdefault(key.casefold(), []).append(words)
        # Compiled when a text first needs it.
        self.unspaced = (
            LazyRegex(lambda: "|".join(map(regex.escape, unspaced)), regex.IGNORECASE)
            if unspaced
            else None
        )
        # The last text asked about, and its runs that open a phrase.
        self._openings: tuple[str, list[tuple[int, int]]] | None = None

    def finditer(self, text: str, start: int = 0, stop: int | None = None) -> list[PhraseMatch]:
        """Every match in ``text[start:stop]``, left to right, none overlapping (the longest
        phrase at a place), at offsets of ``text``."""
        stop = len(text) if stop is None else min(stop, len(text))
        spans = [*self._spaced(text, start, stop)]
        if self.unspaced is not None and not text.isascii():  # unspaced scripts are not ASCII
            unspaced = self.unspaced.pattern.finditer(text, start, stop)
            spans.extend(match.span() for match in unspaced)
            spans.sort(key=lambda span: (span[0], -span[1]))
        found: list[PhraseMatch] = []
        reached = start
        for low, high in spans:
            if low >= reached:
                found.append(PhraseMatch(text, (low, high)))
                reached = high
        return found

    def search(self, text: str, start: int = 0, stop: int | None = None) -> PhraseMatch | None:
        """The first match in ``text[start:stop]``, or None."""
        found = self.finditer(text, start, stop)
        return found[0] if found else None

    def _spaced(self, text: str, start: int, stop: int) -> Iterator[tuple[int, int]]:
        if start >= stop:
            return
        runs = WordRuns.of(text)
        known = self._openings  # read once: another thread may ask about another text
        if known is None or known[0] is not text:
            known = self._openings = (text, runs.opening(self.by_opening))
        openings = known[1]
        # The runs of text[start:stop] are the text's, except where the window cuts a word:
        # a run starts at ``start`` when it falls among letters, and the run that goes past
        # ``stop`` ends there. Both are looked up again by what is left of them.
        candidates: list[tuple[int, int]] = []
        opening = runs.cut_at(start, stop)
        if opening is not None:
            candidates.append(opening)
        low = bisect_left(openings, (start, 0))
        high = bisect_left(openings, (stop, 0))
        candidates += [run for run in openings[low:high] if run[1] <= stop]
        last = bisect_left(runs.starts, stop) - 1
        if last >= 0 and runs.starts[last] >= start and runs.ends[last] > stop:
            candidates.append((runs.starts[last], stop))
        reached = start
        for run_start, run_end in candidates:
            if run_start < reached:
                continue
            for words in self.by_opening.get(text[run_start:run_end].casefold(), ()):
                end = _match_words(text, run_start, words, stop)
                if end is not None:
                    yield run_start, end
                    reached = end
                    break


class WordRuns:
    """Where a text's word runs (``WORD_RUN``) start and end, found once per text: the
    last text asked about is kept, as a paragraph is asked about window after window."""

    _last: WordRuns | None = None

    def __init__(self, text: str) -> None:
        self.text = text
        # Letter sequences and what separates them alternately, their offsets by summing
        # lengths: all in C. A sequence is a run, unless a letter of an unspaced script is
        # in it: the run stops there (saidと), and a sequence that opens with one has none.
        parts = _LETTER_PARTS.split(text)
        bounds = list(accumulate(map(len, parts), initial=0))
        self.starts, self.ends, words = bounds[1:-1:2], bounds[2::2], parts[1::2]
        if not text.isascii() and UNSPACED.search(text):
            runs = [
                (start, run.end(), word)
                for start, word in zip(self.starts, words, strict=True)
                if (run := _RUN_LETTERS.match(word))
            ]
            self.starts = [start for start, _, _ in runs]
            self.ends = [start + length for start, length, _ in runs]
            words = [word[:length] for _, length, word in runs]
        self.keys = list(map(str.casefold, words))

    @classmethod
    def of(cls, text: str) -> WordRuns:
        last = cls._last
        if last is None or last.text is not text:
            last = cls._last = cls(text)
        return last

    def opening(self, by_opening: Mapping[str, object]) -> list[tuple[int, int]]:
        """The runs that open some phrase, as (start, end), in order."""
        found = compress(range(len(self.keys)), map(by_opening.__contains__, self.keys))
        return [(self.starts[index], self.ends[index]) for index in found]

    def cut_at(self, start: int, stop: int) -> tuple[int, int] | None:
        """The run that ``text[start:stop]`` opens with where ``start`` falls inside a word
        (after a letter or mark, so no run of the whole text starts there), or None."""
        text = self.text
        if start == 0 or not _LETTER_OR_MARK.match(text, start - 1):
            return None
        run = _RUN_LETTERS.match(text, start, stop)
        return (start, run.end()) if run else None


_LETTER_PARTS = regex.compile(r"([\p{L}\p{M}]+)")
_LETTER_OR_MARK = regex.compile(r"[\p{L}\p{M}]")
_RUN_LETTERS = regex.compile(f"{_RUN_LETTER}+", regex.V1)


def _match_words(text: str, start: int, words: tuple[str, ...], stop: int) -> int | None:
    """Where ``words`` (lower-cased) end when they stand at ``start``, white space of any
    kind and length between them and no letter or digit of a spaced script after, all
    before ``stop``."""
    position = start
    for number, word in enumerate(words):
        if number:
            after = position
            while after < stop and text[after].isspace():
                after += 1
            if after == position:
                return None
            position = after
        end = position + len(word)
        if end > stop or text[position:end].casefold() != word.casefold():
            return None
        position = end
    return position if position == stop or ends_word(text, position) else None


_WORD_GOES_ON = regex.compile(rf"(?![{UNSPACED_SCRIPTS}])[\p{{L}}\p{{M}}\p{{N}}]")


def ends_word(text: str, position: int) -> bool:
    """Whether a spaced-script phrase that stops at ``position`` ends a word there, as
    ``WORD_END`` asks of a regex: no letter, mark or digit of a spaced script follows."""
    return _WORD_GOES_ON.match(text, position) is None
