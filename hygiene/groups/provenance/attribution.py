"""Who said each quotation: the speaker and the speech verb, from the words around it.

For each quotation, in order: the words after it in its sentence (``," said
Tillerson.``, ``," Trump said``), the words before it (``Kelly emphasized Thursday
there will be "..."``, ``according to X``), the sentence before it when that one ends
with a colon, an interview label opening its paragraph (``Q:``, ``SMITH:``), and last
the previous quotation of the same paragraph (a quote that continues after ``O'Neil
said.``). A speaker whose description ends with an anonymous noun (``a U.S.
official``, ``sources``, ``media reports``) is anonymous. A quotation still without a
speaker takes the one of a later quotation of its paragraph: news quotes one speaker a
paragraph. A quotation no verb of saying attributes is read by its shape (``shape``): a
constituent of its sentence is a term or a title; a short clause after it, a lead-in
before a colon or a credit line under it name its speaker; speech standing alone is
unattributed.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace

import regex

from hygiene.groups.provenance.quotes import Quotation
from hygiene.groups.provenance.shape import (
    KindAt,
    QuoteKind,
    all_prose,
    kind_by_words,
    standing,
)
from hygiene.groups.provenance.speakers import (
    MAX_SPEAKER_WORDS,
    WINDOW,
    Attribution,
    kind_of_speaker,
    speaker_after,
    speaker_before,
    words_of,
)
from hygiene.groups.provenance.speech import SpeechLexicon, speech_lexicon
from hygiene.text.phrases import SENTENCE_STOPS

_QUOTE_MARKS = "“”„«»‹›「」『』\"'‘’"
_STOPS = frozenset(SENTENCE_STOPS)
_BOUNDARY = regex.compile(
    rf"[{SENTENCE_STOPS}][{_QUOTE_MARKS})\]]*\s+(?=[\p{{Lu}}\p{{Lo}}{_QUOTE_MARKS}—–])"
)
_PRONOUNS = {
    "he", "she", "they", "it", "we", "i", "il", "elle", "ils", "er", "sie", "él", "ella",
    "lui", "lei", "ele", "ela", "hij", "zij", "on", "ona", "он", "она", "вони", "він",
    "вона", "han", "hon"
}  # fmt: skip
# A credit under a quotation: "— Thomas Jefferson", and where it is from: "(Source)".
_EPIGRAPH = regex.compile(
    r"^\s*(?:--|[—–])\s*(?P<name>\p{Lu}[\p{L}.’' -]{1,60}?)\s*(?:\([^()\n]{0,80}\)\s*)?$"
)
_INITIALS = regex.compile(r"(?:\p{Lu}\.)+\p{Lu}?\.?")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "st",
    "jr", "sr", "inc", "co", "corp", "ltd", "vs", "no", "sra", "m", "mme", "dott", "prof",
    "hr", "fr"
}  # fmt: skip
_INTERVIEW = regex.compile(r"^\s*(?P<label>[\p{Lu}][\p{L}\p{M}.’' -]{0,40}?)\s*:\s+\S")


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
        if high > low and text[high - 1] in _STOPS:
            high -= 1  # "We will not pay." The talks ended. : the stop ends a sentence
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
    if verb and len(words_of(text, offset, verb.start())) <= MAX_SPEAKER_WORDS:
        between = text[offset : verb.start()].rstrip()
        if not between or between.endswith(","):  # ," said Tillerson. / ..., said X
            speaker = speaker_after(text, verb.end())
            if speaker:
                return speaker, verb.group()
        speaker = speaker_before(text, verb.start())  # ," Trump said
        if speaker and speaker[0] >= offset:
            return speaker, verb.group()
        if not between:  # Bakan, "..." dedi. / 大臣は「…」と述べた。: the subject came first
            speaker = speaker_before(text, quote_start) if quote_start > low else None
            if speaker and speaker[0] >= low:
                return speaker, verb.group()
            return (0, 0), verb.group()  # ", dice.": the subject is understood
    # According to X: the last such phrase, after the quote or else before it.
    for part_start, part_end in ((offset, window_end), (low, quote_start)):
        according = lexicon.according.finditer(text, part_start, part_end)
        if according:
            speaker = speaker_after(text, according[-1].end())
            if speaker:
                return speaker, according[-1].group()
            break
    verbs = lexicon.verbs.finditer(text, low, quote_start)
    if verbs:  # Kelly emphasized Thursday there will be "..."
        verb = verbs[-1]
        speaker = speaker_before(text, verb.start())
        return speaker or (0, 0), verb.group()
    return None


def _introduces(text: str, head: Sentence, quote_start: int, lexicon: SpeechLexicon) -> bool:
    """Whether the sentence before a quotation that opens its own introduces it: it ends
    with a colon (``He told reporters:``) or with a verb of saying (``Fellini once said.``)."""
    if quote_start - head[1] > WINDOW or text[head[1] : quote_start].strip():
        return False  # the quotation does not open the sentence after it
    lead_in = text[max(head[0], head[1] - WINDOW) : head[1]].rstrip()  # bounded: linear
    if lead_in.endswith(":"):
        return True
    verbs = lexicon.verbs.finditer(text, max(head[0], head[1] - WINDOW), head[1])
    return bool(verbs) and not text[verbs[-1].end() : head[1]].strip(" .!…\n")


def _said_next(
    text: str, following: Sentence | None, offset: int, lexicon: SpeechLexicon
) -> tuple[tuple[int, int], str | None] | None:
    """The speaker of a quotation that ends its sentence, in a short sentence after it
    with a verb of saying: ``"Get out!" Trump said.``"""
    if following is None:
        return None
    low, high = following[0] - offset, following[1] - offset
    if high - low > WINDOW or len(words_of(text, low, high)) > MAX_SPEAKER_WORDS:
        return None
    return _find(text, low, low, (low, high), lexicon)


def attribute(
    paragraph_text: str,
    paragraph_start: int,
    quotations: list[Quotation],
    sentences: list[Sentence],
    kind_at: KindAt = all_prose,
) -> list[Attributed]:
    """Attribute the quotations of one paragraph, given its ``sentence_bounds``
    (document offsets in, document offsets out); ``kind_at`` tells the scope of a
    document offset (a quotation in a heading is a title)."""
    lexicon = speech_lexicon()
    interview = _INTERVIEW.match(paragraph_text)
    results: list[Attributed] = []
    previous: Attributed | None = None
    starts = [low for low, _ in sentences]
    for quote in quotations:
        local_start, local_end = quote.start - paragraph_start, quote.end - paragraph_start
        number = max(0, bisect_right(starts, quote.start) - 1)  # the quotation's sentence
        sentence = sentences[number]
        bounds = (max(0, sentence[0] - paragraph_start), max(0, sentence[1] - paragraph_start))
        if local_start < 0:  # the quote began in an earlier paragraph
            local_start, bounds = 0, (0, bounds[1])
        found = _find(paragraph_text, local_start, local_end, bounds, lexicon)
        if found is None and bounds[0] > 0 and number > 0 and previous is None:
            before = sentences[number - 1]
            head = (before[0] - paragraph_start, before[1] - paragraph_start)
            if _introduces(paragraph_text, head, local_start, lexicon):
                found = _find(paragraph_text, head[1], head[1], head, lexicon)
        ends_sentence = bounds[1] - local_end <= WINDOW  # bounded: linear
        if found is None and ends_sentence and not paragraph_text[local_end : bounds[1]].strip():
            next_sentence = sentences[number + 1] if number + 1 < len(sentences) else None
            found = _said_next(paragraph_text, next_sentence, paragraph_start, lexicon)
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
                kind = kind_of_speaker(speaker, lexicon)
                attributed = Attributed(quote, "quote", kind, speaker, span, verb)
        elif interview is not None:
            label = interview.group("label")
            attributed = Attributed(quote, "quote", kind_of_speaker(label, lexicon), label,
                                    (paragraph_start + interview.start("label"),
                                     paragraph_start + interview.end("label")), None)  # fmt: skip
        elif previous is not None and previous.attribution != "none":
            attributed = replace(previous, quotation=quote, carried=True)
        else:
            attributed = _by_shape(
                paragraph_text, quote, (local_start, local_end), bounds, kind_at, paragraph_start
            )
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


def _by_shape(
    text: str,
    quote: Quotation,
    local: tuple[int, int],
    sentence: tuple[int, int],
    kind_at: KindAt,
    offset: int,
) -> Attributed:
    """A quotation no speech verb attributes, by how it stands in its sentence: a term
    where it is a constituent of the sentence, attributed by a short clause after it or
    a lead-in before a colon, and otherwise speech or a term or title by its words."""
    found = standing(text, local, sentence, kind_at, offset)
    if found.shape in ("embedded", "alone"):
        inner_start, inner_end = quote.inner
        inner = text[inner_start - offset : inner_end - offset] if inner_start >= offset else ""
        kind = kind_by_words(inner)
        if found.shape == "embedded" and kind == "quote":
            kind = "term"  # a constituent of the sentence: never speech
        return Attributed(quote, kind, "none")
    assert found.words is not None
    low, high = found.words
    span = speaker_before(text, high) if found.shape == "lead-in" else (low, high)
    if span is None:
        return Attributed(quote, "quote", "named")
    speaker = text[span[0] : span[1]]
    return Attributed(quote, "quote", kind_of_speaker(speaker, speech_lexicon()), speaker,
                      (offset + span[0], offset + span[1]), None)  # fmt: skip


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
            span = speaker_after(sentence, match.end() - shift)
            if span and kind_of_speaker(sentence[span[0] : span[1]], lexicon) == "anonymous":
                found.append((base + match.start() - shift, base + span[1]))
        for match in lexicon.verbs.finditer(paragraph_text, *local):
            at = match.start() - shift
            span = speaker_before(sentence, at)
            if (
                span
                and span[1] >= at - 1
                and kind_of_speaker(sentence[span[0] : span[1]], lexicon) == "anonymous"
            ):
                found.append((base + span[0], base + match.end() - shift))
    return found
