"""Findings grouped by file, each under the line of the source it points at, with a caret
under the span: for a person reading a few files, as ruff's full output is.

The report holds no document text (a corpus run must not keep it), so the lines shown come
from ``sources``, which the caller reads for the files it names; a finding in a JSON Lines
record, on standard input or in a file that could not be read again is shown without its
line. Source lines are escaped as the rest of the text output is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from hygiene.core.finding import Finding
from hygiene.report.formatters.text_format import (
    PLAIN,
    SEVERITY_STYLES,
    TextStyle,
    fix_mark,
    position,
    summary_line,
)
from hygiene.report.model import Report
from hygiene.support.colour import paint
from hygiene.support.escape import escape_for_terminal

# Lines of a document by path, as the report's spans count them (1-based).
Sources = Mapping[str, Sequence[str]]


def _heading(finding: Finding) -> str:
    """``line:col CODE [*] name message: "excerpt"`` without the path its group gives."""
    mark = fix_mark(finding.fix)
    text = f"{finding.code} {mark + ' ' if mark else ''}{finding.name} {finding.message}"
    return escape_for_terminal(f'{position(finding)}  {text}: "{finding.excerpt}"')


def _source(finding: Finding, lines: Sequence[str] | None, colour: bool) -> list[str]:
    """The finding's source line and a caret under its span (to the line's end when the
    span runs on)."""
    span = finding.span
    if finding.record is not None or lines is None or not 0 < span.line <= len(lines):
        return []
    line = lines[span.line - 1]
    end = span.end_column if span.end_line == span.line else len(line) + 1
    before = escape_for_terminal(line[: span.column - 1])
    marked = escape_for_terminal(line[span.column - 1 : max(end, span.column + 1) - 1])
    gutter = f"{span.line:>6} | "
    caret = "^" * max(1, len(marked))
    if colour:
        caret = paint(caret, *SEVERITY_STYLES[finding.severity])
    return [
        gutter + escape_for_terminal(line),
        " " * (len(gutter) - 2) + "| " + " " * len(before) + caret,
    ]


def render(report: Report, style: TextStyle = PLAIN, sources: Sources | None = None) -> str:
    """Each file's path, then its findings in order, each over its source line."""
    lines: list[str] = []
    current: str | None = None
    for finding in report.findings:
        if finding.path != current:
            current = finding.path
            path = escape_for_terminal(current)
            lines += ([""] if lines else []) + [paint(path, "bold") if style.colour else path]
        heading = _heading(finding)
        if style.colour:
            heading = paint(heading, *SEVERITY_STYLES[finding.severity][1:])
        lines.append("  " + heading)
        lines += _source(finding, (sources or {}).get(finding.path), style.colour)
    if style.summary:
        lines += ([""] if lines else []) + [summary_line(report, style.colour)]
    return "\n".join(lines) + "\n" if lines else ""
