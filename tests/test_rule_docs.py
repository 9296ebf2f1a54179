"""Meta-tests: every rule documents itself, its own examples behave as documented, and the
checked-in documentation generated from the rules is up to date.

The README's rule table (between its ``rules:begin`` and ``rules:end`` markers) and the pages
in ``rules/reference/`` are generated; after changing a rule, regenerate them with
``HYGIENE_UPDATE_DOCS=1 pytest tests/test_rule_docs.py`` and review the diff.
"""

from __future__ import annotations

import tomllib

import pytest

from hygiene.cli.info import reference_page
from hygiene.core.rule import Rule, example_bytes
from hygiene.registry.packs import BUILTIN_PREFIXES, RuleSet, load_ruleset
from hygiene.report import ruledoc
from tests.conftest import FIXTURES, ROOT, UPDATE_DOCS, readme_block
from tests.test_rule_cases import found

RULES = load_ruleset().rules
REFERENCE = ROOT / "rules" / "reference"
REGENERATE = (
    "regenerate with: HYGIENE_UPDATE_DOCS=1 .venv/bin/python -m pytest tests/test_rule_docs.py"
)


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


def test_readme_rule_table_is_generated_from_the_rules() -> None:
    generated = ruledoc.markdown_table(RULES)
    assert readme_block("rules", generated) == generated, (
        f"README.md's rule table is stale; {REGENERATE}"
    )


def test_reference_pages_are_generated_from_the_rules(ruleset: RuleSet) -> None:
    pages = {f"{rule.code}.md": reference_page(ruleset, rule) for rule in RULES}
    pages["README.md"] = ruledoc.markdown_index(RULES)
    if UPDATE_DOCS:
        REFERENCE.mkdir(exist_ok=True)
        for name, text in pages.items():
            path = REFERENCE / name
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8", newline="")
        for path in REFERENCE.glob("*.md"):
            if path.name not in pages:  # a rule that was removed or renumbered
                path.unlink()
    stale = [
        name
        for name, text in pages.items()
        if not (REFERENCE / name).exists() or (REFERENCE / name).read_text(encoding="utf-8") != text
    ]
    extra = sorted(path.name for path in REFERENCE.glob("*.md") if path.name not in pages)
    assert not stale, f"rules/reference/ pages missing or stale: {', '.join(stale)}; {REGENERATE}"
    assert not extra, f"rules/reference/ pages of no rule: {', '.join(extra)}; {REGENERATE}"
