"""Inline directives, as the checked text writes them: which rules they name and where.

Markdown and HTML-ish text use comments (``<!-- hygiene: disable-next-line BP001 -->``),
plain text ends a line with ``hygiene: ignore BP001``. Parsing them is the framework's:
the suppression gate applies them to findings, and the suppression group (SU001) reports
those that hide nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hygiene.core.document import Document

MARKER = "hygiene:"
_SELECTORS = r"(?P<selectors>(?:[ \t,]+[A-Za-z][A-Za-z0-9.-]*)*)"
_COMMENT = re.compile(
    r"<!--[ \t]*hygiene:[ \t]*(?P<action>disable-next-line|disable-file|disable|enable|ignore)"
    + _SELECTORS
    + r"[ \t]*-->"
)
_LINE_MARKER = re.compile(r"hygiene:[ \t]*(?P<action>ignore)" + _SELECTORS + r"[ \t]*$", re.M)


@dataclass(frozen=True, slots=True)
class Directive:
    """One directive: what it does, which rules it names, and where it stands."""

    action: str
    selectors: tuple[str, ...]
    start: int
    end: int
    line: int

    @property
    def text(self) -> str:
        return " ".join((self.action, *self.selectors))

    def names(self, code: str, name: str) -> bool:
        """Whether this directive covers the rule ``code``/``name``."""
        return not self.selectors or any(_names(s, code, name) for s in self.selectors)


def _names(selector: str, code: str, name: str) -> bool:
    return (
        selector in (name, name.partition(".")[0])
        or selector.upper() == "ALL"
        or (re.fullmatch(r"[A-Za-z]{2}\d{0,3}", selector) is not None
            and code.startswith(selector.upper()))
    )  # fmt: skip


def parse_directives(document: Document) -> list[Directive]:
    """Every directive in the text, in order; cheap when there is none."""
    text = document.text
    if MARKER not in text:
        return []
    found: list[Directive] = []
    covered: list[tuple[int, int]] = []
    for match in _COMMENT.finditer(text):
        found.append(_directive(document, match))
        covered.append(match.span())
    for match in _LINE_MARKER.finditer(text):
        if not any(low <= match.start() < high for low, high in covered):
            found.append(_directive(document, match))
    return sorted(found, key=lambda directive: directive.start)


def _directive(document: Document, match: re.Match[str]) -> Directive:
    selectors = tuple(part for part in re.split(r"[ \t,]+", match.group("selectors")) if part)
    line = document.lines.position(match.start()).line
    return Directive(match.group("action"), selectors, match.start(), match.end(), line)
