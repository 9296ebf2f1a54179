"""The alphabets LG003 reads letters against hold the letters their languages write."""

from __future__ import annotations

import json
import unicodedata

from hygiene.groups.lexicon import alphabets, han_letters, word_letters
from hygiene.text.scripts import main_script
from tests.conftest import FIXTURES

CATALOGUES = FIXTURES / "corpus" / "clean" / "django-5.2.19-catalogues.jsonl"
# Django's Belarusian catalogue writes the Russian и twice (имя, личбаў): typos, not Belarusian.
KNOWN_TYPOS = {"be": {"и"}}


def test_every_letter_a_catalogue_writes_in_its_script_is_in_its_alphabet() -> None:
    rows = [json.loads(line) for line in CATALOGUES.read_text(encoding="utf-8").splitlines()]
    checked = 0
    for code, letters in alphabets().items():
        script = main_script(next(iter(letters)))
        texts = [row["text"].lower() for row in rows if row["lang"] == code]
        written = {
            char
            for text in texts
            for char in text
            if unicodedata.category(char) in ("Ll", "Lo") and main_script(char) == script
        }
        assert written - letters == KNOWN_TYPOS.get(code, set()), code
        checked += bool(texts)
    assert checked == len(alphabets()) == 13


def test_alphabets_are_lower_case_letters_of_one_script() -> None:
    for code, letters in alphabets().items():
        assert all(unicodedata.category(char) in ("Ll", "Lo") for char in letters), code
        assert len({main_script(char) for char in letters}) == 1, code


def test_latin_letters_are_those_of_each_languages_common_words() -> None:
    letters = word_letters()
    assert len(letters) == 27
    assert "é" in letters["en"] and "ä" not in letters["en"]  # café, not Mädchen
    assert {"ñ", "á"} <= letters["es"] and "ị" not in letters["es"]
    assert {"ı", "ğ", "ş"} <= letters["tr"] and {"ő", "ű"} <= letters["hu"]
    assert set("abcdefghijklmnopqrstuvwxyz") <= letters["id"]
    assert all(main_script(char) == "Latin" for value in letters.values() for char in value)


def test_japanese_kanji_are_those_its_catalogue_writes_and_not_chinese_forms() -> None:
    rows = [json.loads(line) for line in CATALOGUES.read_text(encoding="utf-8").splitlines()]
    kanji = han_letters()["ja"]

    def han(code: str) -> set[str]:
        texts = (row["text"] for row in rows if row["lang"] == code)
        return {char for text in texts for char in text if main_script(char) == "Han"}

    assert han("ja") and han("ja") <= kanji  # every kanji of Django's Japanese admin
    for chinese in ("zh_Hans", "zh_Hant"):  # simplified and traditional forms: 们, 們, 设
        assert len(han(chinese) - kanji) > len(han(chinese)) / 5, chinese
    assert {"关", "们", "个", "關", "體", "單"}.isdisjoint(kanji)
    assert {"設", "定", "関", "体", "単", "渡", "邊"} <= kanji  # a name's old form too
