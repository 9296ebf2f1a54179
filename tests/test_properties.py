"""Property tests: on any text the pipeline does not crash, spans stay inside, reports validate."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hygiene import schemas
from hygiene.api import Checker
from hygiene.config import Config
from hygiene.errors import InputError
from hygiene.loaders import document_from_bytes
from hygiene.packs import RuleSet

ALPHABET = st.characters(codec="utf-8") | st.sampled_from(
    list("\n\r \u00a0\u200b\u200d\u202e:WATCH коментарі 👩💻")
)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(alphabet=ALPHABET, max_size=300))
def test_any_text_gives_valid_report_with_spans_inside(ruleset: RuleSet, text: str) -> None:
    checker = Checker(Config(), ruleset)
    try:
        document = document_from_bytes(text.encode("utf-8"), "fuzz.txt")
    except InputError as error:  # valid UTF-8 is refused only when NULs make it look binary
        assert error.problem == "binary file, not checked"
        assert text.count("\0") * 10 > len(text.encode("utf-8"))
        return
    record, findings = checker.check(document)
    for finding in findings:
        span = finding.span
        assert 0 <= span.start <= span.end <= len(document.text)
        assert document.span(span.start, span.end) == span
        if finding.fix is not None:  # a fix changes its span, and only white space beside it
            text = document.text
            for edit in finding.fix.edits:
                assert 0 <= edit.start <= edit.end <= len(text)
                assert not text[edit.start : max(edit.start, span.start)].strip()
                assert not text[min(edit.end, span.end) : edit.end].strip()
    schemas.validator(schemas.REPORT).validate(checker.report([(record, findings)]).to_dict())
