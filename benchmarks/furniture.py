"""Page furniture found by the boilerplate rules, in sample and held out by source.

    python benchmarks/furniture.py [--favour-recall] [--languages N] [--show N]

Reads the documents ``benchmarks/build_furniture.py`` wrote: ``insample.jsonl`` (treebank
paragraphs with the furniture of the catalogues the model learnt from) and ``heldout.jsonl``
(GNOME help pages with the furniture of catalogues it never saw). A planted piece is found
when a boilerplate finding overlaps it; a finding is a false alarm when it overlaps none.
Clean documents, checked as they are: the GNOME help pages, news articles with their
subheadings (the seed and the article text of the scraped pages), and the pages of the
documentation sources whose headings the model did not learn from. Beside each figure,
FineWeb's line rule (a line of at most 30 characters without terminal punctuation) on the
same documents.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from news_pages import news_pages

from hygiene.config.settings import Config
from hygiene.core.engine import check_document
from hygiene.inputs.decoding import document_from_bytes
from hygiene.run.checker import Checker

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus"
FURNITURE = CORPUS / "furniture"
TRAINING_DOCS = ("cncf-glossary", "fastapi", "hugo-docs", "jekyll-docs", "pnpm-io", "sphinx-docs")
_FINEWEB_END = re.compile(r"[.!?…。！？\"'”’»)\]]\s*$")


@dataclass
class Tally:
    """Planted pieces found and missed, and findings true and false."""

    found: int = 0
    planted: int = 0
    true: int = 0
    false: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.planted if self.planted else 1.0

    @property
    def precision(self) -> float:
        flagged = self.true + self.false
        return self.true / flagged if flagged else 1.0


@dataclass
class Scores:
    """A set's tallies: overall, and by kind, place and language."""

    total: Tally = field(default_factory=Tally)
    by: dict[str, dict[str, Tally]] = field(default_factory=lambda: defaultdict(dict))
    false_alarms: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)


def fineweb_spans(text: str) -> list[tuple[int, int]]:
    """FineWeb's line filter as a finder: each line of at most 30 characters that does not
    end with terminal punctuation."""
    spans, at = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and len(stripped) <= 30 and not _FINEWEB_END.search(stripped):
            spans.append((at, at + len(line)))
        at += len(line) + 1
    return spans


def boilerplate_spans(checker: Checker, text: str, path: str = "document.txt") -> list[Any]:
    """The spans of the boilerplate findings in ``text``, with their codes."""
    document = document_from_bytes(text.encode("utf-8"), path)
    findings = check_document(document, checker.ruleset.rules)
    return [(f.span.start, f.span.end, f.code) for f in findings]


def score(documents: Iterable[dict[str, Any]], finder: Any) -> Scores:
    """Recall of the planted pieces and precision of the findings, by kind, place and
    language."""
    scores = Scores()
    for document in documents:
        spans = finder(document["text"])
        planted = document["furniture"]
        for label in planted:
            hit = any(s < label["end"] and label["start"] < e for s, e, *_ in spans)
            keys = {
                "kind": label["kind"],
                "place": label["place"],
                "language": document["language"],
            }
            for tally in (
                scores.total,
                *(scores.by[k].setdefault(v, Tally()) for k, v in keys.items()),
            ):
                tally.planted += 1
                tally.found += hit
            if not hit:
                scores.misses.append(document["text"][label["start"] : label["end"]])
        for start, end, *_ in spans:
            true = any(start < label["end"] and label["start"] < end for label in planted)
            if true:
                scores.total.true += 1
            else:
                scores.total.false += 1
                scores.false_alarms.append(document["text"][start:end])
            language = scores.by["language"].setdefault(document["language"], Tally())
            language.true += true
            language.false += not true
    return scores


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def clean_sets() -> dict[str, list[tuple[str, str]]]:
    """Clean documents by set, as (path, text): help pages, news, documentation."""
    help_pages = [
        (f"{r['page']}.txt", r["text"])
        for r in read_jsonl(CORPUS / "clean" / "gnome-user-docs-43.0.jsonl")
    ]
    news = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for page in news_pages():
        lines = [page["lines"][index] for index in sorted(page["article"])]
        news.append((f"{page['page']}.txt", "\n\n".join(lines)))
    docs_folder = ROOT / "fixtures" / "docs"
    manifest = json.loads((docs_folder / "manifest.json").read_text(encoding="utf-8"))
    docs = [
        (page["path"], (docs_folder / page["path"]).read_text(encoding="utf-8"))
        for page in manifest["pages"]
        if page["source"] not in TRAINING_DOCS
    ]
    return {"help pages": help_pages, "news": news, "documentation": docs}


def flagged(checker: Checker, documents: list[tuple[str, str]]) -> tuple[int, int, list[str]]:
    """How many documents get a boilerplate finding, FineWeb's rule flags, and what."""
    ours = fineweb = 0
    shown: list[str] = []
    for path, text in documents:
        spans = boilerplate_spans(checker, text, path)
        ours += bool(spans)
        shown.extend(f"{path}: {code} {text[s:e]!r}" for s, e, code in spans)
        fineweb += bool(fineweb_spans(text)) if path.endswith(".txt") else 0
    return ours, fineweb, shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--favour-recall", action="store_true", help="BP011 at its thresholds that favour recall"
    )
    parser.add_argument(
        "--languages", type=int, default=20, help="planted pieces a language needs to be listed"
    )
    parser.add_argument(
        "--show", type=int, default=0, help="print this many misses and false alarms"
    )
    arguments = parser.parse_args()
    options = {"boilerplate.furniture": {"favour-recall": arguments.favour_recall}}
    checker = Checker(Config(select=("BP",), rules=options))
    packs = Checker(Config(select=("BP",), ignore=("BP011",)))
    ours = lambda text: boilerplate_spans(checker, text)  # noqa: E731
    pack_spans = lambda text: boilerplate_spans(packs, text)  # noqa: E731
    results = {}
    sets = {"in sample": read_jsonl(FURNITURE / "insample.jsonl")}
    heldout = read_jsonl(FURNITURE / "heldout.jsonl")
    sets["held out, news"] = [d for d in heldout if d["carrier"] == "news"]
    sets["held out, help pages"] = [d for d in heldout if d["carrier"] == "help"]
    for name, documents in sets.items():
        results[name] = (
            score(documents, ours),
            score(documents, fineweb_spans),
            len(documents),
            score(documents, pack_spans),
        )
    for name, (mine, theirs, count, phrases) in results.items():
        print(f"{name}: {count} documents, {mine.total.planted} pieces")
        for label, tallied in (("hygiene", mine), ("packs", phrases), ("fineweb", theirs)):
            total = tallied.total
            print(f"  {label:<8} recall {total.recall:.3f} precision {total.precision:.3f}")
        for key in ("kind", "place"):
            for value, tally in sorted(mine.by[key].items()):
                other = theirs.by[key][value].recall
                found = f"{tally.found:>5}/{tally.planted:<5} {tally.recall:.3f}"
                print(f"    {key} {value:<16} {found}  (fineweb {other:.3f})")
        floor = arguments.languages
        languages = {k: t for k, t in mine.by["language"].items() if t.planted >= floor}
        good = sum(1 for t in languages.values() if t.recall >= 0.85)
        print(f"    languages with {floor}+ pieces: {len(languages)}, recall >= 0.85 in {good}")
        for value, tally in sorted(languages.items(), key=lambda kv: kv[1].recall):
            found = f"{tally.found:>4}/{tally.planted:<4} {tally.recall:.3f}"
            print(f"      {value:<6} {found}  precision {tally.precision:.3f}")
        for miss in mine.misses[: arguments.show]:
            print(f"    miss  {miss!r}")
        for alarm in mine.false_alarms[: arguments.show]:
            print(f"    alarm {alarm!r}")
    for name, texts in clean_sets().items():
        flagged_count, fineweb, shown = flagged(checker, texts)
        share = flagged_count / len(texts)
        print(f"clean {name}: {flagged_count}/{len(texts)} flagged ({share:.1%}); "
              f"FineWeb's rule flags {fineweb}")  # fmt: skip
        for line in shown[: arguments.show]:
            print(f"    {line}")


if __name__ == "__main__":
    main()
