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
README = ROOT / "README.md"
UPDATE_DOCS = os.environ.get("HYGIENE_UPDATE_DOCS") == "1"


def readme_block(name: str, generated: str) -> str:
    """The README's block between ``<!-- name:begin -->`` and ``<!-- name:end -->``; with
    HYGIENE_UPDATE_DOCS=1 it is rewritten to ``generated`` first. Read as bytes: a line
    ending changed is a difference too."""
    begin, end = f"<!-- {name}:begin -->\n", f"<!-- {name}:end -->"
    readme = README.read_bytes().decode("utf-8")
    assert readme.count(begin) == 1 and readme.count(end) == 1, f"README: {name} markers"
    before, rest = readme.split(begin)
    block, after = rest.split(end)
    if UPDATE_DOCS and block != generated:
        README.write_bytes((before + begin + generated + end + after).encode("utf-8"))
        block = generated
    return block


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
    extra_env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m hygiene`` as a user would, in its own process; ``prelude`` is Python
    run in that process first (to break something on purpose), ``extra_env`` adds to its
    environment."""
    # Colour follows the terminal and NO_COLOR/FORCE_COLOR: a test reads plain text
    # whatever the shell it runs from, unless it sets them itself.
    inherited = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env = {**inherited, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(ROOT), **(extra_env or {})}
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
