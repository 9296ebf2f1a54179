"""What LG003 judges a document's segments against: the language it declares or most of its
paragraphs are in, the languages the identifier confuses with it, or nothing but what the
identifier is sure of, where it does not know the document's language; and a page wholly in
another language than it declares, reported as one."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from hygiene.core.segment import Segment
from hygiene.groups.language.evidence import Candidate, Majority, majority_language
from hygiene.groups.language.grounds import Grounds, Limits, identified
from hygiene.groups.language.identifier import SAMPLE, Identifier
from hygiene.groups.language.kinship import same_language, written_as, written_in
from hygiene.groups.language.runs import Stray
from hygiene.text.scripts import main_script


@dataclass(frozen=True, slots=True)
class Home:
    """The document's languages (none, when detected and unknown), the languages the
    identifier confuses with them on its paragraphs (on a few words, ``rivals``; on its
    sentences too, ``contenders``), whether the identifier knows them well enough to judge
    segments against them, and, for a page wholly in another language than it declares,
    that page as one run (``whole``)."""

    languages: tuple[str, ...]
    rivals: frozenset[str] = frozenset()
    contenders: frozenset[str] = frozenset()
    known: bool = True
    whole: list[Stray] | None = None


def document_home(
    paragraphs: Sequence[Segment], declared: tuple[str, ...], script: str | None,
    identifier: Identifier, limits: Limits,
) -> Home | None:  # fmt: skip
    """The declared languages, when the identifier names one of them and finds them in the
    paragraphs (``min-majority`` of their votes: it names Manx, and reads Manx as Welsh and
    English), or the page is wholly another language; else the language most paragraphs
    are in, unless their votes are spread. The paragraphs vote once, for all of it."""
    majority = majority_language(paragraphs, identifier)
    if majority is None:
        return None
    if declared:
        if not any(identifier.knows(code) for code in declared):
            return Home(declared, known=False)
        whole = untranslated(paragraphs, script, declared, majority, identifier, limits)
        if whole is not None:
            return Home(declared, whole=whole)
        if majority.share_of(declared) < limits.min_majority:
            return Home(declared, known=False)
        rivals = majority.rivals(limits.rival_support, declared)
        return Home(declared, rivals, majority.contenders(limits.contender_vote, declared))
    if majority.share < limits.min_majority:
        return Home((), known=False)
    rivals = majority.rivals(limits.rival_support)
    return Home((majority.language,), rivals, majority.contenders(limits.contender_vote))


def untranslated(
    paragraphs: Sequence[Segment], script: str | None, declared: tuple[str, ...],
    majority: Majority, identifier: Identifier, limits: Limits,
) -> list[Stray] | None:  # fmt: skip
    """A page in another language than it declares, as one run over all its paragraphs: one
    leftover, not one per paragraph (and LG002's, which this rule defers to, where it
    reports the page). The identifier must all but rule the declared language out on the
    text, as for a stray, and most paragraphs must vote for the same other language (a
    Galician page that fastText half takes for Spanish is Galician)."""
    text = " ".join(paragraph.text for paragraph in paragraphs)[:SAMPLE]
    grounds = Grounds(declared, Counter(), frozenset, identifier, limits)
    found = identified(text, limits.min_confidence, grounds)
    if found is None or not written_in(found.language, script):
        return None
    if not same_language(majority.language, found.language):
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
