"""The README's quality figures are the benchmark's: the block between its ``quality:begin``
and ``quality:end`` markers must be, byte for byte, what ``benchmarks/quality.py --markdown``
prints. After a change that moves a figure, regenerate it with
``HYGIENE_UPDATE_DOCS=1 pytest tests/test_quality_figures.py`` and review the diff.

The benchmark runs in a process of its own (about ten seconds), as a user would run it.
"""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT

README = ROOT / "README.md"
BENCHMARK = ROOT / "benchmarks" / "quality.py"
BEGIN, END = "<!-- quality:begin -->\n", "<!-- quality:end -->"
UPDATE = os.environ.get("HYGIENE_UPDATE_DOCS") == "1"
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
    assert result.returncode == 0, f"benchmarks/quality.py --markdown failed:\n{stderr[-4000:]}"
    return result.stdout.decode("utf-8")


def test_readme_quality_figures_are_the_benchmarks() -> None:
    # Bytes, not read_text: a line-ending change would be a difference too.
    readme = README.read_bytes().decode("utf-8")
    assert readme.count(BEGIN) == 1 and readme.count(END) == 1, "README: quality block markers"
    before, rest = readme.split(BEGIN)
    block, after = rest.split(END)
    generated = benchmark_markdown()
    if UPDATE and block != generated:
        README.write_bytes((before + BEGIN + generated + END + after).encode("utf-8"))
        block = generated
    assert block == generated, f"README.md's quality figures are stale; {REGENERATE}"
