"""The document as each rule reads it: the source with what the rule's scopes leave out
blanked, parsed once per document and made once per set of scopes."""

from __future__ import annotations

from dataclasses import replace

from hygiene.core.document import Document
from hygiene.core.segment import Segmenter
from hygiene.core.structure import PROSE, SCOPES, Region, Structure
from hygiene.core.structure.html import html_regions
from hygiene.core.structure.lightweight import asciidoc_regions, rst_regions
from hygiene.core.structure.markdown import markdown_regions

MDX_SUFFIX = ".mdx"


def regions_of(document: Document) -> list[Region]:
    """The regions of a document, by its format; plain text has none."""
    text = document.text
    if document.format == "markdown":
        mdx = document.path.lower().endswith(MDX_SUFFIX)
        return markdown_regions(text, document.body_start, mdx)
    if document.format == "html":
        return html_regions(text)
    if document.format == "rst":
        return rst_regions(text)
    if document.format == "asciidoc":
        return asciidoc_regions(text)
    return []


class Views:
    """One document's views, each with its own segments, shared by every rule (and every
    document facet) that reads the same scopes."""

    __slots__ = ("_by_scopes", "_made", "_present", "_structure", "document")

    def __init__(self, document: Document) -> None:
        self.document = document
        self._structure: Structure | None = None
        self._present: frozenset[str] = frozenset()
        self._made: dict[frozenset[str], tuple[Document, Segmenter]] = {}
        # Each rule asks with its scopes: the answer is looked up first by them (a
        # document is checked by some forty rules and a few sets of scopes).
        self._by_scopes: dict[frozenset[str], tuple[Document, Segmenter]] = {}

    @property
    def structure(self) -> Structure:
        if self._structure is None:
            self._structure = Structure(self.document.text, regions_of(self.document))
            self._present = frozenset({"prose"} | {r.kind for r in self._structure.regions})
        return self._structure

    def get(self, scopes: frozenset[str] = PROSE) -> tuple[Document, Segmenter]:
        """The document as ``scopes`` read it, and its segments."""
        view = self._by_scopes.get(scopes)
        if view is not None:
            return view
        structure = self.structure
        hidden = (frozenset(SCOPES) - scopes) & self._present
        view = self._made.get(hidden)
        if view is None:
            if hidden:
                text = structure.view(scopes)
                document = replace(self.document, text=text)
            else:
                document = self.document
            view = self._made[hidden] = (document, Segmenter(document.text))
        self._by_scopes[scopes] = view
        return view
