"""Lines a corpus repeats: how many documents of a run carry each line, in bounded memory.

A site's footer or byline template recurs verbatim in thousands of its pages. To
find it, a run counts, for every line, the documents that hold it, after collapsing
white space and digits (``© 2016`` and ``© 2017`` are one line). Counting the lines
themselves would take memory in proportion to the corpus; instead each line is
hashed and counted in a count-min sketch: a fixed table of 4 x 2^20 counters (16 MiB)
whatever the corpus size. A sketch can only overcount, never undercount, and with
4 rows an overcount needs a collision in every row; the counts are plain sums, so
they do not depend on the order the documents came in or on how many processes
checked them. Until a run has shown ``EXACT_KEYS`` distinct lines they are counted
exactly, in a dictionary: a run of a few files (the pre-commit case) never pays for
the table, and moving the exact counts into it gives the table it would have had.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterable, Iterator

import regex

from hygiene.core.document import LINE_BREAK, Document
from hygiene.text.whitespace import single_spaced

DEPTH = 4
WIDTH_BITS = 20
_WIDTH = 1 << WIDTH_BITS
_MASK = _WIDTH - 1
MIN_LENGTH = 15  # shorter lines ("Yes.", "Share") repeat by chance, or are other rules' business
MAX_LENGTH = 2000  # a template line is a footer or a notice, not a whole paragraph
EXACT_KEYS = 1 << 16  # distinct lines counted exactly before the table (about 8 MiB)

_DIGITS = regex.compile(r"\d+")
_LETTER = regex.compile(r"\p{L}")


def normalize(line: str) -> str | None:
    """A line as it is counted, or None when it is too short or too long to be a template line."""
    if len(line) > MAX_LENGTH:
        return None
    return _normalized(_DIGITS.sub("0", line))


def _normalized(digitless: str) -> str | None:
    """``normalize``, once the line's digit runs are zeros."""
    text = single_spaced(digitless).strip()
    if len(text) < MIN_LENGTH or not _LETTER.search(text):
        return None
    return text


def line_key(normalized: str) -> int:
    """A 128-bit hash of a normalised line; stable across runs and machines."""
    digest = hashlib.blake2b(normalized.encode("utf-8"), digest_size=16).digest()
    return int.from_bytes(digest, "little")


def _cells(key: int) -> Iterator[int]:
    for row in range(DEPTH):
        yield row * _WIDTH + ((key >> (row * WIDTH_BITS)) & _MASK)


def document_keys(document: Document) -> set[int]:
    """The distinct line keys of a document's body."""
    keys = set()
    body = document.text[document.body_start :]
    # Lines as the rules see them (LINE_BREAK), not str.splitlines, which also breaks
    # at U+2028 and form feeds. Digit runs hold no line break: they are replaced in the
    # whole body at once, and its lines paired with the original ones for their lengths.
    lines = LINE_BREAK.split(body)
    digitless = LINE_BREAK.split(_DIGITS.sub("0", body))
    for line, plain in zip(lines, digitless, strict=True):
        normalized = _normalized(plain) if len(line) <= MAX_LENGTH else None
        if normalized is not None:
            keys.add(line_key(normalized))
    return keys


class LineCounts:
    """How many documents of a run hold each line, estimated from above."""

    def __init__(self) -> None:
        self.documents = 0
        self._exact: dict[int, int] | None = {}
        self._counters: array[int] | None = None

    def add(self, keys: Iterable[int]) -> None:
        """Count one document, given its distinct line keys."""
        self.documents += 1
        exact = self._exact
        if exact is not None:
            for key in keys:
                exact[key] = exact.get(key, 0) + 1
            if len(exact) > EXACT_KEYS:
                self._to_table(exact)
            return
        counters = self._counters
        assert counters is not None
        for key in keys:
            for cell in _cells(key):
                counters[cell] += 1

    def _to_table(self, exact: dict[int, int]) -> None:
        counters = array("I", bytes(4 * DEPTH * _WIDTH))
        for key, count in exact.items():
            for cell in _cells(key):
                counters[cell] += count
        self._counters, self._exact = counters, None

    def documents_with(self, key: int) -> int:
        """Documents holding the line: exact unless every row collides, never fewer."""
        if self._exact is not None:
            return self._exact.get(key, 0)
        counters = self._counters
        assert counters is not None
        return min(counters[cell] for cell in _cells(key))


def count_documents(documents: Iterable[Document]) -> LineCounts:
    """Count the lines of every document of a run."""
    counts = LineCounts()
    for document in documents:
        counts.add(document_keys(document))
    return counts
