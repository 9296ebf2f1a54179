"""Where the identifier does not know a document's language, a few words still stray when
their language shows without it (an interface label, function words, label words), but
never in a language the document declares, nor in one its paragraphs vote for."""

from __future__ import annotations

from collections import Counter

from hygiene.api import Checker
from hygiene.config.settings import Config
from hygiene.groups.language.grounds import Grounds, Limits
from hygiene.groups.language.identifier import Identifier
from hygiene.groups.language.short_segments import spoken_anywhere
from hygiene.groups.lexicon import words


def grounds(home: tuple[str, ...]) -> Grounds:
    """LG003's grounds at its default options, for a document in ``home`` (none: unknown)."""
    (rule,) = Checker(Config(select=("LG003",))).ruleset.rules
    return Grounds(home, Counter(), frozenset, Identifier(), Limits.read(rule.options))


def test_a_label_names_its_language_in_a_page_of_no_known_language() -> None:
    label = "Kommentare"
    verdict = spoken_anywhere(label, words(label), grounds(()), lambda code: True)
    assert verdict is not None and verdict[0] == "de"


def test_a_label_of_the_declared_language_is_no_leftover() -> None:
    label = "Kommentare"
    assert spoken_anywhere(label, words(label), grounds(("de",)), lambda code: True) is None


def test_a_label_of_a_language_the_paragraphs_vote_for_is_no_leftover() -> None:
    label = "Kommentare"
    voted = {"de"}
    assert spoken_anywhere(label, words(label), grounds(()), lambda c: c not in voted) is None


def test_words_the_rest_of_the_document_uses_are_its_own() -> None:
    label = "Kommentare"
    used = Grounds((), Counter({"kommentare": 2}), frozenset, Identifier(), grounds(()).limits)
    assert spoken_anywhere(label, words(label), used, lambda code: True) is None
