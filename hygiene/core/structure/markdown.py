"""The regions of a Markdown or MDX document, from a CommonMark + GFM parser.

markdown-it-py gives the blocks (fenced and indented code, HTML blocks, headings, tables)
with their lines; inside each block of text the inline syntax that is not prose is found
by its own rules: code spans (CommonMark's backtick strings), inline HTML and JSX tags,
comments, link and image destinations, autolinks and bare URLs, heading anchors
(``{#id}``), entity references, footnote markers, site generators' shortcodes (Hugo's
``{{< >}}``, Liquid's ``{% %}``), and in MDX its ``{...}`` expressions and ``import`` /
``export`` lines. Container fences (``:::tip``) and link reference definitions are markup
wherever they stand. Everything errs towards leaving text alone: what may be markup is
not read as prose.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import regex
from markdown_it import MarkdownIt

from hygiene.core.document import LineIndex
from hygiene.core.markup import inline_code
from hygiene.core.segment import within
from hygiene.core.structure import Kind, Region, blank

# A link's or image's destination and title: ](url "title").
_DESTINATION = r"\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
# Inline syntax that is not prose, by the kind of region it is. Each pattern is linear:
# a match starts at a mark and its repeats stop at a character that cannot be in it.
_INLINE: tuple[tuple[Kind, regex.Pattern[str]], ...] = (
    ("url", regex.compile(r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*>")),  # autolink
    ("url", regex.compile(r"<[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+>")),  # e-mail autolink
    ("markup", regex.compile(r"</?[A-Za-z][\w.:-]*(?:\s[^<>]*)?/?>")),  # HTML and JSX tags
    ("link", regex.compile(r"(?<!!)\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\](?=\(|\[)")),  # [text](
    ("url", regex.compile(_DESTINATION)),
    ("url", regex.compile(r"\]\[[^\[\]]*\]")),  # a reference link's label
    ("url", regex.compile(r"\b(?:https?|ftp)://[^\s<>()\[\]{}\"'`]+|\bwww\.[^\s<>()\[\]{}\"'`]+")),
    ("anchor", regex.compile(r"\{[ \t]*#[^{}\n]*\}")),  # heading ids: ## Title {#title}
    ("markup", regex.compile(r"\{(?:'[^'\n]*'|\"[^\"\n]*\")\}")),  # JSX strings: {' '}
    ("markup", regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")),
    ("markup", regex.compile(r"\[\^[^\]\s]+\]")),  # footnote references and definitions
)
# Spans from an opening to the next closing mark: comments, and the template tags of site
# generators (Hugo's shortcodes, Liquid, Jinja). Found with str.find, so an opening that
# never closes costs one search, not one per opening.
_DELIMITED: tuple[tuple[Kind, str, str], ...] = (
    ("comment", "<!--", "-->"),
    ("comment", "{/*", "*/}"),  # MDX comments, which Markdown sites built as MDX use too
    ("markup", "{{<", ">}}"),
    ("markup", "{{%", "%}}"),
    ("markup", "{%", "%}"),
    ("markup", "{{", "}}"),
)
# MDX's expressions: {...}, one level of nesting, comments included.
_MDX_EXPRESSION = regex.compile(r"\{(?:[^{}]|\{[^{}]*\})*\}")
_MDX_MODULE = regex.compile(r"^(?:import|export)\b", regex.M)
# Lines that are markup wherever they stand (outside code).
_LINE_MARKUP: tuple[tuple[Kind, regex.Pattern[str]], ...] = (
    ("markup", regex.compile(r"^[ \t]*:{3,}[^\n]*$", regex.M)),  # ::: containers, their titles
    ("url", regex.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\S.*$", regex.M)),  # [id]: url
    ("markup", regex.compile(r"^[ ]{0,3}(?:[-*_][ \t]*){3,}$", regex.M)),  # thematic break
    ("markup", regex.compile(r"^(?=[^\n]*\|)(?=[^\n]*-)[ \t|:-]+$", regex.M)),  # |---|:-:|
    # MkDocs and Python-Markdown blocks: !!! note "Title", ??? tip, /// warning | Title, and
    # FastAPI's {* file.py hl[1:3] *} includes.
    ("markup", regex.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[^\n]*$", regex.M)),
    ("markup", regex.compile(r"^[ \t]*===[ \t]+\"[^\"\n]*\"[ \t]*$", regex.M)),  # content tabs
    ("markup", regex.compile(r"^[ \t]*/{3,}[ \t]*[\w-]*(?:[ \t]*\|)?", regex.M)),
    ("markup", regex.compile(r"^[ \t]*\{\*[^\n]*\*\}[ \t]*$", regex.M)),
)


@cache
def _parser() -> MarkdownIt:
    # Only the blocks are wanted: inline syntax is found by the rules below, so the inline
    # parse (a third of the time) is left out; inline tokens keep their text and lines.
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("inline")


def markdown_regions(text: str, body_start: int, mdx: bool) -> list[Region]:
    """Every region of a Markdown (``mdx``: MDX) text whose front matter ends at
    ``body_start``."""
    regions: list[Region] = []
    if body_start:
        regions.append(Region("front-matter", 0, body_start))
    # The parser sees the front matter as blank lines, so its line numbers stay the text's.
    body = blank(text[:body_start]) + text[body_start:]
    lines = LineIndex(body)

    def offset(line: int) -> int:  # the start of 0-based ``line``, or the text's end
        return lines.line_start(line + 1) if line < lines.line_count else len(body)

    blocks: list[tuple[int, int]] = []  # where block-level code and markup stand
    table_depth = 0
    for token in _parser().parse(body):
        if token.type == "table_close":
            table_depth -= 1
        if token.map is None:
            continue
        start, end = offset(token.map[0]), _trimmed(body, offset(token.map[1]))
        if token.type in ("fence", "code_block"):
            regions.append(Region("code", start, end))
            blocks.append((start, end))
        elif token.type == "html_block":
            comment = token.content.lstrip().startswith("<!--")
            regions.append(Region("comment" if comment else "markup", start, end))
            blocks.append((start, end))
        elif token.type == "heading_open":
            regions.append(Region("heading", start, end))
        elif token.type == "table_open":
            table_depth += 1
            regions.append(Region("table", start, end))
            regions += _inline(body, start, end, mdx)
        elif token.type == "inline" and table_depth == 0:
            if mdx and _MDX_MODULE.match(body, start):
                regions.append(Region("code", start, end))
            else:
                regions += _inline(body, start, end, mdx)
    # Comments and template tags may span blocks (a shortcode's closing ">}}" on a line of
    # its own starts a block quote), and site generators expand them before Markdown is
    # read: they are looked for in the whole body.
    for kind, opening, closing in _DELIMITED:
        regions += (
            Region(kind, a, b) for a, b in _between(body, body_start, len(body), opening, closing)
        )
    regions += _line_markup(body, blocks, body_start)
    regions += _code_shortcodes(body, body_start)
    return regions


def _trimmed(text: str, end: int) -> int:
    """A block's end before its last line break: the break is not the block's."""
    while end > 0 and text[end - 1] in "\r\n":
        end -= 1
    return end


def _inline(text: str, start: int, end: int, mdx: bool) -> list[Region]:
    found = [Region("code", a, b) for a, b in inline_code(text, start, end)]
    for kind, pattern in _INLINE:
        found += (Region(kind, *m.span()) for m in pattern.finditer(text, start, end))
    if mdx:
        found += (Region("markup", *m.span()) for m in _MDX_EXPRESSION.finditer(text, start, end))
    return found


def _between(
    text: str, start: int, end: int, opening: str, closing: str
) -> Iterator[tuple[int, int]]:
    """Each ``opening`` in ``text[start:end]`` up to the next ``closing`` after it."""
    position = text.find(opening, start, end)
    while position != -1:
        close = text.find(closing, position + len(opening), end)
        if close == -1:
            return
        yield position, close + len(closing)
        position = text.find(opening, close + len(closing), end)


# A site generator's shortcode that holds code (Hugo's code-toggle and highlight): what
# stands between its opening and closing tags is code.
_CODE_SHORTCODE = regex.compile(r"\{\{[<%][ \t]*(code[\w-]*|highlight)\b[^\n]*?[%>]\}\}")


def _code_shortcodes(text: str, start: int) -> Iterator[Region]:
    """Code between a code shortcode's opening and its closing tag. A name whose closing is
    not found is not searched for again, so unclosed openings cost one search a name."""
    unclosed: set[str] = set()
    for opening in _CODE_SHORTCODE.finditer(text, start):
        name = opening.group(1)
        if name in unclosed:
            continue
        closing = regex.compile(r"\{\{[<%][ \t]*/" + regex.escape(name) + r"[ \t]*[%>]\}\}").search(
            text, opening.end()
        )
        if closing is None:
            unclosed.add(name)
        else:
            yield Region("code", opening.end(), closing.start())


def _line_markup(text: str, blocks: list[tuple[int, int]], body_start: int) -> Iterator[Region]:
    """Container fences, reference definitions and breaks, outside code and HTML blocks."""
    blocks.sort()
    for kind, pattern in _LINE_MARKUP:
        for match in pattern.finditer(text, body_start):
            if not within(blocks, match.start()):
                yield Region(kind, *match.span())
