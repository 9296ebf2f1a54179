"""Human-readable lines, one a finding, like a linter's: ``path:line:col: CODE name message``."""

from __future__ import annotations

from hygiene.escape import escape_for_terminal
from hygiene.report import Report


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def render(report: Report) -> str:
    lines = []
    for finding in report.findings:
        span = finding.span
        lines.append(
            escape_for_terminal(
                f"{finding.path}:{span.line}:{span.column}: {finding.code} {finding.name} "
                f'{finding.message}: "{finding.excerpt}"'
            )
        )
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
    if report.errors:
        summary += f" {_plural(len(report.errors), 'input')} could not be read."
    lines.append(summary)
    return "\n".join(lines) + "\n"
