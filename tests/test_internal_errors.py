"""A bug in hygiene is never read as findings: one line, ``hygiene: internal error: ...``,
and exit 2, wherever it is raised (a rule, a formatter, a --jobs worker, a Dask task).

The fault is planted by a ``sitecustomize`` module on PYTHONPATH, which every Python
process imports at start-up: the CLI's, and the worker processes it or a Dask cluster
spawns, which a patch made in the test's own process would never reach.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

# Raises inside the check of any document holding the marker, and inside the text format.
PLANTED = """
import os
if os.environ.get("HYGIENE_PLANTED_FAULT"):
    import hygiene.core.engine as engine
    import hygiene.report.formatters.text_format as text_format

    _check = engine.check_document

    def check_document(document, *args, **kwargs):
        if "PLANTED-FAULT" in document.text and os.environ["HYGIENE_PLANTED_FAULT"] == "rule":
            import multiprocessing

            where = "main" if multiprocessing.parent_process() is None else "worker"
            with open(os.environ["HYGIENE_PLANTED_LOG"], "a") as log:
                log.write(where + "\\n")  # which process met it
            raise RuntimeError("planted fault in a rule")
        if "PLANTED-FAULT" in document.text and os.environ["HYGIENE_PLANTED_FAULT"] == "kill":
            os.kill(os.getpid(), 9)  # as the kernel's out-of-memory killer ends a process
        return _check(document, *args, **kwargs)

    def render(report):
        raise RuntimeError("planted fault in a formatter")

    engine.check_document = check_document
    if os.environ["HYGIENE_PLANTED_FAULT"] == "formatter":
        text_format.render = render
"""
LINE = (
    "hygiene: internal error: RuntimeError: planted fault in a {where} (a bug in hygiene; "
    "--verbose or HYGIENE_TRACEBACK=1 shows the traceback)"
)


@pytest.fixture()
def planted(tmp_path: Path) -> dict[str, str]:
    folder = tmp_path / "planted"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(PLANTED, encoding="utf-8")
    return {"PYTHONPATH": f"{folder}{os.pathsep}{ROOT}", "PYTHONIOENCODING": "utf-8",
            "HYGIENE_PLANTED_LOG": str(tmp_path / "planted.log")}  # fmt: skip


def _run(
    args: list[str], cwd: Path, env: dict[str, str], fault: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hygiene", *args], cwd=cwd, capture_output=True, text=True,
        timeout=300, check=False, env={**os.environ, **env, "HYGIENE_PLANTED_FAULT": fault},
    )  # fmt: skip


def _corpus(folder: Path) -> None:
    """A shard large enough for two workers' batches (256 KiB each): a small shard is one
    task, which a --jobs run checks in its own process, never reaching a worker."""
    filler = "The talks ended on Thursday without an agreement on trade. " * 2
    records = [{"id": n, "text": f"Record {n}. {filler}"} for n in range(6_000)]
    records[25]["text"] = "PLANTED-FAULT in this record."
    lines = "".join(json.dumps(record) + "\n" for record in records)
    (folder / "shard.jsonl").write_text(lines, encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "fault", "where"),
    [
        (["check", "doc.md"], "rule", "rule"),
        (["check", "doc.md", "--format", "json", "-o", "out.json"], "rule", "rule"),
        (["fix", "doc.md"], "rule", "rule"),
        (["check", "clean.md"], "formatter", "formatter"),
        (["check", "shard.jsonl", "--jobs", "2", "--format", "json", "-q"], "rule", "rule"),
        (["check", "shard.jsonl", "--jobs", "2", "--format", "jsonl", "-q"], "rule", "rule"),
    ],
    ids=["rule", "rule-with-output-file", "rule-in-fix", "formatter", "jobs-worker", "streamed"],
)
def test_an_internal_error_is_one_line_and_exit_2(
    tmp_path: Path, planted: dict[str, str], args: list[str], fault: str, where: str
) -> None:
    (tmp_path / "doc.md").write_text("PLANTED-FAULT\n\nWATCH: A story\n", encoding="utf-8")
    (tmp_path / "clean.md").write_text("WATCH: A story\n", encoding="utf-8")
    _corpus(tmp_path)
    log = Path(planted["HYGIENE_PLANTED_LOG"])
    result = _run(args, tmp_path, planted, fault)
    assert result.returncode == 2, result.stderr
    if fault == "rule":  # raised where the check ran: in a worker for --jobs runs
        expected = "worker" if "--jobs" in args else "main"
        assert log.read_text().split() == [expected]
    assert result.stderr.splitlines()[-1] == LINE.format(where=where)
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.json").exists()  # no report, half or whole
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".hygiene-")] == []


def test_verbose_and_the_environment_show_the_traceback(
    tmp_path: Path, planted: dict[str, str]
) -> None:
    (tmp_path / "doc.md").write_text("PLANTED-FAULT\n", encoding="utf-8")
    for args, env in ((["check", "--verbose", "doc.md"], {}),
                      (["check", "doc.md"], {"HYGIENE_TRACEBACK": "1"})):  # fmt: skip
        result = _run(args, tmp_path, {**planted, **env}, "rule")
        assert result.returncode == 2
        assert "Traceback (most recent call last)" in result.stderr
        assert 'raise RuntimeError("planted fault in a rule")' in result.stderr
        assert result.stderr.splitlines()[-1] == LINE.format(where="rule")


def test_an_internal_error_in_a_dask_task_is_one_line_and_exit_2(
    tmp_path: Path, planted: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    distributed = pytest.importorskip("distributed")
    _corpus(tmp_path)
    # The cluster's worker processes are spawned from this one: they import the planted
    # module as the CLI does.
    for name, value in {**planted, "HYGIENE_PLANTED_FAULT": "rule"}.items():
        monkeypatch.setenv(name, value)
    cluster = distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None,
    )  # fmt: skip
    try:
        result = _run(["check", "shard.jsonl", "--scheduler", cluster.scheduler_address, "-q"],
                      tmp_path, planted, "rule")  # fmt: skip
    finally:
        cluster.close()
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines()[-1] == LINE.format(where="rule")
    assert Path(planted["HYGIENE_PLANTED_LOG"]).read_text().split() == ["worker"]


def test_a_worker_killed_on_one_record_costs_that_record_only(
    tmp_path: Path, planted: dict[str, str]
) -> None:
    _corpus(tmp_path)
    args = ["check", "shard.jsonl", "--jobs", "2", "--format", "jsonl", "-q"]
    result = _run(args, tmp_path, planted, "kill")
    assert result.returncode == 3, result.stderr
    assert result.stderr.splitlines() == [
        "hygiene: error: shard.jsonl:26: the worker process checking this died twice (out of "
        "memory, or killed); not checked"
    ]
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records[-1]["summary"]["documents"] == 5_999  # every other record was checked
    assert [r["error"]["line"] for r in records if r["type"] == "error"] == [26]
