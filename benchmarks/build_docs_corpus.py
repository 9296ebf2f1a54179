"""Pick the documentation corpus (fixtures/docs/) from pinned commits of public repositories.

Each source is one public documentation repository at a pinned commit; from each of its
languages the script takes a seeded random sample of published pages (Markdown, MDX, HTML or
reStructuredText), skipping what the site generator does not publish (partials, layouts,
includes, templates) and what a program generated (Hugo's command reference). A page keeps
its repository path under ``fixtures/docs/<source>/`` so that its extension and front
matter are the real ones. The benchmark reading it is benchmarks/docs_quality.py.

The repositories are read from bare git mirrors, one folder per repository named
``<owner>+<name>/repo`` (as the fetch tool of this workplace lays them out), at the pinned
commit, so a newer mirror gives the same pages:

    python benchmarks/build_docs_corpus.py --mirrors /work/.mirror

The script writes the pages and ``fixtures/docs/manifest.json`` (every page with its
source, language, repository path and git blob), and removes pages it no longer picks.
The README beside them (sources, licences, attribution) is written by hand.

A wider sample, for a review of more findings than the kept corpus gives, goes elsewhere
(``--scale 6``: six times as many pages of each language, the kept pages among them;
``--scale 0``: every published page) and is read with ``docs_quality.py --corpus``. The
review of every page's findings (``benchmarks/results/docs_review_wide.jsonl``) names its
pages ``docs-wide/<source>/...``; a folder of that name keeps its verdicts:

    python benchmarks/build_docs_corpus.py --out /tmp/docs-wide --scale 0
    python benchmarks/docs_quality.py --corpus /tmp/docs-wide --plant-pages 0 --sample 200 \
        --review benchmarks/results/docs_review_wide.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fixtures" / "docs"
SEED = 20240601
# A page larger than this is left out (changelogs, one-page references of 100 KB and more):
# they would take most of the size budget for few pages.
MAX_PAGE_BYTES = 64 * 1024
MIN_PAGE_BYTES = 200  # redirects and stubs with nothing to read


@dataclass(frozen=True)
class Language:
    """One language of a source: its BCP 47 tag, the folder its pages are under, how many;
    ``besides`` names the folders under it that hold other languages (a site whose default
    language sits at the root of the content folder)."""

    tag: str
    folder: str
    pages: int
    besides: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    """A documentation repository at a pinned commit and what of it is a published page."""

    name: str
    repo: str
    commit: str
    generator: str
    licence: str
    languages: tuple[Language, ...]
    suffixes: tuple[str, ...]
    skip: str = r"(?!)"  # a regex over the repository path: what is not a published page
    licence_files: tuple[str, ...] = ("LICENSE",)  # copied beside the pages


# VitePress: the examples and the tutorial's code are not pages; a tutorial step's
# description.md is.
VUE_SKIP = r"^src/(examples/src/|public/|tutorial/src/(?!.*/description\.md$))"


def one(tag: str, folder: str, pages: int = 40) -> tuple[Language, ...]:
    return (Language(tag, folder, pages),)


STARLIGHT_LANGUAGES = (
    "da",
    "de",
    "es",
    "fa",
    "fr",
    "hi",
    "id",
    "it",
    "ja",
    "ko",
    "pt-br",
    "pt-pt",
    "ru",
    "tr",
    "uk",
    "zh-cn",
)

# fmt: off
SOURCES: tuple[Source, ...] = (
    Source("vuejs-docs", "vuejs/docs", "01e098a967951ea92d09b100b8e7d82c7a3369a2",
           "VitePress", "CC-BY-4.0", one("en", "src/", 35), (".md",),
           VUE_SKIP),
    Source("vuejs-docs-zh-cn", "vuejs-translations/docs-zh-cn",
           "c2715ff75bae5376bc5bf212280ae76e30089fbd", "VitePress", "CC-BY-4.0",
           one("zh-CN", "src/", 35), (".md",),
           VUE_SKIP),
    Source("vuejs-docs-ja", "vuejs-translations/docs-ja",
           "c627102bfabf8bc5ecaa6eb763b965a0a5d43a5b", "VitePress", "CC-BY-4.0",
           one("ja", "src/", 35), (".md",),
           VUE_SKIP),
    Source("react-dev", "reactjs/react.dev", "12d692da47e77cdc558b928fcfbaf4e71c6d0cec",
           "Next.js with MDX", "CC-BY-4.0", one("en", "src/content/", 35), (".md",),
           licence_files=("LICENSE-DOCS.md",)),
    Source("react-dev-zh-hans", "reactjs/zh-hans.react.dev",
           "f6cda05526ceff44b24588e9e0c2e2106d4588d4", "Next.js with MDX", "CC-BY-4.0",
           one("zh-CN", "src/content/", 35), (".md",), licence_files=("LICENSE-DOCS.md",)),
    Source("react-dev-ja", "reactjs/ja.react.dev", "7f38231d9d5dddaae6ac51da7d0f173d697f835c",
           "Next.js with MDX", "CC-BY-4.0", one("ja", "src/content/", 35), (".md",),
           licence_files=("LICENSE-DOCS.md",)),
    Source("react-dev-ko", "reactjs/ko.react.dev", "2e8c873c3cea6703d1c94d01b5d5716259005c8e",
           "Next.js with MDX", "CC-BY-4.0", one("ko", "src/content/", 35), (".md",),
           licence_files=("LICENSE-DOCS.md",)),
    # Astro's generated references (configuration, errors) and its _partials are left out.
    Source("astro-docs", "withastro/docs", "741c1b89ba13cf9b4ac4087ef09dc269e113fa77",
           "Astro Starlight (MDX)", "MIT",
           tuple(Language(tag, f"src/content/docs/{folder}/", 25) for tag, folder in (
               ("en", "en"), ("es", "es"), ("fr", "fr"), ("ru", "ru"))),
           (".mdx", ".md"),
           r"(^|/)_[^/]*$|/reference/(errors/|configuration-reference\.mdx$|error-reference\.mdx$)"),
    Source("fastapi", "fastapi/fastapi", "c3f316b7e814667e8ee81e03a7330d00ee61e45c",
           "MkDocs (Material)", "MIT",
           tuple(Language(tag, f"docs/{folder}/docs/", 30) for tag, folder in (
               ("en", "en"), ("de", "de"), ("es", "es"), ("ja", "ja"), ("ru", "ru"),
               ("uk", "uk"), ("zh-CN", "zh"))),
           (".md",)),
    Source("cncf-glossary", "cncf/glossary", "ca1dc4034529de4dbcef91f75978aeffd1a12b14",
           "Hugo", "CC-BY-4.0",
           tuple(Language(tag, f"content/{folder}/", 30) for tag, folder in (
               ("en", "en"), ("bn", "bn"), ("fr", "fr"), ("hi", "hi"), ("it", "it"),
               ("pt-BR", "pt-br"), ("tr", "tr"), ("zh-CN", "zh-cn"))),
           (".md",), r"/_TEMPLATE\.md$"),  # the contributors' template of a new term
    # The command reference is generated by `hugo gen doc`; _common holds headless snippets.
    Source("hugo-docs", "gohugoio/hugoDocs", "1c613349f4220ae84070df25979d720c43e5cfa6",
           "Hugo", "Apache-2.0", one("en", "content/en/"), (".md",),
           r"^content/en/(_common|commands)/", ("content/LICENSE.md",)),
    Source("mkdocs-material", "squidfunk/mkdocs-material",
           "5b36f2ac499a45905e246bc66bbee2858ef6556f", "MkDocs (Material)", "MIT",
           one("en", "docs/"), (".md",), r"^docs/overrides/"),
    Source("pnpm-io", "pnpm/pnpm.io", "4096ad35b19c7d7e0c2c64c704c57daf5bb91668",
           "Docusaurus (MDX)", "MIT", one("en", "docs/"), (".md", ".mdx"),
           r"(^|/)_[^/]*$"),  # Docusaurus publishes no file or folder whose name starts with _
    Source("jekyll-docs", "jekyll/jekyll", "202df571314ba1d18e9fccd81d12aaad4a703c38",
           "Jekyll", "MIT", one("en", "docs/"), (".md", ".html"),
           r"^docs/(_includes|_layouts|_sass|_data|_config|readme\.md$)"),
    Source("sphinx-docs", "sphinx-doc/sphinx", "e44a40eb2f810558ccd9da1425421270ccb81351",
           "Sphinx (reStructuredText)", "BSD-2-Clause", one("en", "doc/"), (".rst",),
           r"^doc/(_templates|_themes|_static)/", ("LICENSE.rst",)),
    Source("google-styleguide", "google/styleguide", "8487c083e1faecb1259be8a8873618cfdb69d33d",
           "Jekyll (GitHub Pages)", "CC-BY-3.0", one("en", ""), (".md", ".html"),
           r"^(\.github/|CODE_OF_CONDUCT\.md$|include/)"),
    # Release posts are generated from each release's changelog.
    Source("nodejs-org", "nodejs/nodejs.org", "6f94c8a6ab643beeee7038eba3fb521207d4b345",
           "Next.js with MDX", "MIT",
           tuple(Language(tag, f"apps/site/pages/{folder}/", pages) for tag, folder, pages in (
               ("en", "en", 25), ("ar", "ar", 15), ("es", "es", 15), ("fr", "fr", 15),
               ("id", "id", 15), ("ja", "ja", 15), ("ko", "ko", 15), ("pt-BR", "pt-br", 15),
               ("tr", "tr", 15), ("uk", "uk", 15), ("zh-CN", "zh-cn", 15))),
           (".md", ".mdx"), r"/blog/release/"),
    Source("starlight-docs", "withastro/starlight", "3999be7cc18b41095d61e3b63d68ff3e6c6c050b",
           "Astro Starlight (MDX)", "MIT",
           (Language("en", "docs/src/content/docs/", 20, STARLIGHT_LANGUAGES),
            *(Language(tag, f"docs/src/content/docs/{tag.lower()}/", 15)
              for tag in ("de", "es", "fr", "ja", "ko", "ru", "zh-CN"))),
           (".mdx", ".md"), r"(^|/)_[^/]*$"),
    Source("tauri-docs", "tauri-apps/tauri-docs", "e1c39c6ef06b936f70e977d53c60fcf329ec3702",
           "Astro Starlight (MDX)", "MIT",
           (Language("en", "src/content/docs/", 25, ("es", "fr", "it", "zh-cn")),
            *(Language(tag, f"src/content/docs/{tag.lower()}/", 15)
              for tag in ("es", "fr", "zh-CN"))),
           (".mdx", ".md"), r"(^|/)_[^/]*(/|$)"),
)
# fmt: on


def git(mirror: Path, *args: str) -> bytes:
    return subprocess.run(
        ["git", f"--git-dir={mirror}", *args], check=True, capture_output=True
    ).stdout


def published_pages(mirror: Path, source: Source, language: Language) -> list[tuple[str, str]]:
    """Every (path, blob) of the language's published pages at the pinned commit, sorted."""
    folder = ("--", language.folder) if language.folder else ()
    listing = git(mirror, "ls-tree", "-r", "-l", "-z", source.commit, *folder)
    skip = re.compile(source.skip)
    besides = tuple(f"{language.folder}{folder}/" for folder in language.besides)
    pages = []
    for entry in listing.decode("utf-8").split("\0"):
        if not entry:
            continue
        meta, path = entry.split("\t", 1)
        mode, kind, blob, size = meta.split()
        if kind != "blob" or mode == "120000" or not path.lower().endswith(source.suffixes):
            continue
        if (
            skip.search(path)
            or path.startswith(besides)
            or not MIN_PAGE_BYTES <= int(size) <= MAX_PAGE_BYTES
        ):
            continue
        pages.append((path, blob))
    return sorted(pages)


def pick(
    source: Source, language: Language, pages: list[tuple[str, str]], scale: int = 1
) -> list[tuple[str, str]]:
    """A seeded sample, the same for the same listing whatever else the corpus holds; a
    larger ``scale`` takes the smaller sample's pages and more (0: every page)."""
    chooser = random.Random(f"{SEED}:{source.name}:{language.tag}")
    chosen = chooser.sample(pages, min(language.pages, len(pages)))
    if scale != 1:
        taken = set(chosen)
        rest = [page for page in pages if page not in taken]
        wanted = len(rest) if scale == 0 else language.pages * (scale - 1)
        widening = random.Random(f"{SEED}:{source.name}:{language.tag}:wide")
        chosen += widening.sample(rest, min(wanted, len(rest)))
    return sorted(chosen)


def build(mirrors: Path, only: set[str], out: Path = OUT, scale: int = 1) -> list[dict[str, str]]:
    manifest: list[dict[str, str]] = []
    for source in SOURCES:
        if only and source.name not in only:
            continue
        mirror = mirrors / source.repo.replace("/", "+") / "repo"
        target = out / source.name
        if target.exists():
            shutil.rmtree(target)
        for language in source.languages:
            candidates = published_pages(mirror, source, language)
            chosen = pick(source, language, candidates, scale)
            for path, blob in chosen:
                destination = target / path
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_bytes(git(mirror, "cat-file", "blob", blob))
                manifest.append({"source": source.name, "language": language.tag,
                                 "path": f"{source.name}/{path}", "blob": blob})  # fmt: skip
            print(f"{source.name:20} {language.tag:6} {len(chosen):3} of {len(candidates):4}")
        for licence in source.licence_files:
            # Without a suffix a checker walking fixtures/ never reads it as a page.
            name = Path(licence).name
            name = name.rsplit(".", 1)[0] if name.endswith((".md", ".rst", ".txt")) else name
            (target / name).write_bytes(git(mirror, "show", f"{source.commit}:{licence}"))
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--mirrors",
        type=Path,
        default=Path("/work/.mirror"),
        help="the folder holding <owner>+<name>/repo bare mirrors",
    )
    parser.add_argument(
        "--source",
        action="append",
        default=[],
        help="rebuild only this source (repeatable); the manifest keeps the others",
    )
    parser.add_argument("--out", type=Path, default=OUT, help="where the pages go")
    parser.add_argument(
        "--scale", type=int, default=1, help="pages per language, times (0: every page)"
    )
    args = parser.parse_args(argv)
    names = {source.name for source in SOURCES}
    unknown = set(args.source) - names
    if unknown:
        known = ", ".join(sorted(names))
        parser.error(f"unknown source {', '.join(sorted(unknown))}; known: {known}")
    out = args.out.resolve()
    manifest_path = out / "manifest.json"
    kept: list[dict[str, str]] = []
    if args.source and manifest_path.exists():
        kept = [page for page in json.loads(manifest_path.read_text("utf-8"))["pages"]
                if page["source"] not in args.source]  # fmt: skip
    built = build(args.mirrors, set(args.source), out, args.scale)
    pages = sorted(kept + built, key=lambda p: p["path"])
    sources = [{"name": s.name, "repo": s.repo, "commit": s.commit, "generator": s.generator,
                "licence": s.licence, "languages": [language.tag for language in s.languages],
                "licence_files": list(s.licence_files)}
               for s in SOURCES]  # fmt: skip
    manifest = {"seed": SEED, "max_page_bytes": MAX_PAGE_BYTES, "min_page_bytes": MIN_PAGE_BYTES,
                "sources": sources, "pages": pages}  # fmt: skip
    out.mkdir(parents=True, exist_ok=True)
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", "utf-8")
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"{len(pages)} pages, {size / 1e6:.2f} MB under {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
