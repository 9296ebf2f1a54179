"""``hygiene fix``: apply the fixes of exactly the findings ``check`` would report.

A file keeps its encoding, BOM, line endings and mode; standard input (an editor's
buffer) is fixed to standard output.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import click

from hygiene.cli.exits import say_error
from hygiene.cli.options import build_config, quiet_options, rule_options, verbose_option
from hygiene.core.errors import ExitCode

if TYPE_CHECKING:
    from hygiene.core.finding import Finding


@click.command()
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
@quiet_options
@rule_options
def fix(
    paths: tuple[str, ...],
    show_diff: bool,
    unsafe_fixes: bool,
    baseline: str | None,
    diff_base: str | None,
    quiet: bool,
    silent: bool,
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

    checker = Checker(*build_config(paths, options))
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
            if show_diff and not silent:
                click.echo(outcome.diff(), nl=False)
    for problem in errors:
        say_error(problem)
    # Quiet hides the count, silent the diff too; the fixed text of standard input was
    # written either way: it is what an editor asked for, not a message.
    if not (quiet or silent):
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
