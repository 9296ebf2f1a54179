"""The ``hygiene`` command: parse flags, run the pipeline, map outcomes to exit codes.

Nothing here detects or formats; it wires the pieces together. A module a job:
``options`` (flags several commands share), ``check``, ``fix``, ``info`` (``config``,
``rules``, ``schema``) and ``exits`` (how a run ends: every HygieneError one line on
stderr and its exit code, signals, a bug never exit 1). Each command imports what it
needs when it runs, so that a one-file check starts fast.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from hygiene import __version__
from hygiene.cli import check, exits, fix, info
from hygiene.cli.options import verbose_option


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hygiene")
@verbose_option
def cli() -> None:
    """Check text for stray languages, broken Unicode, boilerplate and unsourced quotes."""


for _command in (check.check, fix.fix, info.show_config, info.rules, info.schema):
    cli.add_command(_command)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command and exit with its code; user errors never show a traceback, and a
    bug exits 2, the code of errors, never 1, the code of findings."""
    sys.exit(exits.run(cli, argv))
