"""The seed's JSON report, compared byte for byte with fixtures/golden/seed.json.

After an intended change (a rule, a pack, the schema), regenerate it with
``HYGIENE_UPDATE_GOLDEN=1 pytest tests/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import os

from tests.conftest import FIXTURES, run_cli

GOLDEN = FIXTURES / "golden" / "seed.json"


def test_seed_report_matches_golden() -> None:
    result = run_cli("check", "seeds/", "--format", "json")
    assert result.returncode == 1
    if os.environ.get("HYGIENE_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_bytes(result.stdout)
    assert result.stdout == GOLDEN.read_bytes()
