"""Hygiene on real documentation sites: false alarms per 100 pages, and planted defects found.

Run on demand; it prints figures and asserts nothing:

    python benchmarks/docs_quality.py                       # every source
    python benchmarks/docs_quality.py --source react-dev-ja # one source (repeatable)
    python benchmarks/docs_quality.py --sample 120 --plant-pages 10 --seed 0

The corpus is fixtures/docs/ (sources, commits and licences in its README; the picker is
benchmarks/build_docs_corpus.py). Published documentation written by people is clean prose
with code, markup and front matter around it, so nearly every finding on it is a false
alarm; the figure is warning-or-above findings per 100 pages, by rule group.

1. **Findings.** Each source is one run of ``check_paths`` over its pages, named one by one,
   with the default settings (``Config()``: no configuration file of this repository applies).
   Printed: per source and per language, warning-or-above findings per 100 pages for the
   groups LG, EN, UC, BP and PV, and LG+EN+UC+BP together (the figure the structure-aware
   reading of Markdown, MDX, HTML and front matter must bring to at most 3); the top rules.
2. **Review sample.** A seeded sample of the warning-or-above findings goes to
   ``benchmarks/results/docs_review.jsonl``, each with its source line and two lines either
   side, ``verdict`` and ``reason`` null. A reviewer sets ``verdict`` to true (a real
   problem the page's writer would fix) or false (a false alarm). On the next run verdicts
   are kept for the same findings (same path, line, code and excerpt), judged findings still
   reported stay in the file even when the new sample leaves them out, and the sampled
   precision (true / judged) is printed.
3. **Planted defects.** For a seeded sample of pages per source, one copy of the page per
   kind of defect, planted in the page's prose as a paragraph of its own after a real prose
   paragraph (never in code or front matter), each made of real text:

   - ``label``: an interface label in a script the page does not use, after the last prose
     paragraph, as a scraper keeps it from the end of a news page (Ukrainian, Russian, or
     for a Cyrillic page Greek: ``Коментарі читачів:``); found by LG;
   - ``embed``: ``WATCH: <title>`` between two paragraphs, the title being the page's own;
     found by BP;
   - ``mojibake``: a sentence of another page of the same source and language with a
     character outside ASCII (of another source in that language when the source has
     none, as English pages often do), encoded as UTF-8 and decoded as Windows-1252, as in
     ftfy's test cases; found by EN;
   - ``quotation``: a sentence of another page of the same source and language in the
     language's quotation marks, with no speaker; found by PV.

   A defect is found when a warning-or-above finding of its group overlaps the planted text
   and lies within its lines. Each copy is checked alone, in a temporary folder.

Output is deterministic (timings go to standard error).
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import random
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ftfy  # noqa: F401  (registers the sloppy-windows-1252 codec the mojibake is made with)

import hygiene
from hygiene.api import Checker, check_paths, check_text
from hygiene.config.settings import Config
from hygiene.core.finding import Finding

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "fixtures" / "docs"
REVIEW = ROOT / "benchmarks" / "results" / "docs_review.jsonl"

GROUPS = ("LG", "EN", "UC", "BP", "PV")
GATED = ("LG", "EN", "UC", "BP")  # the acceptance figure: at most 3 per 100 pages together
BLOCKING = frozenset({"warning", "error"})
KINDS = ("label", "embed", "mojibake", "quotation")
KIND_GROUP = {"label": "LG", "embed": "BP", "mojibake": "EN", "quotation": "PV"}

# Labels of the comment, read-also and share sections of Ukrainian, Russian and Greek news
# pages, as a scraper keeps them at the end of an article.
CYRILLIC_LABELS = (
    "Коментарі читачів:",
    "Читайте також:",
    "Поділитися:",
    "Комментарии читателей:",
    "Читайте также:",
    "Поделиться в соцсетях:",
)
GREEK_LABELS = ("Σχόλια αναγνωστών:", "Διαβάστε επίσης:", "Κοινοποίηση:")
CYRILLIC_LANGUAGES = frozenset({"ru", "uk", "bg", "sr", "be", "mk"})
# Opening and closing quotation marks as each language's typography writes them.
QUOTES = {"de": ("„", "“"), "fr": ("«\N{NO-BREAK SPACE}", "\N{NO-BREAK SPACE}»"),
          "es": ("«", "»"), "it": ("«", "»"), "ru": ("«", "»"), "uk": ("«", "»"),
          "ja": ("「", "」"), "zh-CN": ("“", "”"), "zh-TW": ("「", "」")}  # fmt: skip
DEFAULT_QUOTES = ("“", "”")

LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
TERMINAL = re.compile(r"[.!?。！？](?:[)\"”’」』*_]*)$")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# Block markers a wrapped line of a prose paragraph never starts with.
BLOCK_START = re.compile(r"([-*+>|<{#:!=~^`]|\d+[.)]\s|\.\.|\[\^|\s)")
FENCE = re.compile(r"\s*(`{3,}|~{3,})")
# Blocks of code a Markdown page opens with a tag or a Liquid or Hugo shortcode.
SKIP_OPEN = re.compile(r"<pre|<script|<style|\{%-?\s*highlight|\{\{<\s*(?:highlight|code)", re.I)
SKIP_CLOSE = re.compile(
    r"</pre>|</script>|</style>|\{%-?\s*endhighlight|\{\{<\s*/(?:highlight|code)", re.I
)
HTML_P = re.compile(r"<p(?:\s[^>]*)?>(.*?)</p>[ \t]*(?:\r\n|\r|\n)?", re.S | re.I)
HTML_SKIPPED = re.compile(r"<(pre|script|style|code)\b.*?</\1>|<!--.*?-->", re.S | re.I)
TAG = re.compile(r"<[^>]+>")
MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
MD_STRONG = re.compile(r"(\*\*|__)(.+?)\1")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])")
NOT_IN_SENTENCE = re.compile(r"[`*_<>{}\[\]|\\#=\"“”„«»「」『』]|https?:|\s{2,}")


@dataclass(frozen=True)
class Page:
    source: str
    language: str
    path: str  # relative to the repository's root, as reports show it


@dataclass(frozen=True)
class Paragraph:
    """A prose paragraph: its text, and the offset right after it where a new one may go."""

    text: str
    insert_at: int


@dataclass(frozen=True)
class Planted:
    page: Page
    kind: str
    found: bool
    codes: tuple[str, ...]  # every warning-or-above code overlapping the planted text
    text: str


def group_of(code: str) -> str:
    return code[:2]


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity in BLOCKING]


def per_100(count: int, pages: int) -> str:
    return f"{100 * count / pages:.1f}" if pages else "-"


def read_manifest(
    only: Sequence[str] = (), corpus: Path = DOCS
) -> tuple[list[dict[str, Any]], list[Page]]:
    """The sources and pages of a corpus; a page's path is relative to the working folder
    (the repository, or the folder holding a corpus kept elsewhere)."""
    data = json.loads((corpus / "manifest.json").read_text("utf-8"))
    folder = corpus.relative_to(ROOT) if corpus.is_relative_to(ROOT) else Path(corpus.name)
    sources = [s for s in data["sources"] if not only or s["name"] in only]
    names = {s["name"] for s in sources}
    unknown = set(only) - names
    if unknown:
        known = ", ".join(s["name"] for s in data["sources"])
        raise SystemExit(f"unknown source {', '.join(sorted(unknown))}; known: {known}")
    pages = [
        Page(p["source"], p["language"], f"{folder.as_posix()}/{p['path']}")
        for p in data["pages"]
        if p["source"] in names
    ]
    return sources, sorted(pages, key=lambda p: p.path)


# --- 1. findings ------------------------------------------------------------------------


def run_sources(sources: list[dict[str, Any]], pages: list[Page]) -> dict[str, list[Finding]]:
    """Every source's findings, one run each, with the default settings."""
    found: dict[str, list[Finding]] = {}
    for source in sources:
        paths = [p.path for p in pages if p.source == source["name"]]
        started = time.perf_counter()
        report = check_paths(paths, config=Config())
        for error in report.errors:
            print(f"  input error: {error}", file=sys.stderr)
        found[source["name"]] = sorted(report.findings, key=lambda f: f.sort_key)
        took = time.perf_counter() - started
        print(f"checked {source['name']}: {len(paths)} pages in {took:.1f} s", file=sys.stderr)
    return found


def table_row(label: str, pages: int, findings: list[Finding]) -> str:
    counts = Counter(group_of(f.code) for f in findings)
    gated = sum(counts[g] for g in GATED)
    cells = [per_100(counts[g], pages) for g in GROUPS[:4]]
    cells += [per_100(gated, pages), per_100(counts["PV"], pages)]
    return f"| {label} | {pages} | " + " | ".join(cells) + f" | {gated} |"


def print_rates(
    sources: list[dict[str, Any]], pages: list[Page], found: dict[str, list[Finding]]
) -> None:
    header = "| {} | pages | LG | EN | UC | BP | LG+EN+UC+BP | PV | LG+EN+UC+BP findings |"
    rule = "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    print("Warning-or-above findings per 100 pages, by source")
    print(header.format("source"))
    print(rule)
    everything: list[Finding] = []
    for source in sources:
        mine = blocking(found[source["name"]])
        everything.extend(mine)
        count = sum(p.source == source["name"] for p in pages)
        print(table_row(source["name"], count, mine))
    print(table_row("**all**", len(pages), everything))
    print()
    language_of = {p.path: p.language for p in pages}
    by_language: dict[str, list[Finding]] = defaultdict(list)
    for finding in everything:
        by_language[language_of[finding.path]].append(finding)
    page_count = Counter(p.language for p in pages)
    print("By language (all sources)")
    print(header.format("language"))
    print(rule)
    for language in sorted(page_count):
        print(table_row(language, page_count[language], by_language[language]))
    print()
    print("Top rules (warning or above)")
    print("| rule | name | findings | per 100 pages | pages hit | sources hit |")
    print("|---|---|---:|---:|---:|---:|")
    by_code: dict[str, list[Finding]] = defaultdict(list)
    for finding in everything:
        by_code[finding.code].append(finding)
    source_of = {p.path: p.source for p in pages}
    ranked = sorted(by_code.items(), key=lambda item: (-len(item[1]), item[0]))
    for code, hits in ranked[:15]:
        hit_pages = {f.path for f in hits}
        hit_sources = {source_of[f.path] for f in hits}
        print(f"| {code} | {hits[0].name} | {len(hits)} | {per_100(len(hits), len(pages))} | "
              f"{len(hit_pages)} | {len(hit_sources)} |")  # fmt: skip
    print()


# --- 2. review sample -------------------------------------------------------------------


def review_key(entry: dict[str, Any]) -> tuple[str, int, str, str]:
    return (entry["path"], entry["line"], entry["code"], entry["excerpt"])


def context_of(lines: list[str], finding: Finding) -> str:
    """The finding's lines and two either side, numbered; ``>`` marks the finding's."""
    first, last = finding.span.line, finding.span.end_line
    shown = []
    for number in range(max(1, first - 2), min(len(lines), last + 2) + 1):
        mark = ">" if first <= number <= last else " "
        text = lines[number - 1]
        text = text if len(text) <= 400 else text[:400] + "…"
        shown.append(f"{mark}{number:5} | {text}")
    return "\n".join(shown)


def page_lines(path: str) -> list[str]:
    text = Path(path).read_bytes().decode("utf-8", "replace")
    return [m.group(0).rstrip("\r\n") for m in LINE.finditer(text)][:-1] or [""]


def entry_of(finding: Finding, source: str, lines: list[str]) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "source": source,
        "path": finding.path,
        "line": finding.span.line,
        "code": finding.code,
        "message": finding.message,
        "excerpt": finding.excerpt,
        "context": context_of(lines, finding),
        "verdict": None,
        "reason": None,
    }
    digest = hashlib.sha256(json.dumps(review_key(entry)).encode("utf-8")).hexdigest()
    return {"id": digest[:12], **entry}


def write_review(
    path: Path, pages: list[Page], found: dict[str, list[Finding]], size: int, seed: int
) -> None:
    source_of = {p.path: p.source for p in pages}
    findings = [f for name in sorted(found) for f in blocking(found[name])]
    findings = [f for f in findings if group_of(f.code) in GROUPS]
    findings.sort(key=lambda f: f.sort_key)
    chosen = random.Random(f"review:{seed}").sample(findings, min(size, len(findings)))
    lines: dict[str, list[str]] = {}

    def entry(finding: Finding) -> dict[str, Any]:
        if finding.path not in lines:
            lines[finding.path] = page_lines(finding.path)
        return entry_of(finding, source_of[finding.path], lines[finding.path])

    old: list[dict[str, Any]] = []
    if path.exists():
        old = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]
    others = [e for e in old if e["source"] not in found]  # sources this run left alone
    judged = {review_key(e): e for e in old if e["source"] in found and e["verdict"] is not None}
    sample = [entry(f) for f in sorted(chosen, key=lambda f: f.sort_key)]
    in_sample = {review_key(e) for e in sample}
    current = {(f.path, f.span.line, f.code, f.excerpt) for f in findings}
    for item in sample:
        previous = judged.get(review_key(item))
        if previous is not None:
            item["verdict"], item["reason"] = previous["verdict"], previous.get("reason")
    kept = [e for k, e in sorted(judged.items()) if k in current and k not in in_sample]
    gone = [k for k in judged if k not in current]
    entries = sorted(others + sample + kept, key=lambda e: (e["path"], e["line"], e["code"]))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for item in entries:
            handle.write(json.dumps(item, ensure_ascii=False, sort_keys=True) + "\n")
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    print(f"Review sample: {len(sample)} of {len(findings)} findings (seed {seed}) in {shown}")
    if kept:
        print(f"  kept {len(kept)} judged findings outside the new sample")
    if gone:
        print(f"  {len(gone)} judged findings are no longer reported (dropped)")
    mine = [e for e in entries if e["source"] in found and e["verdict"] is not None]
    if mine:
        true = sum(e["verdict"] is True for e in mine)
        print(f"  sampled precision: {true} true of {len(mine)} judged = {true / len(mine):.3f}")
        for group in GROUPS:
            of_group = [e for e in mine if group_of(e["code"]) == group]
            if of_group:
                true = sum(e["verdict"] is True for e in of_group)
                print(f"    {group}: {true} of {len(of_group)}")
    else:
        print("  no verdicts yet: set verdict to true or false in the file, then run again")
    print()


# --- 3. planted defects -----------------------------------------------------------------


def page_format(path: str) -> str:
    suffix = Path(path).suffix.lower()
    return {".html": "html", ".htm": "html", ".rst": "rst"}.get(suffix, "markdown")


def body_start(lines: list[str]) -> int:
    """The index of the first line after YAML (``---``) or TOML (``+++``) front matter."""
    if lines and lines[0].rstrip("\r\n") in ("---", "+++"):
        marker = lines[0].rstrip("\r\n")
        for index in range(1, len(lines)):
            if lines[index].rstrip("\r\n") in (marker, "..."):
                return index + 1
    return 0


def is_prose(text: str) -> bool:
    """Long enough, and ending as a sentence ends (not with ``:``, which opens a block)."""
    letters = sum(ch.isalpha() for ch in text)
    long_enough = letters >= 15 if CJK.search(text) else letters >= 40
    return long_enough and bool(TERMINAL.search(text.rstrip()))


def markup_paragraphs(text: str) -> list[Paragraph]:
    """Prose paragraphs of Markdown, MDX or reStructuredText: runs of lines from a blank line
    to a blank line (or the end), outside front matter, fenced code, comments, ``<pre>`` and
    highlight blocks, starting at the margin with a letter, whose wrapped lines start no
    block."""
    lines = [m.group(0) for m in LINE.finditer(text)][:-1]
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    paragraphs: list[Paragraph] = []
    closer: str | None = None  # what ends the fence, comment or block being skipped
    run: list[int] = []
    tainted = False  # the lines since the last blank one are some other block
    previous_blank = True
    for index in range(body_start(lines), len(lines)):
        line = lines[index]
        stripped = line.strip()
        if closer is not None:
            if closer.startswith(("`", "~")):
                done = stripped.startswith(closer) and set(stripped) <= {closer[0]}
            else:
                done = bool(SKIP_CLOSE.search(line)) if closer == "block" else closer in line
            closer = None if done else closer
            previous_blank = False
            continue
        opened = FENCE.match(line)
        if opened:
            closer = opened.group(1)
        elif "<!--" in line and "-->" not in line.split("<!--", 1)[1]:
            closer = "-->"
        elif stripped.startswith("{/*") and "*/}" not in stripped:
            closer = "*/}"
        elif SKIP_OPEN.search(line) and not SKIP_CLOSE.search(line):
            closer = "block"
        if closer is not None:
            run.clear()
            tainted = True
            previous_blank = False
            continue
        if not stripped:
            if run and not tainted:
                body = "".join(lines[i] for i in run)
                if is_prose(body):
                    paragraphs.append(Paragraph(body, offsets[index]))
            run.clear()
            tainted = False
            previous_blank = True
            continue
        if run:
            if BLOCK_START.match(line):
                run.clear()  # a paragraph running into a block is not one to plant after
                tainted = True
            else:
                run.append(index)
        elif previous_blank and line[0].isalpha():
            run.append(index)
        else:
            tainted = True
        previous_blank = False
    if run and not tainted and closer is None:
        body = "".join(lines[i] for i in run)
        if is_prose(body):
            paragraphs.append(Paragraph(body, len(text)))
    return paragraphs


def html_paragraphs(text: str) -> list[Paragraph]:
    """The ``<p>`` elements of an HTML page holding prose, outside code and comments."""
    # Code and comments become backticks: a sentence with code in it is left out.
    masked = HTML_SKIPPED.sub(lambda m: "`" * len(m.group(0)), text)
    paragraphs = []
    for match in HTML_P.finditer(masked):
        inner = html.unescape(TAG.sub("", match.group(1)))
        if "{{" in inner or "{%" in inner or not is_prose(" ".join(inner.split())):
            continue
        paragraphs.append(Paragraph(match.group(1), match.end()))
    return paragraphs


def paragraphs_of(text: str, fmt: str) -> list[Paragraph]:
    return html_paragraphs(text) if fmt == "html" else markup_paragraphs(text)


def plain(paragraph: str, fmt: str) -> str:
    """A paragraph's words as a reader sees them: links, strong emphasis and tags undone."""
    text = TAG.sub("", paragraph) if fmt == "html" else paragraph
    text = html.unescape(text) if fmt == "html" else text
    if fmt == "markdown":
        text = MD_STRONG.sub(r"\2", MD_LINK.sub(r"\1", text))
    return " ".join(text.split()) if not CJK.search(text) else "".join(text.splitlines())


def sentences_of(paragraphs: list[Paragraph], fmt: str) -> list[str]:
    """Whole sentences of plain prose: no code, markup, quotation marks or address."""
    found = []
    for paragraph in paragraphs:
        for sentence in SENTENCE_END.split(plain(paragraph.text, fmt)):
            sentence = sentence.strip()
            if NOT_IN_SENTENCE.search(sentence) or not TERMINAL.search(sentence):
                continue
            words = len(sentence.split())
            cjk = len(CJK.findall(sentence))
            if (cjk >= 12 or words >= 6) and len(sentence) <= 220:
                found.append(sentence)
    return found


def title_of(text: str, fmt: str, paragraphs: list[Paragraph]) -> str:
    """The page's title: its front matter's, its first heading, or its first sentence."""
    patterns = [r"(?m)^title:\s*(.+)$", r"(?m)^#{1,3}\s+(.+)$", r"(?is)<h1[^>]*>(.*?)</h1>",
                r"(?is)<title>(.*?)</title>", r"(?m)^(\S.*)\r?\n[=\-~^*#]{3,}\s*$"]  # fmt: skip
    for pattern in patterns:
        match = re.search(pattern, text)
        if match:
            title = TAG.sub("", match.group(1)).strip().strip("\"'")
            # A heading's anchor: { #id } (MkDocs, Hugo), {/*id*/} (react.dev's MDX).
            title = re.sub(r"\s*\{\s*(#[^}]*|/\*.*?\*/)\}$", "", title)
            title = " ".join(html.unescape(title).replace("`", "").split())
            if title and "{{" not in title:
                return title
    first = sentences_of(paragraphs, fmt)
    return " ".join(first[0].split()[:8]) if first else "Video"


def wrap(defect: str, fmt: str) -> tuple[str, int]:
    """The text to insert for a defect paragraph, and where the defect starts in it."""
    if fmt == "html":
        return f"<p>{defect}</p>\n", 3
    return f"\n{defect}\n", 1


def plant(text: str, fmt: str, paragraph: Paragraph, defect: str) -> tuple[str, int, int]:
    """The page with ``defect`` as a paragraph of its own after ``paragraph``, and the
    planted text's offsets."""
    at = paragraph.insert_at
    prefix = "" if at == 0 or text[at - 1] in "\r\n" else "\n"
    inserted, offset = wrap(defect, fmt)
    start = at + len(prefix) + offset
    return text[:at] + prefix + inserted + text[at:], start, start + len(defect)


def found_codes(findings: Iterable[Finding], text: str, start: int, end: int) -> tuple[str, ...]:
    """The warning-or-above codes of findings overlapping the planted text within its lines."""
    first_line = text.count("\n", 0, start) + 1
    last_line = text.count("\n", 0, end) + 1
    codes = {
        f.code
        for f in blocking(findings)
        if f.span.start < end and f.span.end > start
        and first_line <= f.span.line and f.span.end_line <= last_line
    }  # fmt: skip
    return tuple(sorted(codes))


def plant_all(
    pages: list[Page], corpus: list[Page], per_source: int, seed: int, keep: Path | None
) -> list[Planted]:
    """Plant each kind of defect in a copy of a seeded sample of each source's pages.

    Sentences come from the whole ``corpus``, so one source run alone plants what the
    full run plants."""
    texts = {p.path: Path(p.path).read_text("utf-8", "replace") for p in corpus}
    parsed = {p.path: paragraphs_of(texts[p.path], page_format(p.path)) for p in corpus}
    pool: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    accented: dict[str, list[tuple[str, str]]] = defaultdict(list)  # by language
    for page in corpus:
        for sentence in sentences_of(parsed[page.path], page_format(page.path)):
            pool[(page.source, page.language)].append((page.path, sentence))
            if not sentence.isascii():
                accented[page.language].append((page.path, sentence))
    checker = Checker(Config())
    planted: list[Planted] = []
    with tempfile.TemporaryDirectory(prefix="hygiene-docs-planted-") as folder:
        out = keep or Path(folder)
        for source in sorted({p.source for p in pages}):
            eligible = [p for p in pages if p.source == source and parsed[p.path]]
            chooser = random.Random(f"plant:{seed}:{source}")
            for page in sorted(chooser.sample(eligible, min(per_source, len(eligible))),
                               key=lambda p: p.path):  # fmt: skip
                planted.extend(plant_page(page, texts[page.path], parsed[page.path],
                                          pool[(page.source, page.language)],
                                          accented[page.language], chooser, checker,
                                          out))  # fmt: skip
    return planted


def plant_page(
    page: Page,
    text: str,
    paragraphs: list[Paragraph],
    pool: list[tuple[str, str]],
    language_pool: list[tuple[str, str]],
    chooser: random.Random,
    checker: Checker,
    out: Path,
) -> list[Planted]:
    fmt = page_format(page.path)
    others = [sentence for path, sentence in pool if path != page.path]
    own = [sentence for path, sentence in pool if path == page.path]
    sentences = others or own
    accented = (
        [s for s in sentences if not s.isascii()]
        or [s for s in own if not s.isascii()]
        or [s for path, s in language_pool if path != page.path]
    )
    language = page.language.split("-")[0]
    labels = GREEK_LABELS if language in CYRILLIC_LANGUAGES else CYRILLIC_LABELS
    opening, closing = QUOTES.get(page.language, QUOTES.get(language, DEFAULT_QUOTES))
    middle = paragraphs[:-1] or paragraphs  # a paragraph another follows, for the embed
    defects: dict[str, tuple[str, Paragraph] | None] = {
        "label": (chooser.choice(labels), paragraphs[-1]),
        "embed": (f"WATCH: {title_of(text, fmt, paragraphs)}", chooser.choice(middle)),
        "mojibake": (chooser.choice(accented).encode("utf-8").decode("sloppy-windows-1252"),
                     chooser.choice(paragraphs)) if accented else None,
        "quotation": (f"{opening}{chooser.choice(sentences)}{closing}", chooser.choice(paragraphs))
        if sentences else None,
    }  # fmt: skip
    results = []
    for kind in KINDS:
        chosen = defects[kind]
        if chosen is None:
            continue  # no sentence to make it from: not planted, not counted
        defect, after = chosen
        changed, start, end = plant(text, fmt, after, defect)
        target = out / kind / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(changed, "utf-8")
        report = check_text(changed, path=str(target), checker=checker)
        codes = found_codes(report.findings, changed, start, end)
        found = any(group_of(code) == KIND_GROUP[kind] for code in codes)
        results.append(Planted(page, kind, found, codes, defect))
    return results


def print_recall(planted: list[Planted], misses: int) -> None:
    print("Planted defects found (a warning-or-above finding of the kind's group on the text)")
    print("| source | pages | " + " | ".join(f"{k} ({KIND_GROUP[k]})" for k in KINDS) + " | all |")
    print("|---|---:|" + "---:|" * (len(KINDS) + 1))

    def cell(items: list[Planted]) -> str:
        hits = sum(p.found for p in items)
        return f"{hits}/{len(items)}" if items else "-"

    for source in sorted({p.page.source for p in planted}):
        mine = [p for p in planted if p.page.source == source]
        pages = len({p.page.path for p in mine})
        cells = [cell([p for p in mine if p.kind == kind]) for kind in KINDS]
        print(f"| {source} | {pages} | " + " | ".join(cells) + f" | {cell(mine)} |")
    pages = len({p.page.path for p in planted})
    cells = [cell([p for p in planted if p.kind == kind]) for kind in KINDS]
    print(f"| **all** | {pages} | " + " | ".join(cells) + f" | {cell(planted)} |")
    print()
    for kind in (*KINDS, "all"):
        mine = [p for p in planted if kind in ("all", p.kind)]
        if mine:
            recall = sum(p.found for p in mine) / len(mine)
            print(f"recall {kind:10} {recall:.3f}  ({sum(p.found for p in mine)} of {len(mine)})")
    elsewhere = Counter(c for p in planted if not p.found for c in p.codes)
    if elsewhere:
        other = ", ".join(f"{code} {n}" for code, n in sorted(elsewhere.items()))
        print(f"missed defects reported by another group only: {other}")
    if misses:
        print()
        for kind in KINDS:
            for miss in [p for p in planted if p.kind == kind and not p.found][:misses]:
                print(f"missed {kind}: {miss.page.path}: {miss.text[:100]!r}")
    print()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", action="append", default=[], help="run one source (repeatable)")
    parser.add_argument("--sample", type=int, default=120, help="findings to sample for review")
    parser.add_argument("--plant-pages", type=int, default=10, help="pages per source to plant in")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--review", type=Path, default=REVIEW, help="the review file")
    parser.add_argument("--no-review", action="store_true", help="write no review file")
    parser.add_argument("--misses", type=int, default=0, help="list this many misses per kind")
    parser.add_argument("--keep-planted", type=Path, help="write the planted pages here")
    parser.add_argument(
        "--corpus", type=Path, default=DOCS, help="a corpus of build_docs_corpus.py --out"
    )
    args = parser.parse_args(argv)
    corpus = args.corpus.resolve()
    review = args.review.resolve()
    # Reports show paths relative to the working folder: the repository, or the folder
    # holding a corpus kept elsewhere (its pages are then named <corpus>/<source>/...).
    os.chdir(ROOT if corpus.is_relative_to(ROOT) else corpus.parent)
    print(f"hygiene from {Path(hygiene.__file__).parent}", file=sys.stderr)
    sources, pages = read_manifest(args.source, corpus)
    started = time.perf_counter()
    found = run_sources(sources, pages)
    print(f"{len(pages)} pages of {len(sources)} sources, default settings, "
          f"{len({p.language for p in pages})} languages\n")  # fmt: skip
    print_rates(sources, pages, found)
    if not args.no_review:
        write_review(review, pages, found, args.sample, args.seed)
    if args.plant_pages > 0:
        _, everything = read_manifest((), corpus)
        planted = plant_all(pages, everything, args.plant_pages, args.seed, args.keep_planted)
        print_recall(planted, args.misses)
    print(f"took {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
