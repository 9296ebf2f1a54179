"""A fix never leaves a partial file: a crash at any step of the write keeps the original."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from hygiene.support import atomic
from tests.conftest import ROOT

NBSP = "\u00a0"


class Crash(Exception):
    """Stands for the process dying at one step of the write."""


def _crash(*args: object, **kwargs: object) -> None:
    raise Crash


@pytest.mark.parametrize("step", ["fsync", "chmod", "replace"])
@pytest.mark.parametrize("failure", [Crash, KeyboardInterrupt])
def test_a_crash_at_any_step_leaves_the_original_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str, failure: type[BaseException]
) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(b"original bytes\r\n")
    path.chmod(0o640)

    def fail(*args: object, **kwargs: object) -> None:
        raise failure

    monkeypatch.setattr(atomic.os, step, fail)
    with pytest.raises(failure):
        atomic.write_atomically(str(path), b"new bytes\n", mode=0o640)
    assert path.read_bytes() == b"original bytes\r\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt"]  # no temporary left


def test_a_crash_while_writing_leaves_the_original_intact(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(b"original")
    with pytest.raises(Crash), atomic.atomic_text(str(path)) as stream:
        stream.write("half of the new ")
        _crash()
    assert path.read_bytes() == b"original"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt"]


def test_a_killed_fix_leaves_the_original_or_the_whole_new_file(tmp_path: Path) -> None:
    """SIGKILL at a random moment of `hygiene fix`: never a mix of the two."""
    path = tmp_path / "doc.txt"
    original = f"one{NBSP}two\n" * 200_000
    path.write_text(original, encoding="utf-8")
    fixed = original.replace(NBSP, " ")
    process = subprocess.Popen(
        [sys.executable, "-m", "hygiene", "fix", "doc.txt", "--select", "UC004"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        process.wait(timeout=1.5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    assert path.read_text(encoding="utf-8") in (original, fixed)
