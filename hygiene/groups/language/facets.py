"""What the language group says about every document: the letters of each script it
writes, and its language (declared, or shown by function words: no model is loaded for
this, since a corpus run records it for every document)."""

from __future__ import annotations

from typing import Any

from hygiene.core.rule import Facet, RuleContext
from hygiene.groups.language.identifier import document_language
from hygiene.text.scripts import script_counts


def _scripts(ctx: RuleContext) -> dict[str, int]:
    return dict(sorted(script_counts(ctx.document.text).items()))


def _language(ctx: RuleContext) -> dict[str, Any] | None:
    guess = document_language(ctx.document, ctx.declared_languages)
    if guess is None:
        return None
    return {"code": guess.language, "confidence": guess.confidence, "evidence": guess.evidence}


FACETS = (
    Facet("scripts", _scripts, empty={}),
    Facet("language", _language, empty=None),
)
