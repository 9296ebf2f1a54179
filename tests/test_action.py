"""The GitHub Action (``.github/actions/hygiene/``): its definition hands every input to its
script, and the script, run as the action runs it (inputs as ``INPUT_*`` variables, outputs
to ``GITHUB_OUTPUT``), checks, writes the SARIF report the upload step sends, and narrows
to the lines a pull request changed. The README's workflow runs here with its own inputs.

The ``install`` step (a virtual environment, pip) is left to GitHub: it needs the network.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from hygiene.report import ruledoc
from tests.conftest import README, ROOT, run_cli
from tests.test_output_formats import official_sarif_errors

ACTION = ROOT / ".github" / "actions" / "hygiene"
SCRIPT = ACTION / "hygiene_action.py"
WATCH = "Intro.\n\nWATCH: Video\n"
BIDI = "Intro.\n\nThe key is \N{RIGHT-TO-LEFT OVERRIDE}fedcba here.\n"
GIT = [
    "git",
    "-c",
    "user.name=Test",
    "-c",
    "user.email=test@example.org",
    "-c",
    "init.defaultBranch=main",
]


def definition() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ACTION / "action.yml").read_text(encoding="utf-8"))
    return loaded


def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hygiene_action", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_step(
    step: str, cwd: Path, **inputs: str
) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    """Run a step of the script as the action does, with a clean slate of GitHub's
    variables; return the process and the outputs it wrote."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("INPUT_", "GITHUB_", "RUNNER_"))
    }
    runner = cwd.parent / f"{cwd.name}-runner"
    runner.mkdir(exist_ok=True)
    (runner / "output").write_text("", encoding="utf-8")
    env |= {
        "PYTHONPATH": str(ROOT),
        "PYTHONIOENCODING": "utf-8",
        "RUNNER_TEMP": str(runner),
        "GITHUB_OUTPUT": str(runner / "output"),
        **inputs,
    }
    process = subprocess.run(
        [sys.executable, str(SCRIPT), step],
        cwd=cwd,
        env=env,
        text=True,
        capture_output=True,
        timeout=120,
        check=False,
    )
    lines = (runner / "output").read_text(encoding="utf-8").splitlines()
    return process, dict(line.split("=", 1) for line in lines)


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        [*GIT, *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def findings(shown: str) -> list[tuple[str, str]]:
    return re.findall(r"^(\S+:\d+:\d+): ([A-Z]{2}\d{3})", shown, re.M)


# ---- the definition ------------------------------------------------------------------------


def test_every_input_reaches_the_script_and_no_input_reaches_a_shell() -> None:
    action = definition()
    assert action["runs"]["using"] == "composite"
    inputs = action["inputs"]
    assert set(inputs) == {"version", "args", "sarif", "changed-only"}
    assert all(spec["description"] and "default" in spec for spec in inputs.values())
    steps = action["runs"]["steps"]
    passed = {name: value for step in steps for name, value in step.get("env", {}).items()}
    for name in inputs:
        assert passed[f"INPUT_{name.upper().replace('-', '_')}"] == f"${{{{ inputs.{name} }}}}"
    for step in steps:
        # An expression inside `run` is pasted into the shell script: an input holding
        # `"; curl ... | sh` would run. Every value goes through the environment instead.
        assert "${{" not in step.get("run", ""), step["id"]
    # Every output a step reads is one the script writes.
    written = set(re.findall(r'set_output\("([\w-]+)"', SCRIPT.read_text(encoding="utf-8")))
    expressions = yaml.safe_dump(action)
    for step_id, output in re.findall(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expressions):
        assert step_id in {"install", "check"} and output in written, (step_id, output)
    upload = steps[-1]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert "always()" in upload["if"] and "sarif-file" in upload["if"]


def test_what_pip_installs() -> None:
    requirement = script().requirement
    assert requirement("") == str(ROOT)  # this repository, at the ref the action was used at
    assert requirement(" text-hygiene==0.2.0 ") == "text-hygiene==0.2.0"
    assert requirement("git+https://example.org/h.git@v0.2.0") == (
        "git+https://example.org/h.git@v0.2.0"
    )


# ---- the check step ------------------------------------------------------------------------


def test_the_check_annotates_and_writes_the_sarif_report(tmp_path: Path) -> None:
    write(tmp_path, "content/new.md", BIDI)
    process, outputs = run_step(
        "check", tmp_path, GITHUB_ACTIONS="true", INPUT_ARGS="content/", INPUT_SARIF="true"
    )
    assert process.returncode == 1, process.stderr
    first, log = process.stdout.split("\n", 1)
    assert first.startswith("hygiene: hygiene check content/ --format github --format sarif:")
    assert log.startswith("::error file=content/new.md,line=3,col=12,")
    assert outputs["exit-code"] == "1"
    sarif = json.loads(Path(outputs["sarif-file"]).read_text(encoding="utf-8"))
    assert Path(outputs["sarif-file"]).parent == tmp_path.parent / f"{tmp_path.name}-runner"
    assert official_sarif_errors(sarif) == []
    assert [result["ruleId"] for result in sarif["runs"][0]["results"]] == ["UC001"]


def test_without_sarif_the_arguments_name_the_report(tmp_path: Path) -> None:
    write(tmp_path, "content/new.md", BIDI)
    process, outputs = run_step(
        "check",
        tmp_path,
        GITHUB_ACTIONS="true",
        INPUT_ARGS="content/ --format json",
        INPUT_SARIF="false",
    )
    assert process.returncode == 1, process.stderr
    report = json.loads(process.stdout.split("\n", 1)[1])  # only the report asked for
    assert [finding["code"] for finding in report["findings"]] == ["UC001"]
    assert outputs == {"exit-code": "1"}  # no SARIF file to upload


def test_a_clean_tree_passes_and_a_bad_input_value_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "content/page.md", "The talks ended on Thursday.\n")
    process, outputs = run_step("check", tmp_path, INPUT_ARGS="content/", INPUT_SARIF="true")
    assert process.returncode == 0 and outputs["exit-code"] == "0", process.stderr
    assert outputs["sarif-file"].endswith("hygiene.sarif")
    refused, outputs = run_step("check", tmp_path, INPUT_SARIF="yes")
    assert refused.returncode == 2 and outputs == {}
    assert refused.stderr == "::error::hygiene action: input sarif: 'yes' is not true or false\n"
    unclosed, _ = run_step("check", tmp_path, INPUT_ARGS='"content/')
    assert unclosed.returncode == 2
    assert unclosed.stderr == "::error::hygiene action: input args: No closing quotation\n"


# ---- changed lines only ----------------------------------------------------------------------


@pytest.fixture
def shallow_pull_request(tmp_path: Path) -> tuple[Path, str]:
    """A pull request's checkout as actions/checkout makes it: a clone one commit deep,
    without the base commit; returns the clone and the base commit."""
    upstream = tmp_path / "upstream"
    upstream.mkdir()
    git("init", "-q", cwd=upstream)
    write(upstream, "content/page.md", WATCH)
    git("add", ".", cwd=upstream)
    git("commit", "-qm", "base", cwd=upstream)
    base = git("rev-parse", "HEAD", cwd=upstream)
    write(upstream, "content/page.md", WATCH + BIDI)
    git("commit", "-qam", "the pull request", cwd=upstream)
    clone = tmp_path / "workspace"
    git("clone", "-q", "--depth=1", upstream.as_uri(), str(clone), cwd=tmp_path)
    assert (
        subprocess.run(
            ["git", "cat-file", "-e", base], cwd=clone, capture_output=True, check=False
        ).returncode
        != 0
    )
    return clone, base


def event(folder: Path, payload: dict[str, Any]) -> str:
    path = folder / "event.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    return str(path)


def test_changed_only_fetches_the_pull_requests_base_and_reports_its_lines(
    shallow_pull_request: tuple[Path, str],
) -> None:
    clone, base = shallow_pull_request
    everything, _ = run_step("check", clone, INPUT_ARGS="content/", INPUT_SARIF="false")
    assert findings(everything.stdout) == [
        ("content/page.md:3:1", "BP001"),
        ("content/page.md:6:12", "UC001"),
    ]
    payload = {"pull_request": {"base": {"sha": base}}}
    changed, _ = run_step(
        "check",
        clone,
        INPUT_ARGS="content/",
        INPUT_SARIF="false",
        INPUT_CHANGED_ONLY="true",
        GITHUB_EVENT_NAME="pull_request",
        GITHUB_EVENT_PATH=event(clone.parent, payload),
    )
    assert changed.returncode == 1, changed.stderr
    assert f"--diff-base {base}" in changed.stdout.splitlines()[0]
    assert findings(changed.stdout) == [("content/page.md:6:12", "UC001")]


def test_changed_only_checks_every_line_when_the_event_has_no_base(
    shallow_pull_request: tuple[Path, str],
) -> None:
    clone, _ = shallow_pull_request
    for name, payload in (("push", {"before": "0" * 40}), ("workflow_dispatch", {})):
        process, _ = run_step(
            "check",
            clone,
            INPUT_ARGS="content/",
            INPUT_SARIF="false",
            INPUT_CHANGED_ONLY="true",
            GITHUB_EVENT_NAME=name,
            GITHUB_EVENT_PATH=event(clone.parent, payload),
        )
        assert "every line is checked" in process.stdout and "--diff-base" not in process.stdout
        assert len(findings(process.stdout)) == 2, name


def test_a_base_that_cannot_be_fetched_is_an_error(shallow_pull_request: tuple[Path, str]) -> None:
    clone, _ = shallow_pull_request
    payload = {"pull_request": {"base": {"sha": "1" * 40}}}
    process, outputs = run_step(
        "check",
        clone,
        INPUT_CHANGED_ONLY="true",
        GITHUB_EVENT_NAME="pull_request",
        GITHUB_EVENT_PATH=event(clone.parent, payload),
    )
    assert process.returncode == 2 and outputs == {}
    assert "cannot fetch the base commit 1111111111111111111111111111111111111111" in (
        process.stderr
    )
    # The id goes to git as an argument: anything but a commit id is refused first.
    payload = {"pull_request": {"base": {"sha": "--upload-pack=touch owned"}}}
    process, _ = run_step(
        "check",
        clone,
        INPUT_CHANGED_ONLY="true",
        GITHUB_EVENT_NAME="pull_request",
        GITHUB_EVENT_PATH=event(clone.parent, payload),
    )
    assert process.returncode == 2 and "is not a commit id" in process.stderr
    assert not (clone / "owned").exists()


# ---- the README's workflow -------------------------------------------------------------------


def readme_workflow() -> dict[str, Any]:
    readme = README.read_text(encoding="utf-8")
    section = readme.split("\n## GitHub Action\n", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"```yaml\n(.*?)```", section, re.S)
    loaded: dict[str, Any] = yaml.safe_load(block)
    return loaded


def test_the_readme_workflow_runs_as_written(tmp_path: Path) -> None:
    (job,) = readme_workflow()["jobs"].values()
    step = next(step for step in job["steps"] if "/.github/actions/" in step.get("uses", ""))
    where, _, ref = step["uses"].partition("@")
    owner_name = ruledoc.REPOSITORY_URL.removeprefix("https://github.com/")
    assert where == f"{owner_name}/.github/actions/hygiene" and ref
    assert job["steps"][0]["uses"].startswith("actions/checkout@")
    assert job["permissions"]["security-events"] == "write"  # for the SARIF upload
    inputs = definition()["inputs"]
    assert set(step["with"]) <= set(inputs)
    # GitHub hands every input over as a string: YAML's true is "true".
    given = {name: str(spec["default"]) for name, spec in inputs.items()}
    given |= {
        name: str(value).lower() if isinstance(value, bool) else str(value)
        for name, value in step["with"].items()
    }

    # A repository with a baseline, and a pull request that adds a page and edits one.
    repo = tmp_path / "workspace"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    write(repo, "content/old.md", WATCH)
    write(repo, "content/edited.md", WATCH)
    assert (
        run_cli(
            "check", "content/", "--write-baseline", ".hygiene-baseline.json", cwd=repo
        ).returncode
        == 0
    )
    git("add", ".", cwd=repo)
    git("commit", "-qm", "base", cwd=repo)
    base = git("rev-parse", "HEAD", cwd=repo)
    write(repo, "content/new.md", BIDI)
    write(repo, "content/edited.md", "Intro.\n\nThe talks ended on Thursday.\n\n" + WATCH)
    git("add", ".", cwd=repo)
    git("commit", "-qm", "the pull request", cwd=repo)

    payload = {"pull_request": {"base": {"sha": base}}}
    variables = {f"INPUT_{name.upper().replace('-', '_')}": value for name, value in given.items()}
    process, outputs = run_step(
        "check",
        repo,
        GITHUB_ACTIONS="true",
        GITHUB_EVENT_NAME="pull_request",
        GITHUB_EVENT_PATH=event(tmp_path, payload),
        **variables,
    )
    assert process.returncode == 1, process.stderr
    # The baseline holds the old findings, the moved one too; the new page is all new lines.
    assert findings(process.stdout) == [("content/new.md:3:12", "UC001")]
    assert f"--diff-base {base}" in process.stdout.splitlines()[0]
    sarif = json.loads(Path(outputs["sarif-file"]).read_text(encoding="utf-8"))
    assert [result["ruleId"] for result in sarif["runs"][0]["results"]] == ["UC001"]
