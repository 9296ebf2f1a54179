"""Human-readable lines, one a finding, like a linter's: ``path:line:col: CODE name message``;
or, with ``--statistics``, one a rule with its count."""

from __future__ import annotations

from collections import Counter

from hygiene.core.finding import Finding
from hygiene.report.model import Report
from hygiene.support.escape import escape_for_terminal


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def location(finding: Finding) -> str:
    """``path:line:col``; in a JSON Lines shard ``path:record-line: [id field line:col]``."""
    span, record = finding.span, finding.record
    if record is None:
        return f"{finding.path}:{span.line}:{span.column}"
    where = f"{record.id or '-'} {record.field} {span.line}:{span.column}"
    return f"{finding.path}:{record.line}: [{where}]"


def finding_line(finding: Finding) -> str:
    """One finding as a linter prints it, with unsafe characters escaped: a file name
    cannot break the line, nor start a CI runner's workflow command (``hygiene.support.escape``)."""
    return escape_for_terminal(
        f'{location(finding)}: {finding.code} {finding.name} {finding.message}: "{finding.excerpt}"'
    )


def summary_line(report: Report) -> str:
    by_severity = report.by_severity()
    detail = ", ".join(
        f"{count} info" if severity == "info" else _plural(count, severity)
        for severity, count in by_severity.items()
        if count
    )
    summary = (
        f"Found {_plural(len(report.findings), 'finding')}"
        f"{f' ({detail})' if detail else ''} in {_plural(len(report.documents), 'document')}."
    )
    suppressed = sum(record.suppressed for record in report.documents)
    if suppressed:
        summary += f" {suppressed} suppressed inline."
    if report.baseline is not None:
        summary += f" {report.baseline.matched} in the baseline."
    if report.errors:
        summary += f" {_plural(len(report.errors), 'input')} could not be read."
    return summary


def render(report: Report) -> str:
    lines = [finding_line(finding) for finding in report.findings]
    if report.baseline is not None:
        for entry in report.baseline.stale:
            lines.append(
                escape_for_terminal(
                    f"{entry.path}: stale baseline entry {entry.code} "
                    f'"{entry.excerpt}" matches no finding ({report.baseline.path})'
                )
            )
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def render_statistics(report: Report) -> str:
    """A line a rule, most findings first: count, code, name, and ``[*]`` when ``hygiene
    fix`` can mend its findings (``[-]``: only with ``--unsafe-fixes``), then the summary."""
    counts = Counter(finding.code for finding in report.findings)
    names = {finding.code: finding.name for finding in report.findings}
    safeties: dict[str, set[str]] = {}
    for finding in report.findings:
        if finding.fix is not None:
            safeties.setdefault(finding.code, set()).add(finding.fix.safety)
    width = len(str(max(counts.values(), default=0)))
    lines = []
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        fixable = safeties.get(code, set())
        mark = "[*]" if "safe" in fixable else "[-]" if "unsafe" in fixable else "   "
        lines.append(f"{count:>{width}}  {code}  {mark}  {names[code]}")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"
