"""The README's quick start stays true: CI runs its test command verbatim."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from hygiene.config.settings import load_config
from hygiene.registry.packs import load_ruleset
from tests.conftest import ROOT


def quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quick_start_is_two_commands() -> None:
    check, tests = quick_start_commands()
    assert check.endswith("hygiene check seeds/")
    assert tests.endswith("python -m pytest")


def test_ci_runs_the_readme_test_command() -> None:
    _, tests = quick_start_commands()
    assert tests in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_readme_configuration_example_is_valid(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(\[tool\.hygiene\].+?)```", readme, re.S)
    assert example is not None
    (tmp_path / "pyproject.toml").write_text(example.group(1), encoding="utf-8")
    config = load_config(tmp_path / "pyproject.toml")
    assert config.rules == {"language.foreign-script": {"min-letters": 5}}
    ruleset = load_ruleset().configure(replace(config, rule_packs=()))
    assert "UC004" not in {rule.code for rule in ruleset.rules}
