"""Output for people: fixable findings marked, colour, -q and -s, the progress bar's total."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from hygiene.api import check_text
from hygiene.core.finding import Finding
from hygiene.core.rule import Fix, FixSafety
from hygiene.inputs.discovery import Input
from hygiene.report.formatters.text_format import (
    TextStyle,
    finding_line,
    fixable_sentence,
    render,
    render_statistics,
)
from hygiene.run.progress import Progress, expected_bytes
from hygiene.support.colour import paint, use_colour
from hygiene.support.escape import escape_for_terminal
from tests.conftest import run_cli

# BP001 (an unsafe fix), UC004 (a safe one), PV002 (no fix).
TEXT = "Intro.\n\nWATCH: One\n\nwide\u00a0gap here.\n\nMedia reports say the deal is done.\n"
SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(autouse=True)
def _no_colour_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests set the colour variables they mean; none leaks in from the shell."""
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)


def findings() -> dict[str, Finding]:
    report = check_text(TEXT, path="a.md")
    return {finding.code: finding for finding in report.findings}


def with_fix(finding: Finding, safety: FixSafety | None) -> Finding:
    return replace(finding, fix=None if safety is None else Fix("mend", safety, ()))


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


# Fixable findings


def test_a_finding_line_marks_safe_and_unsafe_fixes_after_its_code() -> None:
    found = findings()
    assert finding_line(found["UC004"]).startswith("a.md:5:5: UC004 [*] unicode.no-break-space ")
    assert finding_line(found["BP001"]).startswith("a.md:3:1: BP001 [-] boilerplate.embed-label ")
    assert finding_line(found["PV002"]).startswith("a.md:7:1: PV002 provenance.anonymous-source ")
    shown_only = with_fix(found["UC004"], "display-only")  # hygiene fix never applies it
    assert finding_line(shown_only).startswith("a.md:5:5: UC004 unicode.no-break-space ")


@pytest.mark.parametrize(
    ("safeties", "sentence"),
    [
        (("safe", "safe", "unsafe"),
         "2 fixable with `hygiene fix` (1 more with `hygiene fix --unsafe-fixes`)."),
        (("safe", None), "1 fixable with `hygiene fix`."),
        (("unsafe", "unsafe"), "2 fixable with `hygiene fix --unsafe-fixes`."),
        ((None, "display-only"), ""),
    ],
)  # fmt: skip
def test_the_summary_counts_what_fix_and_unsafe_fixes_mend(
    safeties: tuple[FixSafety | None, ...], sentence: str
) -> None:
    finding = findings()["UC004"]
    assert fixable_sentence([with_fix(finding, safety) for safety in safeties]) == sentence


def test_the_cli_marks_fixable_findings_and_says_how_many(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    result = run_cli("check", "a.md", cwd=tmp_path)
    lines = result.stdout.decode().splitlines()
    assert (result.returncode, [line.split(" ")[:3] for line in lines[:-1]]) == (
        1,
        [
            ["a.md:3:1:", "BP001", "[-]"],
            ["a.md:5:5:", "UC004", "[*]"],
            ["a.md:7:1:", "PV002", "provenance.anonymous-source"],
        ],
    )
    assert lines[-1] == (
        "Found 3 findings (1 warning, 2 info) in 1 document. 1 fixable with `hygiene fix` "
        "(1 more with `hygiene fix --unsafe-fixes`)."
    )
    # And it is true: fix mends one, --unsafe-fixes one more.
    assert b"would fix 1 findings" in run_cli("fix", "a.md", "--diff", cwd=tmp_path).stderr
    unsafe = run_cli("fix", "a.md", "--diff", "--unsafe-fixes", cwd=tmp_path)
    assert b"would fix 2 findings" in unsafe.stderr


# Colour


@pytest.mark.parametrize(
    ("choice", "environ", "terminal", "expected"),
    [
        ("auto", {}, True, True),
        ("auto", {}, False, False),
        ("auto", {"NO_COLOR": "1"}, True, False),
        ("auto", {"NO_COLOR": ""}, True, True),  # empty: as if unset (no-color.org)
        ("auto", {"FORCE_COLOR": "1"}, False, True),
        ("auto", {"FORCE_COLOR": ""}, False, False),
        ("auto", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),
        ("auto", {"TERM": "dumb"}, True, False),
        ("always", {"NO_COLOR": "1"}, False, True),
        ("never", {"FORCE_COLOR": "1"}, True, False),
    ],
)
def test_colour_follows_the_flag_then_no_color_force_color_and_the_terminal(
    choice: str, environ: dict[str, str], terminal: bool, expected: bool
) -> None:
    stream = Terminal() if terminal else io.StringIO()
    assert use_colour(choice, stream, environ) is expected  # type: ignore[arg-type]
    if choice == "auto" and not environ.get("FORCE_COLOR"):
        assert use_colour(choice, None, environ) is False  # a file is no terminal


def test_colour_marks_severity_code_and_location_and_nothing_else() -> None:
    found = findings()
    line = finding_line(found["BP001"], colour=True)
    assert line.startswith(
        f"{paint('a.md:3:1', 'bold')}: {paint('BP001', 'bold', 'yellow')} {paint('[-]', 'cyan')} "
    )
    assert SGR.sub("", line) == finding_line(found["BP001"])
    assert paint("PV002", "bold", "blue") in finding_line(found["PV002"], colour=True)
    assert paint("UC004", "bold", "blue") in finding_line(found["UC004"], colour=True)


def test_colour_keeps_the_escapes_of_hostile_names_and_excerpts() -> None:
    hostile = "::error file=x.md::INJECTED\u202e##[x].md"
    report = check_text("ok \u202e and \x1b[2J here\n\nWATCH: Two\n", path=hostile)
    plain = render(report)
    coloured = render(report, TextStyle(colour=True))
    assert SGR.sub("", coloured) == plain
    assert "\u202e" not in coloured and "\x1b[2J" not in coloured
    assert all(SGR.sub("", line) == escape_for_terminal(SGR.sub("", line))
               for line in coloured.splitlines())  # fmt: skip
    assert plain.startswith("\\u003a:error file=x.md::INJECTED\\u202e##\\u005bx].md:")
    for line in coloured.splitlines():  # every escape is one of ours, whole
        assert "\x1b" not in SGR.sub("", line)


def test_colour_in_the_cli_follows_force_color_no_color_and_the_flag(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    plain = run_cli("check", "a.md", cwd=tmp_path).stdout  # a pipe: no colour
    assert b"\x1b" not in plain
    always = run_cli("check", "a.md", "--color", "always", cwd=tmp_path).stdout
    assert b"\x1b[1;33mBP001\x1b[0m" in always and SGR.sub("", always.decode()) == plain.decode()
    forced = {"FORCE_COLOR": "1"}
    assert run_cli("check", "a.md", cwd=tmp_path, extra_env=forced).stdout == always
    never = run_cli("check", "a.md", "--color", "never", cwd=tmp_path, extra_env=forced)
    assert never.stdout == plain
    both = {"FORCE_COLOR": "1", "NO_COLOR": "1"}
    assert run_cli("check", "a.md", cwd=tmp_path, extra_env=both).stdout == plain
    flag = run_cli("check", "a.md", "--color", "always", cwd=tmp_path, extra_env=both)
    assert flag.stdout == always


@pytest.mark.parametrize("fmt", ["json", "jsonl", "sarif", "github", "junit", "gitlab"])
def test_no_colour_in_the_formats_for_tools(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "a.md").write_text(TEXT + "\x1b[2J\n", encoding="utf-8")
    result = run_cli("check", "a.md", "--format", fmt, "--color", "always", cwd=tmp_path)
    assert result.returncode == 1 and result.stdout
    assert b"\x1b" not in result.stdout


def test_a_text_report_in_a_file_is_coloured_only_when_always_is_asked(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    run_cli("check", "a.md", "--format", "text:auto.txt", "--format", "json", cwd=tmp_path)
    run_cli("check", "a.md", "-o", "always.txt", "--color", "always", cwd=tmp_path)
    auto, always = ((tmp_path / name).read_text("utf-8") for name in ("auto.txt", "always.txt"))
    assert "\x1b" not in auto and "\x1b[1;33mBP001" in always and SGR.sub("", always) == auto


def test_statistics_are_coloured_like_the_lines() -> None:
    report = check_text(TEXT, path="a.md")
    coloured = render_statistics(report, TextStyle(colour=True))
    assert f"1  {paint('UC004', 'bold', 'blue')}  {paint('[*]', 'cyan')}  unicode" in coloured
    assert SGR.sub("", coloured) == render_statistics(report)


# -q and -s


def test_quiet_prints_the_findings_and_nothing_else(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    (tmp_path / "clean.md").write_text("Nothing to see.\n", encoding="utf-8")
    loud = run_cli("check", "a.md", cwd=tmp_path)
    quiet = run_cli("check", "a.md", "-q", cwd=tmp_path)
    assert (quiet.returncode, quiet.stderr) == (1, b"")
    assert quiet.stdout.decode().splitlines() == loud.stdout.decode().splitlines()[:-1]
    clean = run_cli("check", "clean.md", "--quiet", cwd=tmp_path)
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, b"", b"")
    counted = run_cli("check", "a.md", "-q", "--statistics", cwd=tmp_path)
    assert counted.stdout.decode().splitlines() == [
        "1  BP001  [-]  boilerplate.embed-label",
        "1  PV002       provenance.anonymous-source",
        "1  UC004  [*]  unicode.no-break-space",
    ]
    # What was written is still said: a resumed corpus run tells what it skipped.
    baseline = run_cli("check", "a.md", "-q", "--write-baseline", "base.json", cwd=tmp_path)
    assert (baseline.returncode, baseline.stdout) == (0, quiet.stdout)
    assert baseline.stderr == b"hygiene: wrote 3 findings to the baseline base.json\n"
    assert len(json.loads((tmp_path / "base.json").read_text("utf-8"))["findings"]) == 3
    as_json = run_cli("check", "a.md", "-q", "--format", "json", cwd=tmp_path)
    assert len(json.loads(as_json.stdout)["findings"]) == 3  # a report for tools stays whole


def test_silent_prints_nothing_and_the_exit_code_tells(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    (tmp_path / "clean.md").write_text("Nothing to see.\n", encoding="utf-8")
    (tmp_path / "shard.jsonl").write_text('{"text": "WATCH: One"}\n', encoding="utf-8")
    for args, code in [
        (["a.md"], 1),
        (["clean.md"], 0),
        (["a.md", "--format", "json", "-q"], 1),
        (["a.md", "--statistics"], 1),
        (["shard.jsonl", "--format", "jsonl"], 1),  # streamed
    ]:
        result = run_cli("check", *args, "-s", cwd=tmp_path)
        assert (result.returncode, result.stdout, result.stderr) == (code, b"", b""), args
    # Files asked for are still written; an input that cannot be read is still said.
    written = run_cli("check", "a.md", "gone.md", "--silent", "--format", "sarif:a.sarif",
                      cwd=tmp_path)  # fmt: skip
    assert (written.returncode, written.stdout) == (3, b"")
    assert written.stderr.decode().startswith("hygiene: error: gone.md:")
    assert json.loads((tmp_path / "a.sarif").read_text("utf-8"))["runs"][0]["results"]
    baseline = run_cli("check", "a.md", "-s", "--write-baseline", "base.json", cwd=tmp_path)
    assert (baseline.returncode, baseline.stdout, baseline.stderr) == (0, b"", b"")
    assert (tmp_path / "base.json").is_file()
    for _ in range(2):  # the second run skips the complete input, and does not say so
        folder = run_cli("check", "shard.jsonl", "-s", "--output-dir", "out", cwd=tmp_path)
        assert (folder.returncode, folder.stdout, folder.stderr) == (1, b"", b"")


def test_fix_quiet_and_silent(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    loud = run_cli("fix", "a.md", "--diff", cwd=tmp_path)
    assert loud.stderr == b"hygiene: would fix 1 findings in 1 files\n"
    quiet = run_cli("fix", "a.md", "--diff", "-q", cwd=tmp_path)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (1, loud.stdout, b"")
    silent = run_cli("fix", "a.md", "--diff", "-s", cwd=tmp_path)
    assert (silent.returncode, silent.stdout, silent.stderr) == (1, b"", b"")
    piped = run_cli("fix", "-", "-s", cwd=tmp_path, stdin=b"wide\xc2\xa0gap\n")
    assert (piped.returncode, piped.stdout, piped.stderr) == (0, b"wide gap\n", b"")
    fixed = run_cli("fix", "a.md", "-s", cwd=tmp_path)
    assert (fixed.returncode, fixed.stdout, fixed.stderr) == (0, b"", b"")
    assert "\u00a0" not in (tmp_path / "a.md").read_text("utf-8")


def test_help_names_the_flags() -> None:
    check = run_cli("check", "--help").stdout.decode()
    assert all(flag in check for flag in ("-q, --quiet", "-s, --silent", "--color"))
    fix = run_cli("fix", "--help").stdout.decode()
    assert "-q, --quiet" in fix and "-s, --silent" in fix


# The progress bar


def test_the_progress_bar_shows_done_of_the_total_and_the_time_left(tmp_path: Path) -> None:
    sizes = {"a.md": 3000, "b.md": 1000, "huge.md": 9000}
    for name, size in sizes.items():
        (tmp_path / name).write_bytes(b"x" * size)
    inputs = [Input(str(tmp_path / name), name) for name in (*sizes, "gone.md")]
    assert expected_bytes(inputs) == 13000
    assert expected_bytes(inputs, limit=5000) == 4000  # a file over the limit is refused
    stream = Terminal()
    with Progress(inputs=inputs, limit=5000, stream=stream, delay=0) as progress:
        progress.advance(1, 3000, 2)
        assert progress.bar.total == 4000
        meter = str(progress.bar)
        assert " 75%|" in meter and "2.93kB/3.91kB [" in meter
        assert re.search(r"\[\d\d:\d\d<\d\d:\d\d, ", meter), meter  # taken < left
        assert meter.endswith("documents=1, findings=2]")
    assert "hygiene:" in stream.getvalue()


def test_no_total_when_the_size_is_not_known_beforehand(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("text\n", encoding="utf-8")
    (tmp_path / "s.jsonl").write_text('{"text": "text"}\n', encoding="utf-8")
    plain = Input(str(tmp_path / "a.md"), "a.md")
    for other in (Input("-", "<stdin>"), Input(str(tmp_path / "s.jsonl"), "s.jsonl")):
        assert expected_bytes([plain, other]) is None
        with Progress(inputs=[plain, other], stream=Terminal(), delay=0) as progress:
            progress.advance(1, 10, 0)
            assert progress.bar.total is None and "<" not in str(progress.bar)


def test_no_progress_bar_off_a_terminal_or_when_quiet(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("text\n", encoding="utf-8")
    inputs = [Input(str(tmp_path / "a.md"), "a.md")]
    for progress, stream in [
        (Progress(inputs=inputs, stream=(pipe := io.StringIO()), delay=0), pipe),
        (Progress(True, inputs, stream=(terminal := Terminal()), delay=0), terminal),
    ]:
        with progress:
            progress.advance(1, 5, 0)
        assert progress.bar is None and stream.getvalue() == ""
        assert (progress.documents, progress.findings) == (1, 0)


def test_grouped_shows_each_finding_under_its_file_over_its_source_line(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "# Notes\n\nWATCH: Trump on Mexico relations\n\nThe United States\u00a0all the harder.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"id": "r1", "text": "intro\n\nWATCH: from a record"}) + "\n", encoding="utf-8"
    )
    result = run_cli("check", "a.md", "b.jsonl", "--format", "grouped", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.decode().splitlines()
    assert lines[:7] == [
        "a.md",
        "  3:1  BP001 [-] boilerplate.embed-label embed label 'WATCH' left from the page around "
        'the text: "WATCH: Trump on Mexico relations"',
        "     3 | WATCH: Trump on Mexico relations",
        "       | " + "^" * 32,
        '  5:18  UC004 [*] unicode.no-break-space no-break space inside running prose: "\\u00a0"',
        "     5 | The United States\\u00a0all the harder.",
        "       | " + " " * 17 + "^" * 6,
    ]
    record = lines.index("b.jsonl")
    assert lines[record + 1].startswith("  1: [r1 text 3:1]  BP001 [-] boilerplate.embed-label")
    assert not lines[record + 2].strip()  # a record's finding shows no source line
    assert lines[-1].startswith("Found 3 findings")
