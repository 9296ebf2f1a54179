"""Inline directives hide exactly the findings they name, where they say."""

from __future__ import annotations

from hygiene.api import Checker
from hygiene.config import Config
from hygiene.loaders import document_from_bytes
from hygiene.packs import RuleSet

NBSP = "\u00a0"


def check(ruleset: RuleSet, text: str, path: str = "doc.md") -> tuple[list[tuple[str, int]], int]:
    record, findings = Checker(Config(), ruleset).check(
        document_from_bytes(text.encode("utf-8"), path)
    )
    return [(f.code, f.span.line) for f in findings], record.suppressed


def test_disable_next_line_hides_only_the_named_rule_on_the_next_line(ruleset: RuleSet) -> None:
    text = f"<!-- hygiene: disable-next-line BP001 -->\nWATCH: A{NBSP}video\nWATCH: Another\n"
    assert check(ruleset, text) == ([("UC004", 2), ("BP001", 3)], 1)


def test_range_and_file_directives(ruleset: RuleSet) -> None:
    text = (
        "<!-- hygiene: disable-file UC004 -->\n"
        f"one{NBSP}two\n"
        "<!-- hygiene: disable boilerplate -->\n"
        "WATCH: Hidden\n"
        "<!-- hygiene: enable boilerplate -->\n"
        "WATCH: Shown\n"
    )
    assert check(ruleset, text) == ([("BP001", 6)], 2)


def test_unclosed_disable_runs_to_the_end(ruleset: RuleSet) -> None:
    text = "WATCH: Shown\n<!-- hygiene: disable BP001 -->\nWATCH: Hidden\n\nWATCH: Hidden too\n"
    assert check(ruleset, text) == ([("BP001", 1)], 2)


def test_plain_text_marker(ruleset: RuleSet) -> None:
    text = f"WATCH: A video hygiene: ignore BP001\nwide{NBSP}gap hygiene: ignore\n"
    assert check(ruleset, text, "doc.txt") == ([], 2)


def test_unused_directive_is_reported_but_not_for_rules_that_did_not_run(
    ruleset: RuleSet,
) -> None:
    text = "<!-- hygiene: disable-next-line BP001 -->\nPlain prose.\n"
    assert check(ruleset, text) == ([("SU001", 1)], 0)
    _, findings = Checker(Config(ignore=("BP",)), ruleset).check(
        document_from_bytes(text.encode(), "doc.md")
    )
    assert findings == []
