"""A progress bar for long runs: on stderr, only on a terminal, only after two seconds.

When the run's size is known before it starts (files, whose sizes the file system
tells), the bar shows bytes done of the total, the share done and the time left;
otherwise bytes, documents and findings so far. tqdm is imported only when the bar can
be shown, so pipelines, CI logs and pre-commit runs never pay for it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from types import TracebackType
from typing import Any, TextIO

from hygiene.inputs.discovery import STDIN, Input
from hygiene.inputs.jsonl import is_jsonl

# tqdm's own layout with a total, the unit on both counts: 1.2MB/4.0MB, then the time
# taken < the time left.
TOTAL_FORMAT = "{l_bar}{bar}| {n_fmt}B/{total_fmt}B [{elapsed}<{remaining}, {rate_fmt}{postfix}]"


def expected_bytes(inputs: Sequence[Input], limit: int | None = None) -> int | None:
    """The bytes a run will check, the sum of its files' sizes, or None when that is not
    known beforehand: standard input is not, and a JSON Lines shard advances the bar by
    the text of its records, less than its file's size (keys, quoting, other fields).

    A file over ``limit`` is refused unread, and one that cannot be read is an input
    error: neither counts."""
    total = 0
    for item in inputs:
        if item.path == STDIN or is_jsonl(item.path):
            return None
        try:
            size = os.stat(item.path).st_size
        except OSError:
            continue
        if limit is None or size <= limit:
            total += size
    return total


class Progress:
    """Text checked (bytes, and so MB/s, and of how many), documents and findings so far.

    ``inputs`` are the run's inputs, for the total (``expected_bytes``), measured only
    when the bar is shown; ``stream`` is where it is drawn (stderr), ``delay`` how many
    seconds pass before it first is.
    """

    def __init__(
        self,
        quiet: bool = False,
        inputs: Sequence[Input] = (),
        limit: int | None = None,
        *,
        stream: TextIO | None = None,
        delay: float = 2,
    ) -> None:
        self.bar: Any = None
        self.documents = 0
        self.findings = 0
        stream = sys.stderr if stream is None else stream
        if quiet or not stream.isatty():
            return
        from tqdm import tqdm

        total = expected_bytes(inputs, limit) if inputs else None
        self.bar = tqdm(
            total=total, bar_format=None if total is None else TOTAL_FORMAT,
            unit="B", unit_scale=True, unit_divisor=1024, delay=delay, file=stream,
            desc="hygiene", leave=False, mininterval=0.5,
        )  # fmt: skip

    def advance(self, documents: int, size: int, findings: int) -> None:
        self.documents += documents
        self.findings += findings
        if self.bar is not None:
            self.bar.set_postfix(documents=self.documents, findings=self.findings, refresh=False)
            self.bar.update(size)

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.bar is not None:
            self.bar.close()
