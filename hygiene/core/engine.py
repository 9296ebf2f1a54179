"""Run a RuleSet over one Document: each rule sees only segments of its scope."""

from __future__ import annotations

from dataclasses import replace

from hygiene.core.corpus import LineCounts
from hygiene.core.document import Document
from hygiene.core.errors import InputError, rule_timed_out
from hygiene.core.finding import Finding
from hygiene.core.rule import DEFAULT_SETTINGS, Edit, Hit, Rule, RuleContext, RunSettings
from hygiene.core.segment import Segment
from hygiene.core.views import Views

EXCERPT_LIMIT = 120


def excerpt(text: str, limit: int = EXCERPT_LIMIT) -> str:
    """The hit's own text, cut in the middle when it is long."""
    if len(text) <= limit:
        return text
    half = (limit - 1) // 2
    return f"{text[:half]}\N{HORIZONTAL ELLIPSIS}{text[-half:]}"


def check_document(
    document: Document,
    rules: tuple[Rule, ...],
    declared_languages: tuple[str, ...] = (),
    settings: RunSettings = DEFAULT_SETTINGS,
    corpus: LineCounts | None = None,
    views: Views | None = None,
    errors: list[InputError] | None = None,
) -> list[Finding]:
    """Every finding of ``rules`` in ``document``, sorted by position then code.

    Each rule reads the document as its scopes see it (``Views``); ``views`` lets the
    caller share what rules computed (the quotations, for the report).
    A rule whose search runs out of its time (a user's pattern that backtracks) is stopped
    on this document and named in ``errors``; the other rules still run. Without
    ``errors``, the first such error is raised once every rule has run.
    """
    views = views or Views(document)
    findings: list[Finding] = []
    timed_out: list[InputError] = []
    for active in rules:
        seen, segments = views.get(active.scopes)
        ctx = RuleContext(
            seen, segments, active.options, declared_languages, settings, corpus,
            source=document, structure=views.structure,
        )  # fmt: skip
        try:
            for segment in segments.get(active.scope):
                for hit in active.check(segment, ctx):
                    findings.append(_place(active, document, seen, segment, hit))
        except TimeoutError:  # the regex module's timeout, on the rule's own options
            record = document.record
            timed_out.append(
                rule_timed_out(
                    document.path, active.code, active.pack.name,
                    active.options.get("timeout"), record.line if record else None,
                )
            )  # fmt: skip
    if timed_out and errors is None:
        raise timed_out[0]
    if errors is not None:
        errors.extend(timed_out)
    if any(active.defers for active in rules):
        findings = _without_deferred(findings, {a.code for a in rules if a.defers})
    findings.sort(key=lambda finding: finding.sort_key)
    return findings


def _without_deferred(findings: list[Finding], deferring: set[str]) -> list[Finding]:
    """The findings but those of deferring rules that overlap a finding of another rule of
    their group: the group's specific rule has said it, and better."""
    said: dict[str, list[tuple[int, int]]] = {}
    for finding in findings:
        if finding.code not in deferring:
            group = finding.name.partition(".")[0]
            said.setdefault(group, []).append((finding.span.start, finding.span.end))
    return [
        finding
        for finding in findings
        if finding.code not in deferring
        or not any(
            start < finding.span.end and finding.span.start < end
            for start, end in said.get(finding.name.partition(".")[0], ())
        )
    ]


def _place(active: Rule, document: Document, seen: Document, segment: Segment, hit: Hit) -> Finding:
    """Shift a hit from segment to document offsets and attach its provenance. A fix that
    would edit text the rule did not read (blanked in its view) is not offered."""
    start, end = segment.start + hit.start, segment.start + hit.end
    fix = hit.fix
    if fix is not None:
        shifted = tuple(
            Edit(segment.start + e.start, segment.start + e.end, e.replacement) for e in fix.edits
        )
        unread = seen is not document and any(
            seen.text[e.start : e.end] != document.text[e.start : e.end] for e in shifted
        )
        fix = None if unread else replace(fix, edits=shifted)
    return Finding(
        code=active.code,
        name=active.name,
        severity=active.severity,
        message=hit.message,
        path=document.path,
        span=document.span(start, end),
        excerpt=excerpt(document.text[start:end]),
        pack=active.pack,
        fix=fix,
        record=document.record,
    )
