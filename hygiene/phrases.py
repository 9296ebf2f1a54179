"""A list of phrases as one regex: the matcher that phrase-list rules and the speech lexicon share.

A phrase of a spaced script ends where its word ends. A phrase of a script written
without spaces (Han, kana, Thai ...) cannot end at a word boundary, and letters of such
scripts may follow a phrase of a spaced one (``本网站使用cookie来…``).
"""

from __future__ import annotations

from collections.abc import Iterable

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
