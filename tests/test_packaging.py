"""The built wheel carries the rule packs and schemas and works outside the checkout.

Builds the wheel from a copy of the sources, installs it with its dependencies
into a fresh virtual environment by the README's install lines, as written (the
wheel offered where a release would put it), and runs the installed command from
another folder, so nothing from the checkout can leak in.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

from hygiene import __version__
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


def readme_install_lines() -> list[str]:
    """The commands of the README's install block, and the pinned one its comment gives."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Install\n", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"```sh\n(.*?)```", section, re.S)
    lines = [line for line in block.splitlines() if line.strip()]
    return lines + re.findall(r"# or pinned: (pip install \S+)", block)


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
    # The README's lines as a user types them, the environment's pip first on the path and
    # the wheel among the places pip looks, as an upload to the package index would put it.
    commands = readme_install_lines()
    assert [command.split("#")[0].strip() for command in commands] == [
        "pip install text-hygiene",
        f"pip install text-hygiene=={__version__}",  # the pin names this version
    ]
    links = " ".join(filter(None, (str(tmp_path / "dist"), os.environ.get("PIP_FIND_LINKS"))))
    path = f"{environment / 'bin'}{os.pathsep}{os.environ['PATH']}"
    for command in commands:
        installed = subprocess.run(
            ["bash", "-c", command],
            cwd=tmp_path,
            env={**os.environ, "PATH": path, "PIP_FIND_LINKS": links},
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        assert installed.returncode == 0, f"{command}: {installed.stderr}"
    shown = run(python, "-m", "pip", "show", "text-hygiene", cwd=tmp_path)
    assert f"Version: {__version__}" in shown.stdout, shown.stdout

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
