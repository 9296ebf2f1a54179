"""Meta-tests: every rule documents itself, and its own examples behave as documented."""

from __future__ import annotations

import tomllib

import pytest

from hygiene.core.rule import Rule, example_bytes
from hygiene.registry.packs import BUILTIN_PREFIXES, RuleSet, load_ruleset
from tests.conftest import FIXTURES
from tests.test_rule_cases import found

RULES = load_ruleset().rules


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_rule_has_every_doc_field(rule: Rule) -> None:
    doc = rule.doc
    for field in ("summary", "why", "how_to_fix", "bad", "good"):
        assert getattr(doc, field).strip(), f"{rule.code} has no {field}"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_bad_example_fires_and_good_does_not(ruleset: RuleSet, rule: Rule) -> None:
    code = rule.code
    doc = rule.doc
    # A rule that compares documents sees both examples in a run of nine more bad ones.
    run = [doc.bad] * 9 if rule.reads_corpus else []
    for example, fires in ((doc.bad, True), (doc.good, False)):
        # An example that opens with front matter is a Markdown document.
        path = "example.md" if example.startswith(("---\n", "+++\n")) else "example.txt"
        hits = found(ruleset, code, example_bytes(example), path, run)
        assert bool(hits) == fires, f"{code}: its {'bad' if fires else 'good'} example misbehaves"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_rule_has_case_file_with_both_kinds(rule: Rule) -> None:
    code = rule.code
    path = FIXTURES / "rules" / f"{code}.toml"
    assert path.exists(), f"{code} has no case file {path.name}"
    cases = tomllib.loads(path.read_text(encoding="utf-8"))
    assert cases.get("fire"), f"{code}: no must-fire case"
    assert cases.get("pass"), f"{code}: no must-not-fire case"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_code_and_name_follow_the_group(rule: Rule) -> None:
    assert rule.code.startswith(BUILTIN_PREFIXES[rule.group])
