"""Exclusion as ruff has it: default folders left out of walks, ``exclude`` replacing the
defaults, ``extend-exclude`` adding to them, and ``force-exclude`` for named paths (a
pre-commit hook names every file it checks)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli

DIRTY = "Text.\n\nWATCH: Trump on Mexico relations\n"


def _tree(root: Path) -> None:
    for name in ("docs/a.md", "node_modules/pkg/readme.md", "build/page.md",
                 "hygiene.egg-info/notes.txt", "dist/x.md", "vendor/v.md"):  # fmt: skip
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(DIRTY, encoding="utf-8")


def _checked(root: Path, *args: str) -> list[str]:
    result = run_cli("check", *args, "--format", "json", cwd=root)
    assert result.returncode in (0, 1), result.stderr
    return sorted(document["path"] for document in json.loads(result.stdout)["documents"])


def test_default_exclusions_and_extend_exclude(tmp_path: Path) -> None:
    _tree(tmp_path)
    (tmp_path / ".git").mkdir()  # the project's root
    assert _checked(tmp_path, ".") == ["docs/a.md", "vendor/v.md"]
    (tmp_path / "hygiene.toml").write_text('extend-exclude = ["vendor"]\n', encoding="utf-8")
    assert _checked(tmp_path, ".") == ["docs/a.md"]
    # exclude replaces the defaults, as ruff's does
    (tmp_path / "hygiene.toml").write_text('exclude = ["vendor"]\n', encoding="utf-8")
    assert "node_modules/pkg/readme.md" in _checked(tmp_path, ".")


def test_force_exclude_applies_exclusions_to_named_paths(tmp_path: Path) -> None:
    _tree(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / "hygiene.toml").write_text('extend-exclude = ["vendor/**"]\n', encoding="utf-8")
    named = ("docs/a.md", "vendor/v.md", "node_modules/pkg/readme.md")
    assert _checked(tmp_path, *named) == sorted(named)  # named paths are read by default
    assert _checked(tmp_path, *named, "--force-exclude") == ["docs/a.md"]
    (tmp_path / "hygiene.toml").write_text(
        'extend-exclude = ["vendor/**"]\nforce-exclude = true\n', encoding="utf-8"
    )
    assert _checked(tmp_path, *named) == ["docs/a.md"]
    fixed = run_cli("fix", "--unsafe-fixes", "vendor/v.md", cwd=tmp_path)
    assert fixed.returncode == 0
    assert (tmp_path / "vendor" / "v.md").read_text(encoding="utf-8") == DIRTY  # untouched
