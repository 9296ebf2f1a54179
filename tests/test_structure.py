"""The document model: each format's regions, the views rules read, and what they change
in findings on real-looking documentation pages."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from hygiene.api import check_text
from hygiene.core.structure import EVERYTHING, INLINE_MARK, PROSE, Structure
from hygiene.core.structure.html import html_regions
from hygiene.core.structure.lightweight import asciidoc_regions, rst_regions
from hygiene.core.structure.markdown import markdown_regions
from hygiene.core.views import Views
from hygiene.inputs.decoding import document_from_bytes


def prose_of(text: str, path: str = "page.md") -> str:
    """What prose rules read of a document at ``path``."""
    document, _ = Views(document_from_bytes(text.encode("utf-8"), path)).get(PROSE)
    return document.text


def words(text: str) -> list[str]:
    """The words a prose rule reads, and the marks of text left out inside a line."""
    return regex.findall(r"[\p{L}\p{N}]+|_", text)


def codes(text: str, path: str) -> list[str]:
    return [finding.code for finding in check_text(text, path=path).findings]


def test_markdown_code_markup_urls_anchors_and_front_matter_are_blanked() -> None:
    page = (
        "---\ntitle: Arrays\nlang: en\n---\n"
        "## Next steps {#next-steps}\n\n"
        'Call `push()` and `pop()`; see [the guide](https://example.com/guide "Guide").\n\n'
        "```js\nconst ok = true; // ???\n```\n\n"
        "<Tip>Keep <b>one</b> list.</Tip>\n\n"
        "<!-- a note for editors -->\n\n"
        "| Name | Meaning |\n|---|---|\n| `x` | the first &amp; last |\n\n"
        ":::warning\nMind the gap.\n:::\n\n"
        '{{< figure src="a.png" >}}\n\n[ref]: https://example.com/ref\n'
    )
    shown = prose_of(page)
    assert len(shown) == len(page) and shown.count("\n") == page.count("\n")
    # A run left out inside a line of prose begins with "_": "Call `push()` and" must not
    # read "Call and".
    assert words(shown) == [
        "Next", "steps", "Call", "_", "and", "_", "see", "the", "guide", "_", "Keep", "_", "one",
        "_", "list", "Name", "Meaning", "_", "the", "first", "_", "last", "Mind", "the", "gap",
    ]  # fmt: skip


def test_mdx_expressions_and_module_lines_are_not_prose() -> None:
    page = (
        "import Tabs from '@theme/Tabs';\nexport const meta = {title: 'x'};\n\n"
        "Text with an expression {props.name} and a comment {/* note */}.\n\n"
        "<InlineToc />\n"
    )
    assert words(prose_of(page, "page.mdx")) == [
        "Text", "with", "an", "expression", "_", "and", "a", "comment", "_"
    ]  # fmt: skip
    # In Markdown, braces are text (but a heading's {#id} is an anchor everywhere).
    assert "{name}" in prose_of("Text {name}.\n", "page.md")


def test_html_keeps_visible_text_and_marks_page_furniture() -> None:
    page = (
        "<!DOCTYPE html><html><head><style>p { color: red }</style>"
        "<script>var s = 'Привет';</script></head><body>"
        "<nav><a href='/'>Home</a></nav><!-- x --><p>Fish &amp; chips.</p>"
        "<pre><code>print(1)</code></pre></body></html>\n"
    )
    structure = Structure(page, html_regions(page))
    assert words(structure.view(PROSE)) == ["Home", "_", "Fish", "_", "chips"]
    assert words(structure.view(frozenset({"prose"}))) == ["Fish", "_", "chips"]
    assert structure.view(EVERYTHING) == page


def test_rst_and_asciidoc_leave_code_directives_and_comments_out() -> None:
    rst = (
        "Title\n=====\n\n.. note:: Mind it.\n\nRun this::\n\n    make all\n\n"
        ".. a comment\n\nSee ``x`` and `the site <https://example.com>`_.\n"
    )
    assert words(Structure(rst, rst_regions(rst)).view(PROSE)) == [
        "Title", "Run", "this", "See", "_", "and", "the", "site", "_"
    ]  # fmt: skip
    adoc = (
        "= Title\n:toc:\n\n// a comment\n[source,python]\n----\nprint('x')\n----\n\n"
        "Read link:https://example.com[the site].\n"
    )
    assert words(Structure(adoc, asciidoc_regions(adoc)).view(PROSE)) == [
        "Title", "Read", "_", "the", "site"
    ]  # fmt: skip


def test_rst_list_items_continue_on_indented_lines_as_prose() -> None:
    rst = (
        '* #1457: make linkcheck cause "Can\'t convert\n  object to str" error.\n'
        "term\n   Its definition.\n\nRun this::\n\n    make all\n\n"
        ".. code-block:: python\n   :linenos:\n\n   print(1)\n"
    )
    assert words(Structure(rst, rst_regions(rst)).view(PROSE)) == [
        "1457", "make", "linkcheck", "cause", "Can", "t", "convert", "object", "to", "str",
        "error", "term", "Its", "definition", "Run", "this",
    ]  # fmt: skip


def test_rst_and_asciidoc_list_items_are_the_list_scope() -> None:
    rst = "Roles:\n\n* :ref:`C <c-roles>`\n* Python, carried\n  on a line\n#. two\n\nAfter.\n"
    items = [rst[r.start : r.end] for r in rst_regions(rst) if r.kind == "list"]
    assert items == ["* :ref:`C <c-roles>`", "* Python, carried\n  on a line", "#. two"]
    adoc = "Intro.\n\n* one\n** two\n. three\n\nAfter.\n"
    items = [adoc[r.start : r.end] for r in asciidoc_regions(adoc) if r.kind == "list"]
    assert items == ["* one", "** two", ". three"]


def test_a_character_tells_the_region_it_stands_in() -> None:
    page = "# Title\n\nSee `code` and [the site](https://example.com).\n"
    structure = Structure(page, markdown_regions(page, 0, mdx=False))
    kinds = {word: structure.kind_at(page.index(word)) for word in ("Title", "See", "code", "the")}
    assert kinds == {"Title": "heading", "See": "prose", "code": "code", "the": "link"}
    assert Structure("plain", []).kind_at(0) == "prose"


MARKDOWN_PIECES = [
    "a", "é", " ", "\n", "\r\n", "`", "```", "<", ">", "</b>", "<!--", "-->", "{", "}",
    "{#x}", "](", ")", "[", "]", "|", "---", ":::", "&amp;", "http://x.y/z", "# ", "    ",
    "{{<", ">}}", "{%", "%}", "import x", "\t", "日本",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=40),
       path=st.sampled_from(["a.md", "a.mdx", "a.html", "a.rst", "a.adoc", "a.txt"]))  # fmt: skip
def test_every_view_keeps_offsets_and_line_breaks(pieces: list[str], path: str) -> None:
    """Blanking never moves text: a view has the source's length and line breaks, and
    each character is the source's own or a space."""
    text = "".join(pieces)
    views = Views(document_from_bytes(text.encode("utf-8"), path))
    source = views.document.text
    for scopes in (PROSE, frozenset({"prose"}), EVERYTHING, frozenset({"code"})):
        shown, segments = views.get(scopes)
        assert len(shown.text) == len(source)
        assert all(
            a == b or (a in (" ", INLINE_MARK) and b not in "\r\n")
            for a, b in zip(shown.text, source, strict=True)
        )
        assert [line.start for line in segments.get("line")] == [
            line.start for line in views.get(EVERYTHING)[1].get("line")
        ]


def test_markdown_regions_are_found_in_linear_time_on_unclosed_marks() -> None:
    """An opening that never closes is searched for once, not once per opening."""
    for text in ("<!-- {{< {% " * 20000, "<ConsoleBlock>\n" * 20000):
        assert markdown_regions(text, 0, mdx=True) is not None


def test_code_in_a_japanese_page_does_not_make_it_latin() -> None:
    prose = "これは日本語の説明です。配列の操作について詳しく説明します。\n\n"
    code = (
        "```js\nconst items = [];\nitems.push(value);\nexport default function main() {}\n```\n\n"
    )
    page = "# 配列\n\n" + (prose + code) * 4
    assert codes(page, "ja/array.md") == []


def test_code_markup_and_anchors_in_an_english_page_give_no_findings() -> None:
    page = (
        "## Next steps {#next-steps}\n\n"
        "The list API has two methods:\n\n- `push()` - `pop()`\n\n"
        "```js\n// ???\nexport default {\n  name: 'Straße',\n}\n```\n\n"
        "<InlineToc />\n\nThat is all there is to it.\n"
    )
    assert codes(page, "guide.mdx") == []


def test_bidi_controls_are_still_found_in_code() -> None:
    page = "Text.\n\n```python\naccess = 'user' # \N{RIGHT-TO-LEFT OVERRIDE}admin\n```\n"
    found = check_text(page, path="a.md").findings
    assert [(f.code, f.span.line, f.span.column) for f in found] == [("UC001", 4, 19)]


def test_a_directive_shown_in_a_code_block_is_an_example() -> None:
    page = (
        "```markdown\n<!-- hygiene: disable-file LG001 -->\n```\n\n"
        "The report ends with a label.\n\nкоментарі читачів:\n"
    )
    report = check_text(page, path="a.md")
    assert [f.code for f in report.findings] == ["BP007", "LG001"]


def test_prose_damage_is_still_found_and_placed_exactly() -> None:
    page = (
        "---\ntitle: News\n---\n# Talks\n\nThe talks ended on Thursday, and the two sides "
        "will meet again next month.\n\nIt’s a Ã©tude of `code` here.\n\nWATCH: Trump on "
        "Mexico relations\n\nBoth presidents are keen to set a positive tone.\n\n"
        "коментарі читачів:\n"
    )
    found = {f.code: f for f in check_text(page, path="a.md").findings}
    assert {"EN001", "BP001", "LG001"} <= set(found)
    assert found["BP001"].excerpt == "WATCH: Trump on Mexico relations"
    assert page[found["LG001"].span.start : found["LG001"].span.end] == "коментарі читачів:"


def test_inline_code_keeps_the_words_around_it_apart() -> None:
    """Blanking ``Add `pyjwt` to your project:`` to spaces would read "Add to your project"."""
    assert "BP003" not in codes("Install it first.\n\nAdd `pyjwt` to your project:\n", "a.md")


def test_directives_around_a_code_block_cover_it() -> None:
    """Directives count outside code, and cover the document's own lines: a
    ``disable``/``enable`` pair around a block hides what is found inside it."""
    page = (
        "Text.\n\n<!-- hygiene: disable UC001 -->\n```python\n"
        "access = 'user' # \N{RIGHT-TO-LEFT OVERRIDE}admin\n```\n<!-- hygiene: enable UC001 -->\n"
    )
    report = check_text(page, path="a.md")
    assert report.findings == () and report.documents[0].suppressed == 1


def test_a_comment_inside_a_code_span_is_code() -> None:
    page = "Write `<!-- hygiene: disable-file -->` to turn checks off.\n\nкоментарі читачів:\n"
    assert codes(page, "a.md") == ["BP007", "LG001"]


def test_site_generator_syntax_is_markup() -> None:
    """MkDocs admonitions and content tabs, FastAPI's spaced anchors and includes, JSX
    strings in React's Markdown, a key or code element's content, and what a Hugo code
    shortcode holds (its closing tag spaced or not) are not prose."""
    page = (
        '!!! warning "Mind the cache"\n\n    Clear it first.\n\n=== "Python"\n\n'
        "## Replication { #replication }\n\n{* ../docs_src/app.py hl[3] *}\n\n"
        "Press{' '}<kbd>Enter</kbd>.\n\n"
        '{{< code-toggle file="hugo" >}}\ntitle = "My site"\n{{< /code-toggle >}}\n'
        '{{< code-toggle file="news" >}}\n[sitemap]\n{{</ code-toggle >}}\n'
        "**Type:** <code>(payload?: Payload) => Promise</code>\n"
    )
    assert words(prose_of(page)) == ["Replication", "Press", "_", "Type"]


def test_authored_headings_titles_and_cross_references_are_not_furniture() -> None:
    """HTML's h1-h6 and a reStructuredText section title are headings, a container's title
    is markup, and a line whose link is still written is the author's cross-reference;
    the same label left without its link, in plain text, is furniture."""
    html = "<p>Intro text here.</p>\n<h4>Comments</h4>\n<p>Write them well.</p>\n"
    assert codes(html, "guide.html") == []
    rst = "Intro text here.\n\nSee also\n--------\n\nThe other guide.\n"
    assert codes(rst, "guide.rst") == []
    assert codes("Intro text.\n\n:::info See also\nThe guide.\n:::\n", "guide.md") == []
    linked = "Props are typed.\n\nSee also: [Typing Props](/guide/typing#props)\n\nMore text.\n"
    assert codes(linked, "guide.md") == []
    assert codes("Props are typed.\n\nSee also: Typing Props\n\nMore text.\n", "a.txt") == ["BP002"]


def test_list_items_and_definition_terms_are_scopes_of_their_own() -> None:
    """A list item is read by prose rules but not by furniture rules; a definition-list
    term is a heading of its definition."""
    page = "Intro.\n\n- Read more\n- Share\n\nabout\n: This bundle has no resources.\n"
    kinds = {page[r.start : r.end]: r.kind for r in markdown_regions(page, 0, mdx=False)}
    assert kinds["- Read more"] == "list" and kinds["about"] == "heading"
    assert words(prose_of(page)) == ["Intro", "Read", "more", "Share", "about", "This",
                                     "bundle", "has", "no", "resources"]  # fmt: skip
    assert codes(page, "page.md") == []


def test_mdx_reads_what_a_jsx_element_holds_as_markdown() -> None:
    """A fence inside ``<Fragment>`` with a blank line in it stays code, as MDX reads it
    (CommonMark alone ends the HTML block at the blank line and reads the rest as prose)."""
    page = (
        'Текст о проекте.\n\n<Tabs>\n  <Fragment slot="npm">\n  ```shell\n'
        "  # Пример\n  npm install astro@latest\n  \n  npm install @astrojs/react@latest\n"
        "  ```\n  </Fragment>\n</Tabs>\n"
    )
    assert words(prose_of(page, "page.mdx")) == ["Текст", "о", "проекте"]


def test_mdx_tags_whose_attributes_run_over_lines_are_markup() -> None:
    """Starlight's ``<LinkButton⏎ href=...⏎>`` and a ``code={`...`}`` value holding a blank
    line are the tag's; the element's indented children are read (MDX has no indented
    code), the link's as link text; a ``<`` that opens no tag leaves the line to the prose."""
    page = (
        'Der Knopf:\n\n<LinkButton\n\tslot="preview"\n\thref="https://docs.astro.build"\n'
        '\tvariant="secondary"\n>\n\tVerwandt: Astro\n</LinkButton>\n\n'
        '<Code\n\tcode={`## Welcome\n\nHello from **space**!`}\n\tlang="md"\n/>\n\n'
        "<SidebarPreview\n\tconfig={[\n\t\t{ label: 'Guides', items: [] },\n\n\t]}\n/>\n\n"
        "<Hinweis über\nzwei Zeilen ohne Ende.\n"
    )
    assert words(prose_of(page, "page.mdx")) == [
        "Der", "Knopf", "Verwandt", "Astro", "Hinweis", "über", "zwei", "Zeilen", "ohne", "Ende",
    ]  # fmt: skip
    kinds = {page[r.start : r.end].strip(): r.kind for r in markdown_regions(page, 0, mdx=True)}
    assert kinds["Verwandt: Astro"] == "link"


def test_tags_running_over_lines_are_found_in_linear_time() -> None:
    for text in ("<a\n{\n" * 20000, "<a '\n" * 40000, "<a\n```\n" * 20000):
        assert markdown_regions(text + "\n", 0, mdx=True) is not None


def test_paths_and_file_names_out_of_backticks_are_code() -> None:
    page = "Edit README.md, src/pages/, /red/1 and **[...slug].astro** (tag=red) with Next.js.\n"
    assert words(prose_of(page)) == ["Edit", "_", "_", "_", "and", "_", "_", "with", "_"]
    # The full stop after a path ends the sentence, and stays prose.
    assert prose_of("See /download/.\n").rstrip().endswith(".")
    assert prose_of("Open README.md.\n").rstrip().endswith(".")
    # A file name opening a line takes nothing of the line above: "Foundation" is a word.
    assert words(prose_of("About Node.js Foundation\nNode.js Foundation is here.\n")) == [
        "About", "_", "Foundation", "Foundation", "is", "here",
    ]  # fmt: skip
    assert words(prose_of("Use and/or, e.g. one of 24/7 or 3.5 words.\n")) == [
        "Use", "and", "or", "e", "g", "one", "of", "24", "7", "or", "3", "5", "words",
    ]  # fmt: skip


def test_bare_code_is_found_in_linear_time() -> None:
    for text in ("a." * 40000, "a/" * 40000, ".a" * 40000, "a.b" * 40000 + "!"):
        assert markdown_regions(text + "\n", 0, mdx=False) is not None


def test_front_matter_with_windows_line_endings_is_front_matter() -> None:
    page = (
        "---\r\ntitle: Mutual TLS (mTLS)\r\nstatus: Completed\r\n---\r\n\r\n"
        "Il Mutual TLS è una tecnica.\r\n"
    )
    assert words(prose_of(page)) == ["Il", "Mutual", "TLS", "è", "una", "tecnica"]


def test_mkdocstrings_options_are_markup() -> None:
    page = (
        "Intro text.\n\n::: fastapi.UploadFile\n    options:\n        members:\n"
        "            - close\n\nAfter.\n"
    )
    assert words(prose_of(page)) == ["Intro", "text", "After"]


def test_a_directive_alone_on_its_line_is_markup() -> None:
    """VitePress's table of contents, ``[[TOC]]``, is no word of the page; a wiki-style link
    inside a sentence stays prose."""
    page = "Intro text.\n\n[[TOC]]\n\nSee [[Other page]] below.\n"
    assert words(prose_of(page)) == ["Intro", "text", "See", "Other", "page", "below"]


def test_what_an_output_component_holds_is_code() -> None:
    """A program's message quoted in react.dev's <ConsoleBlock> is the program's words; a
    component that is no output (<LoginForm>) holds prose."""
    page = (
        '이 훅은 오류를 냅니다.\n\n<ConsoleBlock level="error">\n\n'
        "Hooks can only be called inside the body of a function component.\n\n"
        "</ConsoleBlock>\n\n<Logo />\n\n<LoginForm>\n\nEnter your name.\n\n</LoginForm>\n"
    )
    assert words(prose_of(page)) == ["이", "훅은", "오류를", "냅니다", "Enter", "your", "name"]


def test_an_inline_element_that_links_holds_link_text() -> None:
    page = (
        'Share it.\n\n<div style="display: flex">\n'
        "  <Button link='https://twitter.com/intent/tweet'>Share on Twitter</Button>\n</div>\n"
    )
    kinds = {page[r.start : r.end]: r.kind for r in markdown_regions(page, 0, mdx=True)}
    assert kinds["Share on Twitter"] == "link"
    assert codes(page, "page.mdx") == []


def test_html_list_items_end_where_the_next_item_or_their_list_does() -> None:
    """An ``li`` needs no end tag: the next item, or its list's end, closes it; a ``dt``
    heads its definition."""
    page = "<p>Intro.</p><ul><li>One<li>Two <ul><li>Inner</ul> tail</li></ul><p>After.</p>"
    page += "<dl><dt>pager</dt><dd>A page of a list.</dd></dl>"
    items = [page[r.start : r.end] for r in html_regions(page) if r.kind == "list"]
    assert sorted(items) == ["Inner", "One", "Two <ul><li>Inner</ul> tail"]
    terms = [page[r.start : r.end] for r in html_regions(page) if r.kind == "heading"]
    assert terms == ["pager"]
