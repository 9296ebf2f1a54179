"""A corpus run stopped by SIGTERM (a CI cancel) or SIGKILL, then run again, gives what an
uninterrupted run gives: no orphan worker, no temporary file, markers that only vouch for
finished work."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import ROOT

FILLER = "The talks ended on Thursday without an agreement on trade, officials said. "


def _corpus(folder: Path) -> None:
    shards = folder / "shards"
    shards.mkdir()
    for number in range(4):
        records = [
            {"id": f"{number}-{n}", "text": f"Story {n} of part {number}. {FILLER * 3}"}
            for n in range(2_500)
        ]
        records[7]["text"] = "WATCH: Trump on Mexico relations\n\n" + FILLER
        records[9]["text"] = "Site footer, all rights reserved.\n\n" + FILLER
        (shards / f"part-{number}.jsonl").write_text(
            "".join(json.dumps(record) + "\n" for record in records), encoding="utf-8"
        )


def _start(folder: Path, output: str, tag: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HYGIENE_RUN_TAG": tag,
           "TMPDIR": str(folder / "tmp")}  # fmt: skip
    return subprocess.Popen(
        [sys.executable, "-m", "hygiene", "check", "shards", "--output-dir", output,
         "--jobs", "2", "-q"],
        cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


def _tagged_processes(tag: str) -> list[int]:
    """Processes whose environment carries ``tag``: the run's own and its workers."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if f"HYGIENE_RUN_TAG={tag}".encode() in environ.split(b"\0"):
            found.append(int(entry.name))
    return found


def _outputs(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _gone(tag: str, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _tagged_processes(tag):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads /proc")
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL], ids=["TERM", "KILL"])
def test_a_stopped_run_then_a_rerun_equals_an_uninterrupted_run(
    tmp_path: Path, stop: signal.Signals
) -> None:
    _corpus(tmp_path)
    (tmp_path / "tmp").mkdir()
    whole = _start(tmp_path, "whole", "whole-" + uuid.uuid4().hex)
    assert whole.wait(timeout=600) == 1, whole.stderr.read() if whole.stderr else ""

    tag = uuid.uuid4().hex
    run = _start(tmp_path, "out", tag)
    deadline = time.monotonic() + 120
    while not list((tmp_path / "out").rglob("*.done")) and time.monotonic() < deadline:
        time.sleep(0.05)  # stop it between shards: at least one is complete
    assert run.poll() is None, "the run ended before it could be stopped"
    os.kill(run.pid, stop)
    code = run.wait(timeout=120)
    assert code == (143 if stop == signal.SIGTERM else -signal.SIGKILL)
    if stop == signal.SIGTERM:
        assert run.stderr is not None and run.stderr.read().decode() == "hygiene: terminated\n"
        assert not list((tmp_path / "out").rglob(".hygiene-*"))  # cleaned up on the way out
    assert _gone(tag), "worker processes outlived the run"

    again = _start(tmp_path, "out", tag)
    assert again.wait(timeout=600) == 1
    assert again.stderr is not None
    assert "already complete" in again.stderr.read().decode()
    assert _outputs(tmp_path / "out") == _outputs(tmp_path / "whole")
    assert not list((tmp_path / "tmp").iterdir())  # nothing left in the temporary folder
    assert _gone(tag)
