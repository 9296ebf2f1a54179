"""The commands that describe rather than check: ``config``, ``rules`` and ``schema``."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from hygiene.cli.options import SEVERITY_CHOICE, build_config, rule_options, verbose_option
from hygiene.core.errors import ExitCode, UsageError

if TYPE_CHECKING:
    from hygiene.core.rule import Fix, Rule
    from hygiene.registry.packs import RuleSet

# A rule that compares the documents of a run (BP010) sees its example in a run of this
# many copies, as tests/test_rule_docs.py runs it.
_EXAMPLE_RUN = 10


@click.command(name="config")
@verbose_option
@click.argument("paths", nargs=-1, metavar="[PATH]")
@click.option("--fail-on", type=SEVERITY_CHOICE, default=None, help="As for check.")
@rule_options
def show_config(paths: tuple[str, ...], fail_on: str | None, **options: Any) -> int:
    """Print the effective configuration as JSON: the one a file of PATH is judged under
    (the closest configuration above it, with the flags on top), else the working
    folder's."""
    import os

    from hygiene.config.resolution import Resolver

    config, _ = build_config(paths or (".",), options, fail_on)
    if len(paths) == 1:
        folder = paths[0] if os.path.isdir(paths[0]) else os.path.dirname(paths[0]) or "."
        config = Resolver(config, os.getcwd()).for_folder(folder)
    data = {"config_digest": config.digest(), **config.to_dict()}
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))
    return ExitCode.CLEAN


@click.command()
@verbose_option
@click.argument("code", required=False)
@click.option("--format", "output_format", type=click.Choice(["text", "markdown"]),
              default="text", show_default=True,
              help="markdown: the README's rule table, or a rule's reference page.")  # fmt: skip
@click.option("--rule-packs", multiple=True, metavar="DIR", help="Include your own rule packs.")
def rules(code: str | None, output_format: str, rule_packs: tuple[str, ...]) -> int:
    """List every rule, or print the full documentation of one (by CODE or name)."""
    from hygiene.registry.packs import load_ruleset
    from hygiene.report import ruledoc

    ruleset = load_ruleset(rule_packs)
    markdown = output_format == "markdown"
    if code is None:
        table = ruledoc.markdown_table if markdown else ruledoc.listing
        click.echo(table(ruleset.rules), nl=False)
        return ExitCode.CLEAN
    found = ruleset.find(code)
    if found is None:
        raise UsageError(f"unknown rule {code!r}: see 'hygiene rules'")
    click.echo(reference_page(ruleset, found) if markdown else ruledoc.page(found), nl=False)
    return ExitCode.CLEAN


def reference_page(ruleset: RuleSet, rule: Rule) -> str:
    """A rule's Markdown page, as ``hygiene rules CODE --format markdown`` prints it and
    ``rules/reference/`` holds it."""
    from hygiene.report import ruledoc

    return ruledoc.markdown_page(rule, example_fixes(ruleset, rule))


def example_fixes(ruleset: RuleSet, rule: Rule) -> tuple[Fix, ...]:
    """The fixes ``rule`` offers on its own reported example.

    A rule declares no fix safety of its own: each finding carries its fix, and one rule
    may offer a safe fix on one finding and an unsafe one on another (EN001: safe when
    ftfy's repair round-trips). So the page tells what the example it shows gets.
    """
    from hygiene.api import Checker
    from hygiene.config.settings import Config
    from hygiene.core.corpus import count_documents
    from hygiene.core.rule import example_bytes
    from hygiene.inputs.decoding import document_from_bytes

    example = rule.doc.bad
    # An example that opens with front matter is a Markdown document.
    path = "example.md" if example.startswith(("---\n", "+++\n")) else "example.txt"
    document = document_from_bytes(example_bytes(example), path)
    checker = Checker(Config(extend_select=(rule.code,)), ruleset)
    if rule.reads_corpus:
        checker.use_counts(count_documents([document] * _EXAMPLE_RUN))
    _, findings = checker.check(document)
    return tuple(f.fix for f in findings if f.code == rule.code and f.fix is not None)


@click.command()
@verbose_option
@click.argument(
    "which", type=click.Choice(["report", "records", "rule-pack", "config"]), default="report"
)
def schema(which: str) -> int:
    """Print a JSON Schema: the report (default), JSONL records, a rule pack, or the config."""
    from hygiene.support import schemas

    names = {
        "report": schemas.REPORT,
        "records": schemas.RECORDS,
        "rule-pack": schemas.RULE_PACK,
        "config": schemas.CONFIG,
    }
    click.echo(schemas.schema_text(names[which]), nl=False)
    return ExitCode.CLEAN
