"""A progress bar for long runs: on stderr, only on a terminal, only after two seconds.

tqdm is imported only when the bar can be shown, so pipelines, CI logs and pre-commit
runs never pay for it.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any


class Progress:
    """Text checked (bytes, and so MB/s), documents and findings so far."""

    def __init__(self, quiet: bool = False) -> None:
        self.bar: Any = None
        self.documents = 0
        self.findings = 0
        if quiet or not sys.stderr.isatty():
            return
        from tqdm import tqdm

        self.bar = tqdm(
            unit="B", unit_scale=True, unit_divisor=1024, delay=2, file=sys.stderr,
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
