"""The speech lexicon: verbs of saying, ``according to`` phrases and the nouns of anonymous
sourcing, in every language of ``speech.json``, and the quick test that spares most
sentences its phrase matchers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

import regex

from hygiene.groups.lexicon import read_lexicon, stopword_languages
from hygiene.text.phrases import UNSPACED, PhraseFinder

# A word as attribution reads it: letters and digits, with inner marks, periods (U.S.),
# apostrophes (O'Neil) and hyphens.
WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}\p{M}.’'-]*")
_PIECE = 1 << 16


@dataclass(frozen=True)
class SpeechLexicon:
    """The phrases that attribute a quotation (verbs of saying, ``according to``) and the
    words of anonymous sourcing, in every language on file."""

    verb_phrases: tuple[str, ...]
    according_phrases: tuple[str, ...]
    anonymous: frozenset[str]
    openers: frozenset[str]  # the longest word of every verb and source phrase, case-folded

    # Built on first use: a document without quotations or sourcing words needs neither.
    @cached_property
    def verbs(self) -> PhraseFinder:
        return PhraseFinder(self.verb_phrases)

    @cached_property
    def according(self) -> PhraseFinder:
        return PhraseFinder(self.according_phrases)

    def may_source(self, text: str) -> bool:
        """Whether ``text`` can hold a speech verb or a source phrase at all: a cheap test
        by words (each phrase's longest) that spares most sentences the phrase matchers."""
        if not text.isascii() and UNSPACED.search(text):
            return True
        folded = text.casefold()
        start = 0
        while start < len(folded):  # a piece at a time: a huge sentence's words never all live
            stop = folded.find(" ", start + _PIECE)
            stop = len(folded) if stop == -1 else stop
            if not self.openers.isdisjoint(WORD.findall(folded, start, stop)):
                return True
            start = stop
        return False


def _longest_word(phrase: str) -> str:
    """The word that stands for a phrase in a quick test: ``déclaré`` for ``a déclaré``."""
    return max((w.group() for w in WORD.finditer(phrase)), key=len, default=phrase).casefold()


def _mined_cues(mined: Mapping[str, Any]) -> list[str]:
    """The mined verbs that can stand for speech in any text: every language's verbs are
    looked for in every text, so a short form that is a function word of another language
    (Manx ``as``, Turkish ``der``, Norwegian ``het``, Italian ``era``) or a word of two
    letters in a spaced script is no cue. (Longer forms shared by related languages are
    the same verb there: ``disse``, ``sagt``.)"""
    common = stopword_languages()
    cues = set()
    for lang, forms in mined.items():
        if lang.startswith("_"):
            continue
        for form in forms:
            alone = common.get(form, frozenset({lang})) <= {lang}  # no other language's word
            if UNSPACED.search(form) or len(form) > 3 or (len(form) == 3 and alone):
                cues.add(form)
    return sorted(cues)


@cache
def speech_lexicon() -> SpeechLexicon:
    """Every language's phrases and nouns from ``speech.json``, and the verbs of saying
    mined from treebanks in ``speech-verbs.json``, read once."""
    data: Mapping[str, Any] = read_lexicon("speech.json")
    mined: Mapping[str, Any] = read_lexicon("speech-verbs.json")
    languages = [entry for key, entry in data.items() if not key.startswith("_")]
    written = [v for e in languages for v in e["verbs"]]
    known = {v.casefold() for v in written}
    verbs = (*written, *(v for v in _mined_cues(mined) if v not in known))
    phrases = [*verbs, *(p for e in languages for p in e["according"])]
    return SpeechLexicon(
        verb_phrases=verbs,
        according_phrases=tuple(v for e in languages for v in e["according"]),
        anonymous=frozenset(w.casefold() for e in languages for w in e["anonymous"]),
        openers=frozenset(_longest_word(p) for p in phrases),
    )
