"""Which languages use a word commonly: wordfreq's word lists, as evidence for short text.

A language identifier is weakest on two or three words, and those are the segments where a
vocabulary is strongest: ``Koreai`` is a common Hungarian word (so it belongs in a Hungarian
page, whatever the identifier thinks), and ``Argentin spanyol`` holds no Swedish word but
only Hungarian ones. wordfreq's "small" lists hold, for each of 40+ languages, the words used
at least once per million words (Zipf 3 and up), from Wikipedia, subtitles, news, books and
the web (wordfreq 3.1, code Apache-2.0, data CC-BY-SA 4.0; see its README).

Only membership is kept: each list becomes a sorted array of the words' hashes, 8 bytes a
word (the lists' Python dictionaries took 7 MB a language). wordfreq is imported and a list
read only when a short segment needs it.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable
from functools import cache

from hygiene.lexicon import read_lexicon

# Our language codes where wordfreq files a language under another one.
_WORDFREQ_CODES = {"hr": "sh", "sr": "sh", "bs": "sh", "no": "nb", "nn": "nb"}


def _code(language: str) -> str:
    return _WORDFREQ_CODES.get(language, language)


@cache
def listed_languages() -> frozenset[str]:
    """The languages with a word list, in our codes and wordfreq's."""
    from wordfreq import available_languages  # a lazy import: 0.12 s

    codes = set(available_languages())
    return frozenset(codes | {ours for ours, theirs in _WORDFREQ_CODES.items() if theirs in codes})


def has_list(language: str) -> bool:
    return language in listed_languages()


@cache
def _hashes(wordfreq_code: str) -> array[int]:
    """The sorted hashes of a language's common words (str hashes hold within a process)."""
    from wordfreq import get_frequency_list

    buckets = get_frequency_list(wordfreq_code, wordlist="small")
    return array("q", sorted({hash(word) for bucket in buckets for word in bucket}))


@cache
def international_words() -> frozenset[str]:
    """Words common in seven or more of the 42 lists (``Khmer``, ``hindi``, ``android``):
    names and international words, which tell no language from another. Built from the
    lists by ``benchmarks/build_corpus.py``: counting them here took a second and 170 MB."""
    return frozenset(read_lexicon("international-words.json"))


def knows(language: str, word: str) -> bool:
    """Whether ``word`` (lower-cased) is a common word of ``language``, which has a list."""
    hashes = _hashes(_code(language))
    wanted = hash(word)
    position = bisect_left(hashes, wanted)
    return position < len(hashes) and hashes[position] == wanted


def knows_all(language: str, tokens: Iterable[str]) -> bool:
    return all(knows(language, token) for token in tokens)


def knows_any(language: str, tokens: Iterable[str]) -> bool:
    return any(knows(language, token) for token in tokens)
