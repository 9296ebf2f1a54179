"""GitHub Actions workflow commands: one annotation a finding, then the plain text report.

Every line is either one of hygiene's annotations or a line of the text report. User text
(file names, messages, excerpts) is shown as the text report shows it, controls, bidi and
invisible characters escaped, then escaped again as the runner reads a command's
properties and data, so a file name can neither end an annotation early nor start a
command of its own (``hygiene.support.escape``).
"""

from __future__ import annotations

from hygiene.report.formatters import text_format
from hygiene.report.model import Report
from hygiene.support.escape import escape_for_terminal

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    """Escape a command's message as the runner expects (%, CR, LF)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a command property: also ':' and ',' which separate properties."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    lines = []
    for finding in report.findings:
        span = finding.span
        place: tuple[tuple[str, object], ...] = (
            (("line", span.line), ("col", span.column), ("endLine", span.end_line),
             ("endColumn", span.end_column))
            if finding.record is None
            else (("line", finding.record.line),)  # a record's own line in the shard
        )  # fmt: skip
        properties = ",".join(
            f"{key}={escape_property(str(value))}"
            for key, value in (
                ("file", escape_for_terminal(finding.path)),
                *place,
                ("title", escape_for_terminal(f"{finding.code} {finding.name}")),
            )
        )
        message = escape_for_terminal(f'{finding.message}: "{finding.excerpt}"')
        lines.append(f"::{COMMANDS[finding.severity]} {properties}::{escape_data(message)}")
    for error in report.errors:
        where = "" if error.line is None else f",line={error.line}"
        path, problem = escape_for_terminal(error.path), escape_for_terminal(error.problem)
        lines.append(f"::error file={escape_property(path)}{where}::{escape_data(problem)}")
    return "\n".join(lines) + ("\n" if lines else "") + text_format.render(report)
