"""Unattributed quotations (PV001) and unbalanced marks (PV003) on real quotations of
Universal Dependencies treebanks, per language, held out by source.

Why: the verbs of saying are mined from some treebanks of a language; a rule tuned on them
can look better on their text than on anyone else's. So the records of
fixtures/corpus/quotations/ud-heldout.jsonl come from another treebank, and the same kind of
records built from the lexicon treebanks (in memory, by build_quotations_corpus.py's own
functions) is measured beside them, in-sample. Run on demand; it prints and asserts nothing:

    python benchmarks/quotations.py [--markdown] [--mirrors /work/.mirror]

- unattributed recall: planted unattributed quotations a PV001 overlaps;
- PV001 precision: PV001 findings that overlap a planted unattributed quotation, of all;
- attributed flagged: attributed quotations a PV001 overlaps (the lower the better);
- clean alarms: clean documents with any PV001 or PV003 (the lower the better);
- mention alarms: documents whose quotations are names, titles or single words, with any
  PV001 or PV003 (the lower the better).

The in-sample rows need the treebanks' git mirrors (``--mirrors``); without them only the
held-out rows are printed.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from build_quotations_corpus import CORPUS_FILE, EVALUATION, LEXICON, PER_KIND, records_of

from hygiene.api import Checker, check_text
from hygiene.config.settings import Config

CODES = ("PV001", "PV003")
HELD_OUT = "held-out"
IN_SAMPLE = "in-sample"


@dataclass
class Tally:
    """What one set of records scored, for one language or all."""

    planted: int = 0  # unattributed quotations planted
    recalled: int = 0  # ... that a PV001 overlaps
    flags: int = 0  # PV001 findings
    right_flags: int = 0  # ... that overlap a planted unattributed quotation
    attributed: int = 0  # attributed quotations
    attributed_flagged: int = 0  # ... that a PV001 overlaps
    clean: int = 0  # clean documents
    clean_alarms: int = 0  # ... with any PV001 or PV003
    mentions: int = 0  # documents quoting names, titles and single words
    mention_alarms: int = 0  # ... with any PV001 or PV003

    def add(self, other: Tally) -> None:
        for name in (f.name for f in fields(self)):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def overlaps(span: tuple[int, int], quotation: dict[str, Any]) -> bool:
    return bool(span[0] < quotation["end"] and quotation["start"] < span[1])


def score(record: dict[str, Any], checker: Checker) -> Tally:
    """Check one record's text with hygiene's rules and compare with its labels."""
    findings = check_text(record["text"], checker=checker).findings
    flagged = [(f.span.start, f.span.end) for f in findings if f.code == "PV001"]
    tally = Tally(flags=len(flagged))
    for quotation in record["quotations"]:
        hit = any(overlaps(span, quotation) for span in flagged)
        if record["kind"] == "mention":
            continue  # counted by document, below
        if quotation["attributed"]:
            tally.attributed += 1
            tally.attributed_flagged += hit
        else:
            tally.planted += 1
            tally.recalled += hit
    planted = [q for q in record["quotations"] if not q["attributed"]]
    tally.right_flags = sum(any(overlaps(s, q) for q in planted) for s in flagged)
    alarmed = int(any(f.code in CODES for f in findings))
    if record["kind"] == "clean":
        tally.clean, tally.clean_alarms = 1, alarmed
    elif record["kind"] == "mention":
        tally.mentions, tally.mention_alarms = 1, alarmed
    return tally


def score_all(records: Iterable[dict[str, Any]], checker: Checker) -> dict[str, Tally]:
    """Each language's tally, and every language's under "all"."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    for record in records:
        tally = score(record, checker)
        tallies[record["lang"]].add(tally)
        tallies["all"].add(tally)
    return tallies


def in_sample_records(languages: Iterable[str], mirrors: Path) -> list[dict[str, Any]]:
    """Records of the held-out kinds built from each language's lexicon treebanks, at most
    PER_KIND of a kind per language as in the held-out set."""
    records: list[dict[str, Any]] = []
    for lang in sorted(languages):
        kept: dict[str, int] = defaultdict(int)
        for treebank in LEXICON[lang]:
            for record in records_of(lang, treebank, mirrors):
                if kept[record["kind"]] < PER_KIND:
                    kept[record["kind"]] += 1
                    records.append(record)
    return records


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f} ({part}/{whole})" if whole else "-"


COLUMNS = ("language", "set", "unattributed recall", "PV001 precision", "attributed flagged",
           "clean alarms", "mention alarms")  # fmt: skip


def rows(sets: dict[str, dict[str, Tally]]) -> list[tuple[str, ...]]:
    """A row per language and set, "all" last."""
    languages = sorted({lang for tallies in sets.values() for lang in tallies} - {"all"})
    table: list[tuple[str, ...]] = []
    for lang in [*languages, "all"]:
        for name, tallies in sets.items():
            t = tallies.get(lang, Tally())
            table.append((lang, name, ratio(t.recalled, t.planted),
                          ratio(t.right_flags, t.flags), ratio(t.attributed_flagged, t.attributed),
                          ratio(t.clean_alarms, t.clean),
                          ratio(t.mention_alarms, t.mentions)))  # fmt: skip
    return table


def render(table: list[tuple[str, ...]], markdown: bool) -> str:
    """The table as Markdown, or as aligned plain text."""
    if markdown:
        lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
        return "\n".join([*lines, *("| " + " | ".join(row) + " |" for row in table)])
    widths = [max(len(r[i]) for r in [COLUMNS, *table]) for i in range(len(COLUMNS))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
                     for r in [COLUMNS, *table])  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    arguments = parser.parse_args()
    started = time.perf_counter()
    checker = Checker(Config(select=CODES))
    held_out = [json.loads(line) for line in CORPUS_FILE.read_text(encoding="utf-8").splitlines()]
    sets = {HELD_OUT: score_all(held_out, checker)}
    in_sample: list[dict[str, Any]] = []
    if arguments.mirrors.is_dir():  # the treebanks' mirrors; without them, held-out alone
        in_sample = in_sample_records(EVALUATION, arguments.mirrors)
        sets[IN_SAMPLE] = score_all(in_sample, checker)
    print(render(rows(sets), arguments.markdown))
    if not arguments.markdown:
        print(f"\n{len(held_out)} held-out records, {len(in_sample)} in-sample records, "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip


if __name__ == "__main__":
    main()
