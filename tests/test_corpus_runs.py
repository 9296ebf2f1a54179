"""Corpus runs give right answers on hostile layouts and reruns: output names that cannot
collide, markers that vouch only for the same shard and flags, resumed runs equal to
whole ones, a run's own outputs never read back, errors said on stderr, and work bounded
however the shard is shaped."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from hygiene.inputs.discovery import Input
from hygiene.run.pool import BATCH_LINES, tasks_of
from hygiene.run.stream import output_paths
from tests.conftest import run_cli
from tests.test_jsonl import RECORDS, lines


def _findings(folder: Path) -> dict[str, list[str]]:
    return {
        path.relative_to(folder).as_posix(): [
            json.loads(line).get("finding", {}).get("code", "")
            for line in path.read_text(encoding="utf-8").splitlines()
        ]
        for path in sorted(folder.rglob("*.findings.jsonl"))
    }


def test_output_names_never_collide() -> None:
    names = ["a..b.jsonl", "a__b.jsonl", "../x.jsonl", "%2E%2E/x.jsonl", "/abs/y.jsonl",
             "abs/y.jsonl", "./z.jsonl", "%2E/z.jsonl", "a%b.jsonl", "a%25b.jsonl"]  # fmt: skip
    paths = [output_paths("out", Input(name, name))[0] for name in names]
    assert len(set(paths)) == len(names)
    assert all(".." not in path.parts for path in paths)  # and none escapes the folder
    assert output_paths("out", Input("s/a.jsonl", "s/a.jsonl"))[0] == Path(
        "out/s/a.jsonl.findings.jsonl"
    )


def test_colliding_names_each_get_their_findings(tmp_path: Path) -> None:
    (tmp_path / "a..b.jsonl").write_text(lines(RECORDS), encoding="utf-8")
    (tmp_path / "a__b.jsonl").write_text(lines([{"id": 1, "text": "Clean."}]), "utf-8")
    result = run_cli("check", "a..b.jsonl", "a__b.jsonl", "--output-dir", "out", cwd=tmp_path)
    assert result.returncode == 1  # the warning of a..b is not lost to a__b's clean file
    found = _findings(tmp_path / "out")
    assert len(found) == 2 and "BP001" in found["a..b.jsonl.findings.jsonl"]


def test_a_marker_vouches_only_for_the_same_shard_and_flags(tmp_path: Path) -> None:
    shard = tmp_path / "shard.jsonl"
    shard.write_text(lines([{"id": 1, "text": "Clean text."}]), encoding="utf-8")
    assert run_cli("check", "shard.jsonl", "--output-dir", "out", cwd=tmp_path).returncode == 0
    shard.write_text(lines(RECORDS), encoding="utf-8")  # edited: must not pass on stale results
    edited = run_cli("check", "shard.jsonl", "--output-dir", "out", cwd=tmp_path)
    assert edited.returncode == 1 and "already complete" not in edited.stderr.decode()
    same = run_cli("check", "shard.jsonl", "--output-dir", "out", cwd=tmp_path)
    assert same.returncode == 1 and "skipping 1 input(s) already complete" in same.stderr.decode()
    other_flags = run_cli("check", "shard.jsonl", "--output-dir", "out", "--ignore", "BP,EN",
                          cwd=tmp_path)  # fmt: skip
    assert "already complete" not in other_flags.stderr.decode()
    assert other_flags.returncode == 0
    marker = tmp_path / "out" / "shard.jsonl.findings.jsonl.done"
    for damaged in ("", '{"key": 3}', "{", "[]"):  # empty, wrong, cut short: checked again
        marker.write_text(damaged, encoding="utf-8")
        again = run_cli("check", "shard.jsonl", "--output-dir", "out", cwd=tmp_path)
        assert again.returncode == 1 and "already complete" not in again.stderr.decode()


def test_a_resumed_run_counts_repeated_lines_over_the_whole_run(tmp_path: Path) -> None:
    shards = tmp_path / "shards"
    shards.mkdir()
    footer = "Copyright Example News, all rights reserved."
    for number in range(3):
        records = [{"id": f"{number}-{n}", "text": f"Story {n} of {number}.\n\n{footer}"}
                   for n in range(4)]  # fmt: skip
        (shards / f"part-{number}.jsonl").write_text(lines(records), encoding="utf-8")
    whole = run_cli("check", "shards", "--output-dir", "whole", "--jobs", "1", cwd=tmp_path)
    assert whole.returncode == 1
    assert "BP010" in str(_findings(tmp_path / "whole"))
    run_cli("check", "shards", "--output-dir", "out", "--jobs", "1", cwd=tmp_path)
    for number in (1, 2):  # as if the run had stopped after the first shard
        (tmp_path / "out" / "shards" / f"part-{number}.jsonl.findings.jsonl.done").unlink()
    run_cli("check", "shards", "--output-dir", "out", "--jobs", "1", cwd=tmp_path)
    assert _findings(tmp_path / "out") == _findings(tmp_path / "whole")


def test_a_run_never_reads_its_own_outputs(tmp_path: Path) -> None:
    (tmp_path / "shard.jsonl").write_text(lines(RECORDS), encoding="utf-8")
    for _ in range(2):
        result = run_cli("check", ".", "--format", "jsonl", "-o", "findings.jsonl", cwd=tmp_path)
        assert result.returncode == 1
    records = (tmp_path / "findings.jsonl").read_text(encoding="utf-8").splitlines()
    assert {json.loads(r).get("finding", {}).get("path") for r in records} <= {None, "shard.jsonl"}
    (tmp_path / "findings.jsonl").unlink()  # another run's output is an input like any other
    run_cli("check", ".", "--format", "json", "-o", "report.json", cwd=tmp_path)
    report = run_cli("check", ".", "--format", "json", "-o", "report.json", cwd=tmp_path)
    assert report.returncode == 1
    documents = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["documents"]
    assert {document["path"] for document in documents} == {"shard.jsonl"}
    for _ in range(2):
        run_cli("check", ".", "--output-dir", "out", cwd=tmp_path)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "shard.jsonl.findings.jsonl",
        "shard.jsonl.findings.jsonl.done",
    ]  # no out/out/...


def test_a_streamed_run_says_its_errors_on_stderr(tmp_path: Path) -> None:
    (tmp_path / "bad.jsonl").write_text('{"id": 1, "text": "ok"}\n{oops\n', encoding="utf-8")
    for args in (["--format", "jsonl"], ["--output-dir", "out"]):
        result = run_cli("check", "bad.jsonl", *args, cwd=tmp_path)
        assert result.returncode == 3
        assert (
            result.stderr.decode()
            .splitlines()[0]
            .startswith("hygiene: error: bad.jsonl:2: malformed JSON")
        )


def test_batches_are_bounded_by_lines_as_well_as_bytes(tmp_path: Path) -> None:
    shard = tmp_path / "blank.jsonl.gz"
    with gzip.open(shard, "wb") as handle:
        handle.write(b"\n" * (3 * BATCH_LINES) + b'{"id": 1, "text": "x"}\n')
    batches = [task for _, task in tasks_of([Input(str(shard), "blank.jsonl.gz")], 1 << 20)]
    assert [len(batch) for batch in batches if isinstance(batch, list)] == [
        BATCH_LINES,
        BATCH_LINES,
        BATCH_LINES,
        1,
    ]


def test_jobs_are_capped_by_the_work_there_is(tmp_path: Path) -> None:
    (tmp_path / "small.jsonl").write_text(lines(RECORDS), encoding="utf-8")
    spawned = (
        "import concurrent.futures.process as process, sys\n"
        "_init = process.ProcessPoolExecutor.__init__\n"
        "def _counting(self, workers=None, *args, **kwargs):\n"
        "    sys.stderr.write(f'pool of {workers}\\n')\n"
        "    _init(self, workers, *args, **kwargs)\n"
        "process.ProcessPoolExecutor.__init__ = _counting\n"
    )
    result = run_cli("check", "small.jsonl", "--jobs", "512", "--format", "jsonl", "-q",
                     cwd=tmp_path, prelude=spawned)  # fmt: skip
    assert result.returncode == 1
    assert "pool of" not in result.stderr.decode()  # one task: checked in this process


def test_standard_input_is_held_to_the_size_limit(tmp_path: Path) -> None:
    (tmp_path / "hygiene.toml").write_text("max-document-megabytes = 1\n", encoding="utf-8")
    result = run_cli("check", "-", cwd=tmp_path, stdin=b"a" * (3 << 20))
    assert result.returncode == 3
    assert result.stderr.decode() == (
        "hygiene: error: <stdin>: file too large to check as one document: over the limit of "
        "1 MiB (max-document-megabytes)\n"
    )


def test_an_output_folder_around_the_inputs_leaves_out_only_what_runs_write(
    tmp_path: Path,
) -> None:
    shards = tmp_path / "data" / "shards"
    shards.mkdir(parents=True)
    (shards / "s.jsonl").write_text(lines(RECORDS), encoding="utf-8")
    for folder in ("data", "."):  # the inputs lie inside the output folder
        result = run_cli("check", "data/shards", "--output-dir", folder, cwd=tmp_path)
        assert result.returncode == 1, result.stderr  # checked, never "0 files, all clean"
        assert "BP001" in str(_findings(tmp_path / folder))


def test_a_lone_surrogate_in_a_deeply_nested_record_costs_nothing(tmp_path: Path) -> None:
    nested = "[" * 500 + "1" + "]" * 500  # deeper than a walk over every value could go
    (tmp_path / "nest.jsonl").write_text(
        f'{{"id": 1, "text": "Body \\ud83d text.", "x": {nested}}}\n'
        '{"id": 2, "text": "WATCH: A story"}\n',
        encoding="utf-8",
    )
    result = run_cli("check", "nest.jsonl", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    found = [(f["record"]["line"], f["code"]) for f in json.loads(result.stdout)["findings"]]
    assert found == [(1, "EN003"), (2, "BP001")]


def test_a_streamed_run_whose_reader_stops_early_exits_141(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    records = [{"id": n, "text": f"WATCH: Story number {n}"} for n in range(3_000)]
    (tmp_path / "many.jsonl").write_text(lines(records), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "hygiene", "check", "many.jsonl", "--format", "jsonl", "-q",
         "--jobs", "1", "--exit-zero"],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()  # like `| head -1`, long before the run ends
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait(timeout=120) == 141  # unfinished: neither clean (0) nor findings (1)
    assert stderr == b""
