"""Apply the fixes of reported findings, and write the result without losing a byte.

A fix touches only what ``check`` reported: ``fix`` is given the findings ``check`` would
report with the same options (selection, per-file ignores, inline directives, baseline,
changed lines), and applies only their fixes. Only ``safe`` fixes run unless unsafe ones
are allowed; ``display-only`` fixes never run. Each fix is applied whole or not at all,
and only when its edits stay inside its finding's span (and the white space beside it,
which deleting a line takes along).

A fix whose edits overlap another's waits for the next pass, which applies only fixes of
findings still owed from the first report. The fixed text is checked once more: when it
has more findings of a rule than the original less those fixed (deleting a line made its
neighbour a label at the edge, say), the fixes are applied one at a time instead, and
each is kept only if it brings no new finding. So fixing twice changes nothing the second
time, and a fixed file re-checked reports neither the fixed findings nor new ones.

The file keeps its encoding, BOM, line endings and permissions.
"""

from __future__ import annotations

import bisect
import difflib
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from hygiene.core.document import Document
from hygiene.core.errors import InputError, os_reason
from hygiene.core.finding import Finding
from hygiene.core.markup import code_spans, rst_code_spans
from hygiene.core.rule import Edit, Fix
from hygiene.gate.reencoding import encode_in_place
from hygiene.inputs.decoding import document_from_bytes, front_matter, read_bytes
from hygiene.support.atomic import WriteError, rewrite_file
from hygiene.support.escape import escape_for_terminal

MAX_PASSES = 10

Check = Callable[[Document], list[Finding]]


def _allowed(finding: Finding, unsafe: bool) -> Fix | None:
    fix = finding.fix
    if fix is None or fix.safety == "display-only" or (fix.safety == "unsafe" and not unsafe):
        return None
    return fix


def stays_inside(finding: Finding, fix: Fix, text: str) -> bool:
    """Whether every edit lies inside the finding's span, or beside it on white space only."""
    span = finding.span
    return all(
        0 <= edit.start <= edit.end <= len(text)
        and not text[edit.start : max(edit.start, span.start)].strip()
        and not text[min(edit.end, span.end) : edit.end].strip()
        for edit in fix.edits
    )


def _overlaps(chosen: list[Edit], starts: list[int], edit: Edit) -> bool:
    """Whether ``edit`` meets an edit of ``chosen`` (sorted by start; ``starts`` their starts)."""
    at = bisect.bisect_left(starts, edit.start)
    neighbours = chosen[max(0, at - 1) : at + 1]
    return any(
        other.start == edit.start or (other.start < edit.end and edit.start < other.end)
        for other in neighbours
    )


def in_code(fix: Fix, code: Sequence[tuple[int, int]]) -> bool:
    """Whether an edit of ``fix`` touches code (``code``: sorted, disjoint ranges). An
    insertion touches the range it stands inside."""
    for edit in fix.edits:
        end = max(edit.end, edit.start + 1)
        index = max(bisect.bisect_right(code, (edit.start, edit.start)) - 1, 0)
        while index < len(code) and code[index][0] < end:
            if edit.start < code[index][1]:
                return True
            index += 1
    return False


def code_of(document: Document) -> list[tuple[int, int]]:
    """Where the document holds code that no fix may touch."""
    if document.format == "markdown":
        return code_spans(document.text)
    if document.path.lower().endswith((".rst", ".rest")):
        return rst_code_spans(document.text)
    return []


def chosen_fixes(
    findings: Iterable[Finding], unsafe: bool, text: str, code: Sequence[tuple[int, int]] = ()
) -> list[Finding]:
    """The findings whose fixes run in this pass: allowed, inside their spans, out of
    ``code``, and not meeting a fix chosen before them (text order). A fix with several
    edits runs whole."""
    candidates = []
    for finding in findings:
        fix = _allowed(finding, unsafe)
        if fix is None or not fix.edits or (code and in_code(fix, code)):
            continue
        if stays_inside(finding, fix, text):
            candidates.append((min(e.start for e in fix.edits), finding.sort_key, finding, fix))
    candidates.sort(key=lambda item: item[:2])
    chosen: list[Edit] = []
    starts: list[int] = []
    kept = []
    for _, _, finding, fix in candidates:
        if any(_overlaps(chosen, starts, edit) for edit in fix.edits):
            continue
        for edit in fix.edits:
            at = bisect.bisect_left(starts, edit.start)
            starts.insert(at, edit.start)
            chosen.insert(at, edit)
        kept.append(finding)
    return kept


def edits_of(findings: Iterable[Finding]) -> list[Edit]:
    """The edits of chosen findings, in text order."""
    return sorted(
        (edit for finding in findings if finding.fix for edit in finding.fix.edits),
        key=lambda edit: (edit.start, edit.end),
    )


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with non-overlapping ``edits``, given in text order, made."""
    pieces = []
    position = 0
    for edit in edits:
        pieces.append(text[position : edit.start])
        pieces.append(edit.replacement)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)


def edited(document: Document, edits: Sequence[Edit]) -> Document:
    """The document with ``edits`` (in text order) made. Its front matter is read again:
    a fix that moved the body must not leave the old boundary behind (rules would read
    front matter as prose). Undecodable bytes keep their place in the new text."""
    text = apply_edits(document.text, edits)
    metadata, body_start = document.metadata, document.body_start
    if document.format == "markdown":
        metadata, body_start = front_matter(text)
    issues = [
        replace(issue, offset=issue.offset + _shift(issue.offset, edits))
        for issue in document.decode_issues
        if not any(edit.start <= issue.offset < edit.end for edit in edits)
    ]
    return replace(document, text=text, metadata=metadata, body_start=body_start,
                   decode_issues=tuple(issues))  # fmt: skip


@dataclass(frozen=True)
class FixOutcome:
    """What fixing one file did: findings fixed, and the text before and after."""

    path: str
    applied: int
    before: str
    after: str

    def diff(self) -> str:
        """A unified diff whose lines show invisible and control characters escaped, as
        the text report does: a removed no-break space must not look like a space."""
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            fromfile=f"a/{escape_for_terminal(self.path)}",
            tofile=f"b/{escape_for_terminal(self.path)}",
            lineterm="",
        )
        return "".join(escape_for_terminal(_without_line_break(line)) + "\n" for line in lines)


def _without_line_break(line: str) -> str:
    return line.removesuffix("\n").removesuffix("\r")


# A finding still owed a fix: its rule and its span, in the coordinates of the text as
# edited so far (spans are carried through each pass's edits, never guessed again).
Owed = tuple[str, int, int]


def _owed(finding: Finding) -> Owed:
    return finding.code, finding.span.start, finding.span.end


def _moved(owed: Owed, edits: Sequence[Edit]) -> Owed | None:
    """Where an owed finding's span stands after ``edits`` (in text order); None when an
    edit touched it, so that it is no longer the finding check reported."""
    code, start, end = owed
    for edit in edits:
        before = edit.end <= start and edit.start < start
        if not before and (edit.start < end or edit.start == end == start):
            return None
    shift = _shift(start, edits)
    return code, start + shift, end + shift


def _shift(offset: int, edits: Sequence[Edit]) -> int:
    """How far ``edits`` move a place at ``offset`` that none of them touches."""
    return sum(len(e.replacement) - (e.end - e.start) for e in edits if e.end <= offset)


def _in_passes(
    document: Document, check: Check, unsafe: bool, reported: Sequence[Finding]
) -> tuple[Document, Counter[str]]:
    """Fix the reported findings, pass after pass: the first pass applies the fixes that
    meet no other; each later one re-checks and applies those still owed, known by their
    rule and their span carried through the edits made (never by their text alone, which
    a finding check did not report can share)."""
    owed = {_owed(f) for f in reported if _allowed(f, unsafe) is not None}
    fixed: Counter[str] = Counter()
    current = document
    for _ in range(MAX_PASSES):
        chosen = chosen_fixes(reported, unsafe, current.text, code_of(current))
        if not chosen:
            break
        edits = edits_of(chosen)
        fixed.update(finding.code for finding in chosen)
        done = {_owed(finding) for finding in chosen}
        owed = {moved for key in owed - done if (moved := _moved(key, edits)) is not None}
        current = edited(current, edits)
        if not owed:
            break
        reported = [finding for finding in check(current) if _owed(finding) in owed]
    return current, fixed


def _one_at_a_time(
    document: Document, check: Check, unsafe: bool, reported: Sequence[Finding],
    before: Counter[str],
) -> tuple[Document, Counter[str]]:  # fmt: skip
    """The careful way, when fixing all at once brought a new finding: each fix alone, in
    text order, kept only if the re-checked text has its finding gone and nothing new; pass
    after pass, as ``_in_passes`` goes, since a fix that meets a kept one waits for the next
    pass (two adjacent lines deleted). A pass that keeps nothing ends it, so that fixing the
    result again changes nothing."""
    current = document
    fixed: Counter[str] = Counter()
    owed = {_owed(f) for f in reported if _allowed(f, unsafe) is not None}
    for _ in range(MAX_PASSES):
        edits: list[Edit] = []
        done: set[Owed] = set()
        for finding in chosen_fixes(reported, unsafe, current.text, code_of(current)):
            assert finding.fix is not None
            trial_edits = sorted([*edits, *finding.fix.edits], key=lambda e: (e.start, e.end))
            trial_fixed = fixed + Counter([finding.code])
            if _brings_no_new_finding(check(edited(current, trial_edits)), before, trial_fixed):
                fixed, edits = trial_fixed, trial_edits
                done.add(_owed(finding))
        if not done:
            break
        owed = {moved for key in owed - done if (moved := _moved(key, edits)) is not None}
        current = edited(current, edits)
        if not owed:
            break
        reported = [finding for finding in check(current) if _owed(finding) in owed]
    return current, fixed


def _brings_no_new_finding(
    after: Iterable[Finding], before: Counter[str], fixed: Counter[str]
) -> bool:
    """Whether no rule finds more in the fixed text than it found before, less what was
    fixed. Counted by rule: a document's finding (its encoding, say) names another
    excerpt once the text changed, and is still the same finding."""
    return not Counter(finding.code for finding in after) - (before - fixed)


Keep = Callable[[Finding], bool]


def fix_document(
    document: Document, check: Check, unsafe: bool, keep: Keep | None = None
) -> FixOutcome:
    """Fix the findings ``check`` reports on ``document``; with ``keep``, only those it
    keeps, as a report narrowed to a baseline's new findings or to changed lines would."""
    everything = check(document)
    reported = everything if keep is None else [f for f in everything if keep(f)]
    if not any(_allowed(finding, unsafe) for finding in reported):
        return FixOutcome(document.path, 0, document.text, document.text)
    before = Counter(finding.code for finding in everything)
    current, fixed = _in_passes(document, check, unsafe, reported)
    if not _brings_no_new_finding(check(current), before, fixed):
        current, fixed = _one_at_a_time(document, check, unsafe, reported, before)
    return FixOutcome(document.path, sum(fixed.values()), document.text, current.text)


def fix_bytes(
    original: bytes,
    display: str,
    check: Check,
    *,
    unsafe: bool,
    keep: Keep | None = None,
    declared: str | None = None,
) -> tuple[FixOutcome, bytes]:
    """The fixes of a document's bytes, and the fixed bytes in its own encoding (the
    original bytes when nothing changed). Bytes with undecodable parts are never
    rewritten: their U+FFFD would replace bytes that nothing could restore. Nor are
    bytes the fixed text would change outside the fixes (see ``encode_in_place``)."""
    document = document_from_bytes(original, display, declared=declared)
    outcome = fix_document(document, check, unsafe, keep)
    if outcome.after == outcome.before:
        return outcome, original
    if document.decode_issues:
        raise InputError(display, "has undecodable bytes; not fixed, so that none is lost")
    return outcome, encode_in_place(document, original, outcome.after)


def fix_file(
    path: str,
    display: str,
    check: Check,
    *,
    unsafe: bool,
    write: bool,
    keep: Keep | None = None,
    declared: str | None = None,
    limit: int | None = None,
    tree: str | None = None,
) -> FixOutcome:
    """Fix one file in place (through its symlink, to the target) unless ``write`` is false.

    ``tree`` is the folder the file was found in: a symlink out of it is never followed
    to write (see ``fix_bytes`` for what is never rewritten).
    """
    target = os.path.realpath(path)
    if tree is not None and not _inside(target, os.path.realpath(tree)):
        raise InputError(display, "is a symlink to a file outside the checked folder; not fixed")
    original = read_bytes(target, display, limit)
    outcome, data = fix_bytes(original, display, check, unsafe=unsafe, keep=keep,
                              declared=declared)  # fmt: skip
    if write and data != original:
        try:
            rewrite_file(target, data, original)
        except WriteError as error:
            raise InputError(display, error.problem) from None
        except OSError as error:  # gone or replaced since it was read
            raise InputError(display, f"{os_reason(error)}; not fixed") from None
    return outcome


def _inside(path: str, folder: str) -> bool:
    return os.path.commonpath([path, folder]) == folder
