"""Which languages use a word: wordfreq's word lists, as evidence for short text.

A language identifier is weakest on two or three words, and those are the segments where a
vocabulary is strongest: ``Koreai`` is a common Hungarian word (so it belongs in a Hungarian
page, whatever the identifier thinks), and ``Argentin spanyol`` holds no Swedish word but
only Hungarian ones. wordfreq (3.1, code Apache-2.0, data CC-BY-SA 4.0) lists the words of
42 languages from Wikipedia, subtitles, news, books and the web: its "small" lists the words
used at least once per million (Zipf 3 and up), its "large" lists, for 21 of them, every word
used at least once per hundred million (Zipf 1).

Membership and frequency are kept: each list becomes a sorted array of 8 bytes a word, the
word's hash in the high 54 bits and its frequency band (centibels below 1, wordfreq's own
bands) in the low 10, read from wordfreq's files one band at a time. (wordfreq's own readers keep
every list they return, as Python lists: 7 MB a small list, 110 MB Finnish's large one.)
A list is read only when a short segment needs it, and wordfreq itself is never imported.
The arrays are kept in hygiene's cache (``hygiene.support.cache``): reading a large list took up to
a second, and a corpus in forty languages asked for forty lists in every process.
"""

from __future__ import annotations

import heapq
import importlib.util
import os
import sys
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import cache
from hashlib import blake2b
from pathlib import Path

from hygiene.core.errors import ConfigError
from hygiene.groups.lexicon import read_lexicon
from hygiene.support.cache import mapped

# Our language codes where wordfreq files a language under another one.
_WORDFREQ_CODES = {"hr": "sh", "sr": "sh", "bs": "sh", "no": "nb", "nn": "nb"}


def wordfreq_code(language: str) -> str:
    """The code wordfreq files ``language`` under."""
    return _WORDFREQ_CODES.get(language, language)


@cache
def wordfreq_files(size: str) -> dict[str, str]:
    """wordfreq's files of one size ("small" or "large"), by its language code: found where
    the package keeps them (``wordfreq/data/small_de.msgpack.gz``), without importing
    wordfreq, whose import takes 0.12 s and whose readers keep what they read."""
    try:
        spec = importlib.util.find_spec("wordfreq")
    except (ImportError, ValueError, AttributeError):  # blocked in sys.modules
        spec = None
    if spec is None or spec.origin is None:
        raise ConfigError("hygiene needs the package wordfreq: pip install 'wordfreq>=3.1,<4'")
    data = Path(spec.origin).parent / "data"
    return {
        path.name[len(size) + 1 : -len(".msgpack.gz")]: str(path)
        for path in sorted(data.glob(f"{size}_*.msgpack.gz"))
    }


def has_list(language: str) -> bool:
    """Whether ``language`` has a list of its common words."""
    return wordfreq_code(language) in wordfreq_files("small")


def has_full_list(language: str) -> bool:
    """Whether ``language`` has a list of its rare words too."""
    return wordfreq_code(language) in wordfreq_files("large")


# Hashes sorted at a time: sorting all of Finnish's 734,000 as Python ints took 60 MB.
_CHUNK = 65536


def _word_digest(word: str) -> bytes:
    """A word's hash, the same in every process (``hash`` of a str is salted per process),
    so that a list's hashes can be kept between runs: 8 bytes, read as a signed integer."""
    return blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8).digest()


# The low bits of an entry hold its word's band: wordfreq's large lists reach 800 cB.
_BAND_BITS = 10
_BAND_MASK = (1 << _BAND_BITS) - 1


def _word_hash(word: str) -> int:
    """A word's entry with band 0: its hash, shifted to leave room for the band."""
    return int.from_bytes(_word_digest(word), sys.byteorder, signed=True) & ~_BAND_MASK


def _entries(words: list[str], band: int) -> array[int]:
    return array("q", (_word_hash(word) | band for word in words))


def _read_hashes(path: str) -> array[int]:
    """The sorted hashes of the words of a wordfreq file (gzipped msgpack: a header, then
    one list of words per centibel of frequency), read a band at a time and sorted in
    chunks, so that neither the words nor their hashes are ever all held as Python objects."""
    import gzip

    import msgpack

    chunks: list[array[int]] = []
    pending: list[int] = []
    with gzip.open(path, "rb") as stream:
        unpacker = msgpack.Unpacker(stream, raw=False)
        bands = unpacker.read_array_header()
        header = unpacker.unpack()
        if not isinstance(header, dict) or header.get("format") != "cB":
            raise ValueError(f"{path}: not a wordfreq word list")
        for band in range(bands - 1):
            pending.extend(_entries(unpacker.unpack(), band))
            if len(pending) >= _CHUNK:
                chunks.append(array("q", sorted(pending)))
                pending.clear()
    chunks.append(array("q", sorted(pending)))
    return array("q", heapq.merge(*chunks))


@cache
def _hashes(size: str, code: str) -> Sequence[int]:
    """One list's word hashes, computed once per file of wordfreq's (``installed_key``), then
    mapped, not read: a corpus in forty languages held 60 MB of lists in each process, of
    which bisection touches little."""
    path = wordfreq_files(size)[code]
    return memoryview(
        mapped("wordfreq-blake2b-band", installed_key(path), lambda: _read_hashes(path).tobytes())
    ).cast("q")


def installed_key(path: str) -> bytes:
    """What names a wordfreq file in the cache: its release, name and size, so that every
    virtual environment with that release (a CI job's fresh one) shares one copy of its
    hashes; installing writes the files anew, so their path and time of change differ
    each time, and keyed by them each environment kept its own 60 MB. A wordfreq that is
    no installed release (a source checkout, edited in place) is keyed by path and time."""
    stat = os.stat(path)
    release = _release(Path(path).parent.parent)
    if release is not None:
        return f"{release}\0{Path(path).name}\0{stat.st_size}".encode()
    return f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}".encode()


@cache
def _release(package: Path) -> str | None:
    """The dist-info folder naming the installed release of ``package``, or None: looked
    up once per process, not once per list (each lookup lists site-packages)."""
    releases = sorted(package.parent.glob(f"{package.name}-*.dist-info"))
    return releases[0].name if len(releases) == 1 else None


def _band(hashes: Sequence[int], word: str) -> int | None:
    """The frequency band of ``word`` in a list, or None when the list lacks it."""
    wanted = _word_hash(word)
    position = bisect_left(hashes, wanted)
    if position < len(hashes) and hashes[position] & ~_BAND_MASK == wanted:
        return hashes[position] & _BAND_MASK
    return None


def _holds(hashes: Sequence[int], word: str) -> bool:
    return _band(hashes, word) is not None


def zipf(language: str, word: str) -> float | None:
    """How common ``word`` is in ``language`` on the Zipf scale (9 less its band in bels: 6
    is once in a thousand words, 3 once in a million), or None below 3 (``has_list``)."""
    band = _band(_hashes("small", wordfreq_code(language)), word)
    return None if band is None else 9 - band / 100


def knows(language: str, word: str) -> bool:
    """Whether ``word`` (lower-cased) is a common word of ``language`` (``has_list``)."""
    return _holds(_hashes("small", wordfreq_code(language)), _dotless(word))


def _dotless(word: str) -> str:
    """``word`` as wordfreq lists it: case-folding Turkish ``İ`` leaves ``i`` and a combining
    dot above (``i̇fadeler``), which no list writes."""
    return word.replace("i\u0307", "i")


def writes_most(language: str, word: str) -> bool:
    """Whether ``language``'s list gives ``word`` the highest frequency of all the lists:
    of the languages that share a word (``loka``: Icelandic, Slovenian, Latvian, Finnish),
    the one that writes it most is the one it is a word of, where the others borrow it or
    spell a name with it."""
    own = zipf(language, word)
    if own is None:
        return False
    return all((zipf(code, word) or 0.0) <= own for code in wordfreq_files("small"))


def knows_all(language: str, tokens: Iterable[str]) -> bool:
    return all(knows(language, token) for token in tokens)


def knows_any(language: str, tokens: Iterable[str]) -> bool:
    return any(knows(language, token) for token in tokens)


def uses_any(language: str, tokens: Iterable[str]) -> bool:
    """Whether any of ``tokens`` is a word of ``language`` (``has_full_list``), however rare."""
    hashes = _hashes("large", wordfreq_code(language))
    return any(_holds(hashes, token) for token in tokens)


@cache
def international_words() -> frozenset[str]:
    """Words common in seven or more of the 42 lists (``Khmer``, ``hindi``, ``android``):
    names and international words, which tell no language from another. Built from the
    lists by ``benchmarks/build_corpus.py``: counting them here took a second and 170 MB."""
    return frozenset(read_lexicon("international-words.json"))
