"""Write a corpus run as JSON Lines records while it runs, so memory does not grow with it.

The records are those of ``--format jsonl`` (header, findings, input errors, summary),
each checked against the records schema with a validator compiled once; a clean
document writes nothing. ``--output-dir`` writes one such file per input shard and a
completion marker beside it, so that a rerun skips the shards already done.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from hygiene.api import Checker, InputResult, check_inputs, default_jobs
from hygiene.atomic import atomic_text, write_atomically
from hygiene.discovery import Input
from hygiene.progress import Progress
from hygiene.report import checked_line, result_lines, summary_dict, to_records
from hygiene.rule import count_at_or_above

DONE_SUFFIX = ".done"
FINDINGS_SUFFIX = ".findings.jsonl"


class RecordWriter:
    """Validates and writes records one at a time and keeps the counts for the summary."""

    def __init__(self, checker: Checker, out: TextIO) -> None:
        self.out = out
        self.checker = checker
        self.documents = 0
        self.suppressed = 0
        self.errors = 0
        self.kinds: Counter[tuple[str, str]] = Counter()

    def _write(self, record: dict[str, Any]) -> None:
        self.out.write(checked_line(record))

    def header(self) -> None:
        empty = self.checker.report([])
        self._write(to_records(empty)[0])

    def add(self, done: InputResult) -> None:
        """Write the records of one input (or of a batch of its lines), serialised by the
        worker that checked them or else here, and count them for the summary."""
        lines = done.records if done.records is not None else result_lines(done.in_order())
        self.out.writelines(lines)
        for record, found in done.results:
            self.documents += 1
            self.suppressed += record.suppressed
            self.kinds.update((finding.severity, finding.code) for finding in found)
        self.errors += len(done.errors)

    def summary(self) -> None:
        block = summary_dict(
            documents=self.documents, kinds=self.kinds, suppressed=self.suppressed,
            errors=self.errors,
        )  # fmt: skip
        self._write({"type": "summary", "summary": block, "baseline": None})

    def by_severity(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        for (severity, _), count in self.kinds.items():
            counts[severity] += count
        return counts

    def marker(self, item: Input) -> dict[str, Any]:
        """What a completion marker records, so a rerun can still judge the whole run."""
        return {"path": item.display, "by_severity": dict(sorted(self.by_severity().items())),
                "errors": self.errors}  # fmt: skip

    def at_or_above(self, threshold: str) -> int:
        return count_at_or_above(self.by_severity(), threshold)


def stream_jsonl(
    checker: Checker,
    inputs: Sequence[Input],
    out: TextIO,
    jobs: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> RecordWriter:
    """Check ``inputs`` and write their records to ``out`` as they come."""
    writer = RecordWriter(checker, out)
    writer.header()
    parts: Iterator[InputResult]
    if scheduler is None and (jobs or default_jobs(inputs)) <= 1:
        # One process: a document at a time, so not even one shard is held in memory.
        checker.count_lines(inputs)
        parts = (part for item in inputs for part in checker.iter_input(item))
    else:
        checked = check_inputs(checker, inputs, None, jobs, scheduler, serialise=True)
        parts = (part for _, part in checked)
    for done in parts:
        writer.add(done)
        if progress:
            progress.advance(*done.counts())
    writer.summary()
    return writer


def output_paths(folder: str, item: Input) -> tuple[Path, Path]:
    """Where a shard's findings and its completion marker go."""
    relative = item.display.lstrip("/").replace("..", "__")
    findings = Path(folder, relative + FINDINGS_SUFFIX)
    return findings, Path(str(findings) + DONE_SUFFIX)


def pending(folder: str, inputs: Sequence[Input]) -> tuple[list[Input], int]:
    """The shards still to check, and how many are complete already."""
    todo = [item for item in inputs if not output_paths(folder, item)[1].exists()]
    return todo, len(inputs) - len(todo)


def write_output_dir(
    checker: Checker,
    inputs: Sequence[Input],
    folder: str,
    jobs: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> Iterator[tuple[Input, RecordWriter]]:
    """Check each shard not yet complete; write its records, then its marker."""
    todo, _ = pending(folder, inputs)
    parts = check_inputs(checker, todo, None, jobs, scheduler, serialise=True)
    # Each input's results come together, in one part or several (its batches of lines).
    for _, item_parts in itertools.groupby(parts, key=lambda part: id(part[0])):
        first = next(item_parts)
        item = first[0]
        findings_path, marker = output_paths(folder, item)
        findings_path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_text(str(findings_path)) as out:
            writer = RecordWriter(checker, out)
            writer.header()
            for _, done in itertools.chain([first], item_parts):
                writer.add(done)
                if progress:
                    progress.advance(*done.counts())
            writer.summary()
        write_atomically(str(marker), (json.dumps(writer.marker(item)) + "\n").encode("utf-8"))
        yield item, writer


def completed_counts(folder: str, inputs: Sequence[Input]) -> tuple[Counter[str], int]:
    """Findings by severity and errors recorded by the markers of completed inputs."""
    by_severity: Counter[str] = Counter()
    errors = 0
    for item in inputs:
        marker = output_paths(folder, item)[1]
        if marker.exists():
            data = json.loads(marker.read_text(encoding="utf-8"))
            by_severity.update(data["by_severity"])
            errors += data["errors"]
    return by_severity, errors
