"""The command line as users run it: outputs, every exit code, and the seed's acceptance."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hygiene.registry.packs import load_ruleset
from hygiene.report.model import SCHEMA_VERSION
from hygiene.support import schemas
from tests.conftest import ROOT, SEED, run_cli

CLEAN = "The talks ended without an agreement.\n"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def test_seed_text_output_and_exit_1() -> None:
    result = run_cli("check", "seeds/")
    assert result.returncode == 1
    assert result.stderr == b""
    lines = result.stdout.decode("utf-8").splitlines()
    assert [line.split(" ")[0:2] for line in lines[:-1]] == [
        ["seeds/000_3b11dac5e552c86b.txt:21:1:", "BP001"],
        ["seeds/000_3b11dac5e552c86b.txt:31:27:", "PV002"],
        ["seeds/000_3b11dac5e552c86b.txt:31:110:", "PV002"],
        ["seeds/000_3b11dac5e552c86b.txt:43:1:", "PV002"],
        ["seeds/000_3b11dac5e552c86b.txt:43:234:", "PV002"],
        ["seeds/000_3b11dac5e552c86b.txt:54:72:", "UC004"],
        ["seeds/000_3b11dac5e552c86b.txt:54:176:", "UC004"],
        ["seeds/000_3b11dac5e552c86b.txt:58:1:", "BP007"],
        ["seeds/000_3b11dac5e552c86b.txt:58:1:", "LG001"],
    ]
    assert lines[-1] == (
        "Found 9 findings (3 warnings, 6 info) in 1 document. 2 fixable with `hygiene fix` "
        "(2 more with `hygiene fix --unsafe-fixes`)."
    )


def test_seed_json_validates_and_has_exactly_the_expected_findings() -> None:
    result = run_cli("check", "seeds/", "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    schemas.validator(schemas.REPORT).validate(report)
    got = [
        (f["code"], f["severity"], f["span"]["line"], f["span"]["column"], f["excerpt"])
        for f in report["findings"]
    ]
    assert got == [
        ("BP001", "warning", 21, 1, "WATCH: Trump on Mexico relations"),
        (
            "PV002",
            "info",
            31,
            27,
            "according to officials in both countries who spoke on condition",
        ),
        ("PV002", "info", 31, 110, "Media reports say"),
        ("PV002", "info", 43, 1, "A U.S. official"),
        ("PV002", "info", 43, 234, "the official"),
        ("UC004", "info", 54, 72, "\u00a0"),
        ("UC004", "info", 54, 176, "\u00a0"),
        ("BP007", "warning", 58, 1, "коментарі читачів:"),
        ("LG001", "warning", 58, 1, "коментарі читачів:"),
    ]
    language = report["findings"][-1]
    assert language["name"] == "language.foreign-script"
    assert "Cyrillic" in language["message"] and "end of the document" in language["message"]
    text = SEED.read_text(encoding="utf-8")
    assert text[language["span"]["start"] : language["span"]["end"]] == "коментарі читачів:"


def test_seed_provenance_lists_every_quotation_with_its_speaker() -> None:
    report = json.loads(run_cli("check", "seeds/", "--format", "json").stdout)
    provenance = report["documents"][0]["provenance"]
    quotes = provenance["quotations"]
    text = SEED.read_text(encoding="utf-8")
    assert len(quotes) == 16
    assert all(q["attribution"] in ("named", "anonymous") and q["speaker"] for q in quotes)
    speakers = [q["speaker"] for q in quotes]
    assert speakers[:5] == ["Secretary of State Rex Tillerson"] * 2 + [
        "Luis Videgaray",
        "Tillerson",
        "Trump",
    ]
    assert [q["attribution"] for q in quotes].count("anonymous") == 2
    last = quotes[-1]  # continues after "O’Neil said." in the same paragraph
    assert (last["speaker"], last["carried"]) == ("O’Neil", True)
    assert text[last["span"]["start"] : last["span"]["start"] + 19] == "“Rising nationalism"
    assert {c["source"] for c in provenance["credits"]} == {"VOA"}
    assert "PV001" not in {f["code"] for f in report["findings"]}
    (document,) = report["documents"]
    assert document["sha256"] == "28c5ce94a4f7c8f8121c0455351318545a7f5aa2dfc695be0112129ef62e6654"
    assert (document["bytes"], document["encoding"], document["bom"], document["newline"]) == (
        4619, "utf-8", False, "lf",
    )  # fmt: skip


def test_two_runs_give_identical_bytes() -> None:
    first = run_cli("check", "seeds/", "--format", "json")
    second = run_cli("check", "seeds/", "--format", "json")
    assert first.stdout == second.stdout


def test_exit_zero_and_fail_on() -> None:
    assert run_cli("check", "seeds/", "--exit-zero").returncode == 0
    assert run_cli("check", "seeds/", "--fail-on", "error").returncode == 0
    assert run_cli("check", "seeds/", "--select", "UC004").returncode == 0  # info never fails
    assert run_cli("check", "seeds/", "--select", "UC004", "--fail-on", "info").returncode == 1


def test_clean_file_exits_0(tmp_path: Path) -> None:
    write(tmp_path, "clean.md", CLEAN)
    result = run_cli("check", "clean.md", cwd=tmp_path)
    assert (result.returncode, result.stdout.decode()) == (0, "Found 0 findings in 1 document.\n")


def test_select_and_ignore() -> None:
    result = run_cli(
        "check", "seeds/", "--select", "LG,BP001", "--ignore", "BP", "--format", "json"
    )
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["LG001"]
    assert json.loads(result.stdout)["run"]["rules"] == ["LG001", "LG002", "LG003"]


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    unknown = run_cli("check", "seeds/", "--select", "QQ123")
    assert unknown.returncode == 2
    assert (
        unknown.stderr.decode()
        == "hygiene: error: unknown rule selector 'QQ123': see 'hygiene rules'\n"
    )
    assert run_cli("check", "seeds/", "--format", "yaml").returncode == 2
    assert run_cli("check").returncode == 2
    assert run_cli("rules", "ZZ999").returncode == 2


def test_report_path_in_missing_folder_fails_before_work(tmp_path: Path) -> None:
    result = run_cli("check", "missing-input.txt", "-o", "no/such/folder/report.json", cwd=tmp_path)
    assert result.returncode == 2
    assert "no/such/folder/report.json: cannot write: no folder" in result.stderr.decode()


def test_output_file_is_written_and_validates(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = run_cli("check", "seeds/", "--format", "json", "-o", str(out))
    assert result.returncode == 1 and result.stdout == b""
    schemas.validator(schemas.REPORT).validate(json.loads(out.read_text(encoding="utf-8")))
    assert not [p for p in tmp_path.iterdir() if p.name != "report.json"]  # no temp files left


def test_unreadable_inputs_exit_3_and_others_are_still_checked(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", "Intro.\n\nWATCH: Other story\n")
    write(tmp_path, "image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10")
    write(tmp_path, "broken.txt", b"caf\xe9 ok\n")
    result = run_cli(
        "check", "good.txt", "image.png", "broken.txt", "missing.txt", "--format", "json",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 3
    assert result.stderr.decode().splitlines() == [
        "hygiene: error: image.png: binary file, not checked",
        "hygiene: error: missing.txt: no such file or directory",
    ]
    report = json.loads(result.stdout)
    # Latin-1 bytes are read, in the encoding detected, and reported.
    assert [(f["path"], f["code"]) for f in report["findings"]] == [
        ("broken.txt", "EN006"),
        ("good.txt", "BP001"),
    ]
    assert [e["path"] for e in report["errors"]] == ["image.png", "missing.txt"]


def test_walking_skips_hidden_binary_and_other_suffixes(tmp_path: Path) -> None:
    (tmp_path / "content" / ".git").mkdir(parents=True)
    write(tmp_path / "content", "a.md", "WATCH: A story\n")
    write(tmp_path / "content" / ".git", "b.md", "WATCH: hidden\n")
    write(tmp_path / "content", "c.png", b"\x89PNG\0\0")
    write(tmp_path / "content", "d.py", "WATCH: code\n")
    result = run_cli("check", "content", "--format", "json", cwd=tmp_path)
    assert [d["path"] for d in json.loads(result.stdout)["documents"]] == ["content/a.md"]


def test_stdin() -> None:
    result = run_cli("check", "-", stdin=b"intro\n\nWATCH: from a pipe\n")
    assert result.returncode == 1
    assert result.stdout.decode().startswith("<stdin>:3:1: BP001 [-] boilerplate.embed-label")


def test_text_output_escapes_controls_and_bidi(tmp_path: Path) -> None:
    write(tmp_path, "evil.txt", "ok \u202e and \x1b[2J here\n")
    result = run_cli("check", "evil.txt", cwd=tmp_path)
    output = result.stdout.decode()
    assert "\u202e" not in output and "\x1b" not in output
    assert '"\\u202e"' in output and '"\\u001b"' in output


def _wait_for_stdin_read(pid: int, timeout: float = 60) -> None:
    """Until the process blocks reading its standard input (Linux says so in /proc; else
    a pause long enough for a start on an idle machine)."""
    if not Path(f"/proc/{pid}/syscall").exists():
        time.sleep(3)
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if Path(f"/proc/{pid}/syscall").read_text().split()[:2] == ["0", "0x0"]:
                return  # read(0, ...)
        time.sleep(0.05)
    raise AssertionError("the run never came to read its standard input")


def test_interrupt_exits_130_and_leaves_no_report(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    process = subprocess.Popen(
        [sys.executable, "-m", "hygiene", "check", "-", "--format", "json", "-o", "out.json"],
        cwd=tmp_path, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env=env,
    )  # fmt: skip
    _wait_for_stdin_read(process.pid)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert stderr.decode().strip().endswith("hygiene: interrupted")
    assert list(tmp_path.iterdir()) == []


# Runs ``action`` in this process the moment ``module`` starts to load: a Ctrl-C that lands
# inside the import machinery can come out as another exception, and one that lands in a
# clean-up (``Swallowed.__del__``) is printed and dropped by Python ("Exception ignored
# in ..."), and the run goes on to its end.
_ON_IMPORT = """
import importlib.abc, os, signal, sys
class Swallowed:
    def __del__(self):
        os.kill(os.getpid(), signal.SIGINT)
        sys.getrefcount(self)  # a few instructions more, for the handler to run in
class OnImport(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == {module!r}:
            sys.meta_path.remove(self)
            {action}
sys.meta_path.insert(0, OnImport())
"""
_CTRL_C = "os.kill(os.getpid(), signal.SIGINT)"


def _interrupted_check(tmp_path: Path, module: str, action: str) -> str:
    """A check of standard input into a report, with ``action`` run as ``module`` loads:
    it must end interrupted, with no report; its standard error."""
    result = run_cli(
        "check", "-", "--format", "json", "-o", "out.json",
        cwd=tmp_path, stdin=b"text\n", prelude=_ON_IMPORT.format(module=module, action=action),
    )  # fmt: skip
    stderr = result.stderr.decode()
    assert result.returncode == 130, stderr
    assert stderr.strip().splitlines()[-1] == "hygiene: interrupted"
    assert list(tmp_path.iterdir()) == []
    return stderr


@pytest.mark.parametrize("module", ["click", "hygiene.api", "hygiene.inputs.discovery"])
def test_a_ctrl_c_while_the_command_loads_exits_130(tmp_path: Path, module: str) -> None:
    _interrupted_check(tmp_path, module, _CTRL_C)


def test_a_ctrl_c_that_python_dropped_still_stops_the_report(tmp_path: Path) -> None:
    stderr = _interrupted_check(tmp_path, "hygiene.api", "Swallowed()")
    assert "Exception ignored" in stderr and "KeyboardInterrupt" in stderr


def test_schema_command_prints_the_report_schema() -> None:
    result = run_cli("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["$id"] == f"urn:hygiene:schema:report:{SCHEMA_VERSION}"
    assert schema["additionalProperties"] is False
    assert json.loads(run_cli("schema", "rule-pack").stdout)["title"] == "hygiene rule pack"


def test_rules_listing_and_page() -> None:
    listing = run_cli("rules").stdout.decode().splitlines()
    assert [line.split()[0] for line in listing] == sorted(
        rule.code for rule in load_ruleset().rules
    )
    assert listing[0].split()[1:3] == ["boilerplate.embed-label", "warning"]
    page = run_cli("rules", "bp001").stdout.decode()
    for heading in ("What it finds", "Why it matters", "Example that is reported",
                    "Example that is left alone", "How to fix", "Options"):  # fmt: skip
        assert f"\n{heading}\n" in page
    assert (
        run_cli("rules", "unicode.bidi-control")
        .stdout.decode()
        .startswith("UC001 unicode.bidi-control\n")
    )


def test_rules_in_markdown_are_the_table_and_the_reference_page() -> None:
    rules = load_ruleset().rules
    table = run_cli("rules", "--format", "markdown")
    assert table.returncode == 0
    lines = table.stdout.decode().splitlines()
    assert lines[:2] == ["| code | name | severity | finds |", "|---|---|---|---|"]
    assert [line.split(" | ")[0].removeprefix("| ") for line in lines[2:]] == [
        rule.code for rule in rules
    ]
    assert lines[2].startswith("| BP001 | boilerplate.embed-label | warning | ")
    page = run_cli("rules", "uc001", "--format", "markdown")
    assert page.returncode == 0
    text = page.stdout.decode()
    assert text.startswith("# UC001 unicode.bidi-control\n")
    headings = ("What it finds", "Why it matters", "Example that is reported",
                "Example that is left alone", "How to fix", "Fix safety", "Options")  # fmt: skip
    for heading in headings:
        assert f"\n## {heading}\n" in text
    assert "- Defined in: `rules/unicode.toml`" in text
    assert "Total: \\u202e100 USD" in text and "\N{RIGHT-TO-LEFT OVERRIDE}" not in text
    assert "- **unsafe**: delete the bidirectional control" in text
    assert "| `timeout` | `1.0` |" in text
    assert run_cli("rules", "ZZ999", "--format", "markdown").returncode == 2
    assert run_cli("rules", "--format", "html").returncode == 2


def test_version_and_module_entry() -> None:
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.decode().startswith("hygiene, version ")


def test_invalid_report_is_a_bug_that_writes_nothing(tmp_path: Path) -> None:
    """Force a report that breaks its schema: exit 2, no output file."""
    out = tmp_path / "report.json"
    result = run_cli(
        "check", str(SEED), "--format", "json", "-o", str(out),
        prelude="import hygiene.report.model as r; r.SCHEMA_VERSION = '0.0.0-broken'",
    )  # fmt: skip
    assert result.returncode == 2
    assert (
        "the output does not match report.schema.json at schema_version" in result.stderr.decode()
    )
    assert not out.exists()


def test_a_reader_that_stops_early_ends_the_run_quietly(tmp_path: Path) -> None:
    write(tmp_path, "many.txt", "Intro.\n\n" + "WATCH: A video\n" * 20_000)
    process = subprocess.Popen(
        [sys.executable, "-m", "hygiene", "check", "many.txt"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()  # like `| head -1`
    process.stdout.close()
    stderr = process.stderr.read()
    process.wait(timeout=120)
    assert stderr == b""  # no traceback, no BrokenPipeError message
    assert process.returncode == 1  # the run finished before its reader went: its own code


def test_the_library_exports_checker_and_check_text_reuses_it() -> None:
    import hygiene
    from hygiene.config.settings import Config

    checker = hygiene.Checker(Config(select=("BP",)))
    text = "Intro.\n\nWATCH: A video\n\nThe no-break\u00a0space.\n"
    reused = hygiene.check_text(text, checker=checker)
    assert [f.code for f in reused.findings] == ["BP001"]  # the checker's selection
    assert reused.to_dict() == hygiene.check_text(text, config=Config(select=("BP",))).to_dict()
    assert "Checker" in hygiene.__all__
    from hygiene.config.settings import Config as ConfigItself
    from hygiene.core.finding import Finding
    from hygiene.report.model import Report

    assert (hygiene.Config, hygiene.Finding, hygiene.Report) == (ConfigItself, Finding, Report)
    assert isinstance(reused, hygiene.Report) and isinstance(reused.findings[0], hygiene.Finding)
    from hygiene.core.errors import UsageError

    with pytest.raises(UsageError, match="not both"):
        hygiene.check_text(text, checker=checker, config=Config(select=("UC",)))


def test_stdin_filename_gives_standard_input_a_path_and_its_settings(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "hygiene.toml").write_text(
        '[per-file-ignores]\n"quoted/**" = ["UC004"]\n', encoding="utf-8"
    )
    text = (
        "---\ntitle: WATCH: not a label in front matter\n---\n\nwide\u00a0gap\n\nWATCH: A story\n"
    )
    for name, codes in (("page.md", ["UC004", "BP001"]), ("quoted/page.md", ["BP001"])):
        result = run_cli("check", "-", "--stdin-filename", f"docs/{name}", "--format", "json",
                         cwd=tmp_path, stdin=text.encode())  # fmt: skip
        report = json.loads(result.stdout)
        assert [f["code"] for f in report["findings"]] == codes  # the folder's config applies
        assert {f["path"] for f in report["findings"]} == {f"docs/{name}"}


def test_fix_standard_input_writes_the_fixed_text_to_standard_output(tmp_path: Path) -> None:
    text = "Intro.\n\nwide\u00a0gap and a bell\u0007 here\n"
    fixed = run_cli("fix", "-", "--stdin-filename", "note.md", cwd=tmp_path, stdin=text.encode())
    assert fixed.returncode == 0, fixed.stderr
    assert fixed.stdout.decode() == "Intro.\n\nwide gap and a bell here\n"
    clean = run_cli("fix", "-", cwd=tmp_path, stdin=b"Nothing to fix.\n")
    assert (clean.returncode, clean.stdout) == (0, b"Nothing to fix.\n")
    shown = run_cli("fix", "-", "--diff", cwd=tmp_path, stdin=text.encode())
    assert shown.returncode == 1 and "+wide gap and a bell here" in shown.stdout.decode()


def test_statistics_count_each_rule_and_mark_what_fix_mends(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "Text.\n\nWATCH: One\n\nwide\u00a0gap, wide\u00a0gap\n")
    write(tmp_path, "b.md", "Text.\n\nWATCH: Two\n")
    result = run_cli("check", ".", "--statistics", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.decode().splitlines() == [
        "2  BP001  [-]  boilerplate.embed-label",
        "2  UC004  [*]  unicode.no-break-space",
        "Found 4 findings (2 warnings, 2 info) in 2 documents. 2 fixable with `hygiene fix` "
        "(2 more with `hygiene fix --unsafe-fixes`).",
    ]
    refused = run_cli("check", ".", "--statistics", "--format", "json", cwd=tmp_path)
    assert refused.returncode == 2
