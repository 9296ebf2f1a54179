"""Suppression directives, and applying them to a document's findings.

Each format writes them in its own comments (``hygiene.core.directives``)::

    <!-- hygiene: disable-next-line BP001 -->    Markdown, HTML, plain text (and MDX 1)
    {/* hygiene: disable UC004 */}               MDX
    .. hygiene: enable UC004                     reStructuredText
    // hygiene: disable-file LG001               AsciiDoc

Any line may end with a marker: ``... hygiene: ignore BP001``. Without codes a directive
covers every rule. Front matter exempts a page (``hygiene: off``: every finding is
suppressed, and no directive of the page is reported) or some rules of it
(``hygiene-ignore: [BP, LG003]``, a ``disable-file`` written where the page's other
settings are). A directive that suppresses nothing is reported by SU001, so
suppressions do not outlive the problems they hid.

Directives are the checked text's own say, so they can be turned off: ``--no-inline-config``
or ``inline-config = false`` for every document, and by default in JSON Lines records,
whose text is untrusted data (``Config.honours_directives``). Off, they hide nothing and
SU001 reports none of them; the front-matter keys are off with them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from hygiene.core.directives import Directive, parse_directives
from hygiene.core.document import LINE_BREAK, Document
from hygiene.core.finding import Finding

UNUSED_CODE = "SU001"


@dataclass(frozen=True, slots=True)
class _Range:
    """The lines one directive covers."""

    directive: Directive
    first_line: int
    last_line: int


def _ranges(document: Document, directives: Sequence[Directive]) -> list[_Range]:
    """The lines each directive covers; an unclosed ``disable`` runs to the end."""
    last = document.lines.line_count
    ranges: list[_Range] = []
    open_ranges: list[Directive] = []
    lines = LINE_BREAK.split(document.text)  # as the line index counts them
    for directive in directives:
        if directive.action in ("disable-file", "off"):
            ranges.append(_Range(directive, 1, last))
        elif directive.action == "ignore":
            ranges.append(_Range(directive, directive.line, directive.line))
        elif directive.action == "disable-next-line":
            target = directive.line + 1
            while target <= len(lines) and not lines[target - 1].strip():
                target += 1
            ranges.append(_Range(directive, target, target))
        elif directive.action == "disable":
            open_ranges.append(directive)
        else:  # enable
            closing = [
                d for d in open_ranges
                if not directive.selectors or set(d.selectors) & set(directive.selectors)
            ]  # fmt: skip
            for opened in closing:
                ranges.append(_Range(opened, opened.line, directive.line))
                open_ranges.remove(opened)
    ranges.extend(_Range(opened, opened.line, last) for opened in open_ranges)
    return ranges


@dataclass(frozen=True)
class Suppression:
    """What applying the directives left: the findings kept and how many were hidden."""

    kept: tuple[Finding, ...]
    suppressed: int


def apply_directives(
    document: Document,
    findings: Iterable[Finding],
    active_codes: frozenset[str],
    *,
    enabled: bool = True,
    outside_code: Document | None = None,
) -> Suppression:
    """Drop suppressed findings; keep SU001 findings only for directives that hid nothing
    and that name at least one rule that ran. With ``enabled`` false the document's
    directives are ignored: every finding is kept, and no directive is reported unused.

    ``outside_code`` is the document with its code blanked, where directives are read (a
    directive shown in a code block is an example); the lines they cover are counted in
    ``document`` itself, so ``disable-next-line`` above a code block covers its first line."""
    if not enabled:
        return Suppression(tuple(f for f in findings if f.code != UNUSED_CODE), 0)
    directives = parse_directives(outside_code or document)
    if not directives:
        return Suppression(tuple(findings), 0)
    if any(directive.action == "off" for directive in directives):
        # The page is not checked: its findings are hidden, and SU001's proposals dropped.
        return Suppression((), sum(1 for f in findings if f.code != UNUSED_CODE))
    ranges = _ranges(document, directives)
    used: set[Directive] = set()
    kept: list[Finding] = []
    unused_candidates: list[Finding] = []
    suppressed = 0
    for finding in findings:
        if finding.code == UNUSED_CODE:
            unused_candidates.append(finding)
            continue
        covering = [
            r.directive for r in ranges
            if r.first_line <= finding.span.line <= r.last_line
            and r.directive.names(finding.code, finding.name)
        ]  # fmt: skip
        if covering:
            used.update(covering)
            suppressed += 1
        else:
            kept.append(finding)
    by_start = {d.start: d for d in directives}
    for candidate in unused_candidates:
        directive = by_start.get(candidate.span.start)
        if directive is None or directive in used:
            continue
        if directive.selectors and not any(
            directive.names(code, "") for code in active_codes if code != UNUSED_CODE
        ):
            continue  # it names only rules that did not run: no evidence either way
        kept.append(candidate)
    kept.sort(key=lambda finding: finding.sort_key)
    return Suppression(tuple(kept), suppressed)
