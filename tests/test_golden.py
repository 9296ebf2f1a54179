"""The seed's JSON report, compared with fixtures/golden/seed.json.

What the golden file holds is what decides findings: each rule's ``revision``, the
findings themselves, and the versions of the data the rules read (the lexicons, the word
lists, the language model). The sha256 of each rule pack is masked: a change to a rule's
code that finds the same leaves the golden file as it is, and a rule whose findings change
bumps its revision. After an intended change regenerate it with
``HYGIENE_UPDATE_GOLDEN=1 pytest tests/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib.metadata import version
from typing import Any

from hygiene.groups.language.identifier import model_path
from hygiene.support.shipped import builtin_folder
from tests.conftest import FIXTURES, run_cli

GOLDEN = FIXTURES / "golden" / "seed.json"
MASK = "(masked: revisions say when a rule's findings change)"


def _sha256(path: os.PathLike[str] | str) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def data_versions() -> dict[str, Any]:
    """The data that decides findings beside the rules' code."""
    lexicons = sorted((builtin_folder() / "lexicons").glob("*.json"))
    return {
        "lexicons": {path.name: _sha256(path) for path in lexicons},
        "word lists": {"wordfreq": version("wordfreq")},
        "language model": {"lid.176.ftz": _sha256(model_path())},
    }


def masked(report: dict[str, Any]) -> dict[str, Any]:
    """The report with every pack's sha256 masked."""
    for pack in report["run"]["packs"]:
        pack["sha256"] = MASK
    for finding in report["findings"]:
        finding["pack"]["sha256"] = MASK
    return report


def test_seed_report_matches_golden() -> None:
    result = run_cli("check", "seeds/", "--format", "json")
    assert result.returncode == 1
    golden = {"report": masked(json.loads(result.stdout)), "data": data_versions()}
    text = json.dumps(golden, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if os.environ.get("HYGIENE_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_a_change_of_code_that_finds_the_same_leaves_the_golden_file() -> None:
    """The masking is what keeps the golden file still: a rule module's bytes change its
    sha256, and nothing else of what the golden file holds."""
    result = run_cli(
        "check", "seeds/", "--format", "json",
        prelude=(
            "import hygiene.core.rule as r, hashlib\n"
            "r.module_pack.cache_clear()\n"
            "_original = r.module_pack.__wrapped__\n"
            "def _changed(name):\n"
            "    pack = _original(name)\n"
            "    return r.PackRef(pack.name, hashlib.sha256(b'edited').hexdigest())\n"
            "r.module_pack = r.cache(_changed)\n"
        ),
    )  # fmt: skip
    report = json.loads(result.stdout)
    edited = hashlib.sha256(b"edited").hexdigest()
    assert any(f["pack"]["sha256"] == edited for f in report["findings"])  # the edit took
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert masked(report) == golden["report"]
