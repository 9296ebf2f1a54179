"""Shared fixtures: the repository's folders, the built-in RuleSet loaded once, a CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hygiene.registry.packs import RuleSet, load_ruleset

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEED = ROOT / "seeds" / "000_3b11dac5e552c86b.txt"


@pytest.fixture(scope="session")
def ruleset() -> RuleSet:
    return load_ruleset()


def run_cli(
    *args: str,
    cwd: Path = ROOT,
    stdin: bytes | None = None,
    timeout: float = 60,
    prelude: str = "",
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m hygiene`` as a user would, in its own process; ``prelude`` is Python
    run in that process first (to break something on purpose)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(ROOT)}
    entry = ["-m", "hygiene"]
    if prelude:
        entry = ["-c", f"{prelude}\nimport sys\nfrom hygiene.cli import main\nmain(sys.argv[1:])"]
    return subprocess.run(
        [sys.executable, *entry, *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=timeout,
        env=env,
        check=False,
    )
