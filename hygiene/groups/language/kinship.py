"""Which language codes count as one language: a code and its regional variants, and the
close languages that language identification cannot keep apart on a sentence or two."""

from __future__ import annotations

from functools import cache

import regex

from hygiene.groups.lexicon import han_letters, language_scripts

# Languages that language identification cannot keep apart on a sentence or two: a
# "stray" between them is more often the identifier's confusion than a leftover.
EQUIVALENT = (
    {"no", "nb", "nn", "da", "sv"},
    {"sr", "hr", "bs", "sh"},
    {"cs", "sk"},
    {"ms", "id"},
    {"fa", "ku"},
)


@cache
def same_language(first: str, second: str) -> bool:
    """Codes of one language or of close ones (Scandinavian, Serbo-Croatian, Czech and
    Slovak, Malay and Indonesian)."""
    first, second = first.split("-")[0], second.split("-")[0]
    return first == second or any(first in group and second in group for group in EQUIVALENT)


@cache
def foreign(language: str, home: tuple[str, ...]) -> bool:
    """Whether ``language`` is none of the document's (asked for every candidate language of
    every segment: cached)."""
    return not any(same_language(language, code) for code in home)


def written_in(language: str, script: str | None) -> bool:
    """Whether CLDR has ``language`` written in ``script``: a finding names a language only
    where the script it reports allows it (Han text is never Hungarian, Cyrillic never
    English). A language CLDR does not know is never named."""
    scripts = language_scripts().get(language) or language_scripts().get(language.split("-")[0])
    return script is not None and scripts is not None and script in scripts


_KANA = regex.compile(r"[\p{Hiragana}\p{Katakana}]")
_HAN = regex.compile(r"\p{Han}")
# Han letters that Japanese never writes without a kana among them: a heading of kanji is
# a few (概要, 東京都知事選挙), a sentence has its particles and endings in kana.
JAPANESE_HAN_RUN = 12


def written_as(language: str, text: str, home: tuple[str, ...]) -> bool:
    """Whether the letters of ``text`` can show ``language`` beside the document's. Han
    alone is written by Chinese and Japanese alike, and mostly only kana tell them apart: a
    text is Japanese only with kana, Chinese only without, and a short Han text without
    kana in a Japanese document is Japanese too (a heading of kanji: 概要), unless it
    writes characters Japanese does not (關閉, 设置); a longer one is Chinese."""
    base = language.split("-")[0]
    kana = _KANA.search(text) is not None
    if base == "ja":
        return kana
    if base == "zh":
        if kana:
            return False
        japanese = any(code.split("-")[0] == "ja" for code in home)
        han = _HAN.findall(text)
        kanji = han_letters().get("ja", frozenset())
        return not japanese or len(han) >= JAPANESE_HAN_RUN or not kanji.issuperset(han)
    return True
