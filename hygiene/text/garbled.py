"""Whether a text went through the wrong codec: its letters then say nothing of its
language, and the rules that read languages leave it to the encoding rules."""

from __future__ import annotations

from functools import lru_cache

import regex

# Characters that mojibake is made of: Latin-1 and Windows-1252 letters and symbols,
# C1 controls, and the Cyrillic capitals Р and С that lead UTF-8 read as Windows-1251.
SUSPECT = regex.compile(
    r"[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    r"\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\u0420\u0421]"
)


def garbled(text: str) -> bool:
    """Mojibake by ftfy's badness measure (``Ã©``, ``â€™``, ``Ð¿Ñ€``); ftfy is imported only
    for a text holding one of the characters mojibake is made of. Remembered for texts as
    long as a line (LG001 asks of lines, LG003 of their paragraphs); a whole document is
    never kept alive by the cache."""
    return _garbled_line(text) if len(text) <= _CACHED_LENGTH else _garbled(text)


_CACHED_LENGTH = 400


@lru_cache(maxsize=4096)
def _garbled_line(text: str) -> bool:
    return _garbled(text)


def _garbled(text: str) -> bool:
    if text.isascii() or SUSPECT.search(text) is None:
        return False
    from ftfy.badness import is_bad

    return bool(is_bad(text))
