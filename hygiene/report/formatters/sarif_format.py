"""SARIF 2.1.0 for code-scanning dashboards: rule metadata, code-point columns, fingerprints.

Rule metadata keeps to what GitHub code scanning documents for a ``reportingDescriptor``
("SARIF support for code scanning"): ``shortDescription``, ``fullDescription`` and
``help.text`` of at most 1,024 characters, a ``name`` of at most 255, at most 20 tags. A
longer text is cut at its last sentence (or word) that fits, and says where the rest is:
the rule's page, also its ``helpUri``; ``help.markdown`` (which GitHub shows instead of
``help.text``, and limits to nothing) keeps the whole text.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from hygiene import __version__
from hygiene.core.finding import Finding
from hygiene.core.rule import Rule
from hygiene.report.model import Report
from hygiene.report.ruledoc import reference_url
from hygiene.support.escape import escape_json_output

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# GitHub code scanning rejects longer rule descriptions (its documented SARIF limits).
DESCRIPTION_LIMIT = 1024
# Rules whose findings are a security matter, with the score GitHub ranks alerts by
# (over 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low). A bidi control is the
# Trojan Source attack (CVE-2021-42574): the text a reviewer reads is not the text a
# parser reads, so high. An invisible character can hide or split a word from a reviewer
# and from a filter, but shows nothing that is not there, so medium.
SECURITY_SEVERITY = {"UC001": "7.5", "UC002": "4.0"}
# A sentence ends at . ! or ? before white space (a closing quote or bracket may follow).
_SENTENCE_END = re.compile(r"[.!?][\"')\]]?(?=\s)")


def _cut(text: str, room: int) -> str:
    """The longest opening of ``text`` that fits ``room`` characters and ends a sentence;
    failing one past half the room, the last whole word, and an ellipsis."""
    if len(text) <= room:
        return text
    if room < 2:
        return ""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, room + 1) if m.end() <= room]
    if ends and ends[-1] > room // 2:
        return text[: ends[-1]]
    words = text[: room - 1]
    if not text[room - 1].isspace() and re.search(r"\s", words):
        words = re.sub(r"\s+\S*$", "", words)  # the cut falls in a word: leave it out
    return words.rstrip().rstrip(",;:") + "\N{HORIZONTAL ELLIPSIS}"


def _within(text: str, url: str | None, limit: int = DESCRIPTION_LIMIT) -> str:
    """``text`` whole when it fits ``limit``; else cut, with where to read the rest."""
    if len(text) <= limit:
        return text
    rest = f" The rest is on the rule's page: {url}" if url else ""
    return _cut(text, limit - len(rest)) + rest


def _uri(path: str) -> str:
    """A path as a relative URI reference: percent-encoded UTF-8, and a name that is not
    UTF-8 (read with os.fsdecode, its bytes as lone surrogates) by its own bytes."""
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no file name decodes to: keep every one
        raw = path.encode("utf-8", "surrogatepass")
    return quote(raw)


def _rule(rule: Rule) -> dict[str, Any]:
    doc, url = rule.doc, reference_url(rule)
    how = f"\n\nHow to fix: {doc.how_to_fix}"
    page = f"\n\nThe rule's page: {url}" if url else ""
    # The reason is what gives way: the fix and the page are short and always said.
    help_text = _cut(doc.why, max(DESCRIPTION_LIMIT - len(how) - len(page), 0)) + how + page
    help_markdown = (
        f"{doc.why}\n\n**How to fix:** {doc.how_to_fix}\n\n"
        f"Reported:\n\n```text\n{doc.bad}\n```\n\nLeft alone:\n\n```text\n{doc.good}\n```"
        + (f"\n\n[The rule's page]({url})" if url else "")
    )
    properties: dict[str, Any] = {"tags": [rule.group], "scope": rule.scope,
                                  "pack": rule.pack.name}  # fmt: skip
    if rule.code in SECURITY_SEVERITY:
        properties["tags"] = [rule.group, "security"]
        properties["security-severity"] = SECURITY_SEVERITY[rule.code]
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": _within(doc.summary, url)},
        "fullDescription": {"text": _within(doc.why, url)},
        "help": {"text": _within(help_text, url), "markdown": help_markdown},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": properties,
    }
    if url:
        descriptor["helpUri"] = url
    return descriptor


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
