"""What every segment of a document is judged against (its languages, words, letters, the
identifier and LG003's limits), and the identifier's verdict on a text against them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from hygiene.groups.language.evidence import foreign_guess, home_probability
from hygiene.groups.language.identifier import Guess, Identifier, cld2_language
from hygiene.groups.language.kinship import foreign

# fastText reports no language under 0.1% (the threshold of ``fasttext_scores``): below it
# the identifier does not consider a language at all, so it is also the least probability
# the odds against the document's language are taken from.
NOT_CONSIDERED = 0.001


@dataclass(frozen=True, slots=True)
class Limits:
    """LG003's options, read once per document (their meaning is in the rule's docs)."""

    min_words: int
    min_confidence: float
    short_confidence: float
    max_home_probability: float
    min_odds: float
    shared_words: float
    max_label_words: int
    min_majority: float
    rival_support: float
    contender_vote: float
    sure_confidence: float
    elsewhere_vote: float
    vocabulary_guesses: int
    tie_confidence: float
    unlisted_confidence: float

    @classmethod
    def read(cls, options: Mapping[str, Any]) -> Limits:
        return cls(
            min_words=int(options["min-words"]),
            min_confidence=float(options["min-confidence"]),
            short_confidence=float(options["short-confidence"]),
            max_home_probability=float(options["max-home-probability"]),
            min_odds=float(options["min-odds"]),
            shared_words=float(options["shared-words"]),
            max_label_words=int(options["max-label-words"]),
            min_majority=float(options["min-majority"]),
            rival_support=float(options["rival-support"]),
            contender_vote=float(options["contender-vote"]),
            sure_confidence=float(options["sure-confidence"]),
            elsewhere_vote=float(options["elsewhere-vote"]),
            vocabulary_guesses=int(options["vocabulary-guesses"]),
            tie_confidence=float(options["tie-confidence"]),
            unlisted_confidence=float(options["unlisted-confidence"]),
        )


@dataclass(frozen=True, slots=True)
class Grounds:
    """What every segment of a document is judged against: the document's languages
    (``home``), its words, its letters (found when first asked), the identifier and the
    rule's limits."""

    home: tuple[str, ...]
    counts: Counter[str]
    own: Callable[[], frozenset[str]]
    identifier: Identifier
    limits: Limits
    # Languages the identifier confuses with the document's on its own paragraphs: on a
    # few words (rivals), or on its sentences too (contenders).
    rivals: frozenset[str] = frozenset()
    contenders: frozenset[str] = frozenset()
    # The script of the document's text read (None: not known).
    script: str | None = None


# A stray's language (None: not the document's, but which one is unsure) and its evidence.
Verdict = tuple[str | None, str]


def identified(text: str, min_confidence: float, grounds: Grounds) -> Guess | None:
    """The identifier's language for ``text`` when it is foreign, at least
    ``min_confidence``, and the document's own language is all but ruled out (at most
    ``max-home-probability``, and ``min-odds`` times less likely)."""
    home, limits = grounds.home, grounds.limits
    guess = foreign_guess(text, home, grounds.identifier)
    if guess is None:
        return None
    scores = grounds.identifier.scores(text)  # cached: the same call as the guess's
    probability = scores[guess.language]
    at_home = home_probability(scores, home)
    if probability < min_confidence or at_home > limits.max_home_probability:
        return None
    if probability < limits.min_odds * max(at_home, NOT_CONSIDERED):
        return None
    return guess


def contradicted(text: str, grounds: Grounds) -> bool:
    """Whether CLD2, a second identifier that reads whole words, takes ``text`` for the
    document's language: fastText's verdict alone is then no leftover."""
    if grounds.identifier.name != "fasttext":
        return False
    second = cld2_language(text)
    return second is not None and not foreign(second, grounds.home)
