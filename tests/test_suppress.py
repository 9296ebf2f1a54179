"""Inline directives hide exactly the findings they name, where they say."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from hygiene.api import Checker
from hygiene.config.settings import Config
from hygiene.core.directives import comment_syntaxes, parse_directives
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


# Each format's comments, as a template of the directive's words.
COMMENTS = {
    "doc.md": "<!-- hygiene: {} -->",
    "doc.html": "<!-- hygiene: {} -->",
    "doc.txt": "<!-- hygiene: {} -->",
    "doc.mdx": "{{/* hygiene: {} */}}",
    "doc.rst": ".. hygiene: {}",
    "doc.adoc": "// hygiene: {}",
}


def findings_of(ruleset: RuleSet, text: str, path: str, config: Config | None = None) -> Any:
    """Each finding as code, line, column and excerpt, and how many were suppressed."""
    record, findings = Checker(config or Config(), ruleset).check(
        document_from_bytes(text.encode("utf-8"), path)
    )
    return [(f.code, f.span.line, f.span.column, f.excerpt) for f in findings], record.suppressed


@pytest.mark.parametrize("path", sorted(COMMENTS))
def test_each_format_writes_directives_in_its_own_comments(ruleset: RuleSet, path: str) -> None:
    comment = COMMENTS[path]
    hiding = f"Intro.\n\n{comment.format('disable-next-line BP001')}\n\nWATCH: A video\n\n"
    assert check(ruleset, hiding + "WATCH: Another\n", path) == ([("BP001", 7)], 1)
    directive = comment.format("disable-next-line UC004")
    unused = f"Intro.\n\n{directive}\n\nWATCH: A video\n"
    assert findings_of(ruleset, unused, path) == (
        [("SU001", 3, 1, directive), ("BP001", 5, 1, "WATCH: A video")],
        0,
    )


@pytest.mark.parametrize(
    ("path", "comment"),
    [
        ("doc.txt", "// hygiene: disable-next-line BP001"),  # plain text has no comments
        ("doc.txt", ".. hygiene: disable-next-line BP001"),
        ("doc.md", "{/* hygiene: disable-next-line BP001 */}"),
        ("doc.md", "// hygiene: disable-next-line BP001"),
        ("doc.rst", "<!-- hygiene: disable-next-line BP001 -->"),  # shown as text
        ("doc.adoc", "<!-- hygiene: disable-next-line BP001 -->"),
        ("doc.adoc", "//// hygiene: disable-next-line BP001"),  # four slashes: no line comment
    ],
)
def test_another_formats_comment_is_no_directive(ruleset: RuleSet, path: str, comment: str) -> None:
    found, suppressed = check(ruleset, f"Intro.\n\n{comment}\nWATCH: A video\n", path)
    assert ([f for f in found if f[0] in ("BP001", "SU001")], suppressed) == ([("BP001", 4)], 0)


def test_comment_syntaxes_follow_the_format_refined_by_the_suffix() -> None:
    def syntaxes(path: str, fmt: str) -> set[str]:
        return set(comment_syntaxes(replace(document_from_bytes(b"x\n", path), format=fmt)))

    # The same answer whether the reader gives a markup a format of its own or not.
    assert syntaxes("a.rst", "text") == syntaxes("a.rst", "rst") == {"rst"}
    assert syntaxes("a.adoc", "text") == syntaxes("a.adoc", "asciidoc") == {"asciidoc"}
    assert syntaxes("a.mdx", "markdown") == syntaxes("a.mdx", "mdx") == {"mdx", "html"}
    assert syntaxes("a.html", "text") == syntaxes("a.html", "html") == {"html"}
    # Plain text (a JSON Lines record too) keeps HTML comments; a chosen format wins over
    # a suffix that names no markup.
    assert syntaxes("a.txt", "text") == syntaxes("shard.jsonl", "text") == {"html"}
    assert syntaxes("notes.txt", "rst") == {"rst"}


def test_directive_offsets_and_lines_with_every_line_break(ruleset: RuleSet) -> None:
    for path, text in [
        ("doc.rst", "Intro.\r\n\r\n.. hygiene: disable-next-line BP001\r\nWATCH: A video\r\n"),
        ("doc.adoc", "Intro.\r\r// hygiene: disable-next-line BP001\rWATCH: A video\r"),
        ("doc.txt", "Intro.\r\n\r\nWATCH: A video hygiene: ignore BP001\r\n"),
    ]:
        assert check(ruleset, text, path) == ([], 1), path
    directive = "{/* hygiene: ignore UC004 */}"
    text = f"Intro.\n\nAn ordinary sentence. {directive}\n"
    assert findings_of(ruleset, text, "doc.mdx") == ([("SU001", 3, 23, directive)], 0)
    document = document_from_bytes(text.encode(), "doc.mdx")
    (parsed,) = parse_directives(document)
    assert document.text[parsed.start : parsed.end] == directive


def test_a_directive_in_code_is_an_example(ruleset: RuleSet) -> None:
    text = (
        "Intro.\n\n```markdown\n<!-- hygiene: disable-file -->\n```\n\n"
        f"wide{NBSP}gap\n\n    <!-- hygiene: disable-file -->\n"
    )
    assert check(ruleset, text) == ([("UC004", 7)], 0)


PAGE_OFF = "---\ntitle: A page\nhygiene: off    # the page is not checked\n---\n"


def test_front_matter_turns_the_page_off(ruleset: RuleSet) -> None:
    body = f"WATCH: A video\n\nwide{NBSP}gap\n\n<!-- hygiene: disable-next-line LG001 -->\nText.\n"
    assert check(ruleset, PAGE_OFF + body) == ([], 2)
    toml = "+++\ntitle = 'A page'\nhygiene = false\n+++\n"
    assert check(ruleset, toml + body) == ([], 2)
    assert check(ruleset, "---\nhygiene: on\n---\n" + body) == (
        [("BP001", 4), ("UC004", 6), ("SU001", 8)],
        0,
    )
    record, findings = Checker(Config(inline_config=False), ruleset).check(
        document_from_bytes((PAGE_OFF + body).encode(), "doc.md")
    )
    assert ([(f.code, f.span.line) for f in findings], record.suppressed) == (
        [("BP001", 5), ("UC004", 7)],
        0,
    )


@pytest.mark.parametrize(
    "front",
    [
        "---\nhygiene-ignore: [BP, LG003]\n---\n",
        "---\nhygiene-ignore: BP001, LG003  # kept on purpose\n---\n",
        "---\nhygiene-ignore:  # kept on purpose\n  - boilerplate\n  - LG003  # quotations\n---\n",
        "+++\nhygiene-ignore = ['BP', 'LG003']\n+++\n",
    ],
)
def test_front_matter_ignores_some_rules(ruleset: RuleSet, front: str) -> None:
    lines = front.count("\n")
    body = f"WATCH: A video\n\nwide{NBSP}gap\n"
    assert check(ruleset, front + body) == ([("UC004", lines + 3)], 1)


def test_front_matter_key_unused_unknown_or_turned_off(ruleset: RuleSet) -> None:
    text = "---\ntitle: A page\nhygiene-ignore: [UC004]\n---\nWATCH: A video\n"
    assert findings_of(ruleset, text, "doc.md") == (
        [
            ("SU001", 3, 1, "hygiene-ignore: [UC004]"),
            ("BP001", 5, 1, "WATCH: A video"),
        ],
        0,
    )
    # A selector no rule answers to hides nothing and is not reported, as inline.
    unknown = "---\nhygiene-ignore: [XX999]\n---\nWATCH: A video\n"
    assert check(ruleset, unknown) == ([("BP001", 4)], 0)
    # Malformed, it is no directive: the page is checked.
    malformed = "---\nhygiene-ignore: [BP 0_1]\n---\nWATCH: A video\n"
    assert check(ruleset, malformed) == ([("BP001", 4)], 0)
    off = Config(inline_config=False)
    assert findings_of(ruleset, text, "doc.md", off) == ([("BP001", 5, 1, "WATCH: A video")], 0)


def test_fix_respects_front_matter_and_comments(tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text(f"{PAGE_OFF}wide{NBSP}gap\n", encoding="utf-8")
    (tmp_path / "page.rst").write_text(
        f"Intro.\n\n.. hygiene: disable-next-line UC004\n\nwide{NBSP}gap\n", encoding="utf-8"
    )
    kept = run_cli("fix", "page.md", "page.rst", "--diff", cwd=tmp_path)
    assert (kept.returncode, kept.stdout) == (0, b"")
    fixed = run_cli("fix", "page.md", "page.rst", "--diff", "--no-inline-config", cwd=tmp_path)
    assert fixed.returncode == 1
    assert fixed.stdout.count(b"+wide gap\n") == 2
