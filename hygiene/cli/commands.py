"""The ``hygiene`` command group: its commands, its version and its ``--verbose``."""

from __future__ import annotations

import click

from hygiene import __version__
from hygiene.cli import check, fix, info
from hygiene.cli.options import verbose_option


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hygiene")
@verbose_option
def cli() -> None:
    """Check text for stray languages, broken Unicode, boilerplate and unsourced quotes."""


for _command in (check.check, fix.fix, info.show_config, info.rules, info.schema):
    cli.add_command(_command)
