"""Human-readable lines, one a finding, like a linter's: ``path:line:col: CODE name message``;
or, with ``--statistics``, one a rule with its count.

A finding ``hygiene fix`` can mend is marked as ruff marks one: ``[*]`` after its code,
``[-]`` when only ``hygiene fix --unsafe-fixes`` applies its fix, and the summary says how
many are fixable. Colour (``TextStyle.colour``) is added after escaping, so the escapes
of user text are the same with or without it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from hygiene.core.finding import Finding
from hygiene.core.rule import Fix
from hygiene.report.model import Report
from hygiene.support.colour import Style, paint
from hygiene.support.escape import escape_for_terminal

SAFE_MARK = "[*]"  # hygiene fix applies it
UNSAFE_MARK = "[-]"  # only hygiene fix --unsafe-fixes does
SEVERITY_STYLES: Mapping[str, tuple[Style, ...]] = {
    "error": ("bold", "red"),
    "warning": ("bold", "yellow"),
    "info": ("bold", "blue"),
}


@dataclass(frozen=True, slots=True)
class TextStyle:
    """How a text report is shown: in colour or not, and with the lines around the
    findings (the summary, stale baseline entries) or, for ``--quiet``, without them."""

    colour: bool = False
    summary: bool = True


PLAIN = TextStyle()


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def position(finding: Finding) -> str:
    """``line:col``; in a JSON Lines shard ``record-line: [id field line:col]``."""
    span, record = finding.span, finding.record
    if record is None:
        return f"{span.line}:{span.column}"
    return f"{record.line}: [{record.id or '-'} {record.field} {span.line}:{span.column}]"


def location(finding: Finding) -> str:
    """``path:line:col``; in a JSON Lines shard ``path:record-line: [id field line:col]``."""
    return f"{finding.path}:{position(finding)}"


def fix_mark(fix: Fix | None) -> str:
    """``[*]`` for a safe fix, ``[-]`` for an unsafe one, nothing for none (or one that is
    only shown, which ``hygiene fix`` never applies)."""
    if fix is None:
        return ""
    return {"safe": SAFE_MARK, "unsafe": UNSAFE_MARK}.get(fix.safety, "")


def finding_line(finding: Finding, colour: bool = False) -> str:
    """One finding as a linter prints it, with unsafe characters escaped: a file name
    cannot break the line, nor start a CI runner's workflow command (``hygiene.support.escape``).

    Each part is escaped alone, which escapes exactly what escaping the whole line would:
    the parts meet at a colon or a space, so no ``##[`` spans two of them, and only the
    first starts the line."""
    where = escape_for_terminal(location(finding))
    code = escape_for_terminal(finding.code)
    mark = fix_mark(finding.fix)
    rest = escape_for_terminal(f'{finding.name} {finding.message}: "{finding.excerpt}"')
    if colour:
        where, code = paint(where, "bold"), paint(code, *SEVERITY_STYLES[finding.severity])
        mark = paint(mark, "cyan")
    return f"{where}: {code} {mark + ' ' if mark else ''}{rest}"


def fixable_sentence(findings: Iterable[Finding]) -> str:
    """How many findings ``hygiene fix`` mends, and how many more ``--unsafe-fixes`` would;
    empty when none."""
    safeties = Counter(finding.fix.safety for finding in findings if finding.fix is not None)
    safe, unsafe = safeties["safe"], safeties["unsafe"]
    if safe and unsafe:
        return (
            f"{safe} fixable with `hygiene fix` ({unsafe} more with `hygiene fix --unsafe-fixes`)."
        )
    if safe:
        return f"{safe} fixable with `hygiene fix`."
    if unsafe:
        return f"{unsafe} fixable with `hygiene fix --unsafe-fixes`."
    return ""


def summary_line(report: Report, colour: bool = False) -> str:
    by_severity = report.by_severity()
    detail = ", ".join(
        paint(
            f"{count} info" if severity == "info" else _plural(count, severity),
            *(SEVERITY_STYLES[severity] if colour else ()),
        )
        for severity, count in by_severity.items()
        if count
    )
    summary = (
        f"Found {_plural(len(report.findings), 'finding')}"
        f"{f' ({detail})' if detail else ''} in {_plural(len(report.documents), 'document')}."
    )
    fixable = fixable_sentence(report.findings)
    if fixable:
        summary += f" {fixable}"
    suppressed = sum(record.suppressed for record in report.documents)
    if suppressed:
        summary += f" {suppressed} suppressed inline."
    if report.baseline is not None:
        summary += f" {report.baseline.matched} in the baseline."
    if report.errors:
        summary += f" {_plural(len(report.errors), 'input')} could not be read."
    return summary


def _joined(lines: list[str]) -> str:
    return "\n".join(lines) + "\n" if lines else ""


def render(report: Report, style: TextStyle = PLAIN) -> str:
    lines = [finding_line(finding, style.colour) for finding in report.findings]
    if not style.summary:
        return _joined(lines)
    if report.baseline is not None:
        for entry in report.baseline.stale:
            lines.append(
                escape_for_terminal(
                    f"{entry.path}: stale baseline entry {entry.code} "
                    f'"{entry.excerpt}" matches no finding ({report.baseline.path})'
                )
            )
    lines.append(summary_line(report, style.colour))
    return _joined(lines)


def render_statistics(report: Report, style: TextStyle = PLAIN) -> str:
    """A line a rule, most findings first: count, code, name, and ``[*]`` when ``hygiene
    fix`` can mend its findings (``[-]``: only with ``--unsafe-fixes``), then the summary."""
    counts = Counter(finding.code for finding in report.findings)
    names = {finding.code: finding.name for finding in report.findings}
    severities = {finding.code: finding.severity for finding in report.findings}
    safeties: dict[str, set[str]] = {}
    for finding in report.findings:
        if finding.fix is not None:
            safeties.setdefault(finding.code, set()).add(finding.fix.safety)
    width = len(str(max(counts.values(), default=0)))
    lines = []
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        fixable = safeties.get(code, set())
        mark = SAFE_MARK if "safe" in fixable else UNSAFE_MARK if "unsafe" in fixable else "   "
        shown = escape_for_terminal(code)
        if style.colour:
            shown = paint(shown, *SEVERITY_STYLES[severities[code]])
            mark = paint(mark, "cyan") if fixable & {"safe", "unsafe"} else mark
        lines.append(f"{count:>{width}}  {shown}  {mark}  {escape_for_terminal(names[code])}")
    if style.summary:
        lines.append(summary_line(report, style.colour))
    return _joined(lines)
