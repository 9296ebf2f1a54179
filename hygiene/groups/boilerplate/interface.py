"""Interface words, and the words of a document, as the furniture model reads them.

``interface-words.json`` scores the words that localisation catalogues write far more often
than prose does; ``DocumentWords`` says what a whole document's words are, so that a line's
words can be told apart from the text around it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from hygiene.groups.lexicon import lexicon_bytes
from hygiene.support.cache import memoized
from hygiene.text.phrases import UNSPACED_SCRIPTS

# Letters of scripts written without spaces between words: their words are read as
# overlapping pairs of letters, which need no dictionary to split.
_UNSPACED_LETTERS = UNSPACED_SCRIPTS + "ー々"  # and the marks of length and repetition
UNSPACED = regex.compile(f"[{_UNSPACED_LETTERS}]")
_TOKEN = regex.compile(rf"[{_UNSPACED_LETTERS}\p{{M}}]+|\p{{L}}[\p{{L}}\p{{M}}'’-]*")
_MARK = regex.compile(r"\p{M}")
# Below this code point no letter is of an unspaced script: most words skip the regex.
_FIRST_UNSPACED = 0x0E00
STEM = 5  # the letters of a long word that stand for its inflections, when echoed
# The letters of a word of the interface lists that stand for its inflections, from
# words one letter longer ("kommentit" for "kommentti").
LIST_STEM = 6
MIN_WORD_LETTERS = 3  # a word of fewer letters is no label's
FRAGMENT_WORDS = 6  # a line this short, and without a stop, is a fragment


def unspaced(token: str) -> bool:
    """Whether a word is of a script written without spaces (asked of every word: most
    are answered by their first letter's code point alone)."""
    return ord(token[0]) >= _FIRST_UNSPACED and UNSPACED.match(token) is not None


def tokens(text: str) -> list[str]:
    """The words of ``text`` as the model reads them, case-folded; a run of an unspaced
    script gives its pairs of letters (``分享到`` -> ``分享``, ``享到``)."""
    found: list[str] = []
    for token in _TOKEN.findall(text.casefold()):
        if unspaced(token):
            letters = _MARK.sub("", token)
            found.extend(letters[i : i + 2] for i in range(max(1, len(letters) - 1)))
        else:
            found.append(token.strip("'’-"))
    return [token for token in found if token]


def word_count(text: str) -> int:
    """How many words a reader sees: spaced words, and a word per two letters of an
    unspaced script."""
    count = 0
    for token in _TOKEN.findall(text):
        count += (len(token) + 1) // 2 if unspaced(token) else 1
    return count


def stem(token: str) -> str | None:
    return token[:STEM] if len(token) > STEM + 1 and not unspaced(token) else None


@dataclass(frozen=True)
class InterfaceWords:
    """How strongly each word leans to interfaces rather than prose (1 to 9), in any
    language; a long word also answers for its first six letters (``kommentit`` for
    ``kommentti``), the stems of inflected languages. ``furniture`` scores the words of
    the page furniture of the catalogues alone (share, comments, next): an application's
    own labels (security, keyboard, folders) are what help pages are about, and head their
    sections."""

    words: Mapping[str, int]
    stems: Mapping[str, int]
    function: frozenset[str]  # the most frequent words of each language: evidence of nothing
    furniture: Mapping[str, int]
    furniture_stems: Mapping[str, int]

    def score(self, token: str) -> int:
        return _looked_up(token, self.words, self.stems)

    def furniture_scores(self, tokens: list[str], scores: list[int]) -> list[int]:
        """The furniture scores of ``tokens`` whose interface ``scores`` are known: the
        furniture's words are interface words, so a word scored 0 is not looked up."""
        return [
            _looked_up(token, self.furniture, self.furniture_stems) if score else 0
            for token, score in zip(tokens, scores, strict=True)
        ]


def _looked_up(token: str, words: Mapping[str, int], stems: Mapping[str, int]) -> int:
    """A word's score, or that of the word it inflects: less an ending of up to three
    letters ("vidéos", "kommentarer"), or its first six letters."""
    found = words.get(token)
    if found is None and not unspaced(token):
        for cut in (1, 2, 3):
            if len(token) - cut < 4:
                break
            found = words.get(token[:-cut])
            if found is not None:
                break
        if found is None and len(token) > LIST_STEM:
            found = stems.get(token[:LIST_STEM])
    return found or 0


@cache
def interface_words() -> InterfaceWords:
    """The interface words of every language in ``interface-words.json``, merged: a page's
    furniture may be in any language, its own or its site's. Merged once, then kept in
    the cache: merging the 44,000 words was a part of every run's start."""
    source = lexicon_bytes("interface-words.json")

    def merge() -> Merged:
        return merged(json.loads(source))

    return InterfaceWords(*memoized("interface-words", source, merge))


def vocabulary_of(data: Mapping[str, Any]) -> InterfaceWords:
    """``InterfaceWords`` of a lexicon as ``interface-words.json`` writes it."""
    return InterfaceWords(*merged(data))


Merged = tuple[dict[str, int], dict[str, int], frozenset[str], dict[str, int], dict[str, int]]


def merged(data: Mapping[str, Any]) -> Merged:
    """A lexicon's words of every language with their best score and the stems of the long
    ones, the function words of every language, and the words and stems of the furniture
    alone."""
    words, stems = _best(data["languages"])
    furniture, furniture_stems = _best(data["furniture"])
    function = frozenset(word for listed in data["function"].values() for word in listed)
    return words, stems, function, furniture, furniture_stems


def _best(languages: Mapping[str, Mapping[str, int]]) -> tuple[dict[str, int], dict[str, int]]:
    """Each word's best score in any language, and the best of each long word's stem."""
    words: dict[str, int] = {}
    for scored in languages.values():
        for word, score in scored.items():
            words[word] = max(score, words.get(word, 0))
    stems: dict[str, int] = {}
    for word, score in words.items():
        if len(word) > LIST_STEM and not unspaced(word):
            root = word[:LIST_STEM]
            stems[root] = max(score, stems.get(root, 0))
    return words, stems


class DocumentWords:
    """The words of a whole document: how often each occurs (and each stem), and how much
    of its prose is interface vocabulary. A subheading's words come back in the section
    it heads, and a help page's prose is full of interface words; a scraper's label is
    alien to the text on both counts."""

    def __init__(self, text: str, vocabulary: InterfaceWords) -> None:
        found = tokens(text)
        lines = [line for line in text.split("\n") if line.strip()]
        short = sum(1 for line in lines if word_count(line) <= FRAGMENT_WORDS)
        self.short_lines = short / len(lines) if lines else 0.0
        self.counts = Counter(found)
        self.stems = Counter(root for token in found if (root := stem(token)))
        content = [token for token in found if token not in vocabulary.function]
        scores = [vocabulary.score(token) for token in content]
        self.density = mean_score(scores)
        self.furniture_density = mean_score(vocabulary.furniture_scores(content, scores))

    def echo_share(self, content: list[str]) -> float:
        """The share of ``content`` (a candidate's words) that the rest of the document
        writes too, as the same word or the same stem."""
        if not content:
            return 0.0
        own = Counter(content)
        own_stems = Counter(root for token in content if (root := stem(token)))
        echoed = 0
        for token in content:
            root = stem(token)
            if self.counts[token] > own[token] or (root and self.stems[root] > own_stems[root]):
                echoed += 1
        return echoed / len(content)


def mean_score(scores: list[int]) -> float:
    """The mean of scores of 1 to 9, as a share of the highest."""
    return sum(scores) / (9 * len(scores)) if scores else 0.0


def echo_below(found: list[str], following: str | None, vocabulary: InterfaceWords) -> float:
    """The share of a line's content words that the text right below it writes too, as
    the same word or stem: a heading names what its section is about."""
    content = [token for token in found if token not in vocabulary.function]
    if not content or following is None:
        return 0.0
    below = tokens(following)
    words, stems = set(below), {root for token in below if (root := stem(token))}
    return sum(1 for t in content if t in words or stem(t) in stems) / len(content)


def is_word(token: str) -> bool:
    """A word of three letters or more, or a pair of letters of an unspaced script."""
    return len(token) >= MIN_WORD_LETTERS or unspaced(token)
