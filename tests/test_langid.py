"""The language identifiers: fastText by default, langdetect on request, both repeatable."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from hygiene.api import Checker
from hygiene.config.settings import Config, load_config
from hygiene.core.errors import ConfigError
from hygiene.core.segment import Segment
from hygiene.groups.language.evidence import majority_language
from hygiene.groups.language.identifier import Identifier, fasttext_scores, langdetect_sample_scores
from hygiene.inputs.decoding import document_from_bytes
from tests.conftest import run_cli

GERMAN = (
    "Bitte ein gültiges Kürzel, bestehend aus Buchstaben, Ziffern, Unterstrichen und "
    "Bindestrichen, eingeben.\n\nBitte nur durch Komma getrennte Ziffern eingeben.\n\n"
    "Dieses Feld darf nicht null sein.\n\n"
)
SPANISH = "Introduzca una dirección de correo electrónico válida, por favor, y vuelva a intentarlo."


def test_fasttext_names_the_seed_leftover_ukrainian() -> None:
    scores = fasttext_scores("коментарі читачів:")
    assert max(scores, key=scores.__getitem__) == "uk"
    assert scores["uk"] > 0.9


def test_fasttext_reads_text_over_several_lines() -> None:
    # the model takes one line; a paragraph's line breaks must not raise
    assert fasttext_scores("Dieses Feld darf\nnicht null sein.")["de"] > 0.5
    assert fasttext_scores(" \n ") == {}


@pytest.mark.parametrize("name", ["fasttext", "langdetect"])
def test_either_identifier_finds_a_stray_sentence(name: str) -> None:
    checker = Checker(Config(select=("LG003",), language_identifier=name))
    document = document_from_bytes((GERMAN + SPANISH).encode("utf-8"), "page.txt")
    _, findings = checker.check(document)
    assert [f.excerpt for f in findings] == [SPANISH]
    assert ("fastText" if name == "fasttext" else "langdetect") in findings[0].message


def test_langdetect_is_seeded_so_runs_repeat() -> None:
    identifier = Identifier("langdetect", seed=7)
    text = "Immigration, deportation"  # short: unseeded, langdetect's answer varies
    first = dict(identifier.scores(text))
    langdetect_sample_scores.cache_clear()
    assert dict(identifier.scores(text)) == first
    assert identifier.guess("Ceci est une phrase en français, assez longue.") is not None


def test_an_unknown_identifier_is_a_configuration_error(tmp_path: Path) -> None:
    folder = tmp_path
    (folder / "hygiene.toml").write_text('language-identifier = "cld3"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="language-identifier"):
        load_config(folder / "hygiene.toml")


def test_a_missing_fasttext_is_one_line_naming_the_way_out(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(GERMAN + SPANISH, encoding="utf-8")
    result = run_cli("check", str(page), prelude="import sys\nsys.modules['fasttext'] = None")
    assert result.returncode == 2
    lines = result.stderr.decode("utf-8").splitlines()
    assert len(lines) == 1 and "Traceback" not in lines[0]
    assert 'language-identifier = "langdetect"' in lines[0]


class _Asked:
    """The real identifier, recording the texts it is asked about."""

    def __init__(self, name: str) -> None:
        self.identifier = Identifier(name)
        self.texts: list[str] = []

    def scores(self, text: str) -> Mapping[str, float]:
        self.texts.append(text)
        return self.identifier.scores(text)


@pytest.mark.parametrize("name", ["fasttext", "langdetect"])
def test_the_majority_vote_stops_when_the_rest_cannot_change_it(name: str) -> None:
    german = [p for p in GERMAN.split("\n\n") if p]
    texts = [*german, *german, SPANISH, SPANISH]  # six German votes, then two Spanish
    paragraphs = [Segment("paragraph", 0, len(t), t, number) for number, t in enumerate(texts)]
    asked = _Asked(name)
    majority = majority_language(paragraphs, asked)  # type: ignore[arg-type]
    assert majority is not None and majority.language == "de" and majority.share > 0.9
    # Each vote is at most one: once German leads by more than the paragraphs left, the
    # Spanish ones are not asked.
    assert len(asked.texts) <= len(german) * 2
    assert asked.texts == texts[: len(asked.texts)]
    # Where the remaining votes could change it, every paragraph is asked.
    alternating = [paragraphs[0], paragraphs[-1], paragraphs[1], paragraphs[-2], paragraphs[2]]
    close = _Asked(name)
    majority = majority_language(alternating, close)  # type: ignore[arg-type]
    assert majority is not None and majority.language == "de"
    assert close.texts == [p.text for p in alternating]


class _ReadsRussian:
    """An identifier that reads every Cyrillic paragraph as mostly Russian, as fastText
    reads many a Serbian help page."""

    def scores(self, text: str) -> Mapping[str, float]:
        return {"ru": 0.7, "sr": 0.2, "bg": 0.1}


def test_the_document_language_writes_the_letters_the_document_writes_throughout() -> None:
    serbian = [
        "Изаберите мрежу на коју желите да се повежете.",
        "Ако мрежа није на списку, кликните Још мрежа.",
        "Унесите лозинку мреже и кликните Повежи се.",
    ]  # љ, њ, ђ, ј: letters Russian does not write
    paragraphs = [Segment("paragraph", 0, len(t), t, n) for n, t in enumerate(serbian)]
    majority = majority_language(paragraphs, _ReadsRussian())  # type: ignore[arg-type]
    assert majority is not None and majority.language == "sr"
    # One paragraph's letters are not the page's: a Serbian leftover in a Russian page.
    russian = ["Выберите сеть, к которой хотите подключиться.", "Введите пароль сети."]
    texts = [*russian, serbian[0]]
    paragraphs = [Segment("paragraph", 0, len(t), t, n) for n, t in enumerate(texts)]
    majority = majority_language(paragraphs, _ReadsRussian())  # type: ignore[arg-type]
    assert majority is not None and majority.language == "ru"


def _word(number: int) -> str:
    """a, b, ..., z, ba, bb, ...: a distinct word for each number."""
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters = chr(ord("a") + digit) + letters
        if not number:
            return letters


COMENTARIOS = (
    "LG003",
    7,
    "Spanish text in this English document (Galician or Spanish interface label), "
    "in the middle of the document",
)


@pytest.mark.parametrize(
    ("mark", "also"),
    [
        # fastText calls the '’'-joined run German (0.68), but it is no German word: a few
        # words the identifier names are that language's only where its word list agrees.
        ("-", []),
        ("'", []),
        ("’", []),
    ],
    ids=["hyphen", "apostrophe", "right-single-quotation-mark"],
)  # fmt: skip
def test_words_joined_into_one_long_word_are_judged_as_before(
    mark: str, also: list[tuple[str, int, str]]
) -> None:
    # 20,000 words joined by '-', "'" or '’' are one word, but the interface-label lookup
    # tried every count of their first words (4 s here; 800 KB, over 100 s); a long run
    # of letters and an '@' (line 9) made the address pattern try every position.
    joined = "l" + mark + mark.join(_word(number) for number in range(20_000))
    text = (
        "The talks ended without an agreement on Monday, officials said.\n\n"
        "The two sides will meet again next month to discuss the border.\n\n"
        f"{joined}\n\nComentarios\n\n{'x' * 20_000}@\n"
    )
    document = document_from_bytes(text.encode("utf-8"), "page.txt")
    _, findings = Checker(Config(select=("LG",))).check(document)
    assert [(f.code, f.span.line, f.message) for f in findings] == [*also, COMENTARIOS]


def test_han_alone_names_neither_chinese_nor_japanese() -> None:
    """Only kana tell Japanese from Chinese: a finding never names a language its letters
    cannot show."""
    from hygiene.groups.language.kinship import written_as

    assert not written_as("ja", "动态组件，初始渲染时带有过渡模式", ("zh",))
    assert written_as("ja", "これは日本語の説明です", ("zh",))
    assert not written_as("zh", "これは日本語の説明です", ("en",))
    assert not written_as("zh-CN", "概要", ("ja",))  # kanji alone is Japanese too
    assert written_as("zh", "动态组件", ("en",))
    assert written_as("fr", "Bonjour à tous", ("en",))
