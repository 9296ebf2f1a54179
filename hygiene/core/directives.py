"""Inline directives, as the checked text writes them: which rules they name and where.

Each format writes them in its own comments, and only there (a ``//`` line of plain
text is prose, not a comment):

- Markdown, HTML and plain text: ``<!-- hygiene: disable-next-line BP001 -->``;
- MDX: ``{/* hygiene: disable-next-line BP001 */}`` (MDX 2 has no HTML comments; those of
  MDX 1 still count);
- reStructuredText: a comment line, ``.. hygiene: disable-next-line BP001``;
- AsciiDoc: a line comment, ``// hygiene: disable-next-line BP001``.

In every format a line may end with ``hygiene: ignore BP001``. Front matter may exempt
the page (``hygiene: off``) or some rules of it (``hygiene-ignore: [BP, LG003]``).
Parsing them is the framework's: the suppression gate applies them to findings, and the
suppression group (SU001) reports those that hide nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Literal

from hygiene.core.document import Document

MARKER = "hygiene:"
# Front-matter keys: ``hygiene: off`` exempts the page, ``hygiene-ignore`` lists selectors.
PAGE_KEY = "hygiene"
IGNORE_KEY = "hygiene-ignore"

CommentSyntax = Literal["html", "mdx", "rst", "asciidoc"]

_SELECTOR = r"[A-Za-z][A-Za-z0-9.-]*"
_SELECTORS = rf"(?P<selectors>(?:[ \t,]+{_SELECTOR})*)"
_BODY = (
    r"hygiene:[ \t]*(?P<action>disable-next-line|disable-file|disable|enable|ignore)" + _SELECTORS
)
# Line starts and ends as the line index counts them: CR LF, a lone CR, a lone LF.
_LINE_START = r"(?<![^\r\n])"
_LINE_END = r"[ \t]*(?![^\r\n])"
# Each pattern's ``at`` group is the directive as the report shows it.
_COMMENTS: dict[CommentSyntax, re.Pattern[str]] = {
    "html": re.compile(r"(?P<at><!--[ \t]*" + _BODY + r"[ \t]*-->)"),
    "mdx": re.compile(r"(?P<at>\{[ \t]*/\*[ \t]*" + _BODY + r"[ \t]*\*/[ \t]*\})"),
    # Indented, a comment is still one (in a list item); the directive starts at ``..``.
    "rst": re.compile(_LINE_START + r"[ \t]*(?P<at>\.\.[ \t]+" + _BODY + ")" + _LINE_END),
    # A line comment starts in the first column; ``////`` opens a comment block instead.
    "asciidoc": re.compile(_LINE_START + r"(?P<at>//(?!/)[ \t]*" + _BODY + ")" + _LINE_END),
}
_LINE_MARKER = re.compile(r"(?P<at>hygiene:[ \t]*(?P<action>ignore)" + _SELECTORS + ")" + _LINE_END)

# The markup a path's suffix names, where formats differ in their comments.
_SUFFIX_MARKUP = {
    **dict.fromkeys((".md", ".markdown", ".mdown", ".mkd"), "markdown"),
    ".mdx": "mdx",
    **dict.fromkeys((".html", ".htm", ".xhtml"), "html"),
    **dict.fromkeys((".rst", ".rest"), "rst"),
    **dict.fromkeys((".adoc", ".asciidoc"), "asciidoc"),
}
# The suffixes that refine a format standing for several: any refines plain text (.rst
# and .adoc were read as text), .mdx refines Markdown (.mdx files are read as Markdown).
_REFINES = {"text": frozenset(_SUFFIX_MARKUP.values()), "markdown": frozenset({"mdx"})}
_SYNTAXES: dict[str, frozenset[CommentSyntax]] = {
    # Plain text has no comments; text taken from web pages (and records) carries HTML's.
    "text": frozenset({"html"}),
    "markdown": frozenset({"html"}),
    "html": frozenset({"html"}),
    "mdx": frozenset({"mdx", "html"}),  # MDX 1 has HTML comments
    "rst": frozenset({"rst"}),
    "asciidoc": frozenset({"asciidoc"}),
}


@dataclass(frozen=True, slots=True)
class Directive:
    """One directive: what it does, which rules it names, and where it stands.

    ``action`` is one of the inline actions, or ``off`` for a page that front matter
    exempts (a ``hygiene-ignore`` key is a ``disable-file``)."""

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


def comment_syntaxes(document: Document) -> frozenset[CommentSyntax]:
    """The comments that carry directives in ``document``: its format's own.

    The format decides, refined by the path's suffix where the format stands for several
    (an .rst file read as plain text, an .mdx file read as Markdown), so the answer is
    the same whether or not the reader gives each markup a format of its own."""
    markup: str = document.format
    by_suffix = _SUFFIX_MARKUP.get(PurePath(document.path).suffix.lower())
    if by_suffix is not None and by_suffix in _REFINES.get(markup, frozenset()):
        markup = by_suffix
    return _SYNTAXES.get(markup, _SYNTAXES["text"])


def parse_directives(document: Document) -> list[Directive]:
    """Every directive of the document (its front matter's too), in text order; cheap
    when there is none."""
    found = _front_matter_directives(document) if document.body_start else []
    text = document.text
    if MARKER not in text:
        return found
    covered: list[tuple[int, int]] = []
    for syntax in sorted(comment_syntaxes(document)):
        for match in _COMMENTS[syntax].finditer(text):
            if not any(low <= match.start("at") < high for low, high in covered):
                found.append(_directive(document, match))
                covered.append(match.span("at"))
    for match in _LINE_MARKER.finditer(text):
        if not any(low <= match.start() < high for low, high in covered):
            found.append(_directive(document, match))
    return sorted(found, key=lambda directive: directive.start)


def _directive(document: Document, match: re.Match[str]) -> Directive:
    selectors = tuple(part for part in re.split(r"[ \t,]+", match.group("selectors")) if part)
    start, end = match.span("at")
    line = document.lines.position(start).line
    return Directive(match.group("action"), selectors, start, end, line)


def _front_matter_directives(document: Document) -> list[Directive]:
    """``hygiene: off`` and ``hygiene-ignore: [...]`` of the front matter, if written.

    Values come from the parsed front matter (``metadata``): a string (the YAML reader
    keeps ``[BP, LG003]`` as written), a list (TOML), or ``false`` for ``off``. A YAML
    block list, which the flat YAML reader leaves out, is read from the lines under the
    key. A value that is not one of these is no directive, as a malformed comment is not.
    """
    head = document.text[: document.body_start]
    found: list[Directive] = []
    off = _key_line(head, PAGE_KEY)
    if off is not None and _is_off(document.metadata.get(PAGE_KEY)):
        found.append(_at(document, "off", (), off))
    ignore = _key_line(head, IGNORE_KEY)
    if ignore is not None:
        value = document.metadata.get(IGNORE_KEY)
        items = [] if ignore.group("value") else _block_items(head, ignore.end())
        if items:
            value = [item.group("item") for item in items]
        selectors = _selectors(value)
        if selectors:
            found.append(_at(document, "disable-file", selectors, ignore))
    return found


def _key_line(head: str, key: str) -> re.Match[str] | None:
    """The line that sets ``key``, its ``# comment`` left out of the directive's span."""
    key_value = rf"[\"']?{re.escape(key)}[\"']?[ \t]*[:=][ \t]*(?P<value>[^\r\n]*?)"
    return re.search(rf"(?m)^(?P<at>{key_value})(?:[ \t]*(?<=[ \t])#[^\r\n]*)?" + _LINE_END, head)


_YAML_ITEM = re.compile(r"(?:\r\n|\r|\n)[ \t]*-[ \t]+(?P<item>[^\r\n]*?)" + _LINE_END)


def _block_items(head: str, position: int) -> list[re.Match[str]]:
    items = []
    while (item := _YAML_ITEM.match(head, position)) is not None:
        items.append(item)
        position = item.end()
    return items


def _at(
    document: Document, action: str, selectors: tuple[str, ...], key: re.Match[str]
) -> Directive:
    start = key.start("at")
    end = start + len(key.group("at").rstrip())
    return Directive(action, selectors, start, end, document.lines.position(start).line)


def _uncommented(value: str) -> str:
    """A flat YAML value without its trailing ``# comment``."""
    return re.split(r"(?:^|[ \t])#", value, maxsplit=1)[0].strip()


def _is_off(value: object) -> bool:
    if isinstance(value, str):
        return _uncommented(value).strip("'\"").lower() in ("off", "false", "no")
    return value is False


def _selectors(value: object) -> tuple[str, ...]:
    """The selectors a ``hygiene-ignore`` value names; none unless all are well formed."""
    if isinstance(value, str):
        parts = [_uncommented(value).removeprefix("[").removesuffix("]")]
    elif isinstance(value, list) and all(isinstance(part, str) for part in value):
        parts = [_uncommented(part) for part in value]
    else:
        return ()
    selectors = tuple(
        word.strip("'\"") for part in parts for word in re.split(r"[ \t,]+", part) if word
    )
    if all(re.fullmatch(_SELECTOR, selector) for selector in selectors):
        return selectors
    return ()
