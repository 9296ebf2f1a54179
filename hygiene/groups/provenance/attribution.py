"""Who said each quotation: the speaker and the speech verb, from the words around it.

For each quotation, in order: the words after it in its sentence (``," said
Tillerson.``, ``," Trump said``), the words before it (``Kelly emphasized Thursday
there will be "..."``, ``according to X``), the sentence before it when that one ends
with a colon, an interview label opening its paragraph (``Q:``, ``SMITH:``), and last
the previous quotation of the same paragraph (a quote that continues after ``O'Neil
said.``). A speaker whose description ends with an anonymous noun (``a U.S.
official``, ``sources``, ``media reports``) is anonymous. A quotation still without a
speaker takes the one of a later quotation of its paragraph: news quotes one speaker a
paragraph. A quotation nobody is found for is a short term (scare quotes, a word being
discussed), a title, or unattributed.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import Literal

import regex

from hygiene.groups.provenance.quotes import Quotation
from hygiene.groups.provenance.speech import WORD, SpeechLexicon, speech_lexicon
from hygiene.text.phrases import UNSPACED

Attribution = Literal["named", "anonymous", "none"]
QuoteKind = Literal["quote", "term", "title"]

MAX_SPEAKER_WORDS = 8
# Attribution is local: a quotation's speaker is written within this many characters of
# it. The bound keeps the work per quotation constant, so a text of 100,000 quotation
# marks costs linear time, not quadratic.
WINDOW = 300
MAX_TERM_WORDS = 4
_QUOTE_MARKS = "“”„«»‹›「」『』\"'‘’"
_PHRASE_STOPS = ',;:()“”„«»‹›「」『』"'  # not ’ and ': apostrophes (O’Neil) far more often
_BOUNDARY = regex.compile(
    r"[.!?…。！？][" + _QUOTE_MARKS + r")\]]*\s+(?=[\p{Lu}\p{Lo}" + _QUOTE_MARKS + r"—–])"
)
_RELATIVE = {
    "who", "which", "que", "qui", "der", "die", "che", "który", "która", "который",
    "которая", "який", "яка", "som"
}  # fmt: skip
_PRONOUNS = {
    "he", "she", "they", "it", "we", "i", "il", "elle", "ils", "er", "sie", "él", "ella",
    "lui", "lei", "ele", "ela", "hij", "zij", "on", "ona", "он", "она", "вони", "він",
    "вона", "han", "hon"
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
_EPIGRAPH = regex.compile(r"^\s*(?:--|[—–])\s*(?P<name>\p{Lu}[\p{L}.’' -]{1,60}?)\s*$")
_INITIALS = regex.compile(r"(?:\p{Lu}\.)+\p{Lu}?\.?")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "st",
    "jr", "sr", "inc", "co", "corp", "ltd", "vs", "no", "sra", "m", "mme", "dott", "prof",
    "hr", "fr"
}  # fmt: skip
_NAME_JOINERS = {"of", "de", "del", "der", "von", "van", "da", "di", "la", "le", "al", "bin", "du"}
_INTERVIEW = regex.compile(r"^\s*(?P<label>[\p{Lu}][\p{L}\p{M}.’' -]{0,40}?)\s*:\s+\S")
_DISCUSSED = regex.compile(
    r"(?i)(?:word|term|phrase|expression|slogan|called|so-called|dubbed|mot|terme|palabra|término|Wort|Begriff|parola|termine|palavra|termo|слово|термін|термин)\s*$"
)


@dataclass(frozen=True, slots=True)
class Attributed:
    """A quotation with what the text says about its source."""

    quotation: Quotation
    kind: QuoteKind
    attribution: Attribution
    speaker: str | None = None
    speaker_span: tuple[int, int] | None = None
    verb: str | None = None
    carried: bool = False  # the speaker of the previous quotation of its paragraph


Sentence = tuple[int, int]  # offsets in the document


def sentence_bounds(text: str, quotations: list[Quotation], offset: int) -> list[Sentence]:
    """Sentences of a paragraph, never split inside a quotation (offsets in the document)."""
    pieces: list[str] = []
    done = 0
    for quote in quotations:  # in order; the quoted words become x's of the same length
        low = max(quote.start - offset + 1, done)
        high = min(quote.end - offset - 1, len(text))
        if high > low:
            pieces += (text[done:low], "x" * (high - low))
            done = high
    plain = "".join((*pieces, text[done:])) if pieces else text
    starts = [
        0,
        *(m.end() for m in _BOUNDARY.finditer(plain) if not _abbreviation(plain, m.start() + 1)),
    ]
    ends = [*starts[1:], len(text)]
    return [(offset + low, offset + high) for low, high in zip(starts, ends, strict=True)]


def _abbreviation(text: str, stop: int) -> bool:
    """Whether the period before ``stop`` ends an abbreviation (U.S., Gen., Mr.), not a sentence."""
    before = text[max(0, stop - 20) : stop]
    token = before.rsplit(None, 1)[-1] if before.strip() else ""
    return bool(_INITIALS.fullmatch(token)) or token.casefold().rstrip(".") in _ABBREVIATIONS


def _words(text: str, start: int = 0, end: int | None = None) -> list[regex.Match[str]]:
    return list(WORD.finditer(text, start, len(text) if end is None else end))


def _speaker_before(text: str, end: int) -> tuple[int, int] | None:
    """The noun phrase that ends at ``end``: back to a comma, a quote or the sentence start."""
    base = max(0, end - WINDOW)
    head = text[base:end].rstrip().rstrip(",;:").rstrip()
    cut = max(head.rfind(mark) for mark in _PHRASE_STOPS)
    if cut < 0 and base > 0:
        cut = 0  # the window's edge bounds the phrase
    cut = cut + base if cut >= 0 else -1
    phrase_start = cut + 1
    words = [w for w in _words(text, base, base + len(head)) if w.start() >= phrase_start]
    if not words:
        return None
    if words[-1].group().casefold() in _RELATIVE and cut > 0:  # "Luis Videgaray, who said"
        return _speaker_before(text, cut)
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


def _speaker_after(text: str, start: int) -> tuple[int, int] | None:
    """The noun phrase that starts at ``start``: up to a comma, a stop or a quote."""
    limit = min(len(text), start + WINDOW)
    stops = [i for i in (text.find(m, start, limit) for m in _PHRASE_STOPS + ".!?") if i != -1]
    stop = min(stops, default=limit)
    words = _words(text, start, stop)[:MAX_SPEAKER_WORDS]
    if not words:
        return None
    return words[0].start(), words[-1].end()


def _kind_of_speaker(speaker: str, lexicon: SpeechLexicon) -> Attribution:
    matches = _words(speaker)
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


def _find(
    text: str, quote_start: int, quote_end: int, sentence: tuple[int, int], lexicon: SpeechLexicon
) -> tuple[tuple[int, int], str | None] | None:
    """Speaker span and verb for a quotation, from its own sentence (paragraph offsets).

    An empty span with a verb means the subject is understood (``, dice.``, ``but says``).
    """
    low, high = max(sentence[0], quote_start - WINDOW), min(sentence[1], quote_end + WINDOW)
    tail_start = quote_end
    following = text[tail_start:high]
    epigraph = _EPIGRAPH.match(following)
    if epigraph:  # "The care of human life ..." --Thomas Jefferson
        return (tail_start + epigraph.start("name"), tail_start + epigraph.end("name")), None
    stripped = following.lstrip(" ,;:—–-\u00a0")
    offset = tail_start + len(following) - len(stripped)
    next_quote = min((stripped.find(m) for m in '“„«‹「『"' if m in stripped), default=-1)
    window = stripped if next_quote < 0 else stripped[:next_quote]
    window_end = offset + len(window)
    # The phrase finders read the paragraph between offsets: its word starts are found once.
    verb = lexicon.verbs.search(text, offset, window_end)
    if verb and len(_words(text, offset, verb.start())) <= MAX_SPEAKER_WORDS:
        between = text[offset : verb.start()].rstrip()
        if not between or between.endswith(","):  # ," said Tillerson. / ..., said X
            speaker = _speaker_after(text, verb.end())
            if speaker:
                return speaker, verb.group()
        speaker = _speaker_before(text, verb.start())  # ," Trump said
        if speaker and speaker[0] >= offset:
            return speaker, verb.group()
        if not between:  # Bakan, "..." dedi. / 大臣は「…」と述べた。: the subject came first
            speaker = _speaker_before(text, quote_start) if quote_start > low else None
            if speaker and speaker[0] >= low:
                return speaker, verb.group()
            return (0, 0), verb.group()  # ", dice.": the subject is understood
    # According to X: the last such phrase, after the quote or else before it.
    for part_start, part_end in ((offset, window_end), (low, quote_start)):
        according = lexicon.according.finditer(text, part_start, part_end)
        if according:
            speaker = _speaker_after(text, according[-1].end())
            if speaker:
                return speaker, according[-1].group()
            break
    verbs = lexicon.verbs.finditer(text, low, quote_start)
    if verbs:  # Kelly emphasized Thursday there will be "..."
        verb = verbs[-1]
        speaker = _speaker_before(text, verb.start())
        return speaker or (0, 0), verb.group()
    return None


def attribute(
    paragraph_text: str,
    paragraph_start: int,
    quotations: list[Quotation],
    sentences: list[Sentence],
) -> list[Attributed]:
    """Attribute the quotations of one paragraph, given its ``sentence_bounds``
    (document offsets in, document offsets out)."""
    lexicon = speech_lexicon()
    interview = _INTERVIEW.match(paragraph_text)
    results: list[Attributed] = []
    previous: Attributed | None = None
    starts = [low for low, _ in sentences]
    for quote in quotations:
        local_start, local_end = quote.start - paragraph_start, quote.end - paragraph_start
        sentence = sentences[max(0, bisect_right(starts, quote.start) - 1)]
        bounds = (max(0, sentence[0] - paragraph_start), max(0, sentence[1] - paragraph_start))
        if local_start < 0:  # the quote began in an earlier paragraph
            local_start, bounds = 0, (0, bounds[1])
        found = _find(paragraph_text, local_start, local_end, bounds, lexicon)
        lead_in = paragraph_text[max(0, bounds[0] - WINDOW) : bounds[0]]  # bounded: linear
        if found is None and bounds[0] > 0 and lead_in.rstrip().endswith(":"):
            position = bisect_right(starts, sentence[0]) - 2
            before = sentences[position] if position >= 0 else None
            if before is not None:
                head = (before[0] - paragraph_start, before[1] - paragraph_start)
                found = _find(paragraph_text, head[1], head[1], head, lexicon)
        if found is not None:
            (low, high), verb = found
            speaker = paragraph_text[low:high]
            if not speaker or speaker.casefold() in _PRONOUNS:
                if previous is not None and previous.speaker:
                    attributed = replace(previous, quotation=quote, verb=verb, carried=True)
                else:  # the subject is understood: attributed, by a name the text gave before
                    attributed = Attributed(quote, "quote", "named", speaker or None, None, verb)
            else:
                span = (paragraph_start + low, paragraph_start + high)
                kind = _kind_of_speaker(speaker, lexicon)
                attributed = Attributed(quote, "quote", kind, speaker, span, verb)
        elif interview is not None:
            label = interview.group("label")
            attributed = Attributed(quote, "quote", _kind_of_speaker(label, lexicon), label,
                                    (paragraph_start + interview.start("label"),
                                     paragraph_start + interview.end("label")), None)  # fmt: skip
        elif previous is not None and previous.attribution != "none":
            attributed = replace(previous, quotation=quote, carried=True)
        else:
            attributed = Attributed(quote, _unattributed_kind(paragraph_text, local_start, quote,
                                                              paragraph_start), "none")  # fmt: skip
        results.append(attributed)
        if attributed.kind == "quote":
            previous = attributed
    # A paragraph of news quotes one speaker: a quotation that opens it unattributed takes
    # the speaker of the paragraph's next attributed quotation ("...", X said later on).
    following: Attributed | None = None
    for index in range(len(results) - 1, -1, -1):
        current = results[index]
        if current.attribution != "none" and current.kind == "quote":
            following = current
        elif current.kind == "quote" and following is not None:
            results[index] = replace(following, quotation=current.quotation, carried=True)
    return results


def _unattributed_kind(text: str, local_start: int, quote: Quotation, offset: int) -> QuoteKind:
    """A quotation without a speaker: a short term, a title, or a real quote."""
    inner_start, inner_end = quote.inner
    inner = text[inner_start - offset : inner_end - offset] if inner_start >= offset else ""
    words = _words(inner)
    unspaced = len(UNSPACED.findall(inner))
    size = len(words) + unspaced // 2 if unspaced else len(words)  # ~2 characters a word
    if 0 < size <= MAX_TERM_WORDS or _DISCUSSED.search(
        text[max(0, local_start - 40) : local_start]
    ):
        return "term"
    lettered = [w.group() for w in words if w.group()[0].isalpha()]
    if 1 < len(lettered) <= 12 and all(w[0].isupper() for w in lettered if len(w) > 3):
        return "title"
    return "quote"


def vague_sources(
    paragraph_text: str,
    paragraph_start: int,
    quotations: list[Quotation],
    sentences: list[Sentence],
) -> list[tuple[int, int]]:
    """Anonymous sourcing in sentences without a quotation: ``according to officials who
    spoke on condition ...``, ``Media reports say ...`` (document offsets of the source)."""
    lexicon = speech_lexicon()
    found: list[tuple[int, int]] = []
    starts = [low for low, _ in sentences]
    quoted = {bisect_right(starts, q.start) - 1 for q in quotations}
    for number, (low, high) in enumerate(sentences):
        if number in quoted:
            continue
        local = (low - paragraph_start, high - paragraph_start)
        sentence = paragraph_text[local[0] : local[1]]
        if not lexicon.may_source(sentence):
            continue
        # Phrases are found in the paragraph (its word starts found once), their speakers
        # in the sentence: offsets go from one to the other by the sentence's start.
        base, shift = low, local[0]
        for match in lexicon.according.finditer(paragraph_text, *local):
            span = _speaker_after(sentence, match.end() - shift)
            if span and _kind_of_speaker(sentence[span[0] : span[1]], lexicon) == "anonymous":
                found.append((base + match.start() - shift, base + span[1]))
        for match in lexicon.verbs.finditer(paragraph_text, *local):
            at = match.start() - shift
            span = _speaker_before(sentence, at)
            if (
                span
                and span[1] >= at - 1
                and _kind_of_speaker(sentence[span[0] : span[1]], lexicon) == "anonymous"
            ):
                found.append((base + span[0], base + match.end() - shift))
    return found
