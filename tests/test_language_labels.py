"""A language finding never names a language that is not written in the script it reports
(Han text is Chinese or Japanese, never Hungarian; Hiragana is Japanese; Cyrillic is a
Cyrillic-script language), whatever the evidence behind the name."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from hygiene.config.settings import Config
from hygiene.core.engine import check_document
from hygiene.groups.language.identifier import LANGUAGE_NAMES, fasttext_languages, language_name
from hygiene.groups.language.kinship import written_in
from hygiene.groups.lexicon import language_scripts, name_languages, read_lexicon
from hygiene.inputs.decoding import document_from_bytes
from hygiene.run.checker import Checker
from hygiene.text.scripts import KNOWN_SCRIPTS, main_script

HELD_OUT = Path(__file__).parent.parent / "fixtures" / "corpus" / "language" / "heldout.jsonl"
# Languages fastText can name that CLDR does not know: they are never named.
UNKNOWN_TO_CLDR = {"eml", "nah"}


@cache
def nameable() -> frozenset[str]:
    """Every language a finding can name: the identifier's, the table of names, and the
    languages of the label, language-name and function-word lexicons."""
    found = set(fasttext_languages()) | set(LANGUAGE_NAMES)
    for lexicon in ("ui-labels.json", "language-names.json", "stopwords-iso.json"):
        found |= {code.split("-")[0] for code in read_lexicon(lexicon)}
    return frozenset(found)


def test_every_language_the_rules_can_name_has_its_scripts() -> None:
    missing = sorted(code for code in nameable() if code not in language_scripts())
    assert missing == sorted(UNKNOWN_TO_CLDR & nameable())


@pytest.mark.parametrize("script", KNOWN_SCRIPTS)
def test_names_follow_scripts_for_every_language(script: str) -> None:
    """Over every language and script: a name is allowed exactly where CLDR writes the
    language in the script, and a language CLDR does not know is never named."""
    for code in sorted(nameable()):
        expected = script in language_scripts().get(code, frozenset())
        assert written_in(code, script) is expected, (code, script)


def test_the_scripts_are_the_ones_readers_know() -> None:
    scripts = language_scripts()
    assert scripts["ja"] == {"Han", "Hiragana", "Katakana"}
    assert scripts["hu"] == {"Latin"} and scripts["en"] >= {"Latin"}
    assert "Han" in scripts["zh"] and "Hiragana" not in scripts["zh"]
    assert {"Cyrillic", "Latin"} <= scripts["sr"]
    assert all(scripts[code] == {"Cyrillic"} for code in ("ru", "uk", "be", "bg", "mk"))


def _names() -> dict[str, str]:
    return {language_name(code): code for code in nameable()}


# LG001: "Latin text, English (fastText 0.86) in a Han-script document"; LG003: "Italian text
# in this English document"; LG002: "... but the text reads as Russian (...)".
_LG001 = re.compile(r"^(?P<script>\w+) text, (?P<names>.+?) \((?:interface label|its letters|\w)")
_LG003 = re.compile(r"^(?P<names>.+?) text in this ")


def _named(code: str, message: str) -> list[str]:
    pattern = _LG001 if code == "LG001" else _LG003
    match = pattern.match(message)
    if match is None or match["names"].startswith("text in another"):
        return []
    return match["names"].split(" or ")


def test_no_finding_on_the_held_out_documents_names_a_language_its_script_cannot_be() -> None:
    """Every language finding on 3,000 documents of 58 languages with leftovers of others:
    the language it names is written in the script of the text it reports."""
    checker = Checker(Config(select=("LG001", "LG003")))
    names = _names()
    named = 0
    for line in HELD_OUT.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        document = document_from_bytes(row["text"].encode("utf-8"), "document.txt")
        for finding in check_document(document, checker.ruleset.rules):
            text = row["text"][finding.span.start : finding.span.end]
            for name in _named(finding.code, finding.message):
                code = names.get(name, name)
                script = main_script(text)
                if finding.code == "LG001":
                    script = _LG001.match(finding.message)["script"]  # type: ignore[index]
                assert written_in(code, script), (finding.message, text[:80])
                named += 1
    assert named > 500  # the test reads names, not only unnamed findings


def test_hiragana_is_never_called_english() -> None:
    text = (
        "The talks ended without an agreement, and the two sides said that they would meet "
        "again next month.\n\nThe border and the trade between the two countries were on "
        "the table.\n\nこの列でソート\n"
    )
    document = document_from_bytes(text.encode("utf-8"), "document.txt")
    checker = Checker(Config(select=("LG001",)))
    (finding,) = check_document(document, checker.ruleset.rules)
    assert finding.message.startswith(("Hiragana text", "Katakana text", "Han text"))
    assert "English" not in finding.message.split(" in a ")[0]


def test_two_latin_letters_name_no_language() -> None:
    """A language picker writes names (Deutsch, 中文); two Latin letters are a code or a
    word (pnpm's setting ``ci``), whatever a name list holds."""
    assert name_languages("Deutsch") == {"de"}
    assert "zh" in name_languages("中文")
    assert name_languages("ci") == frozenset() and name_languages("Ci") == frozenset()
