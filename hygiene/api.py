"""The one pipeline behind the CLI and the library: paths or text in, a Report out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from hygiene.config import Config
from hygiene.discovery import STDIN, Input, discover
from hygiene.document import Document
from hygiene.engine import check_document
from hygiene.errors import InputError
from hygiene.finding import Finding
from hygiene.loaders import document_from_bytes, read_bytes
from hygiene.packs import RuleSet, load_ruleset
from hygiene.report import DocumentRecord, Report
from hygiene.scripts import script_counts


class Checker:
    """A selected RuleSet, loaded once, that checks one document at a time."""

    def __init__(self, config: Config | None = None, ruleset: RuleSet | None = None) -> None:
        self.config = config or Config()
        full = ruleset or load_ruleset(self.config.rule_packs)
        self.ruleset = full.select(self.config.select, self.config.ignore)

    def check(self, document: Document) -> tuple[DocumentRecord, list[Finding]]:
        findings = check_document(document, self.ruleset.rules)
        record = DocumentRecord(
            source=document.source,
            format=document.format,
            scripts=dict(script_counts(document.text)),
            findings=len(findings),
            metadata=document.metadata,
        )
        return record, findings

    def report(
        self,
        results: Iterable[tuple[DocumentRecord, list[Finding]]],
        errors: Sequence[InputError] = (),
    ) -> Report:
        """Assemble results in a fixed order, whatever order they were produced in."""
        ordered = sorted(results, key=lambda result: result[0].source.path)
        findings = [finding for _, found in ordered for finding in found]
        return Report(
            config=self.config,
            rules=tuple(r.code for r in self.ruleset.rules),
            packs=self.ruleset.packs,
            documents=tuple(record for record, _ in ordered),
            findings=tuple(sorted(findings, key=lambda finding: finding.sort_key)),
            errors=tuple(sorted(errors, key=lambda error: (error.path, error.line or 0))),
        )


def check_text(text: str, *, path: str = "<text>", config: Config | None = None) -> Report:
    """Check a string as if it were a UTF-8 file at ``path``."""
    checker = Checker(config)
    document = document_from_bytes(text.encode("utf-8"), path)
    return checker.report([checker.check(document)])


def read_input(item: Input, stdin: bytes | None = None) -> Document:
    """Load one discovered input; standard input is read by the caller and passed in."""
    if item.path == STDIN:
        return document_from_bytes(stdin or b"", item.display)
    return document_from_bytes(read_bytes(item.path, item.display), item.display)


def check_paths(
    paths: Sequence[str], *, config: Config | None = None, stdin: bytes | None = None
) -> Report:
    """Check files and folders; unreadable inputs are reported, the others still checked."""
    checker = Checker(config)
    inputs, errors = discover(paths)
    results = []
    for item in inputs:
        try:
            results.append(checker.check(read_input(item, stdin)))
        except InputError as error:
            errors.append(error)
    return checker.report(results, errors)
