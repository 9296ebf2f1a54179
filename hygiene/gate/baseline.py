"""Fingerprints that survive edits elsewhere in a file, and the baseline file built from them.

A fingerprint hashes the rule code, the path, the finding's line (by its own hash, so a
long line is hashed once) and excerpt with white space folded, and how many identical
findings came before it in the file. It never uses the line number, so inserting a
paragraph above a finding leaves its fingerprint unchanged.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from hygiene.core.document import Document
from hygiene.core.errors import ConfigError
from hygiene.core.finding import Finding

BASELINE_VERSION = 1


def _fold(text: str) -> str:
    return " ".join(text.split())


def with_fingerprints(document: Document, findings: Iterable[Finding]) -> list[Finding]:
    """The findings, in order, each with its fingerprint set."""
    seen: Counter[tuple[str, str, str]] = Counter()
    folded_lines: dict[int, str] = {}  # a long line with many findings is folded once
    result = []
    for finding in findings:
        number = finding.span.line
        if number not in folded_lines:
            line_start = document.lines.line_start(number)
            line_end = document.text.find("\n", line_start)
            end = line_end if line_end != -1 else len(document.text)
            line = _fold(document.text[line_start:end])
            folded_lines[number] = hashlib.sha256(line.encode("utf-8", "surrogatepass")).hexdigest()
        key = (finding.code, folded_lines[number], _fold(finding.excerpt))
        occurrence = seen[key]
        seen[key] += 1
        record = document.record
        where = "" if record is None else f"{record.id or record.line}/{record.field}"
        material = "\0".join((finding.code, finding.path, where, *key[1:], str(occurrence)))
        digest = hashlib.sha256(material.encode("utf-8")).hexdigest()[:32]
        result.append(replace(finding, fingerprint=digest))
    return result


@dataclass(frozen=True)
class BaselineEntry:
    """One accepted finding of a baseline file, known by its fingerprint."""

    fingerprint: str
    code: str
    path: str
    excerpt: str


@dataclass(frozen=True)
class BaselineOutcome:
    """What comparing a run with a baseline gave: new findings, and entries that matched nothing."""

    path: str
    kept: tuple[Finding, ...]
    matched: int
    stale: tuple[BaselineEntry, ...]


def baseline_json(findings: Iterable[Finding]) -> str:
    entries = sorted(
        (
            {"fingerprint": f.fingerprint, "code": f.code, "path": f.path, "excerpt": f.excerpt}
            for f in findings
        ),
        key=lambda entry: (entry["path"], entry["code"], entry["fingerprint"]),
    )
    document = {"hygiene_baseline": BASELINE_VERSION, "findings": entries}
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def read_baseline(path: str) -> list[BaselineEntry]:
    """Load a baseline file; a malformed one is a configuration error naming it."""
    try:
        data: Any = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"{path}: cannot read the baseline: {error.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ConfigError(f"{path}: not a hygiene baseline: {error}") from None
    except RecursionError:
        raise ConfigError(f"{path}: not a hygiene baseline: nested too deeply to read") from None
    if not isinstance(data, dict) or data.get("hygiene_baseline") != BASELINE_VERSION:
        raise ConfigError(f"{path}: not a hygiene baseline (version {BASELINE_VERSION})")
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise ConfigError(f"{path}: malformed baseline: 'findings' is not a list")
    entries = []
    for number, entry in enumerate(findings, 1):
        fields = [entry.get(key) if isinstance(entry, dict) else None for key in _ENTRY_KEYS]
        strings = [value for value in fields if isinstance(value, str)]
        if len(strings) != len(_ENTRY_KEYS):
            raise ConfigError(
                f"{path}: malformed baseline entry {number}: it needs the strings "
                + ", ".join(_ENTRY_KEYS)
            )
        entries.append(BaselineEntry(*strings))
    return entries


_ENTRY_KEYS = ("fingerprint", "code", "path", "excerpt")


def compare(
    path: str, findings: Sequence[Finding], entries: Sequence[BaselineEntry]
) -> BaselineOutcome:
    """Keep the findings the baseline does not know; list entries that matched nothing."""
    known = {entry.fingerprint for entry in entries}
    current = {finding.fingerprint for finding in findings}
    kept = tuple(f for f in findings if f.fingerprint not in known)
    stale = tuple(e for e in entries if e.fingerprint not in current)
    return BaselineOutcome(path, kept, len(findings) - len(kept), stale)
