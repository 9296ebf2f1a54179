"""One leftover, one finding: adjacent stray paragraphs of one language are one LG003
finding with the run's span, and a page wholly in another language than it declares is
LG002's single finding, not one per paragraph. The pages are GNOME's help (``a11y-bouncekeys``
in English and German, ``fixtures/corpus/clean``)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from hygiene.api import check_text
from hygiene.config.settings import Config
from hygiene.core.finding import Finding

HELP_PAGES = Path(__file__).parent.parent / "fixtures" / "corpus" / "clean"
PAGE = "a11y-bouncekeys"


@cache
def paragraphs(language: str) -> list[str]:
    """The help page's paragraphs in ``language``."""
    corpus = HELP_PAGES / "gnome-user-docs-43.0.jsonl"
    for line in corpus.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["lang"] == language and row["page"] == PAGE:
            return [p for p in row["text"].split("\n\n") if p.strip()]
    raise AssertionError(f"no {language} page {PAGE}")


def check(text: str, select: tuple[str, ...] = ("LG",)) -> list[Finding]:
    """The findings of a Markdown page, its front matter's language read as a run reads it."""
    report = check_text(text, path="page.md", config=Config(select=select))
    return sorted(report.findings, key=lambda finding: finding.sort_key)


def test_a_page_left_untranslated_is_one_finding() -> None:
    english = paragraphs("en")
    text = "---\nlang: de\n---\n" + "\n\n".join(english) + "\n"
    found = check(text)
    assert [f.code for f in found] == ["LG002"]
    # Without LG002, LG003 says it once, over the whole text.
    (only,) = check(text, select=("LG003",))
    assert only.span.start == text.index(english[0])
    assert only.span.end == text.index(english[-1]) + len(english[-1])
    assert f"{len(english)} paragraphs" in only.message


def test_adjacent_stray_paragraphs_are_one_finding() -> None:
    german, english = paragraphs("de"), paragraphs("en")
    run = english[8:10]  # "You can turn bounce keys on and off ...", "Use the Acceptance delay ..."
    text = "\n\n".join([*german[:6], *run, *german[6:]]) + "\n"
    (finding,) = check(text)
    assert finding.code == "LG003"
    assert finding.span.start == text.index(run[0])
    assert finding.span.end == text.index(run[1]) + len(run[1])
    assert finding.message.startswith("English text in this German document")
    assert "2 paragraphs" in finding.message


def test_strays_apart_are_two_findings() -> None:
    german, english = paragraphs("de"), paragraphs("en")
    text = "\n\n".join([*german[:4], english[8], *german[4:7], english[9], *german[7:]]) + "\n"
    found = check(text)
    assert [f.code for f in found] == ["LG003", "LG003"]
    assert [text[f.span.start : f.span.end] for f in found] == [english[8], english[9]]
