"""SARIF 2.1.0 for code-scanning dashboards: rule metadata, code-point columns, fingerprints."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from hygiene import __version__
from hygiene.core.finding import Finding
from hygiene.core.rule import Rule
from hygiene.report.model import Report
from hygiene.support.escape import escape_json_output

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# GitHub code scanning rejects longer rule descriptions (its documented SARIF limits).
DESCRIPTION_LIMIT = 1024
# Rules whose findings are a security matter, with the score GitHub ranks alerts by
# (7.0-8.9 high, 4.0-6.9 medium): bidi controls are the Trojan Source attack
# (CVE-2021-42574); invisible characters can hide text from a reviewer.
SECURITY_SEVERITY = {"UC001": "7.5", "UC002": "4.0"}


def _within(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """``text`` cut to ``limit`` characters at a word, ending with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "\N{HORIZONTAL ELLIPSIS}"


def _uri(path: str) -> str:
    """A path as a relative URI reference: percent-encoded UTF-8, and a name that is not
    UTF-8 (read with os.fsdecode, its bytes as lone surrogates) by its own bytes."""
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no file name decodes to: keep every one
        raw = path.encode("utf-8", "surrogatepass")
    return quote(raw)


def _rule(rule: Rule) -> dict[str, Any]:
    doc = rule.doc
    help_text = f"{doc.why}\n\nHow to fix: {doc.how_to_fix}"
    help_markdown = (
        f"{doc.why}\n\n**How to fix:** {doc.how_to_fix}\n\n"
        f"Reported:\n\n```text\n{doc.bad}\n```\n\nLeft alone:\n\n```text\n{doc.good}\n```"
    )
    properties: dict[str, Any] = {"tags": [rule.group], "scope": rule.scope,
                                  "pack": rule.pack.name}  # fmt: skip
    if rule.code in SECURITY_SEVERITY:
        properties["tags"] = [rule.group, "security"]
        properties["security-severity"] = SECURITY_SEVERITY[rule.code]
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": _within(doc.summary)},
        "fullDescription": {"text": _within(doc.why)},
        "help": {"text": help_text, "markdown": help_markdown},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": properties,
    }


def _result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    span = finding.span
    region: dict[str, Any] = {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
        "charOffset": span.start,
        "charLength": span.end - span.start,
        "snippet": {"text": finding.excerpt},
    }
    if finding.record is not None:
        # Offsets index the record's decoded field, not the shard's bytes: point at the
        # record's line and say which field in the properties.
        region = {"startLine": finding.record.line, "snippet": {"text": finding.excerpt}}
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(finding.path)},
                    "region": region,
                }
            }
        ],
        "partialFingerprints": {"hygiene/v1": finding.fingerprint},
    }
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    if finding.record is not None:
        record = finding.record
        result["properties"] = {
            "record": {"line": record.line, "id": record.id, "field": record.field},
            "span": {"start": span.start, "end": span.end, "line": span.line,
                     "column": span.column},
        }  # fmt: skip
    return result


def render(report: Report) -> str:
    index = {rule.code: number for number, rule in enumerate(report.rules)}
    notifications = [
        {
            "level": "error",
            "message": {"text": error.problem},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(error.path)}}}],
        }
        for error in report.errors
    ]
    sarif = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "hygiene",
                        "version": __version__,
                        "rules": [_rule(rule) for rule in report.rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "invocations": [
                    {
                        "executionSuccessful": not report.errors,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "results": [_result(finding, index) for finding in report.findings],
            }
        ],
    }
    return (
        escape_json_output(json.dumps(sarif, ensure_ascii=False, indent=2, sort_keys=True)) + "\n"
    )
