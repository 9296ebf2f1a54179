"""The catalogue of bad inputs (fixtures/bad/catalogue.toml), each run end to end through the
CLI beside a good file: the exact one-line error or finding, the exit code, the good file
still reported, and never a traceback. Then a 1 GB shard, streamed in flat memory."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, ROOT, run_cli

BAD = FIXTURES / "bad"
CATALOGUE = tomllib.loads((BAD / "catalogue.toml").read_text(encoding="utf-8"))["entry"]
GOOD_FINDING = "good.txt:3:1 BP001"
MIB = 1 << 20
NOT_INPUTS = frozenset({"catalogue.toml", "make_fixtures.py", "README.md"})

FILLER = "the talks ended without an agreement on trade while ministers met again "


def _long_line(folder: Path) -> None:
    """50 MiB of words on one line, then mojibake: found at its column, so read to the end."""
    filler = (FILLER * (50 * MIB // len(FILLER) + 1))[: 50 * MIB]
    (folder / "long-line.txt").write_text(filler + "cafÃ© au lait\n", encoding="utf-8")


def _huge_text(folder: Path) -> None:
    """A 1 GiB file that takes no disk: it is sparse, and must be refused by its size alone."""
    with open(folder / "huge.txt", "wb") as handle:
        handle.truncate(1024 * MIB)


def _fifo_in_folder(folder: Path) -> None:
    (folder / "piped").mkdir()
    os.mkfifo(folder / "piped" / "pipe.txt")
    (folder / "piped" / "ok.md").write_text("WATCH: A story\n", encoding="utf-8")


def _deep(folder: Path) -> None:
    nested = "[" * 100_000 + "]" * 100_000
    (folder / "deep.jsonl").write_text(
        f'{{"id": 1, "text": "x", "meta": {nested}}}\n{{"id": 2, "text": "WATCH: next"}}\n',
        encoding="utf-8",
    )


GIT_NAMES = ("нотатки.md", "笔记.md", "with space.md", 'say "hi".md', "new\nline.md")


def _git_names(folder: Path) -> None:
    """A repository whose committed files have names git quotes in its diffs; each then
    gains a line, the one change --diff-base must see (good.txt stays untracked: new)."""

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
                       cwd=folder, check=True, capture_output=True)  # fmt: skip

    git("init", "-q")
    for name in GIT_NAMES:
        (folder / name).write_text("The talks ended on Thursday.\n", encoding="utf-8")
    git("add", "--", *GIT_NAMES)
    git("commit", "-q", "-m", "start")
    titles = ("Trump on Mexico", "The summit", "Talks resume", "Border wall", "Trade deal")
    for name, title in zip(GIT_NAMES, titles, strict=True):  # no line repeats (BP010)
        with open(folder / name, "a", encoding="utf-8") as handle:
            handle.write(f"\nWATCH: {title}\n")


# File names that are workflow commands of a CI log, or break its lines, or hide (#27).
HOSTILE_NAMES = ("::error file=x.md,line=1::INJECTED.md", "new\n::warning ::X.md",
                 "  ::notice::lead.md", "v1 ##[error]legacy.md", "pct%0A::error::y.md",
                 "ansi\x1b[31mred.md", "bidi\N{RIGHT-TO-LEFT OVERRIDE}evil.md",
                 "ctl\x01\x1f.md")  # fmt: skip


def _hostile_names(folder: Path) -> None:
    (folder / "hostile").mkdir()
    for number, name in enumerate(HOSTILE_NAMES):
        (folder / "hostile" / name).write_text(f"Intro.\n\nWATCH: Video {number}\n", "utf-8")


def _planted_parent_config(folder: Path) -> None:
    """A hygiene.toml that turns every rule off, planted above a repository's top."""
    (folder.parent / "hygiene.toml").write_text('ignore = ["ALL"]\n', encoding="utf-8")
    (folder / ".git").mkdir()


def _silencing_record(folder: Path) -> None:
    """A corpus record that tries to hide its own bidi override with a directive."""
    record = {
        "id": "r1",
        "text": "<!-- hygiene: disable-file -->\nTotal: \N{RIGHT-TO-LEFT OVERRIDE}100 USD\n",
    }
    (folder / "silencing.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")


def _latin1_name(folder: Path) -> None:
    """A file whose name is not UTF-8 (written on a Latin-1 system), found by a walk."""
    (folder / "latin").mkdir()
    with open(os.path.join(os.fsencode(folder), b"latin", b"caf\xe9.md"), "wb") as handle:
        handle.write(b"WATCH: A story\n")


def _deep_baseline(folder: Path) -> None:
    nested = "[" * 100_000 + "]" * 100_000
    (folder / "deep-baseline.json").write_text(
        f'{{"hygiene_baseline": 1, "findings": {nested}}}', encoding="utf-8"
    )


MAKERS: dict[str, Callable[[Path], Any]] = {
    "git-names": _git_names,
    "latin1-name": _latin1_name,
    "deep-baseline": _deep_baseline,
    "long-line": _long_line,
    "huge-text": _huge_text,
    "folder": lambda folder: (folder / "folder").mkdir(),
    "symlink-loop": lambda folder: (folder / "loop.txt").symlink_to("loop.txt"),
    "secret": lambda folder: (folder / "secret.txt").write_text("A secret.\n"),
    "fifo": lambda folder: os.mkfifo(folder / "pipe.txt"),
    "fifo-in-folder": _fifo_in_folder,
    "deep": _deep,
    "bidi-name": lambda folder: (folder / "b\u202eevil.txt").write_bytes(b"\x89PNG\r\n\x1a\n\0\0"),
    "hostile-names": _hostile_names,
    "planted-parent-config": _planted_parent_config,
    "silencing-record": _silencing_record,
}

# Run in the CLI's process before it starts: errors that root (which CI runs as) never meets.
PRELUDES = {
    "crash-in-rule": (
        "import hygiene.core.engine as engine\n"
        "def _broken(*args, **kwargs):\n"
        "    raise RuntimeError('planted fault in a rule')\n"
        "engine.check_document = _broken\n"
    ),
    "deny-secret": (
        "import builtins, errno, os\n"
        "_open = builtins.open\n"
        "def _guarded(file, *args, **kwargs):\n"
        "    if str(file).endswith('secret.txt'):\n"
        "        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(file))\n"
        "    return _open(file, *args, **kwargs)\n"
        "builtins.open = _guarded\n"
    ),
}


def _where(finding: dict[str, Any]) -> str:
    span = finding["span"]
    record = f"#{finding['record']['line']}" if finding.get("record") else ""
    return f"{finding['path']}{record}:{span['line']}:{span['column']} {finding['code']}"


@pytest.mark.parametrize("entry", CATALOGUE, ids=lambda entry: entry["name"])
def test_bad_input(tmp_path: Path, entry: dict[str, Any]) -> None:
    folder = tmp_path / "bad"
    shutil.copytree(BAD, folder, ignore=lambda _, names: [n for n in names if n in NOT_INPUTS])
    if "make" in entry:
        MAKERS[entry["make"]](folder)
    args = [*entry["args"], "good.txt"]
    result = run_cli(
        "check", *args, "--format", "json", "-q", cwd=folder, timeout=300,
        prelude=PRELUDES.get(entry.get("prelude", ""), ""),
    )  # fmt: skip
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    if "internal" in entry:  # a bug: one line, exit 2 (never 1, the code of findings)
        assert result.returncode == 2 and result.stdout == b""
        assert stderr.splitlines() == [
            f"hygiene: internal error: {entry['internal']} (a bug in hygiene; --verbose or "
            "HYGIENE_TRACEBACK=1 shows the traceback)"
        ]
        return
    assert stderr.splitlines() == [f"hygiene: error: {line}" for line in entry.get("errors", [])]
    if entry.get("usage"):
        assert result.returncode == 2 and result.stdout == b""
        return
    assert result.returncode == (3 if entry.get("errors") else 1)
    report = json.loads(result.stdout)
    found = [_where(finding) for finding in report["findings"]]
    assert GOOD_FINDING in found  # the other input is still checked
    found.remove(GOOD_FINDING)
    if "finding-count" in entry:
        assert len(found) == entry["finding-count"]
        assert found[: len(entry["first-findings"])] == entry["first-findings"]
    else:
        assert found == entry.get("findings", [])
    assert len(report["errors"]) == len(entry.get("errors", []))


def test_every_committed_bad_input_is_in_the_catalogue() -> None:
    named = {arg for entry in CATALOGUE for arg in entry["args"]}
    committed = {p.name for p in BAD.iterdir()} - NOT_INPUTS - {"good.txt"}
    assert committed <= named


def test_a_1_gib_shard_streams_in_flat_memory(tmp_path: Path) -> None:
    """1 GiB of JSON Lines, checked as a corpus run writes it (--format jsonl): peak memory
    stays far below the file's size, and the record at the very end is still reported.
    One cheap rule is selected so that the suite stays fast; the reading, decoding and
    streaming are those of every run (benchmarks/throughput.py measures all rules)."""
    record = json.dumps({"id": 0, "text": FILLER * 50}) + "\n"
    block = record.encode() * (4 * MIB // len(record))
    shard = tmp_path / "huge.jsonl"
    with open(shard, "wb") as handle:
        while handle.tell() < 1024 * MIB:
            handle.write(block)
        handle.write(json.dumps({"id": "last", "text": "bidi \u202e at the end"}).encode() + b"\n")
    assert shard.stat().st_size >= 1024 * MIB
    measure = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE)\n"
        "sys.stdout.buffer.write(done.stdout)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "sys.stderr.write(f'{peak}\\n')\n"
        "sys.exit(done.returncode)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", measure, sys.executable, "-m", "hygiene", "check", str(shard),
         "--select", "UC001", "--format", "jsonl", "-q", "--jobs", "1"],
        cwd=ROOT, capture_output=True, timeout=900, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    findings = [r["finding"] for r in records if r["type"] == "finding"]
    assert [(f["code"], f["record"]["id"]) for f in findings] == [("UC001", "last")]
    assert records[-1]["summary"]["documents"] > 200_000
    peak_mib = int(result.stderr.decode().split()[-1]) / 1024  # ru_maxrss is in KiB on Linux
    print(f"1 GiB shard: peak RSS {peak_mib:.0f} MiB")  # shown with pytest -s
    assert peak_mib < 200, f"peak RSS {peak_mib:.0f} MiB while streaming 1 GiB"
