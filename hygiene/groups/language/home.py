"""What LG003 judges a document's segments against: the language it declares or most of its
paragraphs are in, the languages the identifier confuses with it, or nothing but what the
identifier is sure of, where it does not know the document's language; and a page wholly in
another language than it declares, reported as one."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from hygiene.core.segment import Segment
from hygiene.groups.language.evidence import Candidate, majority_language
from hygiene.groups.language.grounds import Grounds, Limits, identified
from hygiene.groups.language.identifier import SAMPLE, Identifier
from hygiene.groups.language.kinship import same_language, written_as, written_in
from hygiene.groups.language.runs import Stray
from hygiene.text.scripts import main_script


@dataclass(frozen=True, slots=True)
class Home:
    """The document's languages (none, when detected and unknown), the languages the
    identifier confuses with them on its paragraphs (on a few words, ``rivals``; on its
    sentences too, ``contenders``), and whether the identifier knows them well enough to
    judge segments against them."""

    languages: tuple[str, ...]
    rivals: frozenset[str] = frozenset()
    contenders: frozenset[str] = frozenset()
    known: bool = True


def document_home(
    paragraphs: Sequence[Segment], declared: tuple[str, ...], script: str | None,
    identifier: Identifier, limits: Limits,
) -> Home | None:  # fmt: skip
    """The declared languages, when the identifier recognises them in the text or the page
    is wholly another language; else the language most paragraphs are in, unless their
    votes are spread (``min-majority``)."""
    if declared:
        if _recognised(declared, paragraphs, identifier, limits):
            majority = majority_language(paragraphs, identifier)  # its scores are cached
            if majority is None:
                return Home(declared)
            rivals = majority.rivals(limits.rival_support, declared)
            return Home(declared, rivals, majority.contenders(limits.contender_vote, declared))
        return Home(
            declared, known=_untranslated_page(paragraphs, declared, script, identifier, limits)
        )
    majority = majority_language(paragraphs, identifier)
    if majority is None:
        return None
    if majority.share < limits.min_majority:
        return Home((), known=False)
    rivals = majority.rivals(limits.rival_support)
    return Home((majority.language,), rivals, majority.contenders(limits.contender_vote))


def _recognised(
    declared: tuple[str, ...], paragraphs: Sequence[Segment], identifier: Identifier,
    limits: Limits,
) -> bool:  # fmt: skip
    """Whether the identifier can judge text against the declared languages: it names one
    of them, and the document's paragraphs give them ``min-majority`` of their votes (it
    names Manx, and reads Manx as Welsh and English)."""
    if not any(identifier.knows(code) for code in declared):
        return False
    majority = majority_language(paragraphs, identifier)
    return majority is not None and majority.share_of(declared) >= limits.min_majority


def _untranslated_page(
    paragraphs: Sequence[Segment], declared: tuple[str, ...], script: str | None,
    identifier: Identifier, limits: Limits,
) -> bool:  # fmt: skip
    """Whether the paragraphs the identifier does not give the declared language are in one
    other language, for a known declared language: a page left untranslated, which is
    reported as one (``untranslated``), not judged as a page of an unknown language."""
    if not any(identifier.knows(code) for code in declared):
        return False
    grounds = Grounds(declared, Counter(), lambda: frozenset(), identifier, limits)
    return untranslated(paragraphs, script, grounds) is not None


def untranslated(
    paragraphs: Sequence[Segment], script: str | None, grounds: Grounds
) -> list[Stray] | None:
    """A page in another language than it declares, as one run over all its paragraphs: one
    leftover, not one per paragraph (and LG002's, which this rule defers to, where it
    reports the page). The identifier must all but rule the declared language out on the
    text, as for a stray, and most paragraphs must vote for the same other language (a
    Galician page that fastText half takes for Spanish is Galician)."""
    text = " ".join(paragraph.text for paragraph in paragraphs)[:SAMPLE]
    found = identified(text, grounds.limits.min_confidence, grounds)
    if found is None or not written_in(found.language, script):
        return None
    majority = majority_language(paragraphs, grounds.identifier)
    if majority is None or not same_language(majority.language, found.language):
        return None
    evidence = f"{found.evidence} {found.confidence:.2f} on the whole text"
    return [
        Stray(n, paragraph, (found.language, evidence)) for n, paragraph in enumerate(paragraphs)
    ]


def named_rightly(language: str, piece: Candidate, home: tuple[str, ...]) -> bool:
    """Whether ``language`` is written in the script of the candidate's text (CLDR), and,
    for Han, with or without the kana that tell Japanese from Chinese."""
    text = piece.segment.text
    return written_in(language, main_script(text)) and written_as(language, text, home)
