"""Render rule documentation for ``hygiene rules``: a one-line listing, and a rule's full page."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable

from hygiene.core.rule import Rule
from hygiene.support.escape import escape_for_terminal


def listing(rules: Iterable[Rule]) -> str:
    """One line a rule: code, name, severity, summary; opt-in rules are marked."""
    rows = [
        (r.code, r.name, r.severity, r.doc.summary + ("" if r.enabled_by_default else " (opt-in)"))
        for r in rules
    ]
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
