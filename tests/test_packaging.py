"""The built wheel carries the rule packs and schemas and works outside the checkout.

Builds the wheel from a copy of the sources, installs it with its dependencies
into a fresh virtual environment, and runs the installed command from another
folder, so nothing from the checkout can leak in.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

from hygiene.registry.packs import load_ruleset
from tests.conftest import ROOT, SEED

SOURCES = ("hygiene", "rules", "setup.cfg", "pyproject.toml", "README.md")


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def test_wheel_ships_packs_and_runs_from_another_folder(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for name in SOURCES:
        origin = ROOT / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(origin, source / name)

    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", tmp_path / "dist", ".",
                cwd=source)  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("text_hygiene-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    packs = {path.name for path in (ROOT / "rules").glob("*.toml")}
    assert {f"hygiene/builtin_packs/{name}" for name in packs} <= names
    schemas = {"report.schema.json", "rulepack.schema.json"}
    assert {f"hygiene/support/schemas/{name}" for name in schemas} <= names
    assert "hygiene/py.typed" in names  # PEP 561: users' type checkers read the hints
    lexicons = {
        f"hygiene/builtin_packs/lexicons/{p.name}" for p in (ROOT / "rules" / "lexicons").iterdir()
    }
    assert lexicons <= names

    environment = tmp_path / "env"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    installed = run(python, "-m", "pip", "install", "--quiet", wheel, cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    listing = run(environment / "bin" / "hygiene", "rules", cwd=elsewhere)
    assert listing.returncode == 0, listing.stderr
    assert [line.split()[0] for line in listing.stdout.splitlines()] == sorted(
        rule.code for rule in load_ruleset().rules
    )

    shutil.copy2(SEED, elsewhere / "seed.txt")
    checked = run(python, "-m", "hygiene", "check", "seed.txt", "--format", "json", cwd=elsewhere)
    assert checked.returncode == 1, checked.stderr
    assert '"code": "LG001"' in checked.stdout
    assert '"name": "rules/boilerplate-embeds.toml"' in checked.stdout
