"""The regions of an HTML document, from the standard library's HTML tokenizer.

A reader sees the text between tags: tags, the doctype, comments, entity references, and
the content of ``script``, ``style`` and ``template`` are not prose. The content of
``nav``, ``header``, ``footer`` and ``aside`` is prose a reader sees, marked as page
furniture so that a rule can tell it apart; list items (``li``, whose end tag is optional)
are the ``list`` scope, and a definition list's terms (``dt``) headings.
"""

from __future__ import annotations

from html.parser import HTMLParser

import regex

from hygiene.core.document import LineIndex
from hygiene.core.structure import Kind, Region

_CODE_ELEMENTS = frozenset({"script", "style", "template", "code", "pre", "textarea"})
_LISTS = frozenset({"ul", "ol", "menu"})
_FURNITURE = frozenset({"nav", "header", "footer", "aside"})
# Elements whose content is prose of a kind a rule may leave out.
_CONTAINERS: dict[str, Kind] = {
    **dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6", "dt"), "heading"),
    "table": "table",
    "a": "link",
    **dict.fromkeys(_FURNITURE, "furniture"),
}
_ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
_TAG_END = regex.compile(r">")


class _Regions(HTMLParser):
    """Collects the regions while the tokenizer reads; positions come from ``getpos``."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.lines = LineIndex(text)
        self.found: list[Region] = []
        self.open: dict[str, list[int]] = {}  # where open code and furniture elements began
        # Open list items, each with the depth of lists it stands in: an item's end tag is
        # optional, so the next item of its list, or its list's end, closes it.
        self.items: list[tuple[int, int]] = []
        self.depth = 0

    def _here(self) -> int:
        line, column = self.getpos()
        return self.lines.line_start(line) + column

    def add(self, kind: Kind, start: int, end: int) -> None:
        if start < end:
            self.found.append(Region(kind, start, end))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._here()
        raw = self.get_starttag_text() or ""
        self.add("markup", start, start + len(raw))
        if tag in _LISTS:
            self.depth += 1
        elif tag == "li":
            self._close_items(start, self.depth)
            self.items.append((start + len(raw), self.depth))
        if tag in _CODE_ELEMENTS or tag in _CONTAINERS:
            self.open.setdefault(tag, []).append(start + len(raw))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._here()
        self.add("markup", start, start + len(self.get_starttag_text() or ""))

    def handle_endtag(self, tag: str) -> None:
        start = self._here()
        close = _TAG_END.search(self.text, start)
        end = close.end() if close else len(self.text)
        self.add("markup", start, end)
        if tag == "li":
            self._close_items(start, self.depth)
        elif tag in _LISTS:
            self._close_items(start, self.depth)
            self.depth = max(0, self.depth - 1)
        opened = self.open.get(tag)
        if opened:
            self.add(_kind(tag), opened.pop(), start)

    def _close_items(self, end: int, depth: int) -> None:
        """End the open items of lists ``depth`` deep or deeper at ``end``."""
        while self.items and self.items[-1][1] >= depth:
            self.add("list", self.items.pop()[0], end)

    def _whole(self, kind: Kind, length: int) -> None:
        start = self._here()
        self.add(kind, start, min(start + length, len(self.text)))

    def handle_comment(self, data: str) -> None:
        self._whole("comment", len(data) + 7)  # <!-- and -->

    def handle_decl(self, decl: str) -> None:
        self._whole("markup", len(decl) + 3)  # <! and >

    def handle_pi(self, data: str) -> None:
        self._whole("markup", len(data) + 3)  # <? and >

    def unknown_decl(self, data: str) -> None:
        self._whole("markup", len(data) + 5)  # <![ and ]>


def _kind(tag: str) -> Kind:
    return "code" if tag in _CODE_ELEMENTS else _CONTAINERS[tag]


def html_regions(text: str) -> list[Region]:
    """Every region of an HTML text; an element left open runs to the end."""
    parser = _Regions(text)
    parser.feed(text)
    parser.close()
    for tag, starts in parser.open.items():
        for start in starts:
            parser.add(_kind(tag), start, len(text))
    parser._close_items(len(text), 0)
    parser.found += (Region("markup", *m.span()) for m in _ENTITY.finditer(text))
    return parser.found
