"""The one Rule type every rule becomes, declarative or Python, and the values it produces.

A rule's check sees one segment of its scope and yields small ``Hit`` values with
offsets inside that segment; the engine alone turns hits into findings, so a
finding can never lose the rule, pack and span behind it.
"""

from __future__ import annotations

import codecs
import hashlib
import inspect
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Any, Literal

from hygiene.core.corpus import LineCounts
from hygiene.core.document import Document
from hygiene.core.segment import Scope, Segment, Segmenter, split_lines
from hygiene.core.structure import PROSE, Structure

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SEVERITY_RANK: Mapping[str, int] = MappingProxyType({"info": 0, "warning": 1, "error": 2})
FixSafety = Literal["safe", "unsafe", "display-only"]


def count_at_or_above(by_severity: Mapping[str, int], threshold: str) -> int:
    """How many findings, counted by severity, are at or above ``threshold``."""
    rank = SEVERITY_RANK[threshold]
    return sum(count for severity, count in by_severity.items() if SEVERITY_RANK[severity] >= rank)


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` by ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    """What a rule proposes, and how safe it is to apply without asking."""

    description: str
    safety: FixSafety
    edits: tuple[Edit, ...]


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule's raw result: offsets relative to the segment it was given."""

    start: int
    end: int
    message: str
    fix: Fix | None = None


BYTES_EXAMPLE = "bytes: "


def example_bytes(example: str) -> bytes:
    """The bytes of an example document.

    Rules about bytes (encodings, undecodable bytes) write their examples as
    ``bytes: caf\\xe9 au lait``, with Python escapes; other examples are UTF-8 text.
    """
    if example.startswith(BYTES_EXAMPLE):
        escaped = example.removeprefix(BYTES_EXAMPLE).encode("ascii", "backslashreplace")
        return codecs.escape_decode(escaped)[0]
    return example.encode("utf-8")


@dataclass(frozen=True, slots=True)
class RuleDoc:
    """The documentation every rule must carry; ``hygiene rules CODE`` prints it."""

    summary: str
    why: str
    how_to_fix: str
    bad: str
    good: str


@dataclass(frozen=True, slots=True)
class PackRef:
    """The file a rule was defined in and the sha256 of its bytes."""

    name: str
    sha256: str


@dataclass(frozen=True, slots=True)
class RunSettings:
    """Settings of a whole run that a rule group reads, as plain values: unlike a rule's
    options they hold for every rule (the language identifier every language rule asks)."""

    language_identifier: str = "fasttext"
    language_seed: int = 0


DEFAULT_SETTINGS = RunSettings()


@dataclass(frozen=True)
class RuleContext:
    """What a check may know beyond its segment: the document, its options, other segments."""

    document: Document
    segments: Segmenter
    options: Mapping[str, Any]
    declared_languages: tuple[str, ...] = ()
    settings: RunSettings = DEFAULT_SETTINGS
    corpus: LineCounts | None = None  # line counts of the whole run, for corpus rules
    # The document as written, where ``document`` is a view with what the rule's scopes
    # leave out blanked: a fix that reads the text around a finding (a blank line beside
    # it) reads it here, or a blanked comment would look like a blank line to delete.
    source: Document | None = None
    # The document's regions (headings, tables, links, code ...) as its format's parser
    # found them; None for plain text and where nobody parsed it.
    structure: Structure | None = None

    def kind_at(self, offset: int) -> str:
        """The scope of the written character at ``offset`` (``prose`` without structure)."""
        return "prose" if self.structure is None else self.structure.kind_at(offset)

    @property
    def written(self) -> Document:
        """The document as written (``document`` itself when nothing was blanked)."""
        return self.source or self.document

    def written_lines(self) -> list[Segment]:
        """The lines of the document as written, split once per view (and not again where
        the view is the document as written)."""
        if self.written is self.document:
            return self.segments.get("line")
        return self.segments.memo("written-lines", lambda: split_lines(self.written.text))


@dataclass(frozen=True)
class Facet:
    """What a rule group says about every document, for the report's document list
    (its scripts, its language, its quotations): plain JSON data under ``name``, and
    ``empty`` when a run does not describe documents."""

    name: str
    describe: Callable[[RuleContext], Any] = field(repr=False, compare=False)
    empty: Any = None


Check = Callable[[Segment, RuleContext], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """A self-describing check: identity, severity, scope, docs, options and the check itself."""

    code: str
    name: str
    severity: Severity
    scope: Scope
    doc: RuleDoc
    check: Check = field(repr=False, compare=False)
    pack: PackRef
    options: Mapping[str, Any] = field(default_factory=dict)
    enabled_by_default: bool = True
    reads_corpus: bool = False  # needs the run's line counts (ctx.corpus) before it checks
    # Bumped when what the rule finds changes; a change of code that finds the same is no
    # new revision (the pack's sha256 records the code itself).
    revision: int = 1
    # What the rule reads (structure.SCOPES): the rest of the document is blanked for it.
    scopes: frozenset[str] = PROSE
    # Reports only where no other rule of its group reported: a general rule beside the
    # group's specific ones (one problem, one finding, the most specific).
    defers: bool = False

    @property
    def group(self) -> str:
        return self.name.partition(".")[0]


_SECTION = re.compile(r"^(Why|Fix|Bad|Good):[ \t]*(.*)$")
_SECTION_FIELDS = {"Why": "why", "Fix": "how_to_fix", "Bad": "bad", "Good": "good"}


def parse_docstring(docstring: str | None) -> RuleDoc:
    """Read a Python rule's docs: a summary paragraph, then ``Why:``, ``Fix:``, ``Bad:``, ``Good:``.

    Example blocks keep their inner lines and indentation relative to the block,
    so a multi-line example document survives intact.
    """
    lines = inspect.cleandoc(docstring or "").splitlines()
    summary: list[str] = []
    sections: dict[str, list[str]] = {}
    current: list[str] = summary
    for line in lines:
        match = _SECTION.match(line)
        if match:
            current = sections.setdefault(_SECTION_FIELDS[match.group(1)], [])
            if match.group(2):
                current.append(match.group(2))
        else:
            current.append(line)

    def block(name: str) -> str:
        return inspect.cleandoc("\n".join(sections.get(name, []))).strip("\n")

    return RuleDoc(
        summary=" ".join(" ".join(summary).split()),
        why=" ".join(block("why").split()),
        how_to_fix=" ".join(block("how_to_fix").split()),
        bad=block("bad"),
        good=block("good"),
    )


@cache
def module_pack(module_name: str) -> PackRef:
    """The provenance of Python rules: their module's file name and its sha256."""
    module = sys.modules[module_name]
    path = module.__file__ or module_name
    with open(path, "rb") as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()
    name = module_name.replace(".", "/") + ".py"
    return PackRef(name=name, sha256=digest)


def rule(
    code: str,
    name: str,
    *,
    severity: Severity,
    scope: Scope,
    options: Mapping[str, Any] | None = None,
    enabled_by_default: bool = True,
    reads_corpus: bool = False,
    revision: int = 1,
    scopes: frozenset[str] = PROSE,
    defers: bool = False,
) -> Callable[[Check], Rule]:
    """Turn a check function into a Rule; its docstring is the rule's documentation."""

    def wrap(check: Check) -> Rule:
        return Rule(
            code=code,
            name=name,
            severity=severity,
            scope=scope,
            doc=parse_docstring(check.__doc__),
            check=check,
            pack=module_pack(check.__module__),
            options=MappingProxyType(dict(options or {})),
            enabled_by_default=enabled_by_default,
            reads_corpus=reads_corpus,
            revision=revision,
            scopes=scopes,
            defers=defers,
        )

    return wrap
