"""One frozen Config for a run; its digest goes into every report's provenance."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from typing import Any

from hygiene.rule import Severity


@dataclass(frozen=True)
class Config:
    """The effective settings of a run, after flags (and, later, config files)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity = "warning"
    rule_packs: tuple[str, ...] = ()
    language_seed: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def digest(self) -> str:
        """A stable fingerprint: equal configs give equal digests on any machine."""
        canonical = json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"))
        return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
