"""JSON Lines shards: records, fields, compression, bad records, and --jobs."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import pytest
import zstandard

from hygiene.support import schemas
from tests.conftest import run_cli

RECORDS = [
    {"id": "a1", "text": "Clean text here.", "url": "https://example.org/1", "lang": "en"},
    {"id": "a2", "text": "The talks ended.\n\nWATCH: A video", "title": "caf\u00c3\u00a9 menu"},
    {"id": "a3", "text": "A line\u2028separator inside, and caf\u00c3\u00a9."},
]


def lines(records: list[dict[str, object]]) -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def check(tmp_path: Path, *args: str) -> tuple[int, dict, str]:  # type: ignore[type-arg]
    result = run_cli("check", *args, "--format", "json", cwd=tmp_path)
    report = json.loads(result.stdout)
    schemas.validator(schemas.REPORT).validate(report)
    return result.returncode, report, result.stderr.decode()


def test_findings_name_record_line_id_and_field(tmp_path: Path) -> None:
    (tmp_path / "shard.jsonl").write_text(lines(RECORDS), encoding="utf-8")
    code, report, _ = check(tmp_path, "shard.jsonl", "--text-field", "text",
                            "--text-field", "title")  # fmt: skip
    assert code == 1
    got = [(f["code"], f["record"], f["span"]["line"], f["span"]["column"], f["excerpt"])
           for f in report["findings"]]  # fmt: skip
    assert got == [
        ("BP001", {"line": 2, "id": "a2", "field": "text"}, 3, 1, "WATCH: A video"),
        ("EN001", {"line": 2, "id": "a2", "field": "title"}, 1, 4, "Ã©"),
        # U+2028 inside a string neither splits the record nor the line count
        ("EN001", {"line": 3, "id": "a3", "field": "text"}, 1, 33, "Ã©"),
    ]
    first = report["documents"][0]
    assert first["metadata"] == {"url": "https://example.org/1", "lang": "en"}
    assert first["language"] == {"code": "en", "confidence": 1.0, "evidence": "declared"}


def test_text_output_points_at_the_record(tmp_path: Path) -> None:
    (tmp_path / "shard.jsonl").write_text(lines(RECORDS), encoding="utf-8")
    output = run_cli("check", "shard.jsonl", cwd=tmp_path).stdout.decode().splitlines()
    assert output[0].startswith("shard.jsonl:2: [a2 text 3:1]: BP001 [-] boilerplate.embed-label")


def test_compressed_shards_read_like_plain_ones(tmp_path: Path) -> None:
    data = lines(RECORDS).encode("utf-8")
    (tmp_path / "a.jsonl").write_bytes(data)
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(data))
    (tmp_path / "c.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(data))
    (tmp_path / "d.json.gz").write_bytes(gzip.compress(data))
    _, report, _ = check(tmp_path, ".")
    by_path: dict[str, list[tuple[str, int]]] = {}
    for finding in report["findings"]:
        by_path.setdefault(finding["path"], []).append((finding["code"], finding["record"]["line"]))
    assert sorted(by_path) == ["a.jsonl", "b.jsonl.gz", "c.jsonl.zst", "d.json.gz"]
    assert len({tuple(found) for found in by_path.values()}) == 1


def test_bad_records_are_errors_with_their_line_and_the_run_goes_on(tmp_path: Path) -> None:
    bad = (
        lines(RECORDS[:1])
        + "{broken json\n"
        + json.dumps({"id": "n", "text": 42}) + "\n"
        + json.dumps({"id": "m", "body": "x"}) + "\n"
        + "\ufeff" + json.dumps({"id": "bom", "text": "WATCH: After a BOM"}) + "\n"
    )  # fmt: skip
    (tmp_path / "bad.jsonl").write_text(bad, encoding="utf-8")
    (tmp_path / "good.jsonl").write_text(lines(RECORDS[1:2]), encoding="utf-8")
    data = gzip.compress(lines(RECORDS * 50).encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    code, report, stderr = check(tmp_path, ".")
    assert code == 3
    assert [(e["path"], e["line"]) for e in report["errors"]] == [
        ("bad.jsonl", 2), ("bad.jsonl", 3), ("bad.jsonl", 4), ("cut.jsonl.gz", None),
    ]  # fmt: skip
    assert "hygiene: error: bad.jsonl:2: malformed JSON: " in stderr
    assert "hygiene: error: bad.jsonl:3: field 'text' is int, not a string" in stderr
    assert "hygiene: error: cut.jsonl.gz: truncated or corrupt compressed data" in stderr
    found = {(f["path"], f["record"]["id"]) for f in report["findings"] if f["code"] == "BP001"}
    assert found == {("bad.jsonl", "bom"), ("good.jsonl", "a2")}


def test_jobs_give_identical_reports(tmp_path: Path) -> None:
    for number in range(4):
        records = [{**record, "id": f"{number}-{record['id']}"} for record in RECORDS * 3]
        (tmp_path / f"shard-{number}.jsonl").write_text(lines(records), encoding="utf-8")
    one = run_cli("check", ".", "--format", "json", "--jobs", "1", cwd=tmp_path)
    two = run_cli("check", ".", "--format", "json", "--jobs", "2", cwd=tmp_path)
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    codes = Counter(f["code"] for f in json.loads(one.stdout)["findings"])
    # Each of the 12 copies of a2 has a BP001 label and an EN001 title; the copies repeat
    # the run's lines, so the corpus rule reports a2's and a3's long lines in every copy.
    assert codes == {"BP001": 12, "EN001": 12, "BP010": 36}


def test_jsonl_format_streams_valid_records(tmp_path: Path) -> None:
    (tmp_path / "shard.jsonl").write_text(lines(RECORDS), encoding="utf-8")
    result = run_cli("check", "shard.jsonl", "--format", "jsonl", cwd=tmp_path)
    assert result.returncode == 1
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    for record in records:
        schemas.validator(schemas.RECORDS).validate(record)
    assert [r["type"] for r in records] == ["header", "finding", "finding", "summary"]
    whole = json.loads(run_cli("check", "shard.jsonl", "--format", "json", cwd=tmp_path).stdout)
    assert [r["finding"] for r in records[1:-1]] == whole["findings"]
    assert records[-1]["summary"] == whole["summary"]


def test_output_dir_is_resumable(tmp_path: Path) -> None:
    (tmp_path / "shards").mkdir()
    for number in range(3):
        (tmp_path / "shards" / f"part-{number}.jsonl").write_text(lines(RECORDS), "utf-8")
    first = run_cli("check", "shards", "--output-dir", "out", cwd=tmp_path)
    assert first.returncode == 1
    written = sorted(p.relative_to(tmp_path / "out").as_posix()
                     for p in (tmp_path / "out").rglob("*") if p.is_file())  # fmt: skip
    assert written == [
        f"shards/part-{n}.jsonl.findings.jsonl{suffix}"
        for n in range(3)
        for suffix in ("", ".done")
    ]
    # A shard whose marker is gone is checked again; the others are skipped.
    findings_file = tmp_path / "out" / "shards" / "part-1.jsonl.findings.jsonl"
    (tmp_path / "out" / "shards" / "part-1.jsonl.findings.jsonl.done").unlink()
    findings_file.write_text("half a file", encoding="utf-8")
    before = (tmp_path / "out" / "shards" / "part-0.jsonl.findings.jsonl").stat().st_mtime_ns
    second = run_cli("check", "shards", "--output-dir", "out", cwd=tmp_path)
    assert second.returncode == 1  # the completed shards' findings still count
    assert "skipping 2 input(s) already complete" in second.stderr.decode()
    assert (
        tmp_path / "out" / "shards" / "part-0.jsonl.findings.jsonl"
    ).stat().st_mtime_ns == before
    rewritten = [json.loads(line) for line in findings_file.read_text("utf-8").splitlines()]
    assert rewritten[0]["type"] == "header" and rewritten[-1]["type"] == "summary"


def test_output_dir_refuses_whole_report_options(tmp_path: Path) -> None:
    (tmp_path / "shard.jsonl").write_text(lines(RECORDS), encoding="utf-8")
    result = run_cli("check", "shard.jsonl", "--output-dir", "out", "--baseline", "b.json",
                     cwd=tmp_path)  # fmt: skip
    assert result.returncode == 2
    assert "--output-dir writes one findings file per input" in result.stderr.decode()
    assert not (tmp_path / "out").exists()


def test_lines_split_across_chunks_and_oversized_lines_are_lengths() -> None:
    from hygiene.inputs.jsonl import chunked_lines

    chunks = [b"ab", b"c\nde", b"fghij", b"k\n", b"\nlm", b"n"]
    assert list(chunked_lines(chunks, limit=100)) == [b"abc", b"defghijk", b"", b"lmn"]
    # Over 5 bytes a line comes back as its length, held in no buffer.
    assert list(chunked_lines(chunks, limit=5)) == [b"abc", 8, b"", b"lmn"]
    assert list(chunked_lines([b"x" * 4, b"x" * 4], limit=5)) == [8]


def test_gzip_members_padding_and_a_cut_stream(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hygiene.inputs.jsonl import iter_documents

    member = gzip.compress(lines(RECORDS[:1]).encode(), mtime=0)
    joined = tmp_path / "joined.jsonl.gz"
    joined.write_bytes(member + member + b"\0" * 8)  # cat'ed shards, then tape padding
    assert [d.record.line for d in iter_documents(str(joined), "joined.jsonl.gz")] == [1, 2]  # type: ignore[union-attr]
    # A member that ends exactly where a read ends is not the end of the shard.
    monkeypatch.setattr("hygiene.inputs.jsonl._CHUNK", len(member))
    assert [d.record.line for d in iter_documents(str(joined), "joined.jsonl.gz")] == [1, 2]  # type: ignore[union-attr]
    monkeypatch.undo()
    whole = gzip.compress(lines(RECORDS * 400).encode(), mtime=0)
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(whole[: len(whole) * 3 // 4])
    out = list(iter_documents(str(cut), "cut.jsonl.gz"))
    assert out[-1].problem.startswith("truncated or corrupt compressed data after line")  # type: ignore[union-attr]
    assert len(out) > 600  # the records before the cut were all read


def _mixed_shards(folder: Path) -> list[Path]:
    """A plain shard with a malformed record, a blank line and a record over the size limit
    among good ones, and a gzip shard cut short."""
    good = [{**record, "id": f"{n}-{record['id']}"} for n in range(8) for record in RECORDS]
    plain = lines(good[:10]) + "{not json\n\n" + lines([{"id": "big", "text": "x" * 1_100_000}])
    plain += lines(good[10:])
    (folder / "a.jsonl").write_text(plain, encoding="utf-8")
    many = [
        {**record, "id": f"{n}-{record['id']}", "n": n} for n in range(200) for record in RECORDS
    ]
    whole = gzip.compress(lines(many).encode("utf-8"))
    (folder / "b.jsonl.gz").write_bytes(whole[: len(whole) * 2 // 3])
    return [folder / "a.jsonl", folder / "b.jsonl.gz"]


def test_a_shard_is_spread_over_the_workers_in_batches_with_the_same_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--jobs reads a shard in the parent and sends batches of its lines to the workers: one
    large shard keeps every core busy, and the results, errors included, are those of one
    process, in the same order."""
    from hygiene.config.settings import Config
    from hygiene.inputs.discovery import Input
    from hygiene.run import pool
    from hygiene.run.checker import Checker
    from hygiene.run.schedule import check_inputs

    monkeypatch.chdir(tmp_path)
    inputs = [Input(path.name, path.name) for path in _mixed_shards(tmp_path)]
    checker = Checker(Config(max_document_megabytes=1))
    monkeypatch.setattr(pool, "BATCH_BYTES", 400)

    def flattened(jobs: int) -> tuple[list[object], list[tuple[str, int | None, str]], list[Input]]:
        parts = list(check_inputs(checker, inputs, jobs=jobs))
        results = [(item.display, result) for item, part in parts for result in part.results]
        errors = [(e.path, e.line, str(e)) for _, part in parts for e in part.errors]
        return results, errors, [item for item, _ in parts]

    one, errors, one_items = flattened(1)
    two, two_errors, two_items = flattened(2)
    assert one_items == inputs  # one process: a result per input
    assert (two, two_errors) == (one, errors)
    assert two_items.count(inputs[0]) > 3 and two_items.count(inputs[1]) > 3
    assert [line for _, line, _ in errors] == [11, 13, None]
    assert "b.jsonl.gz: truncated" in str(errors[-1])


def test_output_dir_gathers_a_shard_checked_in_batches_into_one_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hygiene.inputs.discovery import Input
    from hygiene.run import pool
    from hygiene.run.checker import Checker
    from hygiene.run.stream import write_output_dir

    monkeypatch.chdir(tmp_path)
    inputs = [Input(path.name, path.name) for path in _mixed_shards(tmp_path)]
    (tmp_path / "empty.jsonl").write_bytes(b"")
    inputs.append(Input("empty.jsonl", "empty.jsonl"))
    monkeypatch.setattr(pool, "BATCH_BYTES", 400)
    written = {}
    for jobs, folder in ((1, "one"), (2, "two")):
        done = [item for item, _ in write_output_dir(Checker(), inputs, folder, jobs)]
        assert done == inputs
        written[jobs] = {
            path.relative_to(tmp_path / folder).as_posix(): path.read_bytes()
            for path in sorted((tmp_path / folder).rglob("*"))
        }
    assert written[1] == written[2]
    assert len(written[2]) == 6  # a findings file and a marker per shard, the empty one too


def test_streamed_records_keep_the_shards_order_for_any_jobs(tmp_path: Path) -> None:
    """A bad record's error is written between the findings of the lines around it, in one
    process (which streams a document at a time) and over several (which check batches)."""
    _mixed_shards(tmp_path)
    one = run_cli("check", ".", "--format", "jsonl", "--jobs", "1", cwd=tmp_path)
    two = run_cli("check", ".", "--format", "jsonl", "--jobs", "2", cwd=tmp_path)
    assert one.returncode == two.returncode == 3  # input errors
    assert one.stdout == two.stdout
    kinds = [json.loads(line)["type"] for line in one.stdout.decode().splitlines()]
    first_error = kinds.index("error")
    assert "finding" in kinds[first_error:]


def test_records_written_in_markdown_are_read_as_structure(tmp_path: Path) -> None:
    """--text-format (text-format in the config) says how records' text fields are written:
    a corpus of Markdown pages keeps its code, markup and front matter out of prose."""
    page = (
        "---\ntitle: Arrays\nsource: https://example.com/arrays\n---\n"
        "# Arrays\n\nUse `push()` to add to the list.\n\n```text\nкоментарі читачів:\n```\n"
    )
    shard = tmp_path / "pages.jsonl"
    shard.write_text(json.dumps({"id": "p1", "text": page}) + "\n", encoding="utf-8")

    def findings(*flags: str) -> list[str]:
        result = run_cli("check", "pages.jsonl", "--format", "json", *flags, cwd=tmp_path)
        return [f["code"] for f in json.loads(result.stdout)["findings"]]

    assert "LG001" in findings()  # as plain text, the code's Cyrillic is a leftover
    assert findings("--text-format", "markdown") == []
    (tmp_path / "hygiene.toml").write_text('text-format = "markdown"\n', encoding="utf-8")
    report = json.loads(run_cli("check", "pages.jsonl", "--format", "json", cwd=tmp_path).stdout)
    assert report["findings"] == []
    document = report["documents"][0]
    assert document["format"] == "markdown"
    assert document["metadata"]["source"] == "https://example.com/arrays"
