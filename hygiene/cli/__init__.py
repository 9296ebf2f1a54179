"""The ``hygiene`` command: parse flags, run the pipeline, map outcomes to exit codes.

Nothing here detects or formats; it wires the pieces together and turns every
HygieneError into one line on stderr and its exit code.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from hygiene import __version__
from hygiene.core.errors import ExitCode, HygieneError, UsageError, os_reason

if TYPE_CHECKING:
    from hygiene.config.settings import Config
    from hygiene.core.finding import Finding
    from hygiene.registry.packs import RuleSet

SEVERITY_CHOICE = click.Choice(["error", "warning", "info"])
FORMAT_CHOICE = click.Choice(["text", "json", "jsonl", "sarif", "github", "junit"])
F = TypeVar("F", bound=Callable[..., Any])
# Set by --verbose, or by HYGIENE_TRACEBACK=1 in the environment: an internal error then
# shows its traceback, not only its one line.
TRACEBACK_VARIABLE = "HYGIENE_TRACEBACK"
_verbose = False


def _codes(values: Sequence[str]) -> tuple[str, ...]:
    """Selectors from repeated and comma-separated flags: ``--select BP,UC001 --select LG``."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _say_error(error: object) -> None:
    """One line on stderr; a file name can hold an ANSI escape or a bidi override too."""
    from hygiene.support.escape import escape_for_terminal

    click.echo(f"hygiene: error: {escape_for_terminal(str(error))}", err=True)


def _check_writable(output: str) -> None:
    """Fail before any work when a file could not be written."""
    from hygiene.support.atomic import writable_target

    target, _ = writable_target(output)
    folder = Path(target).parent
    if not folder.is_dir():
        raise UsageError(f"{output}: cannot write: no folder {str(folder)!r}")
    if not os.access(folder, os.W_OK):
        raise UsageError(f"{output}: cannot write: the folder is not writable")


def _set_verbose(_context: click.Context, _parameter: click.Parameter, value: bool) -> None:
    global _verbose
    _verbose = _verbose or value


def verbose_option(command: F) -> F:
    """``-v/--verbose`` on the group and on every command, so it may stand anywhere."""
    return click.option(
        "-v", "--verbose", is_flag=True, expose_value=False, is_eager=True,
        callback=_set_verbose,
        help=f"Show the traceback of an internal error (or set {TRACEBACK_VARIABLE}=1).",
    )(command)  # fmt: skip


def rule_options(command: F) -> F:
    """The flags that choose and configure rules, shared by ``check``, ``fix`` and ``config``."""
    for option in reversed(
        [
            click.option("--config", "config_file", metavar="FILE",
                         help="Configuration file (default: the nearest hygiene.toml or "
                              "pyproject.toml with [tool.hygiene] above the paths)."),
            click.option("--select", multiple=True, metavar="CODES",
                         help="Rules to run instead of the default set (codes, prefixes, "
                              "groups, names)."),
            click.option("--extend-select", multiple=True, metavar="CODES",
                         help="Rules to run on top of the selection."),
            click.option("--ignore", multiple=True, metavar="CODES", help="Rules not to run."),
            click.option("--rule-packs", multiple=True, metavar="DIR",
                         help="A folder of your own rule packs (*.toml)."),
            click.option("--text-field", "text_fields", multiple=True, metavar="NAME",
                         help="JSON Lines: a field that holds text to check (repeatable) "
                              "[default: text]."),
            click.option("--id-field", metavar="NAME",
                         help="JSON Lines: the field that identifies a record [default: id]."),
            click.option("--encoding", metavar="NAME",
                         help="Read every input in this encoding (a Python codec name) "
                              "instead of detecting it."),
            click.option("--stdin-filename", metavar="PATH",
                         help="The path standard input (-) stands for: its settings, format "
                              "and configuration apply, and reports name it."),
            click.option("--force-exclude", is_flag=True,
                         help="Apply the exclusions to paths named on the command line too "
                              "(as pre-commit hooks do)."),
            click.option("--no-inline-config", is_flag=True,
                         help="Ignore hygiene: directives in the checked text, so that "
                              "untrusted input cannot hide its own findings."),
        ]
    ):  # fmt: skip
        command = option(command)
    return command


def _config(
    paths: Sequence[str], options: dict[str, Any], fail_on: str | None = None
) -> tuple[Config, RuleSet]:
    """The effective configuration (file, then flags) and every rule it can select."""
    from hygiene.config.settings import check_encoding, resolve_config
    from hygiene.core.errors import ConfigError
    from hygiene.registry.packs import load_ruleset

    if options["encoding"]:
        try:
            check_encoding(options["encoding"])
        except ConfigError as error:
            raise UsageError(f"--encoding: {error}") from None

    stdin_name = options["stdin_filename"]  # its folder's configuration applies
    config = resolve_config((*paths, *([stdin_name] if stdin_name else [])), options["config_file"])
    select, extend, ignore = (_codes(options[key]) for key in ("select", "extend_select", "ignore"))
    ruleset = load_ruleset((*config.rule_packs, *options["rule_packs"]))
    ruleset.check_selectors((*select, *extend, *ignore))
    return config.with_flags(
        select=select,
        extend_select=extend,
        ignore=ignore,
        fail_on=fail_on,  # type: ignore[arg-type]
        rule_packs=options["rule_packs"],
        encoding=options["encoding"],
        text_fields=options["text_fields"],
        id_field=options["id_field"],
        inline_config=False if options["no_inline_config"] else None,
        force_exclude=options["force_exclude"],
    ), ruleset


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hygiene")
@verbose_option
def cli() -> None:
    """Check text for stray languages, broken Unicode, boilerplate and unsourced quotes."""


@cli.command()
@verbose_option
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", type=FORMAT_CHOICE, default="text",
              show_default=True, help="Output format.")  # fmt: skip
@click.option("-o", "--output", metavar="FILE", help="Write the report to FILE instead of stdout.")
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
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
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
    output_format: str,
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
    statistics: bool,
    **options: Any,
) -> int:
    """Check PATHS (files, folders, JSON Lines shards, or - for stdin) and report findings."""
    from hygiene.api import check_paths
    from hygiene.gate.baseline import baseline_json
    from hygiene.report.formatters import renderer
    from hygiene.report.model import to_records, validate
    from hygiene.report.schemas import RECORDS
    from hygiene.support.atomic import write_atomically

    for target in (output, write_baseline):
        if target:
            _check_writable(target)
    if output_dir and os.path.exists(output_dir) and not os.path.isdir(output_dir):
        raise UsageError(f"{output_dir}: --output-dir must be a folder, and this is a file")
    if statistics and (output_format != "text" or output_dir):
        raise UsageError("--statistics counts findings in the text format, without --output-dir")
    whole_report = baseline or write_baseline or diff_base
    if output_dir and (whole_report or output):
        raise UsageError(
            "--output-dir writes one findings file per input: it does not combine with -o, "
            "--baseline, --write-baseline or --diff-base"
        )
    config, ruleset = _config(paths, options, fail_on)
    if output_dir or (output_format == "jsonl" and not whole_report and "-" not in paths):
        return _stream(
            paths, config, ruleset, output, output_dir, jobs, scheduler, exit_zero, quiet
        )
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
        written=(output, write_baseline),
        stdin_filename=options["stdin_filename"],
    )
    if output_format == "json":  # the formats that are not the report need not pay for it
        validate(report.to_dict())
    if output_format == "jsonl":
        for record in to_records(report):
            validate(record, RECORDS)
    if statistics:
        from hygiene.report.formatters.text_format import render_statistics

        rendered = render_statistics(report)
    else:
        rendered = renderer(output_format)(report)
    for error in report.errors:
        _say_error(error)
    if output:
        write_atomically(output, rendered.encode("utf-8"))
    else:
        click.echo(rendered, nl=False)
    if write_baseline:
        write_atomically(write_baseline, baseline_json(report.findings).encode("utf-8"))
        click.echo(
            f"hygiene: wrote {len(report.findings)} findings to the baseline {write_baseline}",
            err=True,
        )
    if report.errors:
        return ExitCode.INPUT
    if exit_zero or write_baseline or not report.count_at_or_above(config.fail_on):
        return ExitCode.CLEAN
    return ExitCode.FINDINGS


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
) -> int:
    """A corpus run: records written as they come, to a stream or one file per input."""
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
        _say_error(error)
    failing = errors = 0
    progress = Progress(quiet)
    if output_dir:
        try:
            Path(output_dir).mkdir(parents=True, exist_ok=True)
        except OSError as error:
            problem = os_reason(error)
            raise UsageError(f"{output_dir}: cannot make the output folder: {problem}") from None
        remove_temporary_files(output_dir)
        keys = input_keys(checker, inputs)
        todo, complete = pending(output_dir, inputs, keys)
        if complete:
            click.echo(f"hygiene: skipping {complete} input(s) already complete", err=True)
        with progress:
            for _ in write_output_dir(
                checker, inputs, output_dir, jobs, scheduler, progress, keys, _say_error
            ):
                pass
        click.echo(f"hygiene: wrote {len(todo)} findings file(s) to {output_dir}", err=True)
        by_severity, errors = completed_counts(output_dir, inputs, keys)
        failing = count_at_or_above(by_severity, config.fail_on)
    elif output:
        with atomic_text(output) as out, progress:
            writer = stream_jsonl(checker, inputs, out, jobs, scheduler, progress, _say_error)
        failing, errors = writer.at_or_above(config.fail_on), writer.errors
    else:
        with progress:
            writer = stream_jsonl(
                checker, inputs, sys.stdout, jobs, scheduler, progress, _say_error
            )
        failing, errors = writer.at_or_above(config.fail_on), writer.errors
    if errors or missing:
        return ExitCode.INPUT
    return ExitCode.FINDINGS if failing and not exit_zero else ExitCode.CLEAN


@cli.command()
@verbose_option
@click.argument("paths", nargs=-1, required=True)
@click.option("--diff", "show_diff", is_flag=True,
              help="Show what would change as a unified diff; write nothing.")  # fmt: skip
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes marked unsafe.")
@click.option(
    "--baseline",
    metavar="FILE",
    help="Fix only findings that are not in this baseline, as check reports them.",
)
@click.option("--diff-base", metavar="REF",
              help="Fix only findings on lines changed since this git ref.")  # fmt: skip
@rule_options
def fix(
    paths: tuple[str, ...],
    show_diff: bool,
    unsafe_fixes: bool,
    baseline: str | None,
    diff_base: str | None,
    **options: Any,
) -> int:
    """Apply safe fixes to PATHS in place, keeping encoding, BOM, line endings and mode.

    Only the findings that check reports with the same options are fixed.
    """
    from hygiene.api import Checker
    from hygiene.core.errors import InputError
    from hygiene.gate.fix import fix_bytes, fix_file
    from hygiene.inputs.decoding import too_large
    from hygiene.inputs.discovery import STDIN, discover
    from hygiene.inputs.jsonl import is_jsonl

    checker = Checker(*_config(paths, options))
    stdin_name = options["stdin_filename"]
    inputs, errors = discover(paths, checker.excluded, checker.config.force_exclude, stdin_name)
    keep = _reported_by_check(baseline, diff_base, {item.display: item.path for item in inputs})
    changed = applied = 0
    for item in inputs:
        if is_jsonl(item.path if item.path != STDIN else item.display):
            errors.append(InputError(item.display, "a JSON Lines shard cannot be fixed in place"))
            continue
        try:
            if item.path == STDIN:  # an editor's buffer: the fixed text goes to stdout
                limit = checker.config.max_document_bytes
                data = sys.stdin.buffer.read(limit + 1)
                if len(data) > limit:
                    raise too_large(item.display, len(data), limit)
                outcome, fixed = fix_bytes(
                    data, item.display, lambda document: checker.check(document)[1],
                    unsafe=unsafe_fixes, keep=keep,
                    declared=checker.declared_encoding(item.display),
                )  # fmt: skip
                if not show_diff:
                    sys.stdout.buffer.write(fixed)
            else:
                outcome = fix_file(
                    item.path,
                    item.display,
                    lambda document: checker.check(document)[1],
                    unsafe=unsafe_fixes,
                    write=not show_diff,
                    keep=keep,
                    declared=checker.declared_encoding(item.display),
                    limit=checker.config.max_document_bytes,
                    tree=item.tree,
                )
        except InputError as unreadable:
            errors.append(unreadable)
            continue
        if outcome.after != outcome.before:
            changed += 1
            applied += outcome.applied
            if show_diff:
                click.echo(outcome.diff(), nl=False)
    for problem in errors:
        _say_error(problem)
    verb = "would fix" if show_diff else "fixed"
    click.echo(f"hygiene: {verb} {applied} findings in {changed} files", err=True)
    if errors:
        return ExitCode.INPUT
    return ExitCode.FINDINGS if show_diff and changed else ExitCode.CLEAN


def _reported_by_check(
    baseline: str | None, diff_base: str | None, paths: Mapping[str, str]
) -> Callable[[Finding], bool] | None:
    """Which findings ``check`` would report with ``--baseline`` and ``--diff-base``."""
    if baseline is None and diff_base is None:
        return None
    from hygiene.api import on_changed_lines
    from hygiene.gate.baseline import read_baseline

    known = {e.fingerprint for e in read_baseline(baseline)} if baseline else frozenset()
    changed = None
    if diff_base is not None:
        from hygiene.gate.git_diff import changed_lines

        changed = changed_lines(diff_base, paths)

    def reported(finding: Finding) -> bool:
        if finding.fingerprint in known:
            return False
        return changed is None or on_changed_lines(finding, changed)

    return reported


@cli.command(name="config")
@verbose_option
@click.argument("paths", nargs=-1)
@click.option("--fail-on", type=SEVERITY_CHOICE, default=None, help="As for check.")
@rule_options
def show_config(paths: tuple[str, ...], fail_on: str | None, **options: Any) -> int:
    """Print the effective configuration for PATHS (default: the working folder) as JSON."""
    config, _ = _config(paths or (".",), options, fail_on)
    data = {"config_digest": config.digest(), **config.to_dict()}
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))
    return ExitCode.CLEAN


@cli.command()
@verbose_option
@click.argument("code", required=False)
@click.option("--rule-packs", multiple=True, metavar="DIR", help="Include your own rule packs.")
def rules(code: str | None, rule_packs: tuple[str, ...]) -> int:
    """List every rule, or print the full documentation of one (by CODE or name)."""
    from hygiene.registry.packs import load_ruleset
    from hygiene.report import ruledoc

    ruleset = load_ruleset(rule_packs)
    if code is None:
        click.echo(ruledoc.listing(ruleset.rules), nl=False)
        return ExitCode.CLEAN
    found = ruleset.find(code)
    if found is None:
        raise UsageError(f"unknown rule {code!r}: see 'hygiene rules'")
    click.echo(ruledoc.page(found), nl=False)
    return ExitCode.CLEAN


@cli.command()
@verbose_option
@click.argument(
    "which", type=click.Choice(["report", "records", "rule-pack", "config"]), default="report"
)
def schema(which: str) -> int:
    """Print a JSON Schema: the report (default), JSONL records, a rule pack, or the config."""
    from hygiene.report import schemas

    names = {
        "report": schemas.REPORT,
        "records": schemas.RECORDS,
        "rule-pack": schemas.RULE_PACK,
        "config": schemas.CONFIG,
    }
    click.echo(schemas.schema_text(names[which]), nl=False)
    return ExitCode.CLEAN


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command and exit with its code; user errors never show a traceback, and a
    bug exits 2, the code of errors, never 1, the code of findings."""
    import signal

    signal.signal(signal.SIGTERM, _terminate)  # a CI cancel: the same clean-up as Ctrl-C
    try:
        code = _flushed(cli.main(args=argv, prog_name="hygiene", standalone_mode=False))
    except SystemExit as exit:
        # click ends a run whose reader went away (EPIPE) with exit 1, the code of
        # findings; the run did not finish, which is what 141 (SIGPIPE's) says.
        stopped = type(sys.stdout).__name__ == "_PacifyFlushWrapper"
        code = ExitCode.READER_GONE if stopped else int(exit.code or 0)
    except Terminated:
        click.echo("hygiene: terminated", err=True)
        code = ExitCode.TERMINATED
    except (KeyboardInterrupt, click.exceptions.Abort):
        click.echo("hygiene: interrupted", err=True)
        code = ExitCode.INTERRUPTED
    except click.exceptions.ClickException as error:
        error.show()
        code = ExitCode.USAGE if error.exit_code == 2 else error.exit_code
    except HygieneError as error:
        _say_error(error)
        code = error.exit_code
    except OSError as error:
        if error.errno not in _OUTPUT_ERRORS:
            _say_internal_error(error)
            code = ExitCode.INTERNAL
        else:  # a report streamed to standard output met a full disk
            code = _say_stdout_failed(error)
    except Exception as error:  # a bug: never exit 1, which a gate reads as "findings"
        _say_internal_error(error)
        code = ExitCode.INTERNAL
    sys.exit(int(code or 0))


def _flushed(code: int) -> int:
    """The command's exit code once its output is out: a full disk shows here (as an
    OSError), not as a cut report and exit 0. A reader that stopped early (``| head``)
    is no error: the run's code stands."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # it read what it wanted: the run itself was whole
        _discard_stdout()
    except OSError as error:  # a full disk, a closed terminal
        return _say_stdout_failed(error)
    return code


# What writing standard output can meet (files hygiene writes raise WriteError instead).
_OUTPUT_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


def _say_stdout_failed(error: OSError) -> int:
    _say_error(f"cannot write to standard output: {os_reason(error)}")
    _discard_stdout()
    return ExitCode.USAGE


class Terminated(BaseException):
    """SIGTERM, raised where the process stands so that every ``finally`` and context
    manager runs: temporary files go, worker processes are stopped. Not an Exception,
    so that nothing on the way mistakes it for an error to report and carry on."""


def _terminate(_signal: int, _frame: object) -> None:
    raise Terminated


def _discard_stdout() -> None:
    """Standard output could not take the report: what is still buffered must not be
    flushed again at exit, which would print a second error."""
    with contextlib.suppress(OSError):
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives until the process ends


def _say_internal_error(error: Exception) -> None:
    """One line naming the exception; the traceback only when asked for."""
    from hygiene.support.escape import escape_for_terminal

    if _verbose or os.environ.get(TRACEBACK_VARIABLE, "") not in ("", "0"):
        import traceback

        traceback.print_exception(error, file=sys.stderr)
    lines = str(error).strip().splitlines()
    summary = type(error).__name__ + (f": {lines[0]}" if lines else "")
    click.echo(
        f"hygiene: internal error: {escape_for_terminal(summary)} "
        f"(a bug in hygiene; --verbose or {TRACEBACK_VARIABLE}=1 shows the traceback)",
        err=True,
    )
