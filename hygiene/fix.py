"""Apply the fixes findings offer, and write the result without losing a byte.

Only ``safe`` fixes run unless unsafe ones are allowed; ``display-only`` fixes never
run. Edits that overlap an earlier edit wait for the next pass; passes repeat
until nothing changes, so fixing twice changes nothing the second time. The file
keeps its encoding, BOM, line endings and permissions.
"""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from hygiene.atomic import write_atomically
from hygiene.document import Document
from hygiene.errors import InputError
from hygiene.finding import Finding
from hygiene.loaders import document_from_bytes, read_bytes
from hygiene.rule import Edit

MAX_PASSES = 10


def chosen_edits(findings: Iterable[Finding], unsafe: bool) -> list[Edit]:
    """Non-overlapping edits of the fixes allowed to run, in text order."""
    allowed = {"safe", "unsafe"} if unsafe else {"safe"}
    edits = sorted(
        (edit for f in findings if f.fix and f.fix.safety in allowed for edit in f.fix.edits),
        key=lambda edit: (edit.start, edit.end),
    )
    chosen: list[Edit] = []
    for edit in edits:
        if not chosen or edit.start >= chosen[-1].end:
            chosen.append(edit)
    return chosen


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    pieces = []
    position = 0
    for edit in edits:
        pieces.append(text[position : edit.start])
        pieces.append(edit.replacement)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)


@dataclass(frozen=True)
class FixOutcome:
    """What fixing one file did: edits applied, and the text before and after."""

    path: str
    applied: int
    before: str
    after: str

    def diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                self.before.splitlines(keepends=True),
                self.after.splitlines(keepends=True),
                fromfile=f"a/{self.path}",
                tofile=f"b/{self.path}",
            )
        )


Check = Callable[[Document], list[Finding]]


def fix_document(document: Document, check: Check, unsafe: bool) -> FixOutcome:
    """Fix until a pass changes nothing (at most MAX_PASSES)."""
    text = document.text
    current = document
    applied = 0
    for _ in range(MAX_PASSES):
        edits = chosen_edits(check(current), unsafe)
        if not edits:
            break
        applied += len(edits)
        current = Document(
            apply_edits(current.text, edits), current.source, current.format, current.metadata
        )
    return FixOutcome(document.path, applied, text, current.text)


def encode_like(document: Document, text: str) -> bytes:
    """Bytes in the document's own encoding, with its BOM if it had one."""
    bom = "\N{ZERO WIDTH NO-BREAK SPACE}" if document.source.bom else ""
    try:
        return (bom + text).encode(document.source.encoding)
    except UnicodeEncodeError as error:
        char = error.object[error.start]
        raise InputError(
            document.path,
            f"the fixed text has U+{ord(char):04X}, which {document.source.encoding} cannot "
            "encode; not fixed",
        ) from None


def fix_file(
    path: str,
    display: str,
    check: Check,
    *,
    unsafe: bool,
    write: bool,
    declared: str | None = None,
    limit: int | None = None,
) -> FixOutcome:
    """Fix one file in place (through its symlink, to the target) unless ``write`` is false.

    A file with undecodable bytes is never rewritten: its U+FFFD would replace bytes
    that nothing could restore.
    """
    target = os.path.realpath(path)
    document = document_from_bytes(read_bytes(target, display, limit), display, declared=declared)
    outcome = fix_document(document, check, unsafe)
    if outcome.after == outcome.before:
        return outcome
    if document.decode_issues:
        raise InputError(display, "has undecodable bytes; not fixed, so that none is lost")
    data = encode_like(document, outcome.after)
    if write:
        mode = stat.S_IMODE(os.stat(target).st_mode)
        if not mode & stat.S_IWUSR:
            raise InputError(display, "file is read-only, not fixed")
        write_atomically(target, data, mode)
    return outcome
