"""LibreOffice's help pages, as plain paragraphs: prose about an interface, in 30 languages.

A build-time reader, not part of the package: the second host of the language rules'
held-out documents (``build_language_heldout``), beside GNOME's help. LibreOffice's help
is written and translated apart from GNOME's, by other people in other tools, and brings
languages GNOME's pages lack (Basque, Dzongkha, Estonian, Khmer, Oromo).

Debian ships the help as HTML, a package a language (``libreoffice-help-de``,
MPL-2.0, The Document Foundation). Only the task guides are read (``text/*/guide``): the
reference pages list menu entries rather than say things. A page becomes its title,
headings, paragraphs and list items, one paragraph each, as ``fixtures/corpus/clean``
keeps GNOME's; the page's own "Related topics" block, code, the text for other
systems (a script shows the default one) and the debugging footer are left out.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from furniture_catalogues import CatalogueSource, _members, fetch

VERSION = "4:7.4.7-1+deb12u14"
LICENCE = "MPL-2.0 (The Document Foundation)"
# Debian's package suffix -> the language code the build uses; one package a language.
PACKAGES = {
    "ca": "ca", "cs": "cs", "da": "da", "de": "de", "dz": "dz", "el": "el", "en-us": "en",
    "es": "es", "et": "et", "eu": "eu", "fi": "fi", "fr": "fr", "gl": "gl", "hi": "hi",
    "hu": "hu", "id": "id", "it": "it", "ja": "ja", "km": "km", "ko": "ko", "nl": "nl",
    "om": "om", "pl": "pl", "pt": "pt", "ru": "ru", "sk": "sk", "sl": "sl", "sv": "sv",
    "tr": "tr", "vi": "vi", "zh-cn": "zh",
}  # fmt: skip
MIN_PARAGRAPHS = 4
# The guides of the applications; Basic's are about programming, and mostly code.
_GUIDE = r"usr/share/libreoffice/help/[^/]+/text/(?!sbasic/)[a-z]+/guide/[^/]+\.html$"
_CODE_CLASSES = frozenset({"bascode", "pycode", "code", "input"})
_BLOCKS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th", "dt", "dd"})
_VOID = frozenset({"br", "img", "input", "meta", "link", "hr", "wbr", "source"})


class _PageText(HTMLParser):
    """The blocks of a help page's display area as paragraphs of plain text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._depth = 0  # open elements inside the display area; 0: outside it
        self._hidden_at = 0  # the depth of an open element left out (code, hidden), if any
        self._done = False
        self._words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if self._done:
            return
        if not self._depth:
            if tag == "div" and found.get("id") == "DisplayArea":
                self._depth = 1
            return
        if tag == "a" and found.get("name") == "related":
            self._flush()
            self._done = True  # the page's own "Related topics" links end its text
            return
        if tag in _BLOCKS:
            self._flush()
        if tag not in _VOID:
            self._depth += 1
            shown = (found.get("id") or "").startswith("default")  # the system a script picks
            classes = set((found.get("class") or "").split())
            code = tag in ("pre", "code") or bool(classes & _CODE_CLASSES)
            if (code or ("hidden" in found and not shown)) and not self._hidden_at:
                self._hidden_at = self._depth

    def handle_endtag(self, tag: str) -> None:
        if self._done or not self._depth or tag in _VOID:
            return
        if tag in _BLOCKS:
            self._flush()
        if self._hidden_at == self._depth:
            self._hidden_at = 0
        self._depth -= 1
        if not self._depth:
            self._flush()
            self._done = True

    def handle_data(self, data: str) -> None:
        if self._depth and not self._done and not self._hidden_at:
            self._words.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._words).split())
        if text:
            self.paragraphs.append(text)
        self._words = []


def page_paragraphs(html: str) -> list[str]:
    """A help page's title, headings, paragraphs and list items, in order."""
    reader = _PageText()
    reader.feed(html)
    reader.close()
    return reader.paragraphs


def sources() -> list[CatalogueSource]:
    """The pinned help packages, as downloads the catalogue reader knows how to fetch."""
    names = [f"libreoffice-help-{suffix}" for suffix in PACKAGES]
    return [CatalogueSource(name, "debian", name, VERSION, LICENCE, "heldout") for name in names]


def manual_pages(cache: Path) -> dict[str, list[list[str]]]:
    """Language -> every guide page of its help package with ``MIN_PARAGRAPHS``
    paragraphs or more, as paragraphs, in the package's order."""
    pages: dict[str, list[list[str]]] = {}
    for source in sources():
        language = PACKAGES[source.package.removeprefix("libreoffice-help-")]
        found = [page_paragraphs(data.decode("utf-8"))
                 for _, data in _members(fetch(source, cache), _GUIDE)]  # fmt: skip
        pages[language] = [paragraphs for paragraphs in found if len(paragraphs) >= MIN_PARAGRAPHS]
    return pages
