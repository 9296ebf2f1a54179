"""Quotations, speakers, source credits and source fields: the provenance group."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from hygiene.core.segment import Segmenter
from hygiene.groups.provenance.sources import DocumentProvenance, provenance_of
from hygiene.inputs.decoding import document_from_bytes
from tests.conftest import run_cli


def provenance(text: str) -> DocumentProvenance:
    document = document_from_bytes(text.encode("utf-8"), "doc.txt")
    return provenance_of(document, Segmenter(document.text))


def quoted(text: str) -> list[str]:
    return [text[q.quotation.start : q.quotation.end] for q in provenance(text).quotations]


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        ("“Outer ‘inner’ words,” she said.", ["“Outer ‘inner’ words,”"]),
        ("O’Neil’s view: “don’t go,” she said.", ["“don’t go,”"]),
        ("„Das ist gut“, sagte er.", ["„Das ist gut“"]),
        ("„To jest dobre” – powiedział.", ["„To jest dobre”"]),
        ("”Det är bra”, sade hon.", ["”Det är bra”"]),
        ("«Это хорошо», — сказал он.", ["«Это хорошо»"]),
        ("「いいですね」と述べた。", ["「いいですね」"]),
        ("— Vamos a ganar — dijo el ministro.", ["— Vamos a ganar"]),
        ('"Straight quotes," he said.', ['"Straight quotes,"']),
    ],
    ids=["nested", "apostrophes", "de", "pl", "sv", "ru", "ja", "dialogue-dash", "straight"],
)
def test_quotation_marks_of_many_languages(text: str, quotes: list[str]) -> None:
    assert quoted(text) == quotes
    assert provenance(text).strays == ()


def test_a_quote_over_paragraphs_reopens_and_closes_once() -> None:
    text = "He said: “First part.\n\n“Second part.\n\n“Last part,” he added."
    (quote,) = provenance(text).quotations
    assert quote.quotation.paragraphs == 3
    assert text[quote.quotation.start : quote.quotation.end].endswith("Last part,”")
    assert quote.attribution == "named"


def test_credits_name_the_agency_and_the_outlet() -> None:
    found = provenance(
        "WASHINGTON (Reuters) - Talks ended.\n\n“It went well,” she told VOA.\n\n"
        "Photo: AP Photo/Jeff Chiu\n\nCopyright 2017 Voice of America. All rights reserved."
    )
    assert [(c.kind, c.source) for c in found.credits] == [
        ("dateline", "Reuters"),
        ("told", "VOA"),
        ("photo", "AP"),
        ("copyright", "Voice of America"),
    ]


def test_jsonl_source_fields_are_checked_and_reported(tmp_path: Path) -> None:
    text = "The talks ended on Thursday."
    good = {"id": "a", "text": text, "url": "https://voanews.com/a", "source": "VOA",
            "license": "public-domain", "date": "2017-02-23",
            "sha256": hashlib.sha256(text.encode()).hexdigest()}  # fmt: skip
    bad = {"id": "b", "text": text, "url": "voanews.com", "date": "yesterday", "sha256": "0" * 64}
    (tmp_path / "shard.jsonl").write_text(
        "".join(json.dumps(record) + "\n" for record in (good, bad)), "utf-8"
    )
    result = run_cli("check", "shard.jsonl", "--extend-select", "PV004", "--format", "json",
                     cwd=tmp_path)  # fmt: skip
    report = json.loads(result.stdout)
    found = sorted((f["record"]["id"], f["code"], f["message"].split(":")[0])
                   for f in report["findings"])  # fmt: skip
    assert found == [
        ("b", "PV004", "required source field 'license' is missing"),
        ("b", "PV004", "required source field 'source' is missing"),
        ("b", "PV005", "source field 'date' is not a date in ISO 8601 or the date-formats option"),
        ("b", "PV005", "source field 'url' is not an http(s) URL with a host"),
        ("b", "PV006", "declared sha256 000000000000… does not match the text (dda8271e4e1c…)"),
    ]
    sources = [document["provenance"]["sources"] for document in report["documents"]]
    assert sources[0]["source"] == "VOA" and sources[1]["url"] == "voanews.com"


@pytest.mark.parametrize(
    ("text", "kind", "attribution", "speaker"),
    [
        ("„Me ei maksa müüri eest ja pole seda lubanud“, ütles minister.", "quote", "named",
         "ütles minister"),
        ("Ministrs: “Mēs nemaksāsim par mūri un nekad to neesam solījuši.”", "quote", "named",
         "Ministrs"),
        ("The minister told reporters:\n\n“We will not pay for the wall, and never said so.”",
         "quote", "named", "The minister told reporters"),
        ("“We will not pay for the wall, and we never said we would.”\n\n— Luis Videgaray",
         "quote", "named", "Luis Videgaray"),
        ("“We adopted it for our whole REST service and it served us well.”\n\n"
         "Kabir Khan - Microsoft", "quote", "named", "Kabir Khan - Microsoft"),
        ("Select “Sign off and propose changes and then wait” in the menu.", "term", "none",
         None),
        ("The talks ended.\n\n“We will not pay for the wall, and we never said we would.”\n\n"
         "With Ruby installed, install Jekyll from the terminal now.", "quote", "none", None),
    ],
    ids=["tail-clause", "lead-in", "lead-in-above", "credit-dash", "credit-names", "embedded",
         "alone"],
)  # fmt: skip
def test_the_shape_of_a_sentence_tells_speech_and_its_speaker(
    text: str, kind: str, attribution: str, speaker: str | None
) -> None:
    (quote,) = provenance(text).quotations
    assert (quote.kind, quote.attribution, quote.speaker) == (kind, attribution, speaker)


def test_a_quotation_split_by_markup_closes_in_the_next_paragraph() -> None:
    text = 'Newbies always ask\n\n"Elements or attributes?\n\nWhich will serve me best?"\n\nDone.'
    found = provenance(text)
    assert found.strays == ()
    assert [q.quotation.paragraphs for q in found.quotations] == [2]
