"""What the provenance group says about every document: its quotations with their
attribution, the source credits in its text, and the source fields of its metadata."""

from __future__ import annotations

from typing import Any

from hygiene.core.rule import Facet, RuleContext
from hygiene.groups.provenance.sources import provenance_in, provenance_record


def _provenance(ctx: RuleContext) -> dict[str, Any]:
    found = provenance_in(ctx)  # shared with the PV rules
    return provenance_record(ctx.document, found).to_dict()


FACETS = (
    Facet(
        "provenance",
        _provenance,
        empty={"quotations": [], "credits": [], "sources": {}},
    ),
)
