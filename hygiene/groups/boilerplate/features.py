"""What a furniture candidate looks like to the model: its shape, its words and its place,
as the numbers ``FEATURES`` names.

``describe`` turns a candidate's text and place into the values the trees of
``furniture-model.json`` read; ``benchmarks/build_furniture.py`` fits them on the same
values, so the two agree by construction.
"""

from __future__ import annotations

from collections.abc import Mapping

import regex

from hygiene.groups.boilerplate.interface import (
    FRAGMENT_WORDS,
    DocumentWords,
    InterfaceWords,
    mean_score,
    tokens,
    word_count,
)
from hygiene.groups.boilerplate.tails import TERMINAL

# The features, in the order the model's weights are written.
FEATURES = (
    "bias",
    # shape
    "words-1",
    "words-2",
    "words-3-4",
    "words-5-8",
    "words-9-up",
    "terminal",
    "colon",
    "counter",
    "separator",
    "label-colon",
    "capitalised",
    "title-case",
    "upper-case",
    "quoted",
    # words
    "interface-share",
    "interface-mean",
    "all-interface",
    "strong-interface",
    "contrast",
    "echo-share",
    "function-share",
    "furniture-mean",
    "furniture-share",
    "application-share",
    # place
    "alone",
    "first",
    "last",
    "near-edge",
    "short-run",
    "prose-before",
    "prose-after",
    "before-list",
    "glued",
    "foreign-script",
    "echo-next",
    # a fragment (a few words, no sentence stop), and what tells furniture from a heading
    "fragment",
    "fragment-interface",
    "fragment-unechoed",
    "fragment-edge",
    "fragment-heads-text",
    "sentence-interface",
    "alone-unechoed",
    "edge-interface",
    "run-interface",
    "glued-interface",
    "upper-label",
    "label-furniture",
    "fragment-strong",
    "fragment-furniture",
    # the document: how much of it is short lines, how much interface vocabulary
    "document-short-lines",
    "document-interface",
    "document-furniture",
)
STRONG = 5  # an interface word's score from which it is strong evidence (32 times prose's rate)

COLON_END = regex.compile(r"[:：]\s*$")
_DIGIT = regex.compile(r"\d")
_SEPARATOR = regex.compile(r"[|•·›»→←‹«▸►▶◀]|>>|<<|\s/\s")
_LABEL_COLON = regex.compile(r"^\W{0,2}(?:\p{L}[\p{L}\p{M}'’-]*\s?){1,3}[:：]\s*\S")
_QUOTED = regex.compile(r"[\"“”„«»「」『』]")
# A paragraph of prose beside a line: long enough to be sentences, and ending like one.
PROSE_WORDS = 8


def _share(flags: list[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def is_prose(text: str) -> bool:
    return word_count(text) >= PROSE_WORDS and TERMINAL.search(text) is not None


def describe(
    text: str, place: Mapping[str, float], vocabulary: InterfaceWords, words: DocumentWords
) -> tuple[float, ...]:
    """The features of a candidate's text at its place in its document."""
    count = word_count(text)
    found = tokens(text)
    content = [token for token in found if token not in vocabulary.function] or found
    scores = [vocabulary.score(token) for token in content]
    furniture = vocabulary.furniture_scores(content, scores)  # a page's own words
    mean, furniture_mean = mean_score(scores), mean_score(furniture)
    letters = _cased_letters(text)
    label, label_furniture = _label(text, vocabulary)
    spaced_words = [word for word in text.split() if word[:1].isalpha()]
    values: dict[str, float] = {
        "bias": True,
        "words-1": count <= 1,
        "words-2": count == 2,
        "words-3-4": 3 <= count <= 4,
        "words-5-8": 5 <= count <= 8,
        "words-9-up": count >= 9,
        "terminal": TERMINAL.search(text) is not None,
        "colon": COLON_END.search(text) is not None,
        "counter": _DIGIT.search(text) is not None,
        "separator": _SEPARATOR.search(text) is not None,
        "label-colon": label is not None,
        "capitalised": bool(letters) and letters[0].isupper(),
        "title-case": len(spaced_words) >= 2 and all(w[0].isupper() for w in spaced_words),
        "upper-case": _capitals(letters),
        "quoted": _QUOTED.search(text) is not None,
        "interface-share": _share([score > 0 for score in scores]),
        "interface-mean": mean,
        "all-interface": bool(scores) and all(scores),
        "strong-interface": _share([score >= STRONG for score in scores]),
        "contrast": mean - words.density,
        "echo-share": words.echo_share(content),
        "function-share": (len(found) - len(content)) / len(found) if found else 0.0,
        "furniture-mean": furniture_mean,
        "furniture-share": _share([score > 0 for score in furniture]),
        # an application's own labels (security, keyboard): what help pages' headings name
        "application-share": _share(
            [s > 0 and not f for s, f in zip(scores, furniture, strict=True)]
        ),
    }
    values.update(place)
    fragment = count <= FRAGMENT_WORDS and not values["terminal"]
    values.update(
        {
            "fragment": fragment,
            "fragment-interface": fragment * mean,
            "fragment-unechoed": fragment * (1 - values["echo-share"]),
            "fragment-edge": fragment and (place.get("first", False) or place.get("last", False)),
            "fragment-heads-text": fragment
            * place.get("prose-after", 0)
            * place.get("echo-next", 0),
            "sentence-interface": (not fragment) * values["interface-share"],
            "alone-unechoed": fragment * place.get("alone", 0) * (1 - values["echo-share"]),
            "edge-interface": mean * max(place.get(k, 0) for k in ("first", "last", "near-edge")),
            "run-interface": mean * place.get("short-run", 0),
            "glued-interface": mean * place.get("glued", 0),
            "upper-label": label is not None and _capitals(_cased_letters(label)),
            "label-furniture": label_furniture,
            "fragment-strong": fragment * values["strong-interface"],
            "fragment-furniture": fragment * furniture_mean,
            "document-short-lines": words.short_lines,
            "document-interface": words.density,
            "document-furniture": words.furniture_density,
        }
    )
    return tuple(float(values.get(name, False)) for name in FEATURES)


def _label(text: str, vocabulary: InterfaceWords) -> tuple[str | None, float]:
    """The words before a label's colon (``WATCH`` of ``WATCH: Trump on Mexico``), and
    how much they are a page's furniture: a media label names its player's control
    (play, listen, gallery), a dateline a place."""
    if _LABEL_COLON.match(text) is None:
        return None, 0.0
    label = regex.split(r"[:：]", text, maxsplit=1)[0]
    found = [token for token in tokens(label) if token not in vocabulary.function]
    scores = [vocabulary.score(token) for token in found]
    return label, mean_score(vocabulary.furniture_scores(found, scores))


def _cased_letters(text: str) -> list[str]:
    return [char for char in text if char.isupper() or char.islower()]


def _capitals(letters: list[str]) -> bool:
    """Whether a line's or a label's cased ``letters`` are capitals: two or more, none of
    them small."""
    return len(letters) >= 2 and not any(char.islower() for char in letters)
