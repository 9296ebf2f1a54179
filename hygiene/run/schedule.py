"""Check a run's inputs in order: in this process, over ``--jobs`` processes, or on a Dask
cluster; each way gives the same results in the same order."""

from __future__ import annotations

import collections
import os
from collections.abc import Iterator, Sequence

from hygiene.core.errors import UsageError
from hygiene.inputs.discovery import STDIN, Input
from hygiene.inputs.jsonl import is_jsonl
from hygiene.run.checker import Checker, InputResult
from hygiene.run.pool import Task, Workers, is_known, most_tasks, shared_counts, tasks_of


def default_jobs(inputs: Sequence[Input]) -> int:
    """All cores for corpora (JSON Lines shards), one process for a handful of files."""
    if any(item.path != STDIN and is_jsonl(item.path) for item in inputs):
        return os.cpu_count() or 1
    return 1


def check_inputs(
    checker: Checker,
    inputs: Sequence[Input],
    stdin: bytes | None = None,
    jobs: int | None = None,
    scheduler: str | None = None,
    serialise: bool = False,
    scratch: str | None = None,
) -> Iterator[tuple[Input, InputResult]]:
    """Check inputs in order: in this process, over ``jobs`` processes, or on a Dask cluster.

    Each input gives one result or more (a shard checked over several processes, a batch
    of lines each), in input order however they are computed, so reports are identical
    for any ``jobs`` and for a cluster. ``serialise`` asks worker processes for their
    results' JSON Lines records as well (``InputResult.records``). ``scratch`` is where
    temporary files go (see ``_shared``).
    """
    if scheduler is not None:
        checker.count_lines(inputs, stdin)
        yield from zip(inputs, _on_cluster(checker, inputs, scheduler), strict=True)
        return
    workers = min(jobs or default_jobs(inputs), os.cpu_count() or 1, most_tasks(inputs))
    if workers <= 1 or any(item.path == STDIN for item in inputs):
        checker.count_lines(inputs, stdin)
        for item in inputs:
            yield item, checker.check_input(item, stdin)
        return
    with Workers(workers, checker, serialise) as pool:
        checker.count_lines(inputs)  # while the workers start
        with shared_counts(checker.corpus, scratch) as counts:
            pool.counts = counts
            waiting: collections.deque[Task] = collections.deque()
            for item, task in tasks_of(inputs, checker.config.max_document_bytes):
                if isinstance(task, InputResult):
                    waiting.append((item, None, task))
                else:
                    waiting.append((item, task, pool.submit(item, task)))
                # Two tasks a worker ahead: every core busy, and the lines read and the
                # results not yet written stay a few megabytes however large the shard.
                while len(waiting) > 2 * workers or (waiting and is_known(waiting[0][2])):
                    yield pool.pop_result(waiting)
            while waiting:
                yield pool.pop_result(waiting)


def _on_cluster(checker: Checker, inputs: Sequence[Input], scheduler: str) -> Iterator[InputResult]:
    try:
        from distributed import Client
    except ImportError:
        raise UsageError("--scheduler needs the dask extra: pip install 'hygiene[dask]'") from None
    from hygiene.run.cluster import map_inputs

    with Client(scheduler) as client:  # type: ignore[no-untyped-call]
        yield from map_inputs(client, checker.config, inputs, checker.corpus, checker.describe)
