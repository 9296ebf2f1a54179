"""GitLab Code Quality: the JSON array of issues a ``codequality`` report artifact holds,
which GitLab shows in the merge request widget and its changes view.

Each issue has the fields GitLab documents for a custom tool ("Code Quality", "Implement a
custom tool"): ``description``, ``check_name``, ``fingerprint``, ``severity`` and
``location`` (``path`` and ``lines.begin``); GitLab ignores the rest of the Code Climate
spec, and refuses a byte order mark, which this never writes.

Severities: GitLab has five, hygiene three. An ``error`` finding (a bidi control, bytes
that are not the file's encoding, a hash that does not match) is ``critical``; a
``warning`` is ``minor`` and ``info`` is ``info``, so a warning ranks below an error as it
does in the exit code. ``major`` is left free, and ``blocker`` is an input that could not
be read at all: nothing in it was checked.

The fingerprint is the finding's own (``hygiene.gate.baseline``): the rule code, the path,
the record, the line's content and the excerpt, never a line number nor anything of the
run, so it is the same across runs, ``--jobs`` and edits elsewhere in the file, as GitLab
needs to tell new issues from old ones; SARIF and the baseline use the same one.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from hygiene.core.errors import InputError
from hygiene.core.finding import Finding
from hygiene.report.model import Report
from hygiene.support.escape import escape_for_terminal, escape_json_output

SEVERITIES = {"error": "critical", "warning": "minor", "info": "info"}
INPUT_ERROR_SEVERITY = "blocker"
INPUT_ERROR_CHECK = "input-error"


def _issue(finding: Finding) -> dict[str, Any]:
    span, record = finding.span, finding.record
    # A record's findings point at the record's line of the shard, as the text report does.
    lines = {"begin": span.line, "end": span.end_line} if record is None else {"begin": record.line}
    # The description is shown as it stands in the widget: controls, bidi and invisible
    # characters escaped, so the widget cannot be reordered by the excerpt it quotes.
    description = f'{finding.code} {finding.name}: {finding.message}: "{finding.excerpt}"'
    return {
        "description": escape_for_terminal(description),
        "check_name": finding.code,
        "fingerprint": finding.fingerprint or _digest("finding", finding.code, finding.path,
                                                      str(span.start), finding.excerpt),
        "severity": SEVERITIES[finding.severity],
        "location": {"path": finding.path, "lines": lines},
    }  # fmt: skip


def _error_issue(error: InputError) -> dict[str, Any]:
    line = 1 if error.line is None else error.line
    return {
        "description": escape_for_terminal(f"{error.path} could not be checked: {error.problem}"),
        "check_name": INPUT_ERROR_CHECK,
        "fingerprint": _digest(INPUT_ERROR_CHECK, error.path, str(error.line), error.problem),
        "severity": INPUT_ERROR_SEVERITY,
        "location": {"path": error.path, "lines": {"begin": line}},
    }


def _digest(*parts: str) -> str:
    """A fingerprint of what an issue is, for issues that carry none of their own."""
    material = "\0".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.sha256(material).hexdigest()[:32]


def render(report: Report) -> str:
    issues = [_issue(finding) for finding in report.findings]
    issues += [_error_issue(error) for error in report.errors]
    serialized = json.dumps(issues, ensure_ascii=False, sort_keys=True, indent=2)
    return escape_json_output(serialized) + "\n"
