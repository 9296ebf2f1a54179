"""Throughput, scaling, memory and start-up of hygiene, against a naive pipeline. On demand.

    python benchmarks/throughput.py                  # 100 MB corpus, 1 GB memory test
    python benchmarks/throughput.py --mb 20 --rss-mb 200   # a quicker look

It builds a corpus of realistic documents in a temporary folder, each drawn afresh from
real text in fixtures/corpus and seeds/ (news sentences, Django's catalogue strings in ten
languages, GNOME's help pages in forty), with some damage of each kind (mojibake, C1
controls, embed labels, no-break spaces, stray labels in another script), then prints,
from one run:

- MB/s and documents/s of `Checker.check_input` with all default rules, on one core;
- the same for a naive pipeline written here (langdetect on every paragraph,
  ftfy.fix_text on every document, each embed label searched separately), and the ratio;
- the wall time of `hygiene check --jobs 1` and `--jobs 2` on the shards, and the speed-up,
  then the same on one shard alone (its lines are spread over the workers in batches);
- the peak RSS of `hygiene check` on one large generated JSONL shard (never committed);
- the wall time of `hygiene check` on one small clean Markdown file (the pre-commit case).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import ftfy  # noqa: F401  (registers the codecs used to damage text)
import regex
from news_pages import news_pages

from hygiene.api import Checker
from hygiene.inputs.discovery import Input

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus"
SEED = ROOT / "seeds" / "000_3b11dac5e552c86b.txt"
CATALOGUE_LANGUAGES = ("de", "fr", "es", "pt", "pl", "ru", "uk", "el", "ar", "ja")
LABELS = ("WATCH: Trump on Mexico relations", "READ MORE: Talks end without a deal",
          "LESEN SIE AUCH: Gespräche ohne Einigung")  # fmt: skip
# A sentence ends before a space and a capital or an opening quotation mark; it is cut
# there only where the quotation marks before it are balanced.
SENTENCE_END = regex.compile(r"(?<=[.!?][”\"’]?)\s+(?=[“\"\p{Lu}])")


def sentences(paragraph: str) -> list[str]:
    """A news paragraph's sentences, never cutting through a quotation."""
    found, start = [], 0
    for end in SENTENCE_END.finditer(paragraph):
        before = paragraph[: end.start()]
        if before.count("“") == before.count("”") and before.count('"') % 2 == 0:
            found.append(paragraph[start : end.start()])
            start = end.end()
    found.append(paragraph[start:])
    return [sentence.strip() for sentence in found if sentence.strip()]


class Sources:
    """The real texts the corpus recombines: news sentences (the seed and the news pages of
    the boilerplate corpus), Django's catalogue strings and GNOME's help paragraphs, each by
    language. Documents are drawn from them afresh, so that no document and hardly a
    paragraph repeats: text-keyed caches get no more help than a real corpus gives them."""

    def __init__(self) -> None:
        news = [p for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        for page in news_pages():
            if page["lang"] == "en":
                news.extend(page["lines"][index] for index in page["article"])
        self.news = [sentence for paragraph in news for sentence in sentences(paragraph)]
        clean = CORPUS / "clean"
        self.catalogue = self._by_language(
            clean / "django-5.2.19-catalogues.jsonl", lambda text: [text] if len(text) > 30 else []
        )
        self.help = self._by_language(clean / "gnome-user-docs-43.0.jsonl",
                                      lambda text: text.split("\n\n"))  # fmt: skip

    @staticmethod
    def _by_language(path: Path, pieces: Callable[[str], list[str]]) -> dict[str, list[str]]:
        by_language: dict[str, list[str]] = {}
        for line in path.open(encoding="utf-8"):
            row = json.loads(line)
            by_language.setdefault(row["lang"], []).extend(p for p in pieces(row["text"]) if p)
        return by_language

    def document(self, number: int, rng: random.Random) -> str:
        """Document ``number``: a news story, catalogue strings or a help page, in turn, with
        damage of one kind in half of them."""
        kind = number % 3
        if kind == 0:
            paragraphs = [" ".join(rng.sample(self.news, rng.randint(1, 3))) for _ in range(12)]
        elif kind == 1:
            strings = self.catalogue[CATALOGUE_LANGUAGES[number % len(CATALOGUE_LANGUAGES)]]
            paragraphs = [" ".join(rng.sample(strings, 3)) for _ in range(10)]
        else:
            help_text = self.help[rng.choice(sorted(self.help))]
            paragraphs = []
            for _ in range(14):
                first = rng.choice(help_text)
                # a heading stays alone; a sentence is sometimes followed by another
                joined = first.endswith((".", "。", ":")) and rng.random() < 0.6
                paragraphs.append(f"{first} {rng.choice(help_text)}" if joined else first)
        damage = number // 3 % 10
        if damage == 1:
            paragraphs[2] = paragraphs[2].encode("utf-8").decode("sloppy-windows-1252")
        elif damage == 2:
            paragraphs.insert(4, rng.choice(LABELS))
        elif damage == 3:
            paragraphs[1] = paragraphs[1].replace(" ", "\u00a0", 2)
        elif damage == 4:
            paragraphs.append("коментарі читачів:")
        elif damage == 5:
            paragraphs[3] = "\u0093" + paragraphs[3] + "\u0094"
        return "\n\n".join(paragraphs)


def write_shards(folder: Path, megabytes: float, shards: int, rng: random.Random) -> int:
    """JSONL shards holding ``megabytes`` of text in total, every document drawn afresh;
    returns the number of documents."""
    sources = Sources()
    target = int(megabytes * 1e6)
    written = count = 0
    handles = [(folder / f"shard-{n:02d}.jsonl").open("w", encoding="utf-8") for n in range(shards)]
    while written < target:
        text = sources.document(count, rng)
        record = {"id": str(count), "text": text, "url": f"https://example.org/{count}"}
        handles[count % shards].write(json.dumps(record, ensure_ascii=False) + "\n")
        written += len(text.encode("utf-8"))
        count += 1
    for handle in handles:
        handle.close()
    return count


def hygiene_rate(folder: Path) -> tuple[float, float, int]:
    checker = Checker()
    size = documents_seen = findings = 0
    shards = [Input(str(shard), shard.name) for shard in sorted(folder.glob("shard-*.jsonl"))]
    started = time.perf_counter()
    checker.count_lines(shards)  # BP010's pass over the run, as the command line makes it
    for shard in shards:
        done = checker.check_input(shard)
        count, nbytes, found = done.counts()
        documents_seen += count
        size += nbytes
        findings += found
    elapsed = time.perf_counter() - started
    return size / 1e6 / elapsed, documents_seen / elapsed, findings


def naive_rate(texts: list[str]) -> float:
    """The pipeline one writes first: every tool on everything."""
    import re

    import ftfy as fixer
    from langdetect import DetectorFactory, detect_langs

    DetectorFactory.seed = 0
    patterns = [re.compile(rf"^\s*{re.escape(label.split(':')[0])}\s*:\s*\S.*$", re.I | re.M)
                for label in (*LABELS, "VIDEO: x", "LISTEN: x", "RELATED: x")]  # fmt: skip
    started = time.perf_counter()
    size = 0
    for text in texts:
        size += len(text.encode("utf-8"))
        fixer.fix_text(text)
        for paragraph in text.split("\n\n"):
            if paragraph.strip():
                with contextlib.suppress(Exception):  # langdetect: "no features" on symbols
                    detect_langs(paragraph)
            for line in paragraph.splitlines():
                for pattern in patterns:
                    pattern.search(line)
    return size / 1e6 / (time.perf_counter() - started)


def cli_time(*args: str, cwd: Path, env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "hygiene", *args], cwd=cwd, capture_output=True,
                   check=False, env=env)  # fmt: skip
    return time.perf_counter() - started


def jobs_times(folder: Path, target: str, results: Path) -> tuple[float, float, bool]:
    """Wall times of ``hygiene check target`` with --jobs 1 and 2, and whether they wrote the
    same records."""
    times, outputs = [], []
    for jobs in ("1", "2"):
        output = results / f"jobs-{jobs}.jsonl"
        times.append(cli_time("check", target, "--format", "jsonl", "-o", str(output),
                              "--jobs", jobs, "--quiet", cwd=folder))  # fmt: skip
        outputs.append(output.read_bytes())
    return times[0], times[1], outputs[0] == outputs[1]


def peak_rss_mb(folder: Path, megabytes: float, rng: random.Random) -> tuple[float, float]:
    big = folder / "big"
    big.mkdir()
    write_shards(big, megabytes, 1, rng)
    shard = next(big.glob("*.jsonl"))
    # RUSAGE_CHILDREN is the peak of every child a process has waited for: asked here, it
    # would include the --jobs runs before. A fresh process runs the check and reports.
    check = [sys.executable, "-m", "hygiene", "check", shard.name, "--format", "jsonl",
             "-o", "out.jsonl", "--jobs", "1", "--quiet"]  # fmt: skip
    measure = ("import resource, subprocess as s, sys; s.run(sys.argv[1:], stdout=s.DEVNULL); "
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")  # fmt: skip
    peak_kb = subprocess.run([sys.executable, "-c", measure, *check], cwd=big, check=True,
                             capture_output=True, text=True).stdout  # fmt: skip
    return shard.stat().st_size / 1e6, int(peak_kb) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=100, help="corpus size in MB of text")
    parser.add_argument("--rss-mb", type=float, default=1000, help="size of the memory test shard")
    parser.add_argument("--naive-mb", type=float, default=2, help="text the naive pipeline reads")
    options = parser.parse_args()
    rng = random.Random(20261127)
    with tempfile.TemporaryDirectory() as temporary, tempfile.TemporaryDirectory() as written:
        folder, results = Path(temporary), Path(written)  # the findings outside the corpus
        count = write_shards(folder, options.mb, 8, rng)
        print(f"corpus: {options.mb:.0f} MB of text, {count} documents in 8 shards")
        rate, docs_rate, findings = hygiene_rate(folder)
        print(f"hygiene, all default rules, one core: {rate:.2f} MB/s, {docs_rate:.0f} documents/s,"
              f" {findings} findings")  # fmt: skip
        sources, naive_rng, texts, size = Sources(), random.Random(1), [], 0
        while size <= options.naive_mb * 1e6:
            texts.append(sources.document(len(texts), naive_rng))
            size += len(texts[-1].encode("utf-8"))
        naive = naive_rate(texts)
        print(f"naive pipeline, one core: {naive:.3f} MB/s; hygiene is {rate / naive:.1f} times "
              "as fast")  # fmt: skip
        one, two, same = jobs_times(folder, ".", results)
        print(f"--jobs 1: {one:.1f} s, --jobs 2: {two:.1f} s, speed-up {one / two:.2f}; "
              f"identical findings: {same}")  # fmt: skip
        # One shard alone: its lines go to the workers in batches.
        shard = "shard-00.jsonl"
        one, two, same = jobs_times(folder, shard, results)
        megabytes = (folder / shard).stat().st_size / 1e6
        print(f"one {megabytes:.0f} MB shard alone: --jobs 1: {one:.1f} s, --jobs 2: {two:.1f} s, "
              f"speed-up {one / two:.2f}; identical findings: {same}")  # fmt: skip
        size_mb, rss = peak_rss_mb(folder, options.rss_mb, rng)
        print(f"peak RSS on a {size_mb:.0f} MB JSONL shard: {rss:.0f} MB")
        small = folder / "small"
        small.mkdir()
        (small / "notes.md").write_text("# Notes\n\nThe talks ended on Thursday.\n", "utf-8")
        times = [cli_time("check", "notes.md", cwd=small) for _ in range(5)]
        print(f"one small clean Markdown file: {statistics.median(times) * 1000:.0f} ms wall "
              "(median of 5, this environment)")  # fmt: skip
        if os.environ.get("PYTHONDONTWRITEBYTECODE"):
            # A user's machine keeps bytecode caches (pip writes them at install); with
            # PYTHONDONTWRITEBYTECODE set, every run compiles hygiene's sources again.
            cached = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
            cli_time("check", "notes.md", cwd=small, env=cached)  # writes the caches
            times = [cli_time("check", "notes.md", cwd=small, env=cached) for _ in range(5)]
            print(f"  the same with bytecode caches kept: {statistics.median(times) * 1000:.0f}"
                  " ms wall (median of 5)")  # fmt: skip
        # The first run on a machine fills hygiene's own cache (parsed packs, lexicon indexes).
        cold = []
        for _ in range(5):
            with tempfile.TemporaryDirectory() as empty:
                env = {**os.environ, "HYGIENE_CACHE_DIR": empty}
                env.pop("PYTHONDONTWRITEBYTECODE", None)
                cold.append(cli_time("check", "notes.md", cwd=small, env=env))
        print(f"  the same with hygiene's cache empty (a first run): "
              f"{statistics.median(cold) * 1000:.0f} ms wall (median of 5)")  # fmt: skip


if __name__ == "__main__":
    main()
