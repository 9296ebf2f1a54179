"""``hygiene check``: check paths and write the report, whole or streamed record by record.

A run whose report is needed whole (JSON, SARIF, a baseline, changed lines) goes through
``check_paths``; a corpus run (JSON Lines out, or a folder of findings files) streams, so
its memory stays flat however large the input.

A run may write several reports (``--format text --format sarif:hygiene.sarif``): the tree
is checked once, and each format renders the same report, as CI wants one job to show
findings in its log and hand a file to a dashboard.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from hygiene.cli.exits import say_error
from hygiene.cli.options import (
    SEVERITY_CHOICE,
    Output,
    OutputType,
    build_config,
    color_option,
    quiet_options,
    resolve_outputs,
    rule_options,
    verbose_option,
)
from hygiene.core.errors import ExitCode, UsageError, os_reason

if TYPE_CHECKING:
    from hygiene.config.settings import Config
    from hygiene.registry.packs import RuleSet
    from hygiene.report.formatters.text_format import TextStyle
    from hygiene.report.model import Report
    from hygiene.support.colour import ColourChoice


@click.command()
@verbose_option
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "formats", type=OutputType(), multiple=True,
              help="Output format [default: text]; FORMAT:FILE writes that report to FILE. "
                   "Repeat it to write several reports from one run.")  # fmt: skip
@click.option("-o", "--output", metavar="FILE",
              help="Write the report to FILE instead of stdout (the one --format given "
                   "without a file).")  # fmt: skip
@click.option("--fail-on", type=SEVERITY_CHOICE, default=None,
              help="Exit 1 on a finding at or above this severity [default: warning].")  # fmt: skip
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--baseline", metavar="FILE",
              help="Report only findings that are not in this baseline.")  # fmt: skip
@click.option("--write-baseline", metavar="FILE",
              help="Record the current findings as the baseline, and exit 0.")  # fmt: skip
@click.option("--diff-base", metavar="REF",
              help="Report only findings on lines changed since this git ref.")  # fmt: skip
@click.option("--output-dir", metavar="DIR",
              help="Write one JSON Lines findings file per input and a completion marker "
                   "into DIR; a rerun skips inputs already complete.")  # fmt: skip
@quiet_options
@color_option
@click.option("--statistics", is_flag=True,
              help="Count each rule's findings instead of listing them (text format).")  # fmt: skip
@click.option("--scheduler", metavar="ADDRESS",
              help="Run the checks on a Dask cluster (tcp://host:8786); "
                   "needs hygiene[dask].")  # fmt: skip
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes to spread inputs over [default: all cores for JSON Lines "
                   "shards, else 1].")  # fmt: skip
@rule_options
def check(
    paths: tuple[str, ...],
    formats: tuple[Output, ...],
    output: str | None,
    fail_on: str | None,
    exit_zero: bool,
    baseline: str | None,
    write_baseline: str | None,
    diff_base: str | None,
    jobs: int | None,
    output_dir: str | None,
    scheduler: str | None,
    quiet: bool,
    silent: bool,
    color: ColourChoice,
    statistics: bool,
    **options: Any,
) -> int:
    """Check PATHS (files, folders, JSON Lines shards, or - for stdin) and report findings."""
    from hygiene.api import check_paths
    from hygiene.gate.baseline import baseline_json
    from hygiene.report.model import to_records, validate
    from hygiene.support.atomic import write_atomically
    from hygiene.support.schemas import RECORDS

    quiet = quiet or silent

    config, ruleset = build_config(paths, options, fail_on)
    jobs = jobs or config.jobs  # flags win over the configuration's run-wide settings
    configured = (Output(config.output_format),) if config.output_format else ()
    reports = resolve_outputs(formats or configured, output, write_baseline)
    for target in (*(report.path for report in reports), write_baseline):
        if target:
            _check_writable(target)
    if output_dir and os.path.exists(output_dir) and not os.path.isdir(output_dir):
        raise UsageError(f"{output_dir}: --output-dir must be a folder, and this is a file")
    if statistics and (all(report.format != "text" for report in reports) or output_dir):
        raise UsageError("--statistics counts findings in the text format, without --output-dir")
    whole_report = baseline or write_baseline or diff_base
    if output_dir and (whole_report or len(reports) > 1 or reports[0].path):
        raise UsageError(
            "--output-dir writes one findings file per input: it does not combine with -o, "
            "a report's FILE, several --format, --baseline, --write-baseline or --diff-base"
        )
    (first, *others) = reports
    if output_dir or (
        first.format == "jsonl" and not others and not whole_report and "-" not in paths
    ):
        return _stream(
            paths, config, ruleset, first.path, output_dir, jobs, scheduler, exit_zero, quiet,
            silent,
        )  # fmt: skip
    # One byte over the limit is enough to refuse it (Checker.load): never read more.
    stdin = sys.stdin.buffer.read(config.max_document_bytes + 1) if "-" in paths else None
    report = check_paths(
        paths,
        config=config,
        ruleset=ruleset,
        stdin=stdin,
        baseline=baseline,
        diff_base=diff_base,
        jobs=jobs,
        scheduler=scheduler,
        quiet=quiet,
        written=(*(report.path for report in reports), write_baseline),
        stdin_filename=options["stdin_filename"],
    )
    written = {each.format for each in reports}
    if "json" in written:  # the formats that are not the report need not pay for it
        validate(report.to_dict())
    if "jsonl" in written:
        for record in to_records(report):
            validate(record, RECORDS)
    for error in report.errors:
        say_error(error)
    for each in reports:  # in the order given; each file replaced whole, or not at all
        if each.path is None and silent:
            continue
        style = _text_style(each, color, quiet)
        rendered = _render(report, each.format, style, statistics)
        if each.path:
            write_atomically(each.path, rendered.encode("utf-8"))
        else:
            click.echo(rendered, nl=False, color=style.colour)
    if write_baseline:
        write_atomically(write_baseline, baseline_json(report.findings).encode("utf-8"))
        if not silent:
            click.echo(
                f"hygiene: wrote {len(report.findings)} findings to the baseline {write_baseline}",
                err=True,
            )
    if report.errors:
        return ExitCode.INPUT
    if exit_zero or write_baseline or not report.count_at_or_above(config.fail_on):
        return ExitCode.CLEAN
    return ExitCode.FINDINGS


def _text_style(output: Output, color: ColourChoice, quiet: bool) -> TextStyle:
    """How a text report is shown: coloured as ``--color`` and the environment say for
    standard output, and only with ``--color always`` in a file; without its summary
    when quiet."""
    from hygiene.report.formatters.text_format import TextStyle
    from hygiene.support.colour import use_colour

    colour = use_colour(color, sys.stdout) if output.path is None else color == "always"
    for_people = output.format in ("text", "grouped")
    return TextStyle(colour=colour and for_people, summary=not quiet)


def _render(report: Report, fmt: str, style: TextStyle, statistics: bool) -> str:
    """The report in one format; the text format in its style, or counted by rule."""
    from hygiene.report.formatters import grouped_format, renderer, text_format

    if fmt == "grouped":
        return grouped_format.render(report, style, _source_lines(report))
    if fmt != "text":
        return renderer(fmt)(report)
    if statistics:
        return text_format.render_statistics(report, style)
    if style == text_format.PLAIN:  # through renderer(), as every other format
        return renderer(fmt)(report)
    return text_format.render(report, style)


def _source_lines(report: Report) -> dict[str, list[str]]:
    """The lines of each file with findings, read again and decoded as the check read
    them, for the grouped format (a report holds no document text)."""
    from hygiene.core.segment import split_lines
    from hygiene.inputs.decoding import document_from_bytes

    sources: dict[str, list[str]] = {}
    for path in dict.fromkeys(f.path for f in report.findings if f.record is None):
        try:
            with open(path, "rb") as handle:
                data = handle.read(report.config.max_document_bytes + 1)
            document = document_from_bytes(data, path)
        except (OSError, ValueError):
            continue  # standard input, or a file gone or changed since: no lines shown
        sources[path] = [line.text for line in split_lines(document.text)]
    return sources


def _stream(
    paths: Sequence[str],
    config: Config,
    ruleset: RuleSet,
    output: str | None,
    output_dir: str | None,
    jobs: int | None,
    scheduler: str | None,
    exit_zero: bool,
    quiet: bool,
    silent: bool,
) -> int:
    """A corpus run: records written as they come, to a stream or one file per input.

    Silent, the records for standard output are dropped and the notes of what was
    written are not said: a silent run prints nothing."""
    from hygiene.api import Checker
    from hygiene.core.rule import count_at_or_above
    from hygiene.inputs.discovery import discover
    from hygiene.run.progress import Progress
    from hygiene.run.stream import (
        completed_counts,
        input_keys,
        pending,
        remove_temporary_files,
        stream_jsonl,
        write_output_dir,
    )
    from hygiene.support.atomic import atomic_text

    checker = Checker(config, ruleset, describe=False)  # records hold findings, not documents
    checker.leave_out((output,), output_dir)
    inputs, missing = discover(paths, checker.excluded, config.force_exclude)
    for error in missing:
        say_error(error)
    failing = errors = 0
    limit = config.max_document_bytes
    if output_dir:
        try:
            Path(output_dir).mkdir(parents=True, exist_ok=True)
        except OSError as error:
            problem = os_reason(error)
            raise UsageError(f"{output_dir}: cannot make the output folder: {problem}") from None
        remove_temporary_files(output_dir)
        keys = input_keys(checker, inputs)
        todo, complete = pending(output_dir, inputs, keys)
        if complete and not silent:
            click.echo(f"hygiene: skipping {complete} input(s) already complete", err=True)
        with Progress(quiet, todo, limit) as progress:
            for _ in write_output_dir(
                checker, inputs, output_dir, jobs, scheduler, progress, keys, say_error
            ):
                pass
        if not silent:
            click.echo(f"hygiene: wrote {len(todo)} findings file(s) to {output_dir}", err=True)
        by_severity, errors = completed_counts(output_dir, inputs, keys)
        failing = count_at_or_above(by_severity, config.fail_on)
    elif output:
        with atomic_text(output) as out, Progress(quiet, inputs, limit) as progress:
            writer = stream_jsonl(checker, inputs, out, jobs, scheduler, progress, say_error)
        failing, errors = writer.at_or_above(config.fail_on), writer.errors
    else:
        with (
            open(os.devnull, "w", encoding="utf-8") if silent else nullcontext(sys.stdout) as out,
            Progress(quiet, inputs, limit) as progress,
        ):
            writer = stream_jsonl(checker, inputs, out, jobs, scheduler, progress, say_error)
        failing, errors = writer.at_or_above(config.fail_on), writer.errors
    if errors or missing:
        return ExitCode.INPUT
    return ExitCode.FINDINGS if failing and not exit_zero else ExitCode.CLEAN


def _check_writable(output: str) -> None:
    """Fail before any work when a file could not be written."""
    from hygiene.support.atomic import writable_target

    target, _ = writable_target(output)
    folder = Path(target).parent
    if not folder.is_dir():
        raise UsageError(f"{output}: cannot write: no folder {str(folder)!r}")
    if not os.access(folder, os.W_OK):
        raise UsageError(f"{output}: cannot write: the folder is not writable")
