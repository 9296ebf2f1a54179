"""Hostile inputs that once took time growing with the square of their size (issue #27).

Each test asserts what the rules find, or that a check completes without a rule stopped
by its timeout; none measures time (benchmarks/linearity.py does).
"""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from hygiene.api import Checker
from hygiene.config.settings import Config
from hygiene.core.errors import InputError
from hygiene.core.finding import Finding
from hygiene.core.rule import RuleContext
from hygiene.core.segment import Segmenter
from hygiene.groups.encoding import diff, mojibake
from hygiene.groups.encoding import rules as encoding
from hygiene.groups.language import evidence
from hygiene.inputs.decoding import document_from_bytes
from hygiene.registry.kinds import pattern


def check(text: str, select: str, path: str = "hostile.txt") -> list[Finding]:
    """The findings of the rules ``select`` picks; no rule may be stopped by its timeout."""
    errors: list[InputError] = []
    document = document_from_bytes(text.encode("utf-8"), path)
    _, findings = Checker(Config(select=(select,)), describe=False).check(document, errors)
    assert errors == []
    return findings


def test_a_line_dense_with_c1_controls_is_one_damage_repaired_through_windows_1252() -> None:
    # 'a\x93' * 1000 took 42 s: the diff that locates ftfy's changes compared every 'a'
    # with every other on each of its 2,000 passes.
    line = "a\x93" * 1000
    findings = check(f"{line}\n{line}b\n", "EN002")
    assert [(f.code, f.span.line, f.span.column, f.span.end_column) for f in findings] == [
        ("EN002", 1, 2, 2001),
        ("EN002", 2, 2, 2001),
    ]
    for finding in findings:
        assert finding.fix is not None and finding.fix.safety == "safe"
        replacement = line[1:].encode("latin-1").decode("cp1252")
        assert [edit.replacement for edit in finding.fix.edits] == [replacement]


def test_damage_that_changes_the_number_of_words_is_found_run_by_run() -> None:
    # 'Â ' (a no-break space read as Latin-1) is two words that the repair makes one white
    # space: the words no longer pair up, and their diff took 3.6 s on 1,800 characters.
    line = "a Â b " * 300
    found = mojibake.find_damage(line)
    assert [(d.start, d.end) for d in found] == [(6 * i + 2, 6 * i + 4) for i in range(300)]
    assert {(d.damaged, d.repair, d.kind) for d in found} == {("Â ", "\xa0", "utf8-as-latin1")}


def test_a_long_line_of_words_each_with_a_c1_control_reports_each_control() -> None:
    # Asking every damage about every control grew with the square of the line's length.
    line = "".join(f"a{i}\x93 " for i in range(3_000))
    findings = check(line + "\n", "EN002")
    starts = [f.span.start for f in findings]
    assert starts == [match.start() for match in regex.finditer("\x93", line)]
    assert {f.message for f in findings} == {
        "C1 control (Windows-1252 characters read as Latin-1 C1 controls): reads as '“'"
    }


def test_a_long_run_of_letters_before_a_question_mark_is_no_lost_character() -> None:
    # '\S*(?:://|www\.|[=&/])\S*' tried every position of the run: 32,000 letters took 18 s.
    text = "x" * 50_000 + "?\nna?ve http://example.com/?q=x Dobr?den\n"
    findings = check(text, "EN005")
    assert [(f.span.line, f.excerpt) for f in findings] == [(2, "?"), (2, "?")]
    assert [f.span.column for f in findings] == [3, 35]


ADDRESS_PIECES = ["a", " ", "/", ":", "w", ".", "=", "&", "\n", "\u00a0", "?", "www.", "://", "@"]


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(ADDRESS_PIECES), max_size=20).map("".join))
def test_address_patterns_match_what_their_slower_forms_matched(text: str) -> None:
    urlish = regex.compile(r"\S*(?:://|www\.|[=&/])\S*")
    address = regex.compile(r"\S+://\S+|www\.\S+|\S+@\S+\.\S+")
    assert [m.span() for m in encoding.URLISH.finditer(text)] == [
        m.span() for m in urlish.finditer(text)
    ]
    assert evidence.URL.sub(" ", text) == address.sub(" ", text)


@settings(max_examples=300, deadline=None)
@given(
    spans=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 8)), max_size=6),
    text=st.text(alphabet="ab", max_size=40),
)
def test_matches_outside_spans_are_those_no_span_holds(
    spans: list[tuple[int, int]], text: str
) -> None:
    spans = [(start, start + length) for start, length in spans]
    matches = list(regex.finditer("a", text))
    expected = [m for m in matches if not any(low <= m.start() < high for low, high in spans)]
    assert list(encoding.matches_outside(matches, spans)) == expected


@settings(max_examples=300, deadline=None)
@given(
    first=st.text(alphabet="ab\x93“é ", max_size=60),
    second=st.text(alphabet="ab\x93“é ", max_size=60),
)
def test_a_diff_past_its_budget_still_turns_one_side_into_the_other(
    first: str, second: str
) -> None:
    for budget in (diff.DIFF_BUDGET, 0):  # difflib's diff, and the anchored one
        rebuilt = ""
        for tag, i1, i2, j1, j2 in diff.opcodes(first, second, diff.Budget(budget)):
            assert (tag == "equal") == (first[i1:i2] == second[j1:j2] and i1 < i2)
            rebuilt += second[j1:j2]
        assert rebuilt == second


def test_c1_damage_found_in_pieces_joins_across_them() -> None:
    # A line longer than a piece (find_damage) still gives one damage per damaged run.
    line = " ".join(f"w{i} caf\u00c3\u00a9" for i in range(1_000))
    found = mojibake.find_damage(line)
    assert len(found) == 1_000
    assert {(d.damaged, d.repair) for d in found} == {("\u00c3\u00a9", "é")}


def test_a_large_document_with_one_no_break_space_is_checked_to_the_end() -> None:
    # The allow patterns of UC002 and UC004 ran once over the whole document, and their
    # timeout stopped the rule on a document of 10 MB; each piece is now its own search.
    line = "The talks ended without an agreement, officials said on Monday.\n"
    count = 3 * pattern.PIECE // len(line)
    text = line * count + "the United States\u00a0all pass\u200bword\n" + line * 10
    findings = check(text, "UC")
    assert [(f.code, f.span.line, f.span.column) for f in findings] == [
        ("UC004", count + 1, 18),
        ("UC002", count + 1, 27),
    ]


PIECE_TEXT = [*"ab \n:«»%3.", "\u00a0", "\u200b", "\u200d", "\U0001f469", "\u0645", "\u0e01"]


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(PIECE_TEXT), max_size=200))
def test_patterns_searched_in_pieces_find_what_one_search_finds(text: str) -> None:
    spec = {
        "pattern": "[\u00a0\u200b\u200d]",
        "allow": ["\u00a0[:%»]", "[«]\u00a0", r"\d\u00a0(?=\p{L})", "\U0001f469\u200d",
                  r"[\p{Arabic}\p{Thai}]\u200b(?=[\p{Arabic}\p{Thai}])"],
        "message": "{char}",
    }  # fmt: skip
    compiled = pattern.compile_pattern(spec)
    document = document_from_bytes(text.encode("utf-8"), "piece.txt")
    segments = Segmenter(document.text)
    ctx = RuleContext(document, segments, compiled.options)

    def hits() -> list[tuple[int, int]]:
        segment = segments.get("document")[0]
        return [(hit.start, hit.end) for hit in compiled.check(segment, ctx)]

    whole = hits()
    piece, reach = pattern.PIECE, pattern.PIECE_REACH
    try:
        pattern.PIECE, pattern.PIECE_REACH = 7, 3
        assert hits() == whole
    finally:
        pattern.PIECE, pattern.PIECE_REACH = piece, reach
