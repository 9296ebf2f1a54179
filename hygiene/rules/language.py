"""The ``language`` group (LG): text in another language or script than the document's."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from hygiene.rule import Hit, RuleContext, rule
from hygiene.scripts import WRITTEN_TOGETHER, at_home, count_letters, non_latin_runs
from hygiene.segment import Segment


@dataclass(frozen=True, slots=True)
class _ForeignLine:
    line: Segment
    script: str
    home: frozenset[str]


@rule(
    "LG001",
    "language.foreign-script",
    severity="warning",
    scope="document",
    options={"min-letters": 3, "home-share": 0.05, "line-share": 0.8},
)
def foreign_script(segment: Segment, ctx: RuleContext) -> Iterator[Hit]:
    """A line written in a script that the rest of the document does not use.

    Why: A scraper that keeps a label from the page around an article, or an editor who pastes
    from another edition, leaves lines that no reader of the document can read and that
    poison a corpus sorted by language. A whole line in a foreign script is the cheapest
    and most certain sign of it. A word or name in another script inside a sentence is
    not reported: only lines whose letters are mostly (``line-share``) in a script that
    makes up less than ``home-share`` of the letters elsewhere in the document.

    Fix: Delete the stray line, or translate it if it belongs to the text.

    Bad:
        The talks ended without an agreement.

        коментарі читачів:

    Good:
        The talks ended without an agreement, the newspaper Правда reported.
    """
    text = segment.text
    runs = list(non_latin_runs(text))
    if not runs:
        return  # every letter is Latin: one script, nothing can be foreign
    min_letters = int(ctx.options["min-letters"])
    home_share = float(ctx.options["home-share"])
    line_share = float(ctx.options["line-share"])

    totals: Counter[str] = Counter()
    for run in runs:
        totals[run.script] += run.length
    letters = count_letters(text)
    totals["Latin"] = letters - sum(totals.values())
    latin_home = totals["Latin"] >= home_share * letters

    lines = ctx.segments.get("line")
    flagged: list[_ForeignLine] = []
    run_index = 0
    for line in lines:
        line_counts: Counter[str] = Counter()
        while run_index < len(runs) and runs[run_index].start < line.end:
            if runs[run_index].start >= line.start:
                line_counts[runs[run_index].script] += runs[run_index].length
            run_index += 1
        if latin_home and not line_counts:
            continue
        line_letters = count_letters(line.text)
        if line_letters < min_letters:
            continue
        line_counts["Latin"] = line_letters - sum(line_counts.values())
        script, _ = line_counts.most_common(1)[0]
        family = WRITTEN_TOGETHER.get(script, frozenset()) | {script}
        if sum(line_counts[name] for name in family) < line_share * line_letters:
            continue
        rest_letters = letters - line_letters
        rest = {name: totals[name] - line_counts[name] for name in totals}
        home = frozenset(
            name for name, count in rest.items() if count and count >= home_share * rest_letters
        )
        if home and not at_home(script, home):
            flagged.append(_ForeignLine(line, script, home))

    for group in _merge_adjacent(flagged):
        yield _hit(group, lines, totals)


def _merge_adjacent(flagged: Sequence[_ForeignLine]) -> Iterator[list[_ForeignLine]]:
    """Consecutive foreign lines of one script make one finding, not one per line."""
    group: list[_ForeignLine] = []
    for item in flagged:
        if group and (
            item.line.index != group[-1].line.index + 1 or item.script != group[-1].script
        ):
            yield group
            group = []
        group.append(item)
    if group:
        yield group


def _hit(group: list[_ForeignLine], lines: Sequence[Segment], totals: Counter[str]) -> Hit:
    first, last = group[0].line, group[-1].line
    start = first.start + (len(first.text) - len(first.text.lstrip()))
    end = last.start + len(last.text.rstrip())
    script = group[0].script
    home = " and ".join(name for name, _ in totals.most_common() if name in group[0].home)
    return Hit(
        start=start,
        end=end,
        message=f"{script} text in a {home}-script document, {_where(first, last, lines)}",
    )


def _where(first: Segment, last: Segment, lines: Sequence[Segment]) -> str:
    """Say where the leftover sits: edges are where scrapers leave them."""
    before = any(line.text.strip() for line in lines[: first.index])
    after = any(line.text.strip() for line in lines[last.index + 1 :])
    if not after:
        return "at the end of the document"
    if not before:
        return "at the start of the document"
    return "in the middle of the document"


RULES = (foreign_script,)
