"""The corpus-repeat rule (BP010) and the line counts behind it."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from hygiene.api import check_paths
from hygiene.config.settings import Config
from hygiene.core.corpus import (
    DEPTH,
    EXACT_KEYS,
    LineCounts,
    document_keys,
    line_key,
    normalize,
)
from hygiene.inputs.decoding import document_from_bytes

FOOTER = "Example Gazette is published by Example Media Group, Springfield {year}."
SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "be", "da", "fu", "go", "zi", "pe"]


def make_shards(folder: Path, documents: int, footer_every: int | None, shards: int = 4) -> None:
    """Documents of random made-up words; every ``footer_every``-th carries the footer."""
    rng = random.Random(7)
    vocabulary = sorted({"".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(4000)})
    handles = [(folder / f"part-{n}.jsonl").open("w", encoding="utf-8") for n in range(shards)]
    for number in range(documents):
        lines = [
            " ".join(rng.choices(vocabulary, k=rng.randint(6, 12))).capitalize() + "."
            for _ in range(4)
        ]
        if footer_every and number % 100 < footer_every:
            lines.append(FOOTER.format(year=rng.choice([2016, 2017, 2018])))
        record = {"id": f"d{number}", "text": "\n\n".join(lines)}
        handles[number % shards].write(json.dumps(record) + "\n")
    for handle in handles:
        handle.close()


def repeat_findings(folder: Path, jobs: int) -> list[tuple[str, str, int, str]]:
    report = check_paths([str(folder)], config=Config(select=("BP010",)), jobs=jobs)
    assert report.errors == ()
    return [
        (f.path, f.record.id if f.record else "", f.span.line, f.excerpt) for f in report.findings
    ]


def test_footer_planted_in_three_percent_of_20000_documents(tmp_path: Path) -> None:
    make_shards(tmp_path, 20_000, footer_every=3)
    one = repeat_findings(tmp_path, jobs=1)
    assert len(one) == 600
    assert {excerpt.rsplit(" ", 1)[0] for *_, excerpt in one} == {
        "Example Gazette is published by Example Media Group, Springfield"
    }
    assert repeat_findings(tmp_path, jobs=2) == one


def test_nothing_repeats_in_a_corpus_without_a_template(tmp_path: Path) -> None:
    make_shards(tmp_path, 20_000, footer_every=None)
    assert repeat_findings(tmp_path, jobs=2) == []


def test_a_single_file_run_has_nothing_to_compare(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(FOOTER.format(year=2017) + "\n", "utf-8")
    assert repeat_findings(tmp_path, jobs=1) == []


def test_digits_and_spacing_do_not_make_lines_differ() -> None:
    assert normalize("©  2016 Example   Media Group") == normalize("© 2017 Example Media Group")
    assert normalize("Share") is None  # too short to be a template line
    assert normalize("2016-2017 / 12:30 -- 14:45") is None  # no letters


def test_counts_never_undercount_and_ignore_order() -> None:
    rng = random.Random(3)
    documents = [
        document_from_bytes(
            "\n".join(
                f"line number {rng.randint(0, 300)} of the sample" for _ in range(5)
            ).encode(),
            f"d{n}.txt",
        )
        for n in range(400)
    ]
    forward, backward = LineCounts(), LineCounts()
    for document in documents:
        forward.add(document_keys(document))
    for document in reversed(documents):
        backward.add(document_keys(document))
    exact: dict[int, int] = {}
    for document in documents:
        for key in document_keys(document):
            exact[key] = exact.get(key, 0) + 1
    for key, count in exact.items():
        assert forward.documents_with(key) == backward.documents_with(key) >= count
    assert forward.documents_with(line_key("never seen in any document")) == 0


@pytest.mark.parametrize("documents", [10, 70_000])
def test_memory_is_bounded_whatever_the_corpus_size(documents: int) -> None:
    counts = LineCounts()
    for number in range(documents):
        counts.add({line_key(f"document {number} has its own line")})
    assert counts.documents == documents
    if documents <= EXACT_KEYS:  # a few files: counted exactly, no table
        assert counts._counters is None and counts._exact is not None
    else:
        assert counts._exact is None and counts._counters is not None
        assert len(counts._counters) == DEPTH << 20


def test_moving_to_the_table_keeps_every_count_whatever_the_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("hygiene.core.corpus.EXACT_KEYS", 50)
    documents = [{line_key(f"line {n % 70}"), line_key(f"line {n % 13} again")} for n in range(200)]
    forward, backward = LineCounts(), LineCounts()
    for keys in documents:
        forward.add(keys)
    for keys in reversed(documents):
        backward.add(keys)
    assert forward._exact is None and backward._exact is None  # both moved, at other times
    exact: dict[int, int] = {}
    for keys in documents:
        for key in keys:
            exact[key] = exact.get(key, 0) + 1
    for key, count in exact.items():
        assert forward.documents_with(key) == backward.documents_with(key) >= count


def test_a_batch_of_files_and_the_whole_tree_agree(tmp_path: Path) -> None:
    """pre-commit hands each batch of staged files to a process of its own, CI checks the
    whole tree: a page's findings must not depend on which other pages its run saw, so
    files are never counted; the records of a corpus in the same run still are."""
    pages = []
    for number in range(8):
        page = tmp_path / f"page-{number}.md"
        page.write_text(
            f"# Page {number}\n\nText of page {number}.\n\n{FOOTER.format(year=2017)}\n"
        )
        pages.append(str(page))
    whole = check_paths([str(tmp_path)], config=Config(select=("BP010",)))
    batches = [
        finding
        for batch in (pages[:3], pages[3:])
        for finding in check_paths(batch, config=Config(select=("BP010",))).findings
    ]
    assert whole.findings == () and batches == []
    make_shards(tmp_path, 200, footer_every=50)
    mixed = check_paths([str(tmp_path)], config=Config(select=("BP010",)))
    assert all(f.record is not None for f in mixed.findings)  # the pages are still left alone
    assert len(mixed.findings) == 100
