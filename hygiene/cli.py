"""The ``hygiene`` command: parse flags, run the pipeline, map outcomes to exit codes.

Nothing here detects or formats; it wires the pieces together and turns every
HygieneError into one line on stderr and its exit code.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import click

from hygiene import __version__
from hygiene.errors import ExitCode, HygieneError, UsageError

SEVERITY_CHOICE = click.Choice(["error", "warning", "info"])


def _codes(values: Sequence[str]) -> tuple[str, ...]:
    """Selectors from repeated and comma-separated flags: ``--select BP,UC001 --select LG``."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _check_writable(output: str) -> None:
    """Fail before any work when the report could not be written."""
    folder = Path(output).parent
    if not folder.is_dir():
        raise UsageError(f"{output}: cannot write the report: no folder {str(folder)!r}")
    if not os.access(folder, os.W_OK):
        raise UsageError(f"{output}: cannot write the report: folder is not writable")


def write_atomically(path: str, content: str) -> None:
    """Write through a temporary file and a rename: readers never see half a report."""
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(prefix=".hygiene-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hygiene")
def cli() -> None:
    """Check text for stray languages, broken Unicode, boilerplate and unsourced quotes."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text",
    show_default=True, help="Output format.",
)  # fmt: skip
@click.option("-o", "--output", metavar="FILE", help="Write the report to FILE instead of stdout.")
@click.option(
    "--select",
    multiple=True,
    metavar="CODES",
    help="Rules to run (codes, prefixes, groups, names).",
)
@click.option("--ignore", multiple=True, metavar="CODES", help="Rules not to run.")
@click.option(
    "--fail-on", type=SEVERITY_CHOICE, default="warning", show_default=True,
    help="Exit 1 when a finding is at or above this severity.",
)  # fmt: skip
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option(
    "--rule-packs", multiple=True, metavar="DIR",
    help="A folder of your own rule packs (*.toml), validated like the built-in ones.",
)  # fmt: skip
def check(
    paths: tuple[str, ...],
    output_format: str,
    output: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str,
    exit_zero: bool,
    rule_packs: tuple[str, ...],
) -> int:
    """Check PATHS (files, folders, or - for stdin) and report findings."""
    from hygiene.api import check_paths
    from hygiene.config import Config
    from hygiene.formatters import renderer
    from hygiene.report import validate

    if output:
        _check_writable(output)
    config = Config(
        select=_codes(select),
        ignore=_codes(ignore),
        fail_on=fail_on,  # type: ignore[arg-type]
        rule_packs=rule_packs,
    )
    stdin = sys.stdin.buffer.read() if "-" in paths else None
    report = check_paths(paths, config=config, stdin=stdin)
    validate(report.to_dict())
    rendered = renderer(output_format)(report)
    for error in report.errors:
        click.echo(f"hygiene: error: {error}", err=True)
    if output:
        write_atomically(output, rendered)
    else:
        click.echo(rendered, nl=False)
    if report.errors:
        return ExitCode.INPUT
    if not exit_zero and report.count_at_or_above(config.fail_on):
        return ExitCode.FINDINGS
    return ExitCode.CLEAN


@cli.command()
@click.argument("code", required=False)
@click.option("--rule-packs", multiple=True, metavar="DIR", help="Include your own rule packs.")
def rules(code: str | None, rule_packs: tuple[str, ...]) -> int:
    """List every rule, or print the full documentation of one (by CODE or name)."""
    from hygiene import ruledoc
    from hygiene.packs import load_ruleset

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
@click.argument("which", type=click.Choice(["report", "rule-pack"]), default="report")
def schema(which: str) -> int:
    """Print the JSON Schema of the report (default) or of a rule pack."""
    from hygiene import schemas

    name = schemas.REPORT if which == "report" else schemas.RULE_PACK
    click.echo(schemas.schema_text(name), nl=False)
    return ExitCode.CLEAN


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command and exit with its code; user errors never show a traceback."""
    try:
        code = cli.main(args=argv, prog_name="hygiene", standalone_mode=False)
    except (KeyboardInterrupt, click.exceptions.Abort):
        click.echo("hygiene: interrupted", err=True)
        code = ExitCode.INTERRUPTED
    except click.exceptions.ClickException as error:
        error.show()
        code = ExitCode.USAGE if error.exit_code == 2 else error.exit_code
    except HygieneError as error:
        click.echo(f"hygiene: error: {error}", err=True)
        code = error.exit_code
    sys.exit(int(code or 0))
