"""Finding: a rule's hit placed in a document, with everything needed to trust it."""

from __future__ import annotations

from dataclasses import dataclass

from hygiene.core.document import Record, Span
from hygiene.core.rule import Fix, PackRef, Severity


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: which rule, where exactly, what text, and the fix on offer.

    Offsets in ``span`` and in the fix's edits index the document's text.
    """

    code: str
    name: str
    severity: Severity
    message: str
    path: str
    span: Span
    excerpt: str
    pack: PackRef
    fix: Fix | None = None
    fingerprint: str = ""
    record: Record | None = None

    @property
    def sort_key(self) -> tuple[str, int, str, int, int, str]:
        line, field = (self.record.line, self.record.field) if self.record else (0, "")
        return (self.path, line, field, self.span.start, self.span.end, self.code)
