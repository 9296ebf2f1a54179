"""Render rule documentation for ``hygiene rules``: a listing and a rule's full page, as text
for the terminal or as Markdown for the README's rule table and ``rules/reference/``.

Everything comes from the rule itself (its doc fields, severity, scope, options, pack), so
the documentation cannot drift from the rules; nothing here runs a rule. The fixes a rule
offered on its own example are found by the caller and handed in.

The pages are also where a report sends its reader: ``reference_url`` is the one place a
page's address is built (SARIF's ``helpUri``, the cut descriptions that point to the rest,
the JSON report's ``run.rule_urls``)."""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any

from hygiene import __version__
from hygiene.core.rule import Fix, Rule
from hygiene.support.escape import escape_for_terminal
from hygiene.support.shipped import builtin_folder

# Where the project is published: the one place the code writes its address (setup.cfg's
# project URLs name the same); every link to a rule's page is built from it, so a move of
# the repository is a change of this line and of those URLs.
REPOSITORY_URL = "https://github.com/hygiene-checker/hygiene"
# The generated pages, in the repository, one a rule: ``rules/reference/<CODE>.md``.
REFERENCE_FOLDER = "rules/reference"

TABLE_HEADER = "| code | name | severity | finds |\n|---|---|---|---|\n"
ESCAPES_NOTE = "Control, bidi and invisible characters are shown as `\\uXXXX` escapes."
# In the order the pages list them, safest first.
_FIX_APPLIED = {
    "safe": "`hygiene fix` applies a safe fix.",
    "unsafe": "An unsafe fix is applied only by `hygiene fix --unsafe-fixes`.",
    "display-only": "A display-only fix is shown in reports and never applied.",
}


def _summary(rule: Rule) -> str:
    return rule.doc.summary + ("" if rule.enabled_by_default else " (opt-in)")


def listing(rules: Iterable[Rule]) -> str:
    """One line a rule: code, name, severity, summary; opt-in rules are marked."""
    rows = [(r.code, r.name, r.severity, _summary(r)) for r in rules]
    name_width = max((len(row[1]) for row in rows), default=0)
    return "".join(
        f"{code}  {name:<{name_width}}  {severity:<7}  {summary}\n"
        for code, name, severity, summary in rows
    )


def _indent(text: str) -> str:
    return "\n".join(
        "    " + escape_for_terminal(line) if line.strip() else "" for line in text.splitlines()
    )


def page(rule: Rule) -> str:
    """Everything about one rule, in the same sections for every rule."""
    wrap = textwrap.TextWrapper(width=88, initial_indent="    ", subsequent_indent="    ")
    options = "\n".join(f"    {key} = {json.dumps(value)}" for key, value in rule.options.items())
    sections = [
        f"{rule.code} {rule.name}",
        f"severity: {rule.severity}; scope: {rule.scope}; "
        f"{'on by default' if rule.enabled_by_default else 'opt-in (select it to run it)'}",
        f"defined in: {rule.pack.name} (sha256 {rule.pack.sha256[:12]}…)",
        "",
        "What it finds",
        wrap.fill(rule.doc.summary),
        "",
        "Why it matters",
        wrap.fill(rule.doc.why),
        "",
        "Example that is reported",
        _indent(rule.doc.bad),
        "",
        "Example that is left alone",
        _indent(rule.doc.good),
        "",
        "How to fix",
        wrap.fill(rule.doc.how_to_fix),
    ]
    if options:
        sections += ["", "Options", options]
    return "\n".join(sections) + "\n"


def _prose(text: str) -> str:
    """Rule docs are written as Markdown already (``code`` spans); only characters a
    reader cannot see are escaped, so that no page carries a raw bidi override."""
    return escape_for_terminal(text)


def _cell(text: str) -> str:
    """Text for a table cell, where a ``|`` would end the cell."""
    return _prose(text).replace("|", "\\|")


def _code(text: str) -> str:
    """An inline code span that holds ``text`` whatever backticks it holds."""
    ticks = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{padding}{text}{padding}{ticks}"


def _example(text: str) -> tuple[str, bool]:
    """A fenced block of an example document, and whether a character had to be escaped."""
    lines = [escape_for_terminal(line) for line in text.splitlines()]
    escaped = lines != text.splitlines()
    fence = "`" * max(3, max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    return "\n".join([f"{fence}text", *lines, fence]), escaped


def markdown_table(rules: Iterable[Rule], linked: bool = False) -> str:
    """The rule table of the README: a row a rule, its summary as what it finds.

    ``linked`` makes each code a link to its page, for the index beside the pages.
    """
    rows = "".join(
        f"| {f'[{r.code}]({r.code}.md)' if linked else r.code} | {r.name} | {r.severity} "
        f"| {_cell(_summary(r))} |\n"
        for r in rules
    )
    return TABLE_HEADER + rows


def markdown_index(rules: Iterable[Rule]) -> str:
    """``rules/reference/README.md``: what the pages are, and a link to each."""
    return (
        "# Rule reference\n\n"
        "A page a rule, generated from the rule's own documentation by "
        "`hygiene rules CODE --format markdown`. Do not edit them by hand: the README's "
        "Development section says how to regenerate them.\n\n" + markdown_table(rules, linked=True)
    )


def _fix_safety(fixes: Sequence[Fix]) -> list[str]:
    """What the fixes offered on the reported example are, and which command applies them."""
    offered = sorted({(fix.safety, fix.description) for fix in fixes}, key=_by_safety)
    if not offered:
        return ["No fix is offered on the example above: its findings are mended by hand."]
    items = "\n".join(f"- **{safety}**: {_prose(description)}" for safety, description in offered)
    applied = " ".join(_FIX_APPLIED[safety] for safety in dict.fromkeys(s for s, _ in offered))
    return ["The findings on the example above come with these fixes:", items, applied]


def _by_safety(fix: tuple[str, str]) -> tuple[int, str]:
    return list(_FIX_APPLIED).index(fix[0]), fix[1]


def _option_rows(options: dict[str, Any]) -> list[str]:
    return ["| option | default |", "|---|---|"] + [
        f"| {_code(key)} | {_cell(_code(json.dumps(value, ensure_ascii=False)))} |"
        for key, value in options.items()
    ]


def markdown_page(rule: Rule, fixes: Sequence[Fix] = ()) -> str:
    """One rule's reference page: the sections of ``page``, with the fixes ``fixes`` says
    the rule offered on its reported example."""
    runs = "by default" if rule.enabled_by_default else f"opt-in: `--extend-select {rule.code}`"
    bad, bad_escaped = _example(rule.doc.bad)
    good, good_escaped = _example(rule.doc.good)
    sections = [
        f"# {rule.code} {rule.name}",
        f"- Severity: {rule.severity}\n- Scope: {rule.scope}\n- Runs: {runs}\n"
        f"- Revision: {rule.revision} (bumped when what the rule finds changes)\n"
        f"- Defined in: {_code(rule.pack.name)}",
        "## What it finds",
        _prose(rule.doc.summary),
        "## Why it matters",
        _prose(rule.doc.why),
        "## Example that is reported",
        bad,
        "## Example that is left alone",
        good,
        *([ESCAPES_NOTE] if bad_escaped or good_escaped else []),
        "## How to fix",
        _prose(rule.doc.how_to_fix),
        "## Fix safety",
        *_fix_safety(fixes),
    ]
    if rule.options:
        sections += [
            "## Options",
            "\n".join(_option_rows(dict(rule.options))),
            f"Set them under `[tool.hygiene.rules.{json.dumps(rule.name)}]` in `pyproject.toml`"
            f" (`[rules.{json.dumps(rule.name)}]` in `hygiene.toml`).",
        ]
    return "\n\n".join(sections) + "\n"


def reference_url(rule: Rule) -> str | None:
    """The address of a built-in rule's page, at the tag of the running version, so that
    a report links to the rule as this version applied it (SARIF's ``helpUri``, the JSON
    report's ``run.rule_urls``); None for a rule of the user's own packs, which has no page.

    Built-in rules are the Python ones (a user's packs are TOML) and those of the packs
    shipped in ``rules/``; a user's pack may share a built-in group and its prefix, so
    neither tells a built-in rule apart.
    """
    pack = rule.pack.name
    python = pack.startswith("hygiene/groups/") and pack.endswith(".py")
    shipped = pack.startswith("rules/") and (builtin_folder() / pack[len("rules/") :]).is_file()
    if not (python or shipped):
        return None
    return f"{REPOSITORY_URL}/blob/v{__version__}/{REFERENCE_FOLDER}/{rule.code}.md"
