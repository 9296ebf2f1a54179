"""Report: the outcome of a run, its plain-data form, and the schema check before writing."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from hygiene import __version__
from hygiene.config.settings import Config
from hygiene.core.document import Record, Source, TextFormat
from hygiene.core.errors import InputError, ReportInvalidError
from hygiene.core.finding import Finding
from hygiene.core.rule import SEVERITIES, Fix, PackRef, Rule, Severity, count_at_or_above
from hygiene.gate.baseline import BaselineOutcome
from hygiene.report.ruledoc import reference_url
from hygiene.support import schemas
from hygiene.support.escape import escape_json_output

SCHEMA_VERSION = "1.4.0"


@dataclass(frozen=True)
class DocumentRecord:
    """The provenance of one checked document."""

    source: Source
    format: TextFormat
    findings: int
    suppressed: int = 0
    metadata: Mapping[str, Any] = field(default_factory=dict)
    record: Record | None = None
    # What the rule groups say about the document (scripts, language, provenance), as
    # plain JSON data by name: the report writes them and knows none of them.
    facets: Mapping[str, Any] = field(default_factory=dict)

    @property
    def sort_key(self) -> tuple[str, int, str]:
        if self.record is None:
            return (self.source.path, 0, "")
        return (self.source.path, self.record.line, self.record.field)


@dataclass(frozen=True)
class Report:
    """Everything one run found, in a deterministic order."""

    config: Config
    rules: tuple[Rule, ...]
    packs: tuple[PackRef, ...]
    documents: tuple[DocumentRecord, ...]
    findings: tuple[Finding, ...]
    errors: tuple[InputError, ...] = ()
    baseline: BaselineOutcome | None = None
    diff_base: str | None = None

    def count_at_or_above(self, threshold: Severity) -> int:
        return count_at_or_above(self.by_severity(), threshold)

    def by_severity(self) -> dict[str, int]:
        counts = Counter(finding.severity for finding in self.findings)
        return {severity: counts[severity] for severity in SEVERITIES}

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "hygiene", "version": __version__},
            "run": {
                "config_digest": self.config.digest(),
                "config_file": self.config.source,
                "diff_base": self.diff_base,
                "fail_on": self.config.fail_on,
                "language_detector": {
                    "name": self.config.language_identifier,
                    "seed": self.config.language_seed,
                },
                "rules": [rule.code for rule in self.rules],
                "revisions": {rule.code: rule.revision for rule in self.rules},
                "rule_urls": rule_urls(self.rules),
                "packs": [_pack(pack) for pack in self.packs],
            },
            "documents": [_document(record) for record in self.documents],
            "findings": [finding_dict(finding) for finding in self.findings],
            "errors": [error_dict(error) for error in self.errors],
            "baseline": _baseline(self.baseline),
            "summary": summary_dict(
                documents=len(self.documents),
                kinds=Counter((f.severity, f.code) for f in self.findings),
                suppressed=sum(record.suppressed for record in self.documents),
                errors=len(self.errors),
            ),
        }


def rule_urls(rules: Iterable[Rule]) -> dict[str, str]:
    """The reference page of each rule that has one (the built-in rules), by code: the
    pages SARIF links as ``helpUri``, so a reader of the JSON report finds them too."""
    return {rule.code: url for rule in rules if (url := reference_url(rule)) is not None}


def summary_dict(
    *, documents: int, kinds: Counter[tuple[str, str]], suppressed: int, errors: int
) -> dict[str, Any]:
    """The summary block, from counts of findings by (severity, code)."""
    by_severity: Counter[str] = Counter()
    by_rule: Counter[str] = Counter()
    for (severity, code), count in kinds.items():
        by_severity[severity] += count
        by_rule[code] += count
    return {
        "documents": documents,
        "findings": sum(kinds.values()),
        "suppressed": suppressed,
        "errors": errors,
        "by_severity": {severity: by_severity[severity] for severity in SEVERITIES},
        "by_rule": dict(sorted(by_rule.items())),
    }


def error_dict(error: InputError) -> dict[str, Any]:
    return {"path": error.path, "line": error.line, "message": error.problem}


def to_records(report: Report) -> list[dict[str, Any]]:
    """The report as JSON Lines records: header, findings, input errors, summary."""
    data = report.to_dict()
    header = {"type": "header", **{key: data[key] for key in ("schema_version", "tool", "run")}}
    return [
        header,
        *({"type": "finding", "finding": finding} for finding in data["findings"]),
        *({"type": "error", "error": error} for error in data["errors"]),
        {"type": "summary", "summary": data["summary"], "baseline": data["baseline"]},
    ]


def json_line(record: Mapping[str, Any]) -> str:
    """A record as one line of JSON: keys sorted, invisible characters escaped."""
    return escape_json_output(json.dumps(record, ensure_ascii=False, sort_keys=True)) + "\n"


def checked_line(record: Mapping[str, Any]) -> str:
    """``json_line`` of a record that matches the records schema, or ReportInvalidError."""
    validate(record, schemas.RECORDS)
    return json_line(record)


def result_lines(
    results: Iterable[tuple[DocumentRecord, Sequence[Finding]] | InputError],
) -> list[str]:
    """The finding and error records of checked documents, in order, checked and serialised:
    a --jobs worker hands them back, and the main process writes them as they are."""
    lines: list[str] = []
    for result in results:
        if isinstance(result, InputError):
            lines.append(checked_line({"type": "error", "error": error_dict(result)}))
        else:
            lines += (checked_line({"type": "finding", "finding": finding_dict(finding)})
                      for finding in result[1])  # fmt: skip
    return lines


def _baseline(outcome: BaselineOutcome | None) -> dict[str, Any] | None:
    if outcome is None:
        return None
    return {
        "path": outcome.path,
        "matched": outcome.matched,
        "stale": [
            {"fingerprint": e.fingerprint, "code": e.code, "path": e.path, "excerpt": e.excerpt}
            for e in outcome.stale
        ],
    }


def _pack(pack: PackRef) -> dict[str, str]:
    return {"name": pack.name, "sha256": pack.sha256}


def _fix(fix: Fix) -> dict[str, Any]:
    return {
        "description": fix.description,
        "safety": fix.safety,
        "edits": [
            {"start": e.start, "end": e.end, "replacement": e.replacement} for e in fix.edits
        ],
    }


def finding_dict(finding: Finding) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity,
        "message": finding.message,
        "path": finding.path,
        "span": finding.span.to_dict(),
        "excerpt": finding.excerpt,
        "fingerprint": finding.fingerprint,
        "pack": _pack(finding.pack),
    }
    if finding.fix is not None:
        data["fix"] = _fix(finding.fix)
    if finding.record is not None:
        data["record"] = _record(finding.record)
    return data


def _record(record: Record) -> dict[str, Any]:
    return {"line": record.line, "id": record.id, "field": record.field}


def _document(record: DocumentRecord) -> dict[str, Any]:
    source = record.source
    return {
        "path": source.path,
        "sha256": source.sha256,
        "bytes": source.size,
        "encoding": source.encoding,
        "encoding_evidence": source.encoding_evidence,
        "bom": source.bom,
        "newline": source.newline,
        "format": record.format,
        "metadata": dict(record.metadata),
        "findings": record.findings,
        "suppressed": record.suppressed,
        **record.facets,
        **({"record": _record(record.record)} if record.record is not None else {}),
    }


def validate(instance: Mapping[str, Any], schema: str = schemas.REPORT) -> None:
    """Raise ReportInvalidError unless ``instance`` matches the schema (the report's by default)."""
    error = schemas.first_error(schema, instance)
    if error is not None:
        path, problem = error
        where = "/".join(str(part) for part in path) or "(root)"
        raise ReportInvalidError(
            f"internal error: the output does not match {schema} at {where}: {problem}"
        )
