"""The ``suppression`` group (SU): directives that no longer hide anything."""

from __future__ import annotations

from collections.abc import Iterator

from hygiene.core.directives import parse_directives
from hygiene.core.rule import Hit, RuleContext, rule
from hygiene.core.segment import Segment
from hygiene.core.structure import OUTSIDE_CODE


@rule(
    "SU001",
    "suppression.unused-directive",
    severity="info",
    scope="document",
    scopes=OUTSIDE_CODE,  # directives stand in comments; in code they are examples
)
def unused_directive(segment: Segment, ctx: RuleContext) -> Iterator[Hit]:
    """A suppression directive that suppresses no finding.

    Why: A directive outlives the problem it hid: once the text is fixed it silently hides the
    next problem of that kind on that line. Reporting unused directives keeps suppressions
    honest. This check proposes every directive; the suppression step keeps only those that
    hid nothing and that name a rule which ran.

    Fix: Delete the directive.

    Bad:
        <!-- hygiene: disable-next-line BP001 -->
        An ordinary sentence.

    Good:
        <!-- hygiene: disable-next-line BP001 -->
        WATCH: A video we keep on purpose
    """
    for directive in parse_directives(ctx.document):
        if directive.action != "enable":
            yield Hit(
                directive.start,
                directive.end,
                f"suppression directive '{directive.text}' suppresses nothing",
            )


RULES = (unused_directive,)
