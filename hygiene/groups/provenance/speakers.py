"""The noun phrases that name a speaker: read back from a verb of saying (``Secretary of
State Rex Tillerson said``), forward after one (``said Tillerson``), and told named or
anonymous (``a U.S. official``, ``sources``, ``fuentes del ministerio``)."""

from __future__ import annotations

from typing import Literal

import regex

from hygiene.groups.provenance.speech import WORD, SpeechLexicon
from hygiene.text.phrases import UNSPACED

Attribution = Literal["named", "anonymous", "none"]

MAX_SPEAKER_WORDS = 8
# Attribution is local: a quotation's speaker is written within this many characters of
# it. The bound keeps the work per quotation constant, so a text of 100,000 quotation
# marks costs linear time, not quadratic.
WINDOW = 300
PHRASE_STOPS = ',;:()“”„«»‹›「」『』"'  # not ’ and ': apostrophes (O’Neil) far more often
_RELATIVE = {
    "who", "which", "que", "qui", "der", "die", "che", "który", "która", "который",
    "которая", "який", "яка", "som"
}  # fmt: skip
_LEADING = {
    "and", "but", "or", "then", "earlier", "later", "also", "however", "meanwhile", "y",
    "et", "und", "e", "и", "і"
}  # fmt: skip
_DETERMINERS = {
    "a", "an", "the", "some", "several", "un", "una", "unos", "unas", "el", "la", "los",
    "las", "le", "les", "des", "ein", "eine", "der", "die", "das", "il", "lo", "gli", "i",
    "o", "os", "as", "um", "uma", "de", "het", "een"
}  # fmt: skip
_NAME_JOINERS = {"of", "de", "del", "der", "von", "van", "da", "di", "la", "le", "al", "bin", "du"}


def words_of(text: str, start: int = 0, end: int | None = None) -> list[regex.Match[str]]:
    """The words of ``text[start:end]``, as attribution reads them."""
    return list(WORD.finditer(text, start, len(text) if end is None else end))


def speaker_before(text: str, end: int) -> tuple[int, int] | None:
    """The noun phrase that ends at ``end``: back to a comma, a quote or the sentence start."""
    base = max(0, end - WINDOW)
    head = text[base:end].rstrip().rstrip(",;:").rstrip()
    cut = max(head.rfind(mark) for mark in PHRASE_STOPS)
    if cut < 0 and base > 0:
        cut = 0  # the window's edge bounds the phrase
    cut = cut + base if cut >= 0 else -1
    phrase_start = cut + 1
    words = [w for w in words_of(text, base, base + len(head)) if w.start() >= phrase_start]
    if not words:
        return None
    if words[-1].group().casefold() in _RELATIVE and cut > 0:  # "Luis Videgaray, who said"
        return speaker_before(text, cut)
    while words and words[0].group().casefold() in _LEADING:
        words = words[1:]
    if not words:
        return None  # "..., but says": the subject is the previous speaker
    words = words[-MAX_SPEAKER_WORDS:]
    # "a day after his press secretary Sean Spicer": the name at the end is the speaker.
    capitals = [w for w in words if w.group()[0].isupper()]
    if words[-1].group()[0].isupper() and len(capitals) < len(words):
        run: list[regex.Match[str]] = []
        for word in reversed(words):
            if not word.group()[0].isupper() and word.group() not in _NAME_JOINERS:
                break
            run.insert(0, word)
        while run and run[0].group() in _NAME_JOINERS:
            run = run[1:]
        words = run or words
    return words[0].start(), words[-1].end()


def speaker_after(text: str, start: int) -> tuple[int, int] | None:
    """The noun phrase that starts at ``start``: up to a comma, a stop or a quote."""
    limit = min(len(text), start + WINDOW)
    stops = [i for i in (text.find(m, start, limit) for m in PHRASE_STOPS + ".!?") if i != -1]
    stop = min(stops, default=limit)
    words = words_of(text, start, stop)[:MAX_SPEAKER_WORDS]
    if not words:
        return None
    return words[0].start(), words[-1].end()


def kind_of_speaker(speaker: str, lexicon: SpeechLexicon) -> Attribution:
    """Named or anonymous: anonymous when the description ends with, or is headed by, a
    noun of anonymous sourcing (``a U.S. official``, ``fuentes del ministerio``)."""
    matches = words_of(speaker)
    words = [w.group().casefold() for w in matches]
    if not words:
        return "none"
    if words[-1] in lexicon.anonymous or "familiar" in words or "condition" in words:
        return "anonymous"
    content = [w for w in words if w not in _DETERMINERS]
    names = [w for w in matches[1:] if w.group()[0].isupper()]
    if content and content[0] in lexicon.anonymous and not names:  # fuentes del ministerio
        return "anonymous"
    if UNSPACED.search(speaker) and any(  # 消息人士说: no spaces to find the noun by
        noun in speaker for noun in lexicon.anonymous if UNSPACED.match(noun)
    ):
        return "anonymous"
    return "named"
