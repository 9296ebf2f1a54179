"""LG003's reports: adjacent stray paragraphs of one language are one leftover (a section
left untranslated), reported once with the run's span; a report says the language, the
evidence, the document's language and where the leftover sits."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from hygiene.core.document import Document
from hygiene.core.rule import Hit
from hygiene.core.segment import Segment
from hygiene.groups.language.grounds import Limits, Verdict
from hygiene.groups.language.identifier import IDENTIFIERS, Identifier, language_name
from hygiene.groups.language.kinship import same_language
from hygiene.groups.language.placement import line_at, where
from hygiene.groups.lexicon import words


@dataclass(frozen=True, slots=True)
class Stray:
    """A paragraph's stray segment: the paragraph's place among those judged, the segment
    and the verdict on it."""

    position: int
    segment: Segment
    verdict: Verdict


def stray_runs(strays: Sequence[Stray], short: Callable[[int], bool]) -> list[list[Stray]]:
    """``strays`` (in document order) in runs: a stray joins the run before it when the two
    are of one language (or one of them is of a language unnamed) and only ``short``
    paragraphs lie between them, too short to be judged on their own (a section's heading
    left untranslated with its text)."""
    runs: list[list[Stray]] = []
    for stray in strays:
        if runs and _continues(runs[-1][-1], stray, short):
            runs[-1].append(stray)
        else:
            runs.append([stray])
    return runs


def _continues(last: Stray, stray: Stray, short: Callable[[int], bool]) -> bool:
    first_language, language = last.verdict[0], stray.verdict[0]
    if first_language and language and not same_language(first_language, language):
        return False
    return all(short(position) for position in range(last.position + 1, stray.position))


def run_hit(
    run: Sequence[Stray], home: tuple[str, ...], lines: Sequence[Segment], document: Document
) -> Hit:
    """The report of a run of strays: its language (the first named), the first stray's
    evidence, how many paragraphs it holds, the document's language and where it sits."""
    first, last = run[0].segment, run[-1].segment
    start = first.start + (len(first.text) - len(first.text.lstrip()))
    end = last.start + len(last.text.rstrip())
    language = next((stray.verdict[0] for stray in run if stray.verdict[0]), None)
    evidence = run[0].verdict[1]
    if len(run) > 1:
        evidence = f"{evidence}; {len(run)} paragraphs"
    place = where(line_at(first.start, lines, document), line_at(last.end, lines, document), lines)
    what = f"{language_name(language)} text" if language else "text in another language"
    document_is = f"this {language_name(home[0])} document" if home else UNKNOWN_HOME
    return Hit(start, end, f"{what} in {document_is} ({evidence}), {place}")


UNKNOWN_HOME = "a document in a language the identifier does not know"


def paragraph_votes(
    paragraphs: Sequence[Segment], identifier: Identifier, limits: Limits
) -> dict[int, Mapping[str, float]]:
    """The identifier's vote of each paragraph of ``min-words`` words or more, by index."""
    return {
        p.index: identifier.scores(p.text)
        for p in paragraphs
        if len(words(p.text)) >= limits.min_words
    }


def sure_strays(
    paragraphs: Sequence[Segment],
    votes: Mapping[int, Mapping[str, float]],
    identifier: Identifier,
    limits: Limits,
) -> list[Stray]:
    """In a document whose language the identifier does not know (its paragraphs' votes
    spread over many), the paragraphs of ``min-words`` words or more that it places in one
    language at ``sure-confidence`` or more when the other paragraphs of that length (two
    at least: a page of headings and one sentence says nothing) hardly vote for it
    (``elsewhere-vote`` on average): an English sentence in a Manx page."""
    found: list[Stray] = []
    others = len(votes) - 1
    if others < 2:
        return found
    totals: dict[str, float] = {}  # each language's votes over the long paragraphs
    for scores in votes.values():
        for code, probability in scores.items():
            totals[code] = totals.get(code, 0.0) + probability
    for position, paragraph in enumerate(paragraphs):
        vote = votes.get(paragraph.index)
        if not vote:
            continue
        language = max(sorted(vote), key=vote.__getitem__)
        if vote[language] < limits.sure_confidence:
            continue
        elsewhere = (totals[language] - vote[language]) / others
        if elsewhere < limits.elsewhere_vote:
            evidence = f"{IDENTIFIERS[identifier.name]} {vote[language]:.2f}"
            found.append(Stray(position, paragraph, (language, evidence)))
    return found


def hardly_voted(language: str, votes: Mapping[int, Mapping[str, float]], limits: Limits) -> bool:
    """Whether the long paragraphs (two at least) give ``language`` and its close languages
    under ``elsewhere-vote`` on average: the document is not in it, whatever it is in."""
    if len(votes) < 2:
        return False
    total = sum(
        probability
        for scores in votes.values()
        for code, probability in scores.items()
        if same_language(code, language)
    )
    return total / len(votes) < limits.elsewhere_vote
