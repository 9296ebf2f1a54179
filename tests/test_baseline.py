"""Adopting the gate on a repository with existing findings, through a baseline."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli


def old_problems(count: int) -> str:
    paragraphs = [f"Paragraph {n} is fine.\n\nWATCH: Old story number {n}\n" for n in range(count)]
    return "\n".join(paragraphs)


def test_adopt_with_baseline_then_add_one_then_fix_one(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text(old_problems(30), encoding="utf-8")
    (content / "b.txt").write_text(old_problems(20), encoding="utf-8")

    wrote = run_cli("check", "content", "--write-baseline", ".hygiene-baseline.json", cwd=tmp_path)
    assert wrote.returncode == 0, wrote.stderr
    assert "wrote 50 findings to the baseline" in wrote.stderr.decode()
    assert run_cli("check", "content", cwd=tmp_path).returncode == 1  # without it, 50 findings

    gate = ("check", "content", "--baseline", ".hygiene-baseline.json", "--format", "json")
    passing = run_cli(*gate, cwd=tmp_path)
    assert passing.returncode == 0
    report = json.loads(passing.stdout)
    assert (report["findings"], report["baseline"]["matched"]) == ([], 50)

    # A new problem, inserted above old ones, shifting every line below it.
    text = (content / "a.md").read_text(encoding="utf-8")
    (content / "a.md").write_text("WATCH: A new embed\n\n" + text, encoding="utf-8")
    failing = run_cli(*gate, cwd=tmp_path)
    assert failing.returncode == 1
    report = json.loads(failing.stdout)
    assert [(f["code"], f["excerpt"]) for f in report["findings"]] == [
        ("BP001", "WATCH: A new embed")
    ]
    assert report["baseline"]["stale"] == []

    # Fixing an old problem leaves a stale baseline entry, reported but not failing.
    (content / "a.md").write_text(old_problems(30), encoding="utf-8")
    fixed = old_problems(20).replace("WATCH: Old story number 7\n", "")
    (content / "b.txt").write_text(fixed, encoding="utf-8")
    stale = run_cli(*gate, cwd=tmp_path)
    assert stale.returncode == 0
    entries = json.loads(stale.stdout)["baseline"]["stale"]
    assert [(e["path"], e["excerpt"]) for e in entries] == [
        ("content/b.txt", "WATCH: Old story number 7")
    ]
    text_output = run_cli("check", "content", "--baseline", ".hygiene-baseline.json",
                          cwd=tmp_path).stdout.decode()  # fmt: skip
    assert "content/b.txt: stale baseline entry BP001" in text_output


def test_a_broken_baseline_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("fine\n", encoding="utf-8")
    (tmp_path / "base.json").write_text("{}", encoding="utf-8")
    result = run_cli("check", "a.txt", "--baseline", "base.json", cwd=tmp_path)
    assert result.returncode == 2
    assert (
        result.stderr.decode() == "hygiene: error: base.json: not a hygiene baseline (version 1)\n"
    )
