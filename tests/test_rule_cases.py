"""Run every case in fixtures/rules/<CODE>.toml: ``pytest -k BP001`` runs one rule's cases.

A ``fire`` case lists exactly the findings the rule must report (line, column,
excerpt); a ``pass`` case must give none; a ``known-failure`` case says which way it
``should`` go (``fire`` or ``pass``) and runs as a strict xfail. A case for a rule that
compares documents (BP010) lists the run's ``other`` documents.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from hygiene.api import Checker
from hygiene.config.settings import Config
from hygiene.core.corpus import count_documents
from hygiene.core.document import Record
from hygiene.core.rule import BYTES_EXAMPLE, example_bytes
from hygiene.inputs.decoding import document_from_bytes
from hygiene.registry.packs import RuleSet
from tests.conftest import FIXTURES

CASE_DIR = FIXTURES / "rules"
CASE_FILES = sorted(CASE_DIR.glob("*.toml"))


def _cases() -> list[Any]:
    params = []
    for path in CASE_FILES:
        code = path.stem
        cases = tomllib.loads(path.read_text(encoding="utf-8"))
        for kind in ("fire", "pass", "known-failure"):
            for number, case in enumerate(cases.get(kind, []), 1):
                marks = []
                if kind == "known-failure":
                    marks.append(pytest.mark.xfail(reason=case["reason"], strict=True))
                params.append(pytest.param(code, case, id=f"{code}-{kind}-{number}", marks=marks))
    return params


def found(
    ruleset: RuleSet,
    code: str,
    text: str | bytes,
    path: str = "case.txt",
    other: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """The findings of one rule on ``text``, as line, column and excerpt.

    The default rules run too: the suppression rule judges directives by what they hid.
    A case gives ``text``, or ``bytes`` with Python escapes for rules about encodings.
    """
    checker = Checker(Config(extend_select=(code,)), ruleset)
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    document = document_from_bytes(data, path)
    if other:  # the case is a record of a corpus whose other records are ``other``
        document = replace(document, record=Record(1, None, "text"))
        others = (
            replace(document_from_bytes(t.encode("utf-8"), path), record=Record(n, None, "text"))
            for n, t in enumerate(other, 2)
        )
        checker.use_counts(count_documents([document, *others]))
    _, findings = checker.check(document)
    return [
        {"line": f.span.line, "column": f.span.column, "excerpt": f.excerpt}
        for f in findings
        if f.code == code
    ]


@pytest.mark.parametrize(("code", "case"), _cases())
def test_case(ruleset: RuleSet, code: str, case: dict[str, Any]) -> None:
    data = example_bytes(BYTES_EXAMPLE + case["bytes"]) if "bytes" in case else case["text"]
    got = found(ruleset, code, data, case.get("path", "case.txt"), case.get("other", ()))
    if "should" in case:  # a known failure states only which way it should go
        assert bool(got) == (case["should"] == "fire")
    else:
        assert got == case.get("expect", [])


def test_every_case_file_names_a_rule(ruleset: RuleSet) -> None:
    codes = {rule.code for rule in ruleset.rules}
    assert {Path(path).stem for path in CASE_FILES} <= codes


def test_fire_cases_state_expectations() -> None:
    for path in CASE_FILES:
        for case in tomllib.loads(path.read_text(encoding="utf-8")).get("fire", []):
            assert case["expect"], f"{path.name}: a fire case without expected findings"
