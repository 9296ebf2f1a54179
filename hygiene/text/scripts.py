"""Which writing systems a text uses, by Unicode Script property, cheaply.

Most text is mostly Latin: an ASCII text's letters are counted in C, and any other text's
characters are counted first and each distinct one is classified once (and remembered).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from functools import cache, lru_cache
from types import MappingProxyType

import regex

# Scripts named in reports; letters of any other script count as "Other".
KNOWN_SCRIPTS = (
    "Latin", "Cyrillic", "Greek", "Arabic", "Hebrew", "Armenian", "Georgian",
    "Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil", "Telugu",
    "Kannada", "Malayalam", "Sinhala", "Thai", "Lao", "Tibetan", "Myanmar", "Khmer",
    "Ethiopic", "Hangul", "Hiragana", "Katakana", "Han", "Bopomofo", "Syriac",
    "Thaana", "Mongolian",
)  # fmt: skip

# Scripts that one language writes together: a Katakana line in a Japanese text
# (Han + Hiragana) is at home, and so is Hanja in Korean.
WRITTEN_TOGETHER: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "Han": frozenset({"Hiragana", "Katakana", "Hangul", "Bopomofo"}),
        "Hiragana": frozenset({"Han", "Katakana"}),
        "Katakana": frozenset({"Han", "Hiragana"}),
        "Hangul": frozenset({"Han"}),
        "Bopomofo": frozenset({"Han"}),
    }
)

_NON_LETTERS = regex.compile(r"\P{L}+")
_ASCII_NON_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())
NON_LATIN_LETTERS = regex.compile(r"[^\P{L}\p{Latin}]+")


@cache
def script_run_pattern() -> regex.Pattern[str]:
    """Runs of each known script: compiled when a text first holds a non-Latin letter
    (1.2 ms, which a check of English text never needs)."""
    return regex.compile(
        "|".join(f"(?P<{name}>\\p{{Script={name}}}+)" for name in KNOWN_SCRIPTS[1:])
        + r"|(?P<Other>\p{L})"
    )


def count_letters(text: str) -> int:
    """How many letters (Unicode category L) ``text`` holds."""
    if text.isascii():  # bytes.translate deletes in C, many times faster than a regex
        return len(text.encode("ascii").translate(None, _ASCII_NON_LETTERS))
    return len(_NON_LETTERS.sub("", text))


def script_counts(text: str) -> Counter[str]:
    """Letters per script; Latin is what is left when the other scripts are counted.

    Characters are counted first (in C) and each distinct one is looked up once: CJK text
    alternates scripts every few letters, and walking its runs cost a step per run."""
    counts: Counter[str] = Counter()
    if text.isascii():
        latin = count_letters(text)
    else:
        latin = 0
        for char, number in Counter(text).items():
            script = _LETTER_SCRIPT.get(char, "")
            if script == "":
                script = _LETTER_SCRIPT[char] = _letter_script(char)
            if script == "Latin":
                latin += number
            elif script is not None:
                counts[script] += number
    if latin:  # last, as ties between scripts have always been broken
        counts["Latin"] = latin
    return counts


IS_LETTER = regex.compile(r"\p{L}").match
# Any character -> the script of the letter it is ("Latin" included), or None: one lookup
# per distinct character of a text.
_LETTER_SCRIPT: dict[str, str | None] = {}


def _letter_script(char: str) -> str | None:
    """The script of a letter, as ``script_run_pattern`` names scripts other than Latin; None
    for a character that is no letter."""
    run = script_run_pattern().match(char) if NON_LATIN_LETTERS.match(char) else None
    if run is not None:
        return run.lastgroup or "Other"
    # A letter by the regex module's Unicode, as in count_letters (Python's may be older).
    return "Latin" if IS_LETTER(char) else None


def main_script(text: str) -> str | None:
    """The script most of the letters of ``text`` are written in."""
    if text.isascii():
        return "Latin" if any(char.isalpha() for char in text) else None
    counts = line_script_counts(text)
    return max(counts, key=counts.__getitem__) if counts else None  # the first, in a tie


def line_script_counts(text: str) -> Mapping[str, int]:
    """``script_counts``, remembered for texts as long as a line: the line rules and the
    language rules ask about the same lines, and a corpus repeats its template lines. Not
    to be changed by the caller."""
    return _line_counts(text) if len(text) <= _CACHED_LENGTH else script_counts(text)


# A whole document is never kept alive by the cache.
_CACHED_LENGTH = 400


@lru_cache(maxsize=8192)
def _line_counts(text: str) -> Mapping[str, int]:
    return MappingProxyType(script_counts(text))


# The scripts a document must write for a line in a script of those written together to be
# at home: Han in a Japanese or a Korean text (kanji, hanja), but kana only in a Japanese
# one and Hangul only in a Korean one (a Japanese line in a Chinese or Korean page is one).
HOSTED_BY: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "Han": frozenset({"Han", "Hiragana", "Katakana", "Hangul", "Bopomofo"}),
        "Hiragana": frozenset({"Hiragana", "Katakana"}),
        "Katakana": frozenset({"Hiragana", "Katakana"}),
        "Hangul": frozenset({"Hangul"}),
        "Bopomofo": frozenset({"Han", "Bopomofo"}),
    }
)


def at_home(script: str, home_scripts: frozenset[str]) -> bool:
    """Whether ``script`` belongs with scripts the document already writes in."""
    return script in home_scripts or bool(WRITTEN_TOGETHER.get(script, frozenset()) & home_scripts)


def hosted(script: str, home_scripts: frozenset[str]) -> bool:
    """Whether a line in ``script`` is at home among ``home_scripts``, the scripts the rest
    of a document writes: kana only beside kana, Hangul beside Hangul, Han beside any of
    the scripts written with it (``HOSTED_BY``). Stricter than ``at_home``, which takes a
    page's main script alone for its language (a Japanese page whose most letters are Han)."""
    return script in home_scripts or bool(HOSTED_BY.get(script, frozenset()) & home_scripts)
