"""The flags several commands share, and the configuration they build.

``check``, ``fix`` and ``config`` take the same rule flags, so that ``config`` shows
exactly what the other two would run with.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import click

from hygiene.cli import exits
from hygiene.core.errors import UsageError

# The formats a JSON Lines record may be written in (core.document.TextFormat).
TEXT_FORMATS = ("text", "markdown", "html", "rst", "asciidoc")

if TYPE_CHECKING:
    from hygiene.config.settings import Config
    from hygiene.registry.packs import RuleSet

SEVERITY_CHOICE = click.Choice(["error", "warning", "info"])
# hygiene.report.formatters.FORMATS, written out so that parsing flags imports no report.
OUTPUT_FORMATS = ("text", "grouped", "json", "jsonl", "sarif", "github", "junit", "gitlab")
F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True, slots=True)
class Output:
    """One report a run writes: its format, and its file (None: standard output)."""

    format: str
    path: str | None = None


# Click types are generic from 8.2 on; 8.1, which setup.cfg still allows, cannot subscript one.
class OutputType(click.ParamType):  # type: ignore[type-arg]
    """``--format FORMAT`` or ``--format FORMAT:FILE`` (``FORMAT:-``: standard output).

    The format is what comes before the first colon, so a Windows path (``sarif:C:\\x``)
    stays whole.
    """

    name = "format"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return f"[{'|'.join(OUTPUT_FORMATS)}][:FILE]"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> Output:
        if isinstance(value, Output):
            return value
        name, colon, path = str(value).partition(":")
        if name not in OUTPUT_FORMATS:
            self.fail(f"{name!r} is not one of {', '.join(OUTPUT_FORMATS)}", param, ctx)
        if colon and not path:
            self.fail(f"{value!r}: a file after the colon, or - for standard output", param, ctx)
        return Output(name, path or None)


def resolve_outputs(
    formats: Sequence[Output], output: str | None, write_baseline: str | None = None
) -> tuple[Output, ...]:
    """The reports a run writes, from repeated ``--format FORMAT[:FILE]`` and ``-o FILE``.

    ``-o`` is the file of the one format named without one (``--format sarif -o x.sarif``,
    as before there were several); ``text`` is the format when none is named. ``-`` is
    standard output. At most one report goes there, and no two files are the same file.
    """
    reports = list(formats) or [Output("text")]
    if output is not None:
        bare = [number for number, report in enumerate(reports) if report.path is None]
        if len(bare) != 1:
            raise UsageError(
                "-o FILE is the file of the one --format given without a file; with several "
                "reports, give each its file: --format FORMAT:FILE"
            )
        reports[bare[0]] = Output(reports[bare[0]].format, output)
    reports = [Output(report.format, None) if report.path == "-" else report for report in reports]
    if sum(report.path is None for report in reports) > 1:
        raise UsageError(
            "only one report can go to standard output: give the others a file, "
            "--format FORMAT:FILE"
        )
    seen: dict[str, str] = {}
    for target in (*(report.path for report in reports), write_baseline):
        if target is None:
            continue
        real = os.path.realpath(target)
        if real in seen:
            raise UsageError(f"{target}: two reports cannot be written to the same file")
        seen[real] = target
    return tuple(reports)


def _set_verbose(_context: click.Context, _parameter: click.Parameter, value: bool) -> None:
    if value:
        exits.want_traceback()


def verbose_option(command: F) -> F:
    """``-v/--verbose`` on the group and on every command, so it may stand anywhere."""
    return click.option(
        "-v", "--verbose", is_flag=True, expose_value=False, is_eager=True,
        callback=_set_verbose,
        help=f"Show the traceback of an internal error (or set {exits.TRACEBACK_VARIABLE}=1).",
    )(command)  # fmt: skip


def quiet_options(command: F) -> F:
    """``-q/--quiet`` and ``-s/--silent``, as ruff means them: the findings and nothing
    else, or nothing at all (the exit code says it). Input errors still go to stderr."""
    command = click.option(
        "-s", "--silent", is_flag=True,
        help="Print nothing, not even findings: the exit code tells (input errors still "
             "go to stderr).",
    )(command)  # fmt: skip
    return click.option(
        "-q", "--quiet", is_flag=True,
        help="Print the findings and nothing else: no summary, no progress bar.",
    )(command)  # fmt: skip


def color_option(command: F) -> F:
    """``--color auto|always|never``: colour in the text format (hygiene.support.colour)."""
    return click.option(
        "--color", "color", type=click.Choice(["auto", "always", "never"]), default="auto",
        show_default=True,
        help="Colour the text report; auto: when stdout is a terminal, unless NO_COLOR "
             "is set (FORCE_COLOR: even when it is not).",
    )(command)  # fmt: skip


def rule_options(command: F) -> F:
    """The flags that choose and configure rules, shared by ``check``, ``fix`` and ``config``."""
    for option in reversed(
        [
            click.option("--config", "config_file", metavar="FILE",
                         help="One configuration file for every path (default: each file's "
                              "closest .hygiene.toml, hygiene.toml or pyproject.toml with "
                              "[tool.hygiene])."),
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
            click.option("--text-format", type=click.Choice(TEXT_FORMATS),
                         help="JSON Lines: how the text fields are written [default: the "
                              "text-format setting, text]."),
            click.option("--encoding", metavar="NAME",
                         help="Read every input in this encoding (a Python codec name) "
                              "instead of detecting it."),
            click.option("--stdin-filename", metavar="PATH",
                         help="The path standard input (-) stands for: its settings, format "
                              "and configuration apply, and reports name it."),
            click.option("--force-exclude", is_flag=True,
                         help="Apply the exclusions to paths named on the command line too "
                              "(as pre-commit hooks do)."),
            click.option("--respect-gitignore/--no-respect-gitignore", default=None,
                         help="Leave out of folder walks what git ignores (.gitignore files, "
                              ".git/info/exclude) [default: the respect-gitignore setting, true]."),
            click.option("--no-inline-config", is_flag=True,
                         help="Ignore hygiene: directives in the checked text, so that "
                              "untrusted input cannot hide its own findings."),
        ]
    ):  # fmt: skip
        command = option(command)
    return command


def _codes(values: Sequence[str]) -> tuple[str, ...]:
    """Selectors from repeated and comma-separated flags: ``--select BP,UC001 --select LG``."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def build_config(
    paths: Sequence[str], options: dict[str, Any], fail_on: str | None = None
) -> tuple[Config, RuleSet]:
    """The run's configuration (file, then flags) and every rule it can select.

    The file is the working folder's, or ``--config``'s; the ``paths`` do not choose it.
    Without ``--config`` the flags ride along, and each checked file (standard input as
    ``--stdin-filename``) is judged under the file closest above it with the same flags
    over it (``hygiene.config.resolution``), whatever else the run was given.
    """
    from dataclasses import replace

    from hygiene.config.settings import Flags, check_encoding, resolve_config
    from hygiene.core.errors import ConfigError
    from hygiene.registry.packs import load_ruleset

    if options["encoding"]:
        try:
            check_encoding(options["encoding"])
        except ConfigError as error:
            raise UsageError(f"--encoding: {error}") from None

    explicit = options["config_file"]
    config = resolve_config((), explicit)
    select, extend, ignore = (_codes(options[key]) for key in ("select", "extend_select", "ignore"))
    ruleset = load_ruleset((*config.rule_packs, *options["rule_packs"]))
    ruleset.check_selectors((*select, *extend, *ignore))
    flags = Flags(
        select=select,
        extend_select=extend,
        ignore=ignore,
        fail_on=fail_on,  # type: ignore[arg-type]
        rule_packs=tuple(options["rule_packs"]),
        encoding=options["encoding"],
        text_fields=tuple(options["text_fields"]),
        id_field=options["id_field"],
        text_format=options["text_format"],
        inline_config=False if options["no_inline_config"] else None,
        force_exclude=options["force_exclude"],
        respect_gitignore=options["respect_gitignore"],
    )
    config = flags.apply(config)
    return (config if explicit else replace(config, flags=flags)), ruleset
