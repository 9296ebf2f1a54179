"""Inline directives hide exactly the findings they name, where they say."""

from __future__ import annotations

import json
from pathlib import Path

from hygiene.api import Checker
from hygiene.config.settings import Config
from hygiene.core.document import Document
from hygiene.inputs.decoding import document_from_bytes
from hygiene.inputs.jsonl import iter_documents
from hygiene.registry.packs import RuleSet
from tests.conftest import run_cli

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


# A record of an untrusted corpus that tries to hide its own Trojan Source.
SILENCING_RECORD = {
    "id": "r1",
    "text": "<!-- hygiene: disable-file -->\nTotal: \N{RIGHT-TO-LEFT OVERRIDE}100 USD\n",
}


def check_record(ruleset: RuleSet, config: Config, tmp_path: Path) -> tuple[list[str], int]:
    shard = tmp_path / "shard.jsonl"
    shard.write_text(json.dumps(SILENCING_RECORD) + "\n", encoding="utf-8")
    (document,) = iter_documents(str(shard), "shard.jsonl")
    assert isinstance(document, Document) and document.record is not None
    record, findings = Checker(config, ruleset).check(document)
    return [f.code for f in findings], record.suppressed


def test_directives_in_json_lines_records_are_ignored_by_default(
    ruleset: RuleSet, tmp_path: Path
) -> None:
    assert check_record(ruleset, Config(), tmp_path) == (["UC001"], 0)
    # The same text in a file of the repository is the author's: its directive counts.
    assert check(ruleset, SILENCING_RECORD["text"]) == ([], 1)
    opted_in = Config(inline_config_in_jsonl=True)
    assert check_record(ruleset, opted_in, tmp_path) == ([], 1)
    # inline-config = false wins over the JSON Lines opt-in.
    both = Config(inline_config=False, inline_config_in_jsonl=True)
    assert check_record(ruleset, both, tmp_path) == (["UC001"], 0)


def test_inline_config_off_hides_nothing_and_reports_no_unused_directive(
    ruleset: RuleSet,
) -> None:
    text = (
        "<!-- hygiene: disable-next-line BP001 -->\nWATCH: A video\n\n"
        "<!-- hygiene: disable-next-line UC004 -->\nPlain prose.\n"  # unused: SU001 when on
    )
    assert check(ruleset, text) == ([("SU001", 4)], 1)
    record, findings = Checker(Config(inline_config=False), ruleset).check(
        document_from_bytes(text.encode("utf-8"), "doc.md")
    )
    assert ([(f.code, f.span.line) for f in findings], record.suppressed) == ([("BP001", 2)], 0)


def test_no_inline_config_flag_on_check_fix_and_config(tmp_path: Path) -> None:
    (tmp_path / "doc.md").write_text(
        "The talks ended on Thursday without an agreement on trade.\n\n"
        "<!-- hygiene: disable-next-line BP001 -->\nWATCH: Trump on Mexico relations\n",
        encoding="utf-8",
    )
    honoured = run_cli("check", "doc.md", "--format", "json", cwd=tmp_path)
    assert honoured.returncode == 0
    assert json.loads(honoured.stdout)["summary"]["suppressed"] == 1
    ignored = run_cli("check", "doc.md", "--no-inline-config", "--format", "json", cwd=tmp_path)
    assert ignored.returncode == 1
    report = json.loads(ignored.stdout)
    assert [f["code"] for f in report["findings"]] == ["BP001"]
    assert report["summary"]["suppressed"] == 0
    # fix changes what check reports with the same options: the hidden line goes only now.
    kept = run_cli("fix", "doc.md", "--unsafe-fixes", "--diff", cwd=tmp_path)
    assert (kept.returncode, kept.stdout) == (0, b"")
    fixed = run_cli("fix", "doc.md", "--unsafe-fixes", "--diff", "--no-inline-config",
                    cwd=tmp_path)  # fmt: skip
    assert fixed.returncode == 1 and b"-WATCH: Trump on Mexico relations" in fixed.stdout
    shown = json.loads(run_cli("config", "--no-inline-config", cwd=tmp_path).stdout)
    assert (shown["inline_config"], shown["inline_config_in_jsonl"]) == (False, False)


def test_inline_config_keys_in_the_configuration_file(tmp_path: Path) -> None:
    (tmp_path / "shard.jsonl").write_text(json.dumps(SILENCING_RECORD) + "\n", encoding="utf-8")
    (tmp_path / "doc.md").write_text(SILENCING_RECORD["text"], encoding="utf-8")

    def codes(config: str) -> list[str]:
        (tmp_path / "hygiene.toml").write_text(config, encoding="utf-8")
        result = run_cli("check", ".", "--format", "json", cwd=tmp_path)
        assert result.returncode in (0, 1), result.stderr
        return [f"{f['path']} {f['code']}" for f in json.loads(result.stdout)["findings"]]

    assert codes("") == ["shard.jsonl UC001"]  # the default: records are untrusted
    assert codes("inline-config-in-jsonl = true\n") == []
    assert codes("inline-config = false\n") == ["doc.md UC001", "shard.jsonl UC001"]
    (tmp_path / "hygiene.toml").write_text('inline-config = "no"\n', encoding="utf-8")
    bad = run_cli("check", ".", cwd=tmp_path)
    assert bad.returncode == 2
    assert bad.stderr.decode().startswith("hygiene: error: hygiene.toml: inline-config: ")


def test_inline_config_settings_keep_the_digest_of_configurations_without_them() -> None:
    # The digest of every configuration written before the settings existed is unchanged
    # (the seed's golden report holds one); using them changes it.
    assert Config().digest() == Config(inline_config=True, inline_config_in_jsonl=False).digest()
    assert Config(inline_config=False).digest() != Config().digest()
    assert Config(inline_config_in_jsonl=True).digest() != Config().digest()
    assert Config().digest() == (
        "sha256:1a078c56d084186c22c78a777af58bb8655fc1c7b740dd4d9b82cea65d494ed8"
    )
