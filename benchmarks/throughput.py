"""Throughput, scaling, memory and start-up of hygiene, against a naive pipeline. On demand.

    python benchmarks/throughput.py                  # 100 MB corpus, 1 GB memory test
    python benchmarks/throughput.py --mb 20 --rss-mb 200   # a quicker look

It builds a corpus of realistic documents in a temporary folder (catalogue sentences in
several languages from fixtures/corpus and the seed article, with some damage of each
kind: mojibake, C1 controls, embed labels, no-break spaces, stray labels in another
script), then prints, from one run:

- MB/s and documents/s of `Checker.check_input` with all default rules, on one core;
- the same for a naive pipeline written here (langdetect on every paragraph,
  ftfy.fix_text on every document, each embed label searched separately), and the ratio;
- the wall time of `hygiene check --jobs 1` and `--jobs 2` on the shards, and the speed-up;
- the peak RSS of `hygiene check` on one large generated JSONL shard (never committed);
- the wall time of `hygiene check` on one small clean Markdown file (the pre-commit case).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import ftfy  # noqa: F401  (registers the codecs used to damage text)

from hygiene.api import Checker
from hygiene.discovery import Input

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = ROOT / "fixtures" / "corpus" / "clean" / "django-5.2.19-catalogues.jsonl"
SEED = ROOT / "seeds" / "000_3b11dac5e552c86b.txt"
LANGUAGES = ("de", "fr", "es", "pt", "pl", "ru", "uk", "el", "ar", "ja")
LABELS = ("WATCH: Trump on Mexico relations", "READ MORE: Talks end without a deal",
          "LESEN SIE AUCH: Gespräche ohne Einigung")  # fmt: skip


def documents(rng: random.Random) -> list[str]:
    """A pool of realistic documents, a few with damage of each kind."""
    by_language: dict[str, list[str]] = {}
    for line in CATALOGUES.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["lang"] in LANGUAGES and len(row["text"]) > 30:
            by_language.setdefault(row["lang"], []).append(row["text"])
    seed = SEED.read_text(encoding="utf-8").split("\n\n")
    pool = []
    for number in range(400):
        if number % 3 == 0:
            paragraphs = rng.sample(seed, 12)
        else:
            language = LANGUAGES[number % len(LANGUAGES)]
            paragraphs = [" ".join(rng.sample(by_language[language], 3)) for _ in range(10)]
        damage = number % 10
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
        pool.append("\n\n".join(paragraphs))
    return pool


def write_shards(folder: Path, megabytes: float, shards: int, rng: random.Random) -> int:
    """JSONL shards holding ``megabytes`` of text in total; returns the number of documents."""
    pool = documents(rng)
    target = int(megabytes * 1e6)
    written = count = 0
    handles = [(folder / f"shard-{n:02d}.jsonl").open("w", encoding="utf-8") for n in range(shards)]
    while written < target:
        text = pool[count % len(pool)]
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
    started = time.perf_counter()
    for shard in sorted(folder.glob("shard-*.jsonl")):
        done = checker.check_input(Input(str(shard), shard.name))
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


def peak_rss_mb(folder: Path, megabytes: float, rng: random.Random) -> tuple[float, float]:
    big = folder / "big"
    big.mkdir()
    write_shards(big, megabytes, 1, rng)
    shard = next(big.glob("*.jsonl"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run([sys.executable, "-m", "hygiene", "check", shard.name, "--format", "jsonl",
                    "-o", "out.jsonl", "--jobs", "1", "--quiet"], cwd=big, capture_output=True,
                   check=False)  # fmt: skip
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return shard.stat().st_size / 1e6, max(before, after) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=100, help="corpus size in MB of text")
    parser.add_argument("--rss-mb", type=float, default=1000, help="size of the memory test shard")
    parser.add_argument("--naive-mb", type=float, default=2, help="text the naive pipeline reads")
    options = parser.parse_args()
    rng = random.Random(20261127)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        count = write_shards(folder, options.mb, 8, rng)
        print(f"corpus: {options.mb:.0f} MB of text, {count} documents in 8 shards")
        rate, docs_rate, findings = hygiene_rate(folder)
        print(f"hygiene, all default rules, one core: {rate:.2f} MB/s, {docs_rate:.0f} documents/s,"
              f" {findings} findings")  # fmt: skip
        texts, size = [], 0
        for text in documents(random.Random(1)) * 100:
            if size > options.naive_mb * 1e6:
                break
            texts.append(text)
            size += len(text.encode("utf-8"))
        naive = naive_rate(texts)
        print(f"naive pipeline, one core: {naive:.3f} MB/s; hygiene is {rate / naive:.1f} times "
              "as fast")  # fmt: skip
        results = folder.parent / f"{folder.name}-results"
        results.mkdir()
        one = cli_time("check", ".", "--format", "jsonl", "-o", str(results / "one.jsonl"),
                       "--jobs", "1", "--quiet", cwd=folder)  # fmt: skip
        two = cli_time("check", ".", "--format", "jsonl", "-o", str(results / "two.jsonl"),
                       "--jobs", "2", "--quiet", cwd=folder)  # fmt: skip
        same = (results / "one.jsonl").read_bytes() == (results / "two.jsonl").read_bytes()
        print(f"--jobs 1: {one:.1f} s, --jobs 2: {two:.1f} s, speed-up {one / two:.2f}; "
              f"identical findings: {same}")  # fmt: skip
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
