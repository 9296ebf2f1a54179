"""The public façade: check a text or paths, as the CLI does, and get a Report.

``Checker`` (a configured rule set, loaded once) is the unit the runners share; it lives in
``hygiene.run.checker`` and is exported here. Per run, after the checks: the baseline,
then the changed-lines filter of ``--diff-base``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from hygiene.config.settings import Config
from hygiene.core.errors import InputError, UsageError
from hygiene.core.finding import Finding
from hygiene.gate.baseline import compare, read_baseline
from hygiene.inputs.decoding import document_from_bytes
from hygiene.inputs.discovery import discover
from hygiene.registry.packs import RuleSet
from hygiene.report.model import Report
from hygiene.run.checker import Checker
from hygiene.run.progress import Progress
from hygiene.run.schedule import check_inputs

__all__ = ["Checker", "check_paths", "check_text", "only_changed_lines"]


def check_text(
    text: str,
    *,
    path: str = "<text>",
    config: Config | None = None,
    checker: Checker | None = None,
) -> Report:
    """Check a string as if it were a UTF-8 file at ``path``.

    Without ``checker`` each call loads the rule set anew; a pipeline that checks many
    texts makes one ``Checker(config)`` and passes it to every call.
    """
    if checker is None:
        checker = Checker(config)
    elif config is not None and config != checker.config:
        raise UsageError("check_text: pass a config or a checker made with it, not both")
    document = document_from_bytes(text.encode("utf-8"), path)
    errors: list[InputError] = []
    return checker.report([checker.check(document, errors)], errors)


def on_changed_lines(finding: Finding, changed: Mapping[str, frozenset[int] | None]) -> bool:
    """Whether a finding touches a changed line; ``None`` for a path means all are new."""
    if finding.path not in changed:
        return False
    lines = changed[finding.path]
    span = finding.span
    return lines is None or any(n in lines for n in range(span.line, span.end_line + 1))


def only_changed_lines(report: Report, changed: Mapping[str, frozenset[int] | None]) -> Report:
    """Keep findings on changed lines."""
    kept = tuple(f for f in report.findings if on_changed_lines(f, changed))
    return replace(report, findings=kept)


def check_paths(
    paths: Sequence[str],
    *,
    config: Config | None = None,
    ruleset: RuleSet | None = None,
    stdin: bytes | None = None,
    baseline: str | None = None,
    diff_base: str | None = None,
    jobs: int | None = None,
    scheduler: str | None = None,
    quiet: bool = True,
    written: Sequence[str | None] = (),
    stdin_filename: str | None = None,
) -> Report:
    """Check files and folders; unreadable inputs are reported, the others still checked.

    ``diff_base`` keeps only findings on lines changed since that git ref;
    ``baseline`` drops findings recorded in that baseline file and lists its stale entries.
    ``written`` names the files the caller will write, which a walk leaves out.
    ``stdin_filename`` is the path standard input stands for (an editor's buffer).
    """
    checker = Checker(config, ruleset)
    checker.leave_out(written)
    entries = read_baseline(baseline) if baseline else None
    inputs, errors = discover(paths, checker.excluded, checker.config.force_exclude, stdin_filename)
    results = []
    with Progress(quiet, inputs, checker.config.max_document_bytes) as progress:
        for _, done in check_inputs(checker, inputs, stdin, jobs, scheduler):
            results.extend(done.results)
            errors.extend(done.errors)
            progress.advance(*done.counts())
    report = checker.report(results, errors)
    if entries is not None and baseline is not None:
        outcome = compare(baseline, report.findings, entries)
        report = replace(report, findings=outcome.kept, baseline=outcome)
    if diff_base is not None:
        from hygiene.gate.git_diff import changed_lines

        changed = changed_lines(diff_base, {item.display: item.path for item in inputs})
        report = replace(only_changed_lines(report, changed), diff_base=diff_base)
    return report
