"""Word lists the language rules consult, per language: interface labels, names of
languages, function words, and the letters each language writes.

Loaded on first use from ``rules/lexicons/`` (shipped inside the package), never at
import; sources and licences are in that folder's README.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from functools import cache
from typing import Any

import regex

from hygiene.support.cache import memoized
from hygiene.support.shipped import builtin_folder

_WORDS = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*")
_LABEL_NOISE = regex.compile(r"[\p{P}\p{S}\p{N}\s]+")


def lexicon_bytes(name: str) -> bytes:
    """A lexicon file of ``rules/lexicons/``, as stored."""
    return (builtin_folder() / "lexicons" / name).read_bytes()


def read_lexicon(name: str) -> Any:
    """A lexicon file of ``rules/lexicons/``, parsed."""
    return json.loads(lexicon_bytes(name))


def words(text: str) -> list[str]:
    """Lower-cased words of ``text``."""
    return [word.casefold().strip("'’-") for word in _WORDS.findall(text)]


def normalize_label(text: str) -> str:
    """A label as compared: case-folded, punctuation, digits and spacing removed."""
    return " ".join(_LABEL_NOISE.sub(" ", text.casefold()).split())


def _shared_sets(index: Mapping[str, set[str]]) -> dict[str, frozenset[str]]:
    """``index`` with one frozenset per distinct set of languages: 19,000 function words
    have under 600 sets between them, and marshal writes a repeated object once, so the
    kept index loads in a third of the time (2 ms rather than 7 on every start)."""
    shared: dict[frozenset[str], frozenset[str]] = {}
    return {
        key: shared.setdefault(found := frozenset(languages), found)
        for key, languages in index.items()
    }


def _by_text(name: str, kind: str) -> Mapping[str, frozenset[str]]:
    """A lexicon of texts by language (``{language: [text, ...]}``) turned around: normalised
    text -> the languages that use it; built once, then kept in the cache."""
    source = lexicon_bytes(name)

    def index_texts() -> dict[str, frozenset[str]]:
        index: dict[str, set[str]] = defaultdict(set)
        for language, texts in json.loads(source).items():
            for text in texts:
                index[normalize_label(text)].add(language.split("-")[0])
        return _shared_sets(index)

    return memoized(kind, source, index_texts)


@cache
def ui_labels() -> Mapping[str, frozenset[str]]:
    """Normalised interface label -> the languages that use it."""
    return _by_text("ui-labels.json", "ui-label-index")


@cache
def stopword_languages() -> Mapping[str, frozenset[str]]:
    """Function word -> the languages whose list holds it (built once, then kept in the
    cache: 20 ms of every run's start)."""
    source = lexicon_bytes("stopwords-iso.json")

    def index_words() -> dict[str, frozenset[str]]:
        index: dict[str, set[str]] = defaultdict(set)
        for language, entries in json.loads(source).items():
            # Entries that are not single words ("a.m.", "1") stay: looked up only by what
            # ``words`` yields, they never match.
            for word in "\n".join(entries).casefold().split("\n"):
                index[word].add(language)
        return _shared_sets(index)

    return memoized("stopword-index", source, index_words)


@cache
def language_names() -> Mapping[str, frozenset[str]]:
    """Normalised name of a language -> the languages that call it so (``Georgiano``: es, pt,
    it ...)."""
    return _by_text("language-names.json", "language-name-index")


def name_languages(text: str) -> frozenset[str]:
    """Languages in which the whole of ``text`` is the name of a language (what a language
    picker leaves in a page: ``Deutsch``, ``Georgiano``). Two Latin letters name no language
    in a picker: they are a code or a word (``ci``, a setting)."""
    label = normalize_label(text)
    if len(label) < 3 and label.isascii():
        return frozenset()
    return language_names().get(label, frozenset())


@cache
def _longest_label() -> int:
    """The most words an interface label has."""
    return max((label.count(" ") + 1 for label in ui_labels()), default=0)


def label_languages(text: str) -> frozenset[str]:
    """Languages in which ``text`` (or its first words) is an interface label.

    Only as many first words as the longest label has are tried: trying every length
    joined the words again for each (a text of 20,000 words, ``a-b-c-...``, took 1.3 s;
    4 times as long, 16 times that)."""
    normalized = normalize_label(text)
    if not normalized:
        return frozenset()
    labels = ui_labels()
    parts = normalized.split(" ", _longest_label())[: _longest_label()]
    for size in range(len(parts), 0, -1):
        found = labels.get(" ".join(parts[:size]))
        if found:
            return found
    return frozenset()


def _letter_sets(name: str) -> Mapping[str, frozenset[str]]:
    """A lexicon of letters by language (``{language: "letters"}``; ``_`` keys are notes)."""
    data: Mapping[str, str] = read_lexicon(name)
    return {code: frozenset(letters) for code, letters in data.items() if not code.startswith("_")}


@cache
def alphabets() -> Mapping[str, frozenset[str]]:
    """Language -> the lower-case letters its alphabet has (``alphabets.json``)."""
    return _letter_sets("alphabets.json")


@cache
def word_letters() -> Mapping[str, frozenset[str]]:
    """wordfreq language -> the lower-case letters its common words write, for the Latin-script
    languages (``word-letters.json``, built by ``benchmarks/build_corpus.py``)."""
    return _letter_sets("word-letters.json")


@cache
def han_letters() -> Mapping[str, frozenset[str]]:
    """Language -> the Han characters its common words write, for Japanese
    (``han-letters.json``, built by ``benchmarks/build_corpus.py``): Chinese writes many
    that Japanese does not (關, 们, 设)."""
    return _letter_sets("han-letters.json")


@cache
def interface_languages() -> Mapping[str, Mapping[str, int]]:
    """Interface word -> the languages whose catalogues write it in labels, with its score
    in each (``interface-words.json``, 1 to 9): what a label left in a page is made of."""
    source = lexicon_bytes("interface-words.json")

    def index_words() -> dict[str, dict[str, int]]:
        index: dict[str, dict[str, int]] = defaultdict(dict)
        for language, scored in json.loads(source)["languages"].items():
            for word, score in scored.items():
                index[word][language] = score
        return dict(index)

    return memoized("interface-word-languages", source, index_words)


@cache
def _cldr_languages() -> Mapping[str, Mapping[str, Any]]:
    """``language-scripts.json`` (from CLDR), read once for its scripts and its names."""
    data: Mapping[str, Mapping[str, Any]] = read_lexicon("language-scripts.json")
    return data


@cache
def language_scripts() -> Mapping[str, frozenset[str]]:
    """Language -> the scripts it is written in (``language-scripts.json``, from CLDR)."""
    return {code: frozenset(entry["scripts"]) for code, entry in _cldr_languages().items()}


@cache
def english_names() -> Mapping[str, str]:
    """Language -> its English name in CLDR (``ceb``: Cebuano), where CLDR has one."""
    return {code: entry["name"] for code, entry in _cldr_languages().items() if entry["name"]}


def words_as_written(text: str) -> list[str]:
    """The words of ``text`` in their own case."""
    return [word.strip("'’-") for word in _WORDS.findall(text)]
