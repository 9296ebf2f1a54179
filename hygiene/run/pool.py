"""The worker processes of a ``--jobs`` run, and the tasks they are given.

A file is one task; a JSON Lines shard is cut here into batches of lines, so that a single
large shard still keeps every core busy. Each worker process holds one Checker (its state
below), loaded once when the process starts, and the run's line counts, read once from a
file that the run writes for them.
"""

from __future__ import annotations

import collections
import contextlib
import os
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from hygiene.config.settings import Config
from hygiene.core.corpus import LineCounts
from hygiene.core.errors import InputError
from hygiene.inputs.discovery import Input
from hygiene.inputs.jsonl import Line, is_jsonl, read_lines
from hygiene.report.model import result_lines
from hygiene.run.checker import Checker, InputResult

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

# A worker process's state: the Checker its initializer made, and the file its line
# counts were read from. Module state because a process pool's initializer and tasks are
# plain functions; the main process never sets it.
_WORKER: Checker | None = None
_WORKER_COUNTS: str | None = None


def _start_worker(config: Config, describe: bool) -> None:
    """Each worker process loads the rule packs once, and ends with its parent: a run
    killed outright (SIGKILL) can stop nothing, so each worker watches for it."""
    global _WORKER
    _WORKER = Checker(config, describe=describe)
    import multiprocessing
    import threading

    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_end_with, args=(parent.sentinel,), daemon=True).start()


def _end_with(sentinel: int) -> None:
    from multiprocessing.connection import wait

    wait([sentinel])  # ready when the parent process is gone
    os._exit(1)


def _ready() -> None:
    """A task that only starts a worker: workers load while the parent counts lines."""


def _work(
    item: Input, lines: list[Line] | None, counts: str | None, serialise: bool
) -> InputResult:
    """Check one input, or a batch of its lines, with the run's line counts, read once per
    worker from ``counts``; with ``serialise``, write its records too, so that the main
    process, which every result passes through, only copies them out."""
    global _WORKER_COUNTS
    assert _WORKER is not None
    if counts != _WORKER_COUNTS:
        _WORKER.use_counts(_read_counts(counts) if counts else None)
        _WORKER_COUNTS = counts
    done = _WORKER.check_input(item) if lines is None else _WORKER.check_lines(item, lines)
    if serialise:
        done.records = result_lines(done.in_order())
    return done


def _read_counts(path: str) -> LineCounts:
    import pickle  # only --jobs runs share counts through a file

    with open(path, "rb") as handle:
        counts: LineCounts = pickle.load(handle)  # written by this run, in its own folder
    return counts


@contextlib.contextmanager
def shared_counts(corpus: LineCounts | None, scratch: str | None = None) -> Iterator[str | None]:
    """The run's line counts in a temporary file that every worker reads once (a task's
    arguments are pickled with every task; the counts may be a 16 MiB table). It is made
    in ``scratch`` when given (an output folder, which a rerun clears of what a killed
    run left), else in the system's temporary folder."""
    if corpus is None:
        yield None
        return
    import pickle
    import tempfile

    with tempfile.TemporaryDirectory(prefix=".hygiene-", suffix=".tmp", dir=scratch) as folder:
        path = os.path.join(folder, "line-counts.pickle")
        with open(path, "wb") as handle:
            pickle.dump(corpus, handle, protocol=pickle.HIGHEST_PROTOCOL)
        yield path


# The lines a --jobs task checks: under a second of work, so that a shard of a few
# megabytes is shared by every worker and the last tasks of a run end close together, and
# still much more than what a task costs to send and return (a millisecond or two). A
# batch also ends at a number of lines, or a shard of blank lines would be one batch.
BATCH_BYTES = 1 << 18
BATCH_LINES = 4096


def most_tasks(inputs: Sequence[Input]) -> int:
    """About how many tasks the run makes, at most: more workers than that only cost
    memory (each loads the rule set). A compressed shard is counted at ten times its size."""
    tasks = 0
    for item in inputs:
        if not is_jsonl(item.path):
            tasks += 1
            continue
        try:
            size = os.path.getsize(item.path)
        except OSError:
            size = 0
        packed = item.path.endswith((".gz", ".zst"))
        tasks += 1 + (size * (10 if packed else 1)) // BATCH_BYTES
    return max(tasks, 1)


def tasks_of(
    inputs: Sequence[Input], limit: int
) -> Iterator[tuple[Input, list[Line] | InputResult | None]]:
    """The run as tasks, in order: a file whole (None); a shard as batches of its lines,
    read here; what needs no worker (a shard's read error, an empty shard) as its result."""
    for item in inputs:
        if not is_jsonl(item.path):
            yield item, None
            continue
        batch: list[Line] = []
        size = 0
        given = False
        for line in read_lines(item.path, item.display, limit):
            if isinstance(line, InputError):
                if batch:
                    yield item, batch
                yield item, InputResult(errors=[line], error_positions=[0])
                batch, size, given = [], 0, True
                continue
            batch.append(line)
            size += len(line[1]) if isinstance(line[1], bytes) else 0
            if size >= BATCH_BYTES or len(batch) >= BATCH_LINES:
                yield item, batch
                batch, size, given = [], 0, True
        if batch or not given:
            yield item, (batch if batch else InputResult())


# An input (or a batch of a shard's lines) and its result, or the future that brings it.
Task = tuple[Input, list[Line] | None, "InputResult | Future[InputResult]"]


def is_known(task: InputResult | Future[InputResult]) -> bool:
    return isinstance(task, InputResult) or task.done()


class Workers:
    """The worker processes of a --jobs run.

    A worker that dies (the kernel's out-of-memory killer, a signal) breaks the whole pool,
    and every task waiting fails with it. The pool is started again, the task met first is
    retried once alone, and the others are submitted anew: a task that kills its worker
    twice on its own becomes an error naming its input and lines, and the run goes on.
    Leaving by an exception (Ctrl-C, SIGTERM) stops the workers at once, so none is left
    running after the run.
    """

    def __init__(self, count: int, checker: Checker, serialise: bool) -> None:
        self.count = count
        self.checker = checker
        self.serialise = serialise
        self.counts: str | None = None
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(
            self.count,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(self.checker.config, self.checker.describe),
        )
        for _ in range(self.count):  # start them all now
            pool.submit(_ready)
        return pool

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is not None:
            self._stop()
        self.pool.shutdown(wait=True, cancel_futures=kind is not None)

    def _stop(self) -> None:
        # The executor has no public way to end its workers before Python 3.14.
        for process in list(getattr(self.pool, "_processes", {}).values()):
            process.terminate()

    def submit(self, item: Input, lines: list[Line] | None) -> Future[InputResult]:
        return self.pool.submit(_work, item, lines, self.counts, self.serialise)

    def pop_result(self, waiting: collections.deque[Task]) -> tuple[Input, InputResult]:
        from concurrent.futures.process import BrokenProcessPool

        item, lines, task = waiting.popleft()
        if isinstance(task, InputResult):
            return item, task
        try:
            return item, task.result()
        except BrokenProcessPool:
            self._restart()
        done = self._alone(item, lines)
        for position, (other, other_lines, other_task) in enumerate(waiting):
            finished = isinstance(other_task, InputResult) or (
                other_task.done() and other_task.exception() is None
            )
            if not finished:  # it failed with the pool, or would have: submit it anew
                waiting[position] = (other, other_lines, self.submit(other, other_lines))
        return item, done

    def _restart(self) -> None:
        self._stop()
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = self._start()

    def _alone(self, item: Input, lines: list[Line] | None) -> InputResult:
        """The task on its own, after its pool broke. If it kills its worker again, a batch
        of lines is halved and each half tried the same way, so that only the lines
        that kill are lost, each named in an error."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.submit(item, lines).result()
        except BrokenProcessPool:
            self._restart()
        if lines is not None and len(lines) > 1:
            middle = len(lines) // 2
            first, second = self._alone(item, lines[:middle]), self._alone(item, lines[middle:])
            merged = InputResult(results=first.results + second.results)
            for error, position in zip(first.errors, first.error_positions, strict=True):
                merged.errors.append(error)
                merged.error_positions.append(position)
            for error, position in zip(second.errors, second.error_positions, strict=True):
                merged.errors.append(error)
                merged.error_positions.append(len(first.results) + position)
            if first.records is not None and second.records is not None:
                merged.records = first.records + second.records
            return merged
        line = None if lines is None else lines[0][0]
        error = InputError(
            item.display,
            "the worker process checking this died twice (out of memory, or killed); not checked",
            line,
        )
        done = InputResult(errors=[error], error_positions=[0])
        if self.serialise:
            done.records = result_lines(done.in_order())
        return done
