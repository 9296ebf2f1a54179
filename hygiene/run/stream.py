"""Write a corpus run as JSON Lines records while it runs, so memory does not grow with it.

The records are those of ``--format jsonl`` (header, findings, input errors, summary),
each checked against the records schema with a validator compiled once; a clean
document writes nothing. ``--output-dir`` writes one such file per input shard and a
completion marker beside it, so that a rerun skips the shards already done.

A marker holds the key of the work it completed: the shard's sha256 and a digest of the
run's configuration, rule packs and hygiene's version (and, when a rule compares
documents, of every shard of the run). A rerun skips a shard only when its marker
reads whole and its key is the one the rerun would write: an edited shard, other flags
or another release check it again, and so does a marker cut short.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import shutil
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from hygiene.core.errors import InputError
from hygiene.core.rule import count_at_or_above
from hygiene.inputs.discovery import Input
from hygiene.report.model import checked_line, result_lines, summary_dict, to_records
from hygiene.run.checker import (
    DONE_SUFFIX,
    FINDINGS_SUFFIX,
    TEMPORARY_PREFIX,
    Checker,
    InputResult,
)
from hygiene.run.progress import Progress
from hygiene.run.schedule import check_inputs, default_jobs
from hygiene.support.atomic import atomic_text, write_atomically

TEMPORARY_GLOB = f"{TEMPORARY_PREFIX}*.tmp"  # atomic writes' files, left by a killed run


class RecordWriter:
    """Validates and writes records one at a time and keeps the counts for the summary."""

    def __init__(
        self, checker: Checker, out: TextIO, on_error: Callable[[InputError], None] | None = None
    ) -> None:
        """``on_error`` hears of each input error as its record is written (the CLI says
        it on stderr too: a streamed run must not fail with nothing said)."""
        self.out = out
        self.on_error = on_error
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
        if self.on_error is not None:
            for error in done.errors:
                self.on_error(error)

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

    def marker(self, item: Input, key: str) -> dict[str, Any]:
        """What a completion marker records, so a rerun can still judge the whole run."""
        return {"path": item.display, "key": key, "errors": self.errors,
                "by_severity": dict(sorted(self.by_severity().items()))}  # fmt: skip

    def at_or_above(self, threshold: str) -> int:
        return count_at_or_above(self.by_severity(), threshold)


def stream_jsonl(
    checker: Checker,
    inputs: Sequence[Input],
    out: TextIO,
    jobs: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
    on_error: Callable[[InputError], None] | None = None,
) -> RecordWriter:
    """Check ``inputs`` and write their records to ``out`` as they come."""
    writer = RecordWriter(checker, out, on_error)
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
    """Where a shard's findings and its completion marker go: its display path, each
    folder name kept unless it could escape or collide. ``%`` is written ``%25``, ``.``
    and ``..`` as ``%2E`` and ``%2E%2E``, an absolute path's root as ``%2F``: two inputs
    never share a findings file (``a..b`` and ``a__b`` once did)."""
    parts = item.display.split("/")
    named = []
    for number, part in enumerate(parts):
        part = part.replace("%", "%25")
        if part in (".", ".."):
            part = part.replace(".", "%2E")
        elif not part:
            part = "%2F" if number == 0 else "%2F%2F"  # the root, or a doubled slash
        named.append(part)
    findings = Path(folder, *named[:-1], named[-1] + FINDINGS_SUFFIX)
    return findings, Path(str(findings) + DONE_SUFFIX)


def file_sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run_digest(checker: Checker, shard_keys: Sequence[str]) -> str:
    """What every marker of this run shares: configuration, rule packs, release, and the
    run's shards when a rule compares documents (BP010 counts lines across all of them)."""
    from hygiene import __version__

    packs = sorted(f"{pack.name}={pack.sha256}" for pack in checker.ruleset.packs)
    material = [__version__, checker.config.digest(), *packs]
    if any(rule.reads_corpus for rule in checker.ruleset.rules):
        material.extend(sorted(shard_keys))
    return hashlib.sha256("\0".join(material).encode("utf-8")).hexdigest()


def _read_marker(marker: Path) -> dict[str, Any] | None:
    """A marker's record, or None when it is missing, empty, cut short or not ours."""
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None
    fields = ("key", str), ("errors", int), ("by_severity", dict)
    if not isinstance(data, dict) or not all(isinstance(data.get(k), t) for k, t in fields):
        return None
    return data


def input_keys(checker: Checker, inputs: Sequence[Input]) -> dict[Input, str]:
    """The marker key of each input: its sha256, the run's digest and that of the
    configuration it is judged under. An input that cannot be read gets a key no marker
    holds, so it is checked (and its error reported) again."""
    hashes = {}
    for item in inputs:
        try:
            hashes[item] = file_sha256(item.path)
        except OSError:
            hashes[item] = "unreadable"
    run = run_digest(checker, [f"{item.display}={sha}" for item, sha in hashes.items()])
    # Each input is judged under its own closest configuration: an edit of that one
    # re-checks it too.
    own = {item: checker.scope(item.display).config.digest()[:16] for item in inputs}
    return {item: f"{sha}:{run}:{own[item]}" for item, sha in hashes.items()}


def pending(
    folder: str, inputs: Sequence[Input], keys: dict[Input, str]
) -> tuple[list[Input], int]:
    """The shards still to check, and how many are complete already."""
    todo = []
    for item in inputs:
        data = _read_marker(output_paths(folder, item)[1])
        if data is None or data["key"] != keys[item]:
            todo.append(item)
    return todo, len(inputs) - len(todo)


def remove_temporary_files(folder: str) -> None:
    """The temporary files and folders a killed run left in ``folder`` (the output folder
    is one run's at a time): a rerun starts clean."""
    for leftover in sorted(Path(folder).rglob(TEMPORARY_GLOB), reverse=True):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)


def write_output_dir(
    checker: Checker,
    inputs: Sequence[Input],
    folder: str,
    jobs: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
    keys: dict[Input, str] | None = None,
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[tuple[Input, RecordWriter]]:
    """Check each shard not yet complete; write its records, then its marker.

    Line counts (BP010) are taken over every input, complete ones too, so that a resumed
    run reports what an uninterrupted one would."""
    Path(folder).mkdir(parents=True, exist_ok=True)  # its temporary files go there too
    keys = keys if keys is not None else input_keys(checker, inputs)
    todo, _ = pending(folder, inputs, keys)
    if todo:
        checker.count_lines(inputs)
    parts = check_inputs(checker, todo, None, jobs, scheduler, serialise=True, scratch=folder)
    # Each input's results come together, in one part or several (its batches of lines).
    for _, item_parts in itertools.groupby(parts, key=lambda part: id(part[0])):
        first = next(item_parts)
        item = first[0]
        findings_path, marker = output_paths(folder, item)
        findings_path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_text(str(findings_path)) as out:
            writer = RecordWriter(checker, out, on_error)
            writer.header()
            for _, done in itertools.chain([first], item_parts):
                writer.add(done)
                if progress:
                    progress.advance(*done.counts())
            writer.summary()
        record = json.dumps(writer.marker(item, keys[item])) + "\n"
        write_atomically(str(marker), record.encode("utf-8"))
        yield item, writer


def completed_counts(
    folder: str, inputs: Sequence[Input], keys: dict[Input, str]
) -> tuple[Counter[str], int]:
    """Findings by severity and errors recorded by the markers of completed inputs."""
    by_severity: Counter[str] = Counter()
    errors = 0
    for item in inputs:
        data = _read_marker(output_paths(folder, item)[1])
        if data is not None and data["key"] == keys[item]:
            by_severity.update(data["by_severity"])
            errors += data["errors"]
    return by_severity, errors
