"""JSON Lines: a header record, one record a finding or input error, a summary record."""

from __future__ import annotations

import json

from hygiene.escape import escape_json_output
from hygiene.report import Report, to_records


def render(report: Report) -> str:
    return "".join(
        escape_json_output(json.dumps(record, ensure_ascii=False, sort_keys=True)) + "\n"
        for record in to_records(report)
    )
