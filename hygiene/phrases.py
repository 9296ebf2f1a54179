"""A list of phrases as one regex: the matcher that phrase-list rules and the speech lexicon share.

A phrase of a spaced script ends where its word ends. A phrase of a script written
without spaces (Han, kana, Thai ...) cannot end at a word boundary, and letters of such
scripts may follow a phrase of a spaced one (``本网站使用cookie来…``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import regex

_UNSPACED_SCRIPTS = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}"
UNSPACED = regex.compile(f"[{_UNSPACED_SCRIPTS}]")
# No letter, mark or digit of a spaced script follows.
WORD_END = rf"(?!(?![{_UNSPACED_SCRIPTS}])[\p{{L}}\p{{M}}\p{{N}}])"


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
_WORD_RUN = regex.compile(
    rf"(?V1)(?<![\p{{L}}\p{{M}}])[[\p{{L}}\p{{M}}]--[{_UNSPACED_SCRIPTS}]]+"
)


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
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        self.by_opening: dict[str, list[tuple[str, ...]]] = {}
        unspaced: list[str] = []
        for phrase in sorted(set(phrases), key=len, reverse=True):
            if UNSPACED.match(phrase[-1]):
                unspaced.append(phrase)
                continue
            words = tuple(word.lower() for word in phrase.split())
            opening = _WORD_RUN.match(words[0])
            key = opening.group() if opening else words[0]
            self.by_opening.setdefault(key.casefold(), []).append(words)
        # Compiled when a text first needs it.
        self.unspaced = (
            LazyRegex(lambda: "|".join(map(regex.escape, unspaced)), regex.IGNORECASE)
            if unspaced
            else None
        )

    def finditer(self, text: str) -> list[PhraseMatch]:
        """Every match, left to right, none overlapping (the longest phrase at a place)."""
        spans = [*self._spaced(text)]
        if self.unspaced is not None and not text.isascii():  # unspaced scripts are not ASCII
            spans.extend(match.span() for match in self.unspaced.pattern.finditer(text))
            spans.sort(key=lambda span: (span[0], -span[1]))
        found: list[PhraseMatch] = []
        reached = 0
        for start, end in spans:
            if start >= reached:
                found.append(PhraseMatch(text, (start, end)))
                reached = end
        return found

    def search(self, text: str) -> PhraseMatch | None:
        """The first match, or None."""
        found = self.finditer(text)
        return found[0] if found else None

    def _spaced(self, text: str) -> Iterator[tuple[int, int]]:
        if self.by_opening.keys().isdisjoint(_WORD_RUN.findall(text.casefold())):
            return  # no word opens like a phrase: most sentences, at C speed
        reached = 0
        for run in _WORD_RUN.finditer(text):
            start = run.start()
            if start < reached:
                continue
            candidates = self.by_opening.get(run.group().casefold())
            if not candidates:
                continue
            for words in candidates:
                end = _match_words(text, start, words)
                if end is not None:
                    yield start, end
                    reached = end
                    break


def _match_words(text: str, start: int, words: tuple[str, ...]) -> int | None:
    """Where ``words`` (lower-cased) end when they stand at ``start``, white space of any
    kind and length between them and no letter or digit of a spaced script after."""
    position = start
    for number, word in enumerate(words):
        if number:
            after = position
            while after < len(text) and text[after].isspace():
                after += 1
            if after == position:
                return None
            position = after
        end = position + len(word)
        if end > len(text) or text[position:end].casefold() != word.casefold():
            return None
        position = end
    return position if ends_word(text, position) else None


_WORD_GOES_ON = regex.compile(rf"(?![{_UNSPACED_SCRIPTS}])[\p{{L}}\p{{M}}\p{{N}}]")


def ends_word(text: str, position: int) -> bool:
    """Whether a spaced-script phrase that stops at ``position`` ends a word there, as
    ``WORD_END`` asks of a regex: no letter, mark or digit of a spaced script follows."""
    return _WORD_GOES_ON.match(text, position) is None
