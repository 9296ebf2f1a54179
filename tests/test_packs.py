"""Rule packs: a broken pack fails with one line naming the file, the rule and the problem."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from hygiene.core.errors import RulePackError, UsageError
from hygiene.registry.packs import PackFile, load_pack, load_ruleset
from tests.conftest import run_cli

GOOD_RULE = """
[[rule]]
code = "XX001"
name = "extra.shout"
severity = "warning"
scope = "line"
kind = "pattern"
pattern = '[A-Z]{10,}'
message = "shouting: {match}"
summary = "Ten capitals in a row."
why = "Shouting."
how-to-fix = "Lower the case."
example-bad = "THISISLOUDER"
example-good = "This is not."
"""
HEADER = '[pack]\ngroup = "extra"\nprefix = "XX"\ndescription = "Test pack."\n'


def pack(body: str, header: str = HEADER) -> PackFile:
    return PackFile("my-packs/extra.toml", (header + body).encode("utf-8"))


def test_a_good_user_pack_loads() -> None:
    (rule,) = load_pack(pack(GOOD_RULE))
    assert (rule.code, rule.name, rule.scope) == ("XX001", "extra.shout", "line")
    assert rule.pack.name == "my-packs/extra.toml"
    assert len(rule.pack.sha256) == 64


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (GOOD_RULE + 'colour = "red"\n',
         "my-packs/extra.toml: rule XX001: unknown key 'colour'"),
        (GOOD_RULE.replace("'[A-Z]{10,}'", "'[A-Z'"),
         "my-packs/extra.toml: rule XX001: invalid regex '[A-Z': "),
        (GOOD_RULE.replace('severity = "warning"', 'severity = "fatal"'),
         "my-packs/extra.toml: rule XX001: severity: 'fatal' is not one of"),
        (GOOD_RULE.replace("shouting: {match}", "shouting: {matched}"),
         "my-packs/extra.toml: rule XX001: message 'shouting: {matched}' uses an unknown "
         "placeholder"),
        (GOOD_RULE.replace('code = "XX001"', 'code = "YY001"'),
         "my-packs/extra.toml: rule YY001: code must start with the pack's prefix 'XX'"),
        (GOOD_RULE.replace('name = "extra.shout"', 'name = "other.shout"'),
         "my-packs/extra.toml: rule XX001: name 'other.shout' must start with 'extra.'"),
        (GOOD_RULE.replace('how-to-fix = "Lower the case."\n', ""),
         "my-packs/extra.toml: rule XX001: 'how-to-fix' is a required property"),
        (GOOD_RULE.replace('kind = "pattern"', 'kind = "line-phrase"'),
         "my-packs/extra.toml: rule XX001: unknown key 'pattern'"),
        ("[[rule]\n", "my-packs/extra.toml: invalid TOML: "),
    ],
    ids=["unknown-key", "bad-regex", "bad-severity", "bad-placeholder", "wrong-prefix",
         "wrong-group", "missing-doc", "kind-fields", "bad-toml"],
)  # fmt: skip
def test_broken_pack_is_one_line_naming_file_and_rule(body: str, message: str) -> None:
    with pytest.raises(RulePackError) as raised:
        load_pack(pack(body))
    text = str(raised.value)
    assert text.startswith(message)
    assert "\n" not in text


def test_a_user_pack_cannot_take_a_builtin_prefix() -> None:
    header = '[pack]\ngroup = "extra"\nprefix = "UC"\ndescription = "x"\n'
    with pytest.raises(RulePackError, match="group 'extra' cannot use prefix 'UC'"):
        load_pack(pack(GOOD_RULE.replace("XX001", "UC001"), header))


def test_duplicate_code_across_packs(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(HEADER + GOOD_RULE, encoding="utf-8")
    (tmp_path / "b.toml").write_text(
        HEADER + GOOD_RULE.replace("extra.shout", "extra.yell"), encoding="utf-8"
    )
    with pytest.raises(RulePackError) as raised:
        load_ruleset([str(tmp_path)])
    assert str(raised.value) == (
        f"{tmp_path}/b.toml: rule XX001: duplicate code 'XX001', "
        f"already defined in {tmp_path}/a.toml"
    )


def test_selectors(ruleset: object) -> None:
    from hygiene.registry.packs import RuleSet

    assert isinstance(ruleset, RuleSet)
    codes = lambda selected: [r.code for r in selected.rules]  # noqa: E731
    assert codes(ruleset.select(["UC"])) == ["UC001", "UC002", "UC003", "UC004"]
    boilerplate = [f"BP{n:03}" for n in range(1, 12)]
    assert codes(ruleset.select(["boilerplate", "LG001"])) == [*boilerplate, "LG001"]
    # Opt-in rules come only by name, code or a prefix narrower than the group's.
    assert codes(ruleset.select(["BP"])) == boilerplate
    assert codes(ruleset.select(["BP1"])) == [f"BP{n}" for n in range(101, 107)]
    assert codes(ruleset.select(["provenance.missing-source-field"])) == ["PV004"]
    assert codes(ruleset.select(["unicode.bidi-control"])) == ["UC001"]
    assert "UC004" not in codes(ruleset.select(ignore=["UC004"]))
    with pytest.raises(UsageError, match="unknown rule selector 'ZZ9'"):
        ruleset.select(["ZZ9"])


def test_cli_reports_a_broken_pack_with_exit_2(tmp_path: Path) -> None:
    (tmp_path / "extra.toml").write_text(HEADER + GOOD_RULE + 'colour = "red"\n', encoding="utf-8")
    (tmp_path / "doc.txt").write_text("fine\n", encoding="utf-8")
    result = run_cli("check", "doc.txt", "--rule-packs", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert (
        result.stderr.decode() == "hygiene: error: ./extra.toml: rule XX001: unknown key 'colour'\n"
    )
    assert result.stdout == b""


def test_cli_runs_a_user_pack(tmp_path: Path) -> None:
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "extra.toml").write_text(HEADER + GOOD_RULE, encoding="utf-8")
    (tmp_path / "doc.txt").write_text("quiet\nVERYLOUDWORDS here\n", encoding="utf-8")
    result = run_cli("check", "doc.txt", "--rule-packs", "packs", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.decode().splitlines()[0] == (
        'doc.txt:2:1: XX001 extra.shout shouting: VERYLOUDWORDS: "VERYLOUDWORDS"'
    )


@pytest.mark.parametrize(
    ("key", "scope"),
    [("pattern = '(a|aa)+$'", "line"), ("allow = ['(a|aa)+c']", "document")],
    ids=["pattern", "allow"],
)
def test_a_backtracking_user_pattern_is_an_error_naming_document_rule_and_pack(
    tmp_path: Path, key: str, scope: str
) -> None:
    packs = tmp_path / "my-packs"
    packs.mkdir()
    rule = GOOD_RULE.replace('scope = "line"', f'scope = "{scope}"')
    if key.startswith("pattern"):
        rule = rule.replace("pattern = '[A-Z]{10,}'", key)
    else:  # every a is a match, and each asks the allow pattern, which backtracks
        rule = rule.replace("pattern = '[A-Z]{10,}'", "pattern = 'a'\n" + key)
    (packs / "extra.toml").write_text(HEADER + rule + "[rule.options]\ntimeout = 0.2\n", "utf-8")
    # A thousand hostile lines: the rule is stopped on the first, not timed out on each.
    (tmp_path / "hostile.txt").write_text(("a" * 5_000 + "b\n") * 1_000, "utf-8")
    (tmp_path / "fine.txt").write_text("aaaa\n", "utf-8")
    result = run_cli("check", "hostile.txt", "fine.txt", "--rule-packs", "my-packs",
                     "--extend-select", "XX001", "--format", "json", cwd=tmp_path)  # fmt: skip
    assert result.returncode == 3, result.stderr
    assert result.stderr.decode() == (
        "hygiene: error: hostile.txt: rule XX001 of my-packs/extra.toml ran out of time "
        "(0.2 s a search) and was stopped on this document; its other rules ran (simplify "
        "the pattern: nested repeats such as (a|aa)+ backtrack)\n"
    )
    report = json.loads(result.stdout)
    assert {f["path"] for f in report["findings"] if f["code"] == "XX001"} == {"fine.txt"}
    assert [e["path"] for e in report["errors"]] == ["hostile.txt"]


def test_every_builtin_pack_validates_against_the_schema() -> None:
    """Runs load them without the check (start-up time); this is where they get it."""
    from hygiene.registry.packs import builtin_pack_files
    from hygiene.support import schemas

    packs = builtin_pack_files()
    assert len(packs) >= 10
    for pack in packs:
        data = tomllib.loads(pack.data.decode("utf-8"))
        assert schemas.first_error(schemas.RULE_PACK, data) is None, pack.name


@pytest.mark.parametrize(
    ("addition", "problem"),
    [
        ('[rule.options]\ntimeout = "soon"\n', "options: timeout: expected float, got 'soon'"),
        ("[rule.options]\ntimeout = -1\n",
         "options: timeout: expected a number above 0 and at most 60, got -1"),
        ("[rule.options]\ntimeout = 1e9\n",
         "options: timeout: expected a number above 0 and at most 60, got 1000000000.0"),
        ("[rule.options]\ncolour = 1\n", "options: unknown option 'colour' (known: timeout)"),
    ],
    ids=["not-a-number", "negative", "unbounded", "unknown"],
)  # fmt: skip
def test_pack_options_are_typed_and_bounded(addition: str, problem: str) -> None:
    with pytest.raises(RulePackError) as raised:
        load_pack(pack(GOOD_RULE + addition))
    assert str(raised.value) == f"my-packs/extra.toml: rule XX001: {problem}"


def test_a_message_placeholder_takes_no_format_spec() -> None:
    rule = GOOD_RULE.replace('message = "shouting: {match}"', 'message = "{match:>50000000}"')
    with pytest.raises(RulePackError) as raised:
        load_pack(pack(rule))
    assert "placeholders take no format spec or conversion; write {match}" in str(raised.value)


def test_a_configured_timeout_is_bounded_too(tmp_path: Path) -> None:
    (tmp_path / "hygiene.toml").write_text("[rules.UC004]\ntimeout = 1e9\n", encoding="utf-8")
    (tmp_path / "doc.txt").write_text("text\n", encoding="utf-8")
    result = run_cli("check", "doc.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "hygiene: error: hygiene.toml: rules.unicode.no-break-space.timeout: expected a number "
        "above 0 and at most 60, got 1000000000.0\n"
    )
