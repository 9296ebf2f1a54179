"""The JSON report: sorted keys, two-space indent, invisible characters escaped."""

from __future__ import annotations

import json

from hygiene.report.model import Report
from hygiene.support.escape import escape_json_output


def render(report: Report) -> str:
    serialized = json.dumps(report.to_dict(), ensure_ascii=False, sort_keys=True, indent=2)
    return escape_json_output(serialized) + "\n"
