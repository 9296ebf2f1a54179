"""Leftovers of another language found by the language rules, on text they never saw.

    python benchmarks/language.py [--declared] [--show N] [--jobs N]

Reads ``fixtures/corpus/language/heldout.jsonl`` (built by
``benchmarks/build_language_heldout.py``: treebank paragraphs and the help pages of two
desktop suites, with leftovers from catalogues and treebanks the rules were never built or
tuned from). A leftover is found when a language finding (LG001, LG002, LG003) overlaps
it; a finding that overlaps none is a false alarm (one on other damage, mojibake,
furniture or a quotation, is counted apart as well). Figures by length (``1-3`` words,
``4-10``, ``sentence``, ``paragraph``), by script (the document's own or another), for
documents with the leftover alone and with other damage beside it, by the source of the
document (``host``) and by document language; and the share of clean documents flagged.
The document's language is detected, as in a corpus of unlabelled records;
``--declared`` gives it, as ``[tool.hygiene.languages]`` would.
The in-sample figures (Django's catalogues, the tuning set) are ``quality.py language``'s.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from furniture import Tally

from hygiene.config.settings import Config
from hygiene.core.engine import check_document
from hygiene.inputs.decoding import document_from_bytes
from hygiene.run.checker import Checker

ROOT = Path(__file__).resolve().parent.parent
HELD_OUT = ROOT / "fixtures" / "corpus" / "language" / "heldout.jsonl"
# The halves of the held-out file: the one measured, and the one work on the rules looks at.
SPLITS = {
    "test": "held out (GNOME's and LibreOffice's help pages; MediaWiki, Weblate and other "
    "catalogues; PUD)",
    "dev": "development (treebank paragraphs; WordPress, Plone and other catalogues)",
}
LENGTHS = ("1-3", "4-10", "sentence", "paragraph")
# The bar: precision, recall of four words and more, recall of three and fewer.
TARGET_PRECISION, TARGET_LONG, TARGET_SHORT = 0.95, 0.90, 0.80


def line(tally: Tally) -> str:
    """A tally's recall, and its precision where findings were told apart."""
    found = f"recall {tally.recall:.3f} ({tally.found}/{tally.planted})"
    if not tally.true + tally.false:
        return found  # findings are not told apart by the leftovers' length or script
    return f"{found}  precision {tally.precision:.3f} ({tally.false} false)"


_checker: Checker | None = None


def findings(row: dict[str, Any], declared: bool) -> list[tuple[int, int, str, str]]:
    """The language findings on one document: span, code and message."""
    global _checker
    if _checker is None:
        _checker = Checker(Config(select=("LG",)))
    document = document_from_bytes(row["text"].encode("utf-8"), "document.txt")
    languages = (row["lang"],) if declared else ()
    found = check_document(document, _checker.ruleset.rules, languages)
    return [(f.span.start, f.span.end, f.code, f.message) for f in found]


def overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in spans)


@dataclass
class Scores:
    """Every tally the report prints, and the examples behind the misses and alarms."""

    tallies: dict[str, Tally]
    clean: list[int]  # documents, flagged
    clean_damaged: list[int]
    misses: list[str]
    alarms: list[str]

    def tally(self, key: str) -> Tally:
        return self.tallies.setdefault(key, Tally())


def score(rows: list[dict[str, Any]], results: list[list[tuple[int, int, str, str]]]) -> Scores:
    scores = Scores({}, [0, 0], [0, 0], [], [])
    for row, found in zip(rows, results, strict=True):
        strays, damage = row["strays"], row["damaged"]
        if not strays:
            clean = scores.clean_damaged if row["damage"] else scores.clean
            clean[0] += 1
            clean[1] += bool(found)
        for stray in strays:
            hit = overlaps(stray["start"], stray["end"], ((s, e) for s, e, _, _ in found))
            length = "4+" if stray["length"] != "1-3" else "1-3"
            keys = ("all", f"length {stray['length']}", f"words {length}",
                    f"script {stray['script']}", f"kind {stray['kind']}",
                    "damage " + ("several" if row["damage"] else "none"), f"host {row['host']}",
                    f"home {row['lang']}", f"home {row['lang']} {length}",
                    f"stray {stray['language']}")  # fmt: skip
            for key in keys:
                scores.tally(key).planted += 1
                scores.tally(key).found += hit
            if not hit:
                text = row["text"][stray["start"] : stray["end"]]
                origin = f"{stray['language']}, {stray['length']}, {stray['source']}"
                scores.misses.append(f"{row['lang']} <- {origin}: {text[:80]!r}")
        for start, end, code, message in found:
            true = overlaps(start, end, ((s["start"], s["end"]) for s in strays))
            keys = ["all", f"host {row['host']}", f"home {row['lang']}"]
            if strays:
                keys.append("damage " + ("several" if row["damage"] else "none"))
            for key in keys:
                tally = scores.tally(key)
                tally.true += true
                tally.false += not true
            if not true:
                on = next((d["kind"] for d in damage if start < d["end"] and d["start"] < end), "")
                if on:
                    scores.tally(f"false on {on}").false += 1
                text = row["text"][start:end]
                scores.alarms.append(f"{row['lang']} {code}{' on ' + on if on else ''}: "
                                     f"{text[:70]!r} ({message[:90]})")  # fmt: skip
    return scores


def languages_meeting(scores: Scores) -> tuple[int, int]:
    """Document languages at the bar, and those measured."""
    homes = sorted({key.split()[1] for key in scores.tallies if key.startswith("home ")})
    met = 0
    for home in homes:
        every = scores.tally(f"home {home}")
        long, short = scores.tally(f"home {home} 4+"), scores.tally(f"home {home} 1-3")
        met += (
            every.precision >= TARGET_PRECISION
            and long.recall >= TARGET_LONG
            and short.recall >= TARGET_SHORT
        )
    return met, len(homes)


def report(scores: Scores, show: int) -> None:
    def row(title: str, key: str) -> None:
        print(f"  {title:<28} {line(scores.tally(key))}")

    row("all leftovers", "all")
    for length in LENGTHS:
        row(f"length {length}", f"length {length}")
    row("four words and more", "words 4+")
    for key in ("script same", "script other", "damage none", "damage several"):
        row(key.replace("script", "script:").replace("damage", "other damage:"), key)
    for host in sorted({key.split()[1] for key in scores.tallies if key.startswith("host ")}):
        row(f"source: {host}", f"host {host}")
    for kind in ("mojibake", "boilerplate", "quotation"):
        print(f"  false alarms on {kind:<14} {scores.tally(f'false on {kind}').false}")
    for title, (documents, flagged) in (("clean documents", scores.clean),
                                        ("clean, other damage", scores.clean_damaged)):  # fmt: skip
        print(f"  {title:<28} {flagged} of {documents} flagged ({flagged / max(1, documents):.1%})")
    met, measured = languages_meeting(scores)
    print(f"  document languages at precision {TARGET_PRECISION}, recall {TARGET_LONG} (4+ words) "
          f"and {TARGET_SHORT} (1-3): {met} of {measured}")  # fmt: skip
    print("  by document language:")
    homes = sorted({key.split()[1] for key in scores.tallies if key.startswith("home ")})
    for home in homes:
        short, long = scores.tally(f"home {home} 1-3"), scores.tally(f"home {home} 4+")
        every = scores.tally(f"home {home}")
        short_recall = f"1-3 {short.recall:.2f} ({short.planted:>2})"
        long_recall = f"4+ {long.recall:.2f} ({long.planted:>2})"
        print(f"    {home:<4} {short_recall}  {long_recall}  "
              f"precision {every.precision:.2f} ({every.false} false)")  # fmt: skip
    if show:
        for title, examples in (("missed", scores.misses), ("false alarms", scores.alarms)):
            print(f"  {title}: {len(examples)}")
            for example in examples[:show]:
                print(f"    {example}")


def measure(split: str, declared: bool, jobs: int = 2) -> Scores:
    """The scores of one half of the held-out file, the language detected or declared."""
    rows = [json.loads(line) for line in HELD_OUT.read_text(encoding="utf-8").splitlines()]
    kept = [row for row in rows if row["split"] == split]
    with ProcessPoolExecutor(jobs) as pool:
        results = list(pool.map(findings, kept, [declared] * len(kept), chunksize=16))
    return score(kept, results)


def documents(split: str) -> tuple[int, int]:
    """How many documents one half holds, and of how many languages."""
    rows = [json.loads(line) for line in HELD_OUT.read_text(encoding="utf-8").splitlines()]
    kept = [row for row in rows if row["split"] == split]
    return len(kept), len({row["lang"] for row in kept})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--declared", action="store_true", help="give each document's language")
    parser.add_argument("--show", type=int, default=0, help="print this many misses and alarms")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--split", choices=SPLITS, action="append", help="one half only")
    args = parser.parse_args()
    mode = "declared" if args.declared else "detected"
    for split in args.split or SPLITS:
        total, languages = documents(split)
        print(f"{SPLITS[split]}: {total} documents of {languages} languages, language {mode}")
        report(measure(split, args.declared, args.jobs), args.show)


if __name__ == "__main__":
    main()
