"""JSON Lines: a header record, one record a finding or input error, a summary record."""

from __future__ import annotations

from hygiene.report.model import Report, json_line, to_records


def render(report: Report) -> str:
    return "".join(json_line(record) for record in to_records(report))
