"""Which language a text is in: function words first, langdetect only where they cannot tell.

Function-word counts decide most documents and paragraphs at no cost; langdetect
(seeded, so results repeat) is imported and its profiles loaded only when a text
is long enough and the counts are ambiguous, or to confirm a suspected stray.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from hygiene.document import Document
from hygiene.lexicon import stopword_languages, words

# English names for messages, by ISO 639-1 code (langdetect, stopwords-iso, mkdocs-material).
LANGUAGE_NAMES = {
    "af": "Afrikaans", "ar": "Arabic", "az": "Azerbaijani", "be": "Belarusian", "bg": "Bulgarian",
    "bn": "Bengali", "br": "Breton", "ca": "Catalan", "cs": "Czech", "cy": "Welsh", "da": "Danish",
    "de": "German", "el": "Greek", "en": "English", "eo": "Esperanto", "es": "Spanish",
    "et": "Estonian", "eu": "Basque", "fa": "Persian", "fi": "Finnish", "fr": "French",
    "ga": "Irish", "gl": "Galician", "gu": "Gujarati", "he": "Hebrew", "hi": "Hindi",
    "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian", "is": "Icelandic",
    "it": "Italian", "ja": "Japanese", "ka": "Georgian", "kk": "Kazakh", "km": "Khmer",
    "kn": "Kannada", "ko": "Korean", "ku": "Kurdish", "la": "Latin", "lb": "Luxembourgish",
    "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian", "ml": "Malayalam",
    "mn": "Mongolian", "mr": "Marathi", "ms": "Malay", "my": "Burmese", "nb": "Norwegian",
    "ne": "Nepali", "nl": "Dutch", "nn": "Norwegian Nynorsk", "no": "Norwegian",
    "pa": "Punjabi", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian",
    "sh": "Serbo-Croatian", "si": "Sinhala", "sk": "Slovak", "sl": "Slovenian", "so": "Somali",
    "sq": "Albanian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili", "ta": "Tamil",
    "te": "Telugu", "th": "Thai", "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian",
    "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese", "zh": "Chinese",
}  # fmt: skip


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


@dataclass(frozen=True, slots=True)
class Guess:
    """A language, how sure, and on what evidence."""

    language: str
    confidence: float
    evidence: str


def stopword_scores(tokens: Iterable[str], among: frozenset[str] | None = None) -> dict[str, float]:
    """Each language's share of the function words: a word in k lists counts 1/k to each."""
    index = stopword_languages()
    scores: dict[str, float] = {}
    for token in tokens:
        languages = index.get(token)
        if not languages:
            continue
        if among is not None:
            languages = languages & among
            if not languages:
                continue
        for language in languages:
            scores[language] = scores.get(language, 0.0) + 1 / len(languages)
    return scores


def guess_by_stopwords(
    tokens: list[str], min_share: float = 0.15, min_confidence: float = 0.85
) -> Guess | None:
    """The language whose function words dominate, when they clearly do.

    Confidence is the leader's share of the two best scores; close languages (Spanish and
    Portuguese share many function words) rarely pass it, and then langdetect decides.
    """
    scores = stopword_scores(tokens)
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    best, first = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    confidence = first / (first + second)
    if first < min_share * len(tokens) or confidence < min_confidence:
        return None
    return Guess(best, round(confidence, 3), "function words")


@cache
def _detector_factory(seed: int) -> object:
    from langdetect import DetectorFactory

    DetectorFactory.seed = seed
    from langdetect.detector_factory import init_factory

    init_factory()
    return DetectorFactory


# langdetect reads every character of what it is given, but decides from a few hundred:
# 800 gave the same language benchmark as 2,000 at two thirds of the cost.
DETECT_SAMPLE = 800


def langdetect_guess(text: str, seed: int = 0) -> Guess | None:
    """langdetect's top language (seeded), with its probability, from the text's start."""
    return _langdetect_guess(text[:DETECT_SAMPLE], seed)


@lru_cache(maxsize=2048)
def _langdetect_guess(text: str, seed: int) -> Guess | None:
    _detector_factory(seed)
    from langdetect import detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    try:
        ranked = detect_langs(text)
    except LangDetectException:
        return None
    if not ranked:
        return None
    top = ranked[0]
    return Guess(top.lang.split("-")[0], round(top.prob, 3), "langdetect")


@lru_cache(maxsize=256)
def text_language(text: str, seed: int = 0) -> Guess | None:
    """A text's language: function words when they decide, else langdetect on enough words."""
    tokens = words(text)
    if len(tokens) < 3:
        return None
    guess = guess_by_stopwords(tokens)
    if guess is not None or len(tokens) < 8:
        return guess
    return langdetect_guess(text, seed)


SAMPLE = 20000


def document_language(document: Document, declared: tuple[str, ...]) -> Guess | None:
    """The declared language (the first, for a bilingual document), else the one function
    words show. No model is loaded for this: a corpus run records it for every document."""
    if declared:
        return Guess(declared[0], 1.0, "declared")
    sample = document.text[document.body_start : document.body_start + SAMPLE]
    return guess_by_stopwords(words(sample))
