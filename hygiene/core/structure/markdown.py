"""The regions of a Markdown or MDX document, from a CommonMark + GFM parser.

markdown-it-py gives the blocks (fenced and indented code, HTML blocks, headings, tables,
list items) with their lines; inside each block of text the inline syntax that is not prose
is found by its own rules: code spans (CommonMark's backtick strings), inline HTML and JSX
tags and what code elements hold, comments, link and image destinations, autolinks and bare
URLs, paths and file names out of backticks, heading anchors (``{#id}``), entity
references, footnote markers, site generators' shortcodes (Hugo's ``{{< >}}``, Liquid's
``{% %}``), and in MDX its ``{...}`` expressions and ``import`` / ``export`` lines. In MDX
a line of JSX tags alone, or a tag alone on the lines its attributes run over, is markup
(``jsx``) and what the element holds is Markdown, as MDX reads it, never indented code;
what an output component holds (``<ConsoleBlock>``) is code. Container fences (``:::tip``),
link reference definitions and directives alone on a line (``[[TOC]]``) are markup wherever
they stand; definition-list terms and container titles are headings. Everything errs towards
leaving text alone: what may be markup is not read as prose.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache

import regex
from markdown_it import MarkdownIt

from hygiene.core.document import LineIndex
from hygiene.core.markup import inline_code
from hygiene.core.segment import within
from hygiene.core.structure import Kind, Region, blank
from hygiene.core.structure.jsx import tag_lines_of

# A run of ASCII names joined by slashes and stops, standing alone (no letter, slash or
# stop before it; none after it but a sentence's stop): taken whole, never backtracked
# into, then kept when it is a path or a file name (``_is_bare_code``).
_BARE_TOKEN = regex.compile(
    r"(?<![\w/.:])(?=[./]|[A-Za-z0-9_-]+[./])"
    r"(?>/?[A-Za-z0-9_-]+(?:[./][A-Za-z0-9_-]+)*/?|\.[a-z][\w-]*(?:\.[\w-]+)*/?)(?![\w/])"
)
# The rest of a path's or a file name's chunk of ASCII text (``**[...slug].astro**``),
# without the emphasis, quotation marks and stops around it.
_CHUNK_BEFORE = regex.compile(r"[!-~--*_\"'`]*\Z", regex.V1)
_CHUNK_AFTER = regex.compile(r"[!-~--*_\"'`,;:!?]*", regex.V1)
_EXTENSION = regex.compile(r"\.[a-z][a-z0-9]{0,4}$")
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
    # key=value, which a writer left out of backticks.
    ("code", regex.compile(r"\b[A-Za-z_][\w.-]*=[^\s,;()<>\"'“”„‘’«»]+")),
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
# Inline HTML elements whose content is code or keys, not prose.
_CODE_NAMES = ("code", "kbd", "samp", "var", "tt")
_CODE_ELEMENT = regex.compile(rf"<({'|'.join(_CODE_NAMES)})(?:\s[^<>]*)?>", regex.I)
_CODE_CLOSINGS = {name: regex.compile(rf"</{name}\s*>", regex.I) for name in _CODE_NAMES}
# An inline element that links somewhere: <a href="...">, <Button link='...'>, <Link to=...>.
_LINKING_ELEMENT = regex.compile(r"<([A-Za-z][\w.-]*)\s[^<>]*?\b(?:href|link|to)=[^<>]*(?<!/)>")
# A definition list's term and the mark of its definition: "term\n: definition".
_DEFINITION = regex.compile(r"^(?P<term>[^\s:][^\n]*)\n[ ]{0,3}(?P<mark>:)[ \t]+\S", regex.M)
# MDX's expressions: {...}, one level of nesting, comments included.
_MDX_EXPRESSION = regex.compile(r"\{(?:[^{}]|\{[^{}]*\})*\}")
_MDX_MODULE = regex.compile(r"^(?:import|export)\b", regex.M)
# Lines that are markup wherever they stand (outside code).
_LINE_MARKUP: tuple[tuple[Kind, regex.Pattern[str]], ...] = (
    ("markup", regex.compile(r"^[ \t]*:{3,}[^\n]*$", regex.M)),  # ::: containers, their titles
    # mkdocstrings: ::: package.module, and the indented YAML of its options below it.
    ("markup", regex.compile(r"^:::[ \t]+[\w.]+[ \t]*(?:\n[ \t]+\S[^\n]*)+", regex.M)),
    ("url", regex.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\S.*$", regex.M)),  # [id]: url
    ("markup", regex.compile(r"^[ ]{0,3}(?:[-*_][ \t]*){3,}$", regex.M)),  # thematic break
    # A directive alone on its line: VitePress's and markdown-it's [[TOC]], [[toc]].
    ("markup", regex.compile(r"^[ ]{0,3}\[\[[\w-]+\]\][ \t]*$", regex.M)),
    ("markup", regex.compile(r"^[ ]{0,3}>(?:[ \t]{0,4}>)*[ \t]?", regex.M)),  # block quotes' >
    ("markup", regex.compile(r"^(?=[^\n]*\|)(?=[^\n]*-)[ \t|:-]+$", regex.M)),  # |---|:-:|
    # MkDocs and Python-Markdown blocks: !!! note "Title", ??? tip, /// warning | Title, and
    # FastAPI's {* file.py hl[1:3] *} includes.
    ("markup", regex.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[^\n]*$", regex.M)),
    ("markup", regex.compile(r"^[ \t]*===[ \t]+\"[^\"\n]*\"[ \t]*$", regex.M)),  # content tabs
    ("markup", regex.compile(r"^[ \t]*/{3,}[ \t]*[\w-]*(?:[ \t]*\|)?", regex.M)),
    # ...whose title (/// warning | Mind the cache, //// tab | Python 3.10+) heads it.
    ("heading", regex.compile(r"(?<=^[ \t]*/{3,}[ \t]*[\w-]*[ \t]*\|)[ \t]*\S[^\n]*", regex.M)),
    ("markup", regex.compile(r"^[ \t]*\{\*[^\n]*\*\}[ \t]*$", regex.M)),
)


@cache
def _parser(mdx: bool) -> MarkdownIt:
    # Only the blocks are wanted: inline syntax is found by the rules below, so the inline
    # parse (a third of the time) is left out; inline tokens keep their text and lines.
    # MDX has no indented code: what a JSX element holds is indented for the reader.
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("inline")
    return parser.disable("code") if mdx else parser


def markdown_regions(text: str, body_start: int, mdx: bool) -> list[Region]:
    """Every region of a Markdown (``mdx``: MDX) text whose front matter ends at
    ``body_start``."""
    regions: list[Region] = []
    if body_start:
        regions.append(Region("front-matter", 0, body_start))
    # The parser sees the front matter as blank lines, so its line numbers stay the text's.
    body = blank(text[:body_start]) + text[body_start:]
    parsed = body
    if mdx:
        # Lines that are only JSX tags open or close an element whose children are
        # Markdown: the parser sees the tags as blank lines.
        tag_lines = tag_lines_of(body, body_start)
        regions += (Region("markup", a, b) for a, b in tag_lines)
        # A linking element opened on lines of its own holds its link's text there too.
        openings = (m for a, b in tag_lines for m in _LINKING_ELEMENT.finditer(body, a, b))
        found = _contents(openings, _closing_tag(body))
        regions += (Region("link", a, b) for a, b in found)
        parsed = _blanked(body, tag_lines)
    lines = LineIndex(body)

    def offset(line: int) -> int:  # the start of 0-based ``line``, or the text's end
        return lines.line_start(line + 1) if line < lines.line_count else len(body)

    blocks: list[tuple[int, int]] = []  # where block-level code and markup stand
    table_depth = 0
    for token in _parser(mdx).parse(parsed):
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
        elif token.type == "list_item_open":
            regions.append(Region("list", start, end))
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
    regions += _definition_terms(body, blocks, body_start)
    regions += _code_shortcodes(body, body_start)
    regions += _output_components(body, body_start)
    return regions


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span blanked."""
    if not spans:
        return text
    pieces: list[str] = []
    done = 0
    for start, end in spans:
        pieces += (text[done:start], blank(text[start:end]))
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def _trimmed(text: str, end: int) -> int:
    """A block's end before its last line break: the break is not the block's."""
    while end > 0 and text[end - 1] in "\r\n":
        end -= 1
    return end


def _inline(text: str, start: int, end: int, mdx: bool) -> list[Region]:
    # A code span glued to letters makes one word of code with them: `g`reater `t`han.
    found = [
        Region("code", *_chunk(text, a, b, start, end)) for a, b in inline_code(text, start, end)
    ]
    if "<" in text[start:end]:
        found += (Region("code", a, b) for a, b in _code_elements(text, start, end))
        found += (Region("link", a, b) for a, b in _linking_elements(text, start, end))
    for kind, pattern in _INLINE:
        found += (Region(kind, *m.span()) for m in pattern.finditer(text, start, end))
    if mdx:
        found += (Region("markup", *m.span()) for m in _MDX_EXPRESSION.finditer(text, start, end))
    for token in _BARE_TOKEN.finditer(text, start, end):
        if _is_bare_code(token.group()):
            found.append(Region("code", *_chunk(text, *token.span(), start, end)))
    return found


def _chunk(text: str, start: int, end: int, low: int, high: int) -> tuple[int, int]:
    """``text[start:end]`` with the ASCII characters glued to it on either side (within
    ``low`` and ``high``), but for emphasis, quotation marks and stops: a full stop that
    ends the chunk ends the sentence (``See /download/.``), and stays prose."""
    before = _CHUNK_BEFORE.search(text, max(low, start - 64), start)
    after = _CHUNK_AFTER.match(text, end, min(high, end + 64))
    stop = after.end() if after else end
    while stop > end and text[stop - 1] == ".":
        stop -= 1
    return (before.start() if before else start), stop


def _is_bare_code(token: str) -> bool:
    """Whether a token a writer left out of backticks is no word of a language: a path
    (``src/``, ``/red/1``, ``a/b/c``), a file name (``README.md``, ``Next.js``) or a dot
    file (``.gitignore``). ``and/or`` and ``e.g`` are words."""
    if token.startswith("."):
        return True
    if (token.endswith("/") and len(token) > 1) or token.count("/") >= 2:
        return True
    extension = _EXTENSION.search(token)
    return extension is not None and len(token[: extension.start()].rsplit("/", 1)[-1]) > 1


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


def _contents(
    openings: Iterator[regex.Match[str]], closing: Callable[[str, int], int]
) -> Iterator[tuple[int, int]]:
    """What each opening holds, up to where ``closing(name, after)`` finds its name's
    closing (-1: none). A name never closed is not looked for again, so a text of many
    unclosed openings is read in linear time."""
    unclosed: set[str] = set()
    for opening in openings:
        name = opening.group(1)
        if name in unclosed:
            continue
        found = closing(name, opening.end())
        if found == -1:
            unclosed.add(name)
        else:
            yield opening.end(), found


def _closing_tag(text: str, end: int | None = None) -> Callable[[str, int], int]:
    """What ``_contents`` asks of an element: where its ``</name>`` stands in ``text``
    (before ``end``), after a position; -1 where it does not."""
    limit = len(text) if end is None else end
    return lambda name, after: text.find(f"</{name}>", after, limit)


def _code_elements(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """What inline HTML's code elements hold (``<code>f(x)</code>``, ``<kbd>``)."""

    def closing(name: str, after: int) -> int:
        found = _CODE_CLOSINGS[name.casefold()].search(text, after, end)
        return -1 if found is None else found.start()

    return _contents(_CODE_ELEMENT.finditer(text, start, end), closing)


def _linking_elements(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """What an inline element that links holds (``<a href>``, an MDX ``<Button link>`` or
    ``<Link to>``): a link's text, as ``[text](url)`` holds."""
    return _contents(_LINKING_ELEMENT.finditer(text, start, end), _closing_tag(text, end))


# A site generator's shortcode that holds code (Hugo's code-toggle and highlight): what
# stands between its opening and closing tags is code.
_CODE_SHORTCODE = regex.compile(r"\{\{[<%][ \t]*(code[\w-]*|highlight)\b[^\n]*?[%>]\}\}")


def _code_shortcodes(text: str, start: int) -> Iterator[Region]:
    """Code between a code shortcode's opening and its closing tag."""

    def closing(name: str, after: int) -> int:
        pattern = rf"\{{\{{[<%][ \t]*/[ \t]*{regex.escape(name)}[ \t]*[%>]\}}\}}"
        found = regex.compile(pattern).search(text, after)
        return -1 if found is None else found.start()

    for a, b in _contents(_CODE_SHORTCODE.finditer(text, start), closing):
        yield Region("code", a, b)


def _definition_terms(
    text: str, blocks: list[tuple[int, int]], body_start: int
) -> Iterator[Region]:
    """Definition lists (PHP Markdown Extra, Pandoc, Goldmark, Python-Markdown): a term is
    the line above one that opens with a colon, and heads its definition, as a heading its
    section; the colon is markup."""
    for match in _DEFINITION.finditer(text, body_start):
        if not within(blocks, match.start()):
            yield Region("heading", *match.span("term"))
            yield Region("markup", *match.span("mark"))


# A component that shows a program's output or a terminal (react.dev's <ConsoleBlock>,
# <TerminalBlock>, a site's <ShellOutput>): one of its name's words says so.
_OUTPUT_COMPONENT = regex.compile(
    r"<((?:[A-Z][a-z0-9]*)*(?:Console|Terminal|Shell|Output|Stdout|Stderr)(?:[A-Z][a-z0-9]*)*)"
    r"(?:\s[^<>]*)?(?<!/)>"
)


def _output_components(text: str, start: int) -> Iterator[Region]:
    """What an output component holds is code: the program's words, quoted as it prints
    them, in the language it prints them in."""
    for a, b in _contents(_OUTPUT_COMPONENT.finditer(text, start), _closing_tag(text)):
        yield Region("code", a, b)


def _line_markup(text: str, blocks: list[tuple[int, int]], body_start: int) -> Iterator[Region]:
    """Container fences, reference definitions and breaks, outside code and HTML blocks."""
    blocks.sort()
    for kind, pattern in _LINE_MARKUP:
        for match in pattern.finditer(text, body_start):
            if not within(blocks, match.start()):
                yield Region(kind, *match.span())
