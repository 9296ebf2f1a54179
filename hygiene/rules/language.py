"""The ``language`` group (LG): text in another language or script than the document's."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from hygiene.rule import Hit, RuleContext, rule
from hygiene.scripts import WRITTEN_TOGETHER, ScriptRun, at_home, count_letters, non_latin_runs
from hygiene.segment import Segment


@dataclass(slots=True)
class _Block:
    """Consecutive lines (blank lines between them allowed) dominated by one script."""

    script: str
    first: Segment
    last: Segment
    counts: Counter[str]


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
    and most certain sign of it. Reported: a line, or a block of consecutive lines, whose
    letters are mostly (``line-share``) in a minority script that makes up less than
    ``home-share`` of the letters elsewhere in the document, with at least ``min-letters``
    letters. A word or name in another script inside a sentence is not reported, nor are
    scripts one language writes together (Japanese Kanji, Hiragana and Katakana; Korean
    Hangul and Hanja).

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
    totals: Counter[str] = Counter()
    for run in runs:
        totals[run.script] += run.length
    letters = count_letters(text)
    totals["Latin"] = letters - sum(totals.values())

    lines = ctx.segments.get("line")
    blocks = _minority_blocks(lines, runs, totals, letters, float(ctx.options["line-share"]))
    min_letters = int(ctx.options["min-letters"])
    home_share = float(ctx.options["home-share"])
    for block in blocks:
        block_letters = sum(block.counts.values())
        if block_letters < min_letters:
            continue
        rest_letters = letters - block_letters
        home = frozenset(
            name
            for name in totals
            if totals[name] - block.counts[name] > 0
            and totals[name] - block.counts[name] >= home_share * rest_letters
        )
        if home and not at_home(block.script, home):
            yield _hit(block, lines, totals, home)


def _minority_blocks(
    lines: Sequence[Segment],
    runs: Sequence[ScriptRun],
    totals: Counter[str],
    letters: int,
    line_share: float,
) -> list[_Block]:
    """Lines mostly in a script that is a minority of the document, grouped into blocks."""
    latin_majority = 2 * totals["Latin"] >= letters
    blocks: list[_Block] = []
    run_index = 0
    for line in lines:
        counts: Counter[str] = Counter()
        while run_index < len(runs) and runs[run_index].start < line.end:
            counts[runs[run_index].script] += runs[run_index].length
            run_index += 1
        if latin_majority and not counts:
            continue  # an all-Latin line in a mostly Latin document
        line_letters = count_letters(line.text)
        if not line_letters:
            continue
        counts["Latin"] = line_letters - sum(counts.values())
        script, _ = counts.most_common(1)[0]
        family = WRITTEN_TOGETHER.get(script, frozenset()) | {script}
        if sum(counts[name] for name in family) < line_share * line_letters:
            continue
        if 2 * sum(totals[name] for name in family) >= letters:
            continue  # the document's main script is never foreign to it
        previous = blocks[-1] if blocks else None
        if (
            previous is not None
            and previous.script == script
            and not any(other.text.strip() for other in lines[previous.last.index + 1 : line.index])
        ):
            previous.last = line
            previous.counts.update(counts)
        else:
            blocks.append(_Block(script, line, line, counts))
    return blocks


def _hit(
    block: _Block, lines: Sequence[Segment], totals: Counter[str], home: frozenset[str]
) -> Hit:
    first, last = block.first, block.last
    start = first.start + (len(first.text) - len(first.text.lstrip()))
    end = last.start + len(last.text.rstrip())
    home_names = " and ".join(name for name, _ in totals.most_common() if name in home)
    return Hit(
        start=start,
        end=end,
        message=(
            f"{block.script} text in a {home_names}-script document, {_where(first, last, lines)}"
        ),
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
