"""BP011's furniture model: the package reads the fitted trees as scikit-learn did, and
the rule gives way to the boilerplate rule that names what it found."""

from __future__ import annotations

import pytest

from hygiene.api import Checker, check_text
from hygiene.config.settings import Config
from hygiene.groups.boilerplate.features import FEATURES, STRONG
from hygiene.groups.boilerplate.furniture import furniture_model
from hygiene.groups.boilerplate.interface import interface_words
from hygiene.groups.lexicon import read_lexicon

PARAGRAPH = "The ministers met in Mexico City on Thursday to discuss trade and migration."


def test_trees_give_the_probabilities_they_were_fitted_with() -> None:
    data = read_lexicon("furniture-model.json")
    assert data["features"] == list(FEATURES)
    assert len(data["checks"]) >= 10
    model = furniture_model()
    for features, expected in data["checks"]:
        assert model.probability(tuple(features)) == pytest.approx(expected, abs=1e-6)


def test_a_page_s_furniture_words_are_told_from_an_application_s_labels() -> None:
    vocabulary = interface_words()
    labels = ["security", "keyboard", "folders", "privacy"]  # what help pages' headings name
    scores = [vocabulary.score(word) for word in labels]
    assert all(scores) and not any(vocabulary.furniture_scores(labels, scores))
    furniture = ["share", "comments", "subscribe", "teilen", "kommentare"]
    scores = [vocabulary.score(word) for word in furniture]
    assert min(vocabulary.furniture_scores(furniture, scores)) >= STRONG


def test_a_line_a_pack_names_is_one_finding() -> None:
    checker = Checker(Config(select=("BP",), extend_select=("BP011",)))
    report = check_text(f"{PARAGRAPH}\n\nBack to top\n", checker=checker)
    assert [finding.code for finding in report.findings] == ["BP009"]


def test_the_message_says_what_the_line_shows() -> None:
    checker = Checker(Config(select=("BP011",)))
    report = check_text(f"{PARAGRAPH}\n\nEdit this page\n\n{PARAGRAPH}\n", checker=checker)
    (finding,) = report.findings
    assert "alone between paragraphs" in finding.message
    assert "interface words" in finding.message
    assert finding.fix is not None and finding.fix.safety == "unsafe"


def test_favouring_recall_reports_a_line_the_strict_thresholds_doubt() -> None:
    model = furniture_model()
    assert model.favour_recall.lines < model.strict.lines
    assert model.favour_recall.glued < model.strict.glued
    text = f"{PARAGRAPH}\n\nShow more details\n\n{PARAGRAPH}\n"  # scored between the two
    strict = Checker(Config(select=("BP011",)))
    assert not check_text(text, checker=strict).findings
    options = {"boilerplate.furniture": {"favour-recall": True}}
    favouring = Checker(Config(select=("BP011",), rules=options))
    (finding,) = check_text(text, checker=favouring).findings
    assert text[finding.span.start : finding.span.end] == "Show more details"
    subheading = f"{PARAGRAPH}\n\nBudget talks resume\n\n{PARAGRAPH}\n"
    assert not check_text(subheading, checker=favouring).findings
