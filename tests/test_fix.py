"""``hygiene fix``: safe fixes only, bytes outside the fixes untouched, nothing ever lost."""

from __future__ import annotations

import codecs
import os
import stat
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from hygiene.api import Checker
from hygiene.config.settings import Config
from hygiene.core.document import Document
from hygiene.core.finding import Finding
from hygiene.gate.fix import fix_document
from hygiene.inputs.decoding import document_from_bytes
from hygiene.registry.packs import RuleSet
from tests.conftest import run_cli

NBSP = "\u00a0"


def test_fix_keeps_bom_crlf_and_mode(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    original = f"Title\r\n\r\nwide{NBSP}gap and a bell\x07 here\r\nWATCH: Kept (unsafe)\r\n"
    path.write_bytes(codecs.BOM_UTF8 + original.encode("utf-8"))
    path.chmod(0o640)
    result = run_cli("fix", "doc.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.decode() == "hygiene: fixed 2 findings in 1 files\n"
    expected = "Title\r\n\r\nwide gap and a bell here\r\nWATCH: Kept (unsafe)\r\n"
    assert path.read_bytes() == codecs.BOM_UTF8 + expected.encode("utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["doc.md"]  # no temporary file left


def test_fix_keeps_utf16(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + f"a{NBSP}b\n".encode("utf-16-le"))
    assert run_cli("fix", "doc.txt", cwd=tmp_path).returncode == 0
    assert path.read_bytes() == codecs.BOM_UTF16_LE + "a b\n".encode("utf-16-le")


def test_diff_shows_invisible_characters_escaped_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(f"one{NBSP}two\n", encoding="utf-8")
    result = run_cli("fix", "--diff", "doc.txt", cwd=tmp_path)
    assert result.returncode == 1
    # The removed line shows its no-break space escaped, as the text report does: the two
    # lines must not look alike.
    assert result.stdout.decode() == (
        "--- a/doc.txt\n+++ b/doc.txt\n@@ -1 +1 @@\n-one\\u00a0two\n+one two\n"
    )
    assert path.read_text(encoding="utf-8") == f"one{NBSP}two\n"
    assert run_cli("fix", "--diff", "doc.txt", "--ignore", "UC004", cwd=tmp_path).returncode == 0


def test_unsafe_fixes_need_the_flag(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text("Total: \u202e100 USD\n", encoding="utf-8")
    run_cli("fix", "doc.txt", cwd=tmp_path)
    assert path.read_text(encoding="utf-8") == "Total: \u202e100 USD\n"
    run_cli("fix", "--unsafe-fixes", "doc.txt", cwd=tmp_path)
    assert path.read_text(encoding="utf-8") == "Total: 100 USD\n"


def test_read_only_file_is_an_error_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(f"one{NBSP}two\n", encoding="utf-8")
    path.chmod(0o444)
    other = tmp_path / "other.txt"
    other.write_text(f"three{NBSP}four\n", encoding="utf-8")
    result = run_cli("fix", "doc.txt", "other.txt", cwd=tmp_path)
    assert result.returncode == 3
    assert "hygiene: error: doc.txt: file is read-only, not fixed" in result.stderr.decode()
    assert path.read_text(encoding="utf-8") == f"one{NBSP}two\n"
    assert other.read_text(encoding="utf-8") == "three four\n"  # the others are still fixed


def test_symlink_target_is_fixed_and_link_stays(tmp_path: Path) -> None:
    target = tmp_path / "target.txt"
    target.write_text(f"one{NBSP}two\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target.name)
    assert run_cli("fix", "link.txt", cwd=tmp_path).returncode == 0
    assert link.is_symlink() and os.readlink(link) == "target.txt"
    assert target.read_text(encoding="utf-8") == "one two\n"


ALPHABET = st.sampled_from(list("ab \n\r\t:.WATCH\u00a0\u0007\u200b\u202e👩\u200d💻"))


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(alphabet=ALPHABET, max_size=80), unsafe=st.booleans())
def test_fixing_is_idempotent_and_local(ruleset: RuleSet, text: str, unsafe: bool) -> None:
    # Character fixes only: deleting boilerplate lines is its own property, below.
    checker = Checker(Config(ignore=("BP",)), ruleset)

    def check(document: Document) -> list[Finding]:
        return checker.check(document)[1]

    document = document_from_bytes(text.encode("utf-8"), "doc.txt")
    first = fix_document(document, check, unsafe)
    again = fix_document(document_from_bytes(first.after.encode("utf-8"), "doc.txt"), check, unsafe)
    assert again.after == first.after and again.applied == 0
    # Only characters that fixes remove or replace may go; a fix brings in only spaces.
    # (Counted as multisets: an alignment of the two texts could be ambiguous.)
    fixable = set("\u00a0\u0007" + ("\u200b\u202e\u200d" if unsafe else ""))
    removed = Counter(text) - Counter(first.after)
    added = Counter(first.after) - Counter(text)
    assert set(removed) <= fixable, removed
    assert set(added) <= {" "}, added


def test_windows_1252_crlf_file_is_fixed_in_its_own_encoding(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    original = "Caf\xe9 cr\xe8me\r\nTom &amp; Jerry\xa0are \u201cfriends\u201d\r\n"
    path.write_bytes(original.encode("cp1252"))
    result = run_cli("fix", "legacy.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    expected = "Caf\xe9 cr\xe8me\r\nTom & Jerry are \u201cfriends\u201d\r\n"
    assert path.read_bytes() == expected.encode("cp1252")


def test_mojibake_is_repaired_keeping_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(codecs.BOM_UTF8 + "Le caf\xc3\xa9 doesn\xe2\u20ac\u2122t\r\nok\r\n".encode())
    assert run_cli("fix", "doc.txt", cwd=tmp_path).returncode == 0
    assert path.read_bytes() == codecs.BOM_UTF8 + "Le café doesn’t\r\nok\r\n".encode()


def test_a_file_with_undecodable_bytes_is_never_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    data = (
        "Caf\xe9 au lait, cr\xe8me, na\xefve, d\xe9j\xe0 ".encode() + b"\xff" + f"x{NBSP}y".encode()
    )
    path.write_bytes(data)
    result = run_cli("fix", "doc.txt", cwd=tmp_path)
    assert result.returncode == 3
    assert "doc.txt: has undecodable bytes; not fixed" in result.stderr.decode()
    assert path.read_bytes() == data


def test_a_repair_the_file_encoding_cannot_hold_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    # UTF-8 bytes of 'привет' in a Windows-1252 file read as 'Ð¿Ñ€Ð¸Ð²ÐµÑ‚': the repair is
    # Cyrillic, which Windows-1252 cannot hold.
    data = b"Il a dit\xa0: " + "привет".encode() + b", caf\xe9."
    path.write_bytes(data)
    result = run_cli("fix", "--encoding", "cp1252", "doc.txt", cwd=tmp_path)
    assert result.returncode == 3
    assert "which cp1252 cannot encode; not fixed" in result.stderr.decode()
    assert path.read_bytes() == data


MOJIBAKE = st.sampled_from(
    ["Ã©", "â€™", "Ð¿Ñ€", "Ã¢â‚¬â„¢", "\x93", "&amp;", "ÄŒ", "é", "’", " ", "\n"]
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pieces=st.lists(MOJIBAKE | st.text(alphabet="abc XYZ.", max_size=4), max_size=12),
       unsafe=st.booleans())  # fmt: skip
def test_mojibake_repairs_are_idempotent(ruleset: RuleSet, pieces: list[str], unsafe: bool) -> None:
    checker = Checker(Config(), ruleset)

    def check(document: Document) -> list[Finding]:
        return checker.check(document)[1]

    text = "".join(pieces)
    first = fix_document(document_from_bytes(text.encode("utf-8"), "doc.txt"), check, unsafe)
    again = fix_document(document_from_bytes(first.after.encode("utf-8"), "doc.txt"), check, unsafe)
    assert again.after == first.after and again.applied == 0


def test_a_repair_through_two_legacy_codecs_is_not_safe(ruleset: RuleSet) -> None:
    """Once the entity beside it is fixed, ftfy reads ``â€™Ã¢â‚¬â„¢`` through Windows-1252
    and then MacRoman into Armenian and Arabic letters: the plan round-trips, yet a text
    mis-read by two different codecs is a guess, so the fix waits for --unsafe."""
    checker = Checker(Config(), ruleset)

    def check(document: Document) -> list[Finding]:
        return checker.check(document)[1]

    first = fix_document(document_from_bytes("é&â€™Ã¢â‚¬â„¢".encode(), "doc.txt"), check, False)
    assert first.after == "é&â€™Ã¢â‚¬â„¢" and first.applied == 0
    (damage,) = [f for f in check(document_from_bytes(first.after.encode(), "d.txt"))
                 if f.code == "EN001"]  # fmt: skip
    assert damage.fix is not None and damage.fix.safety == "unsafe"


LINES = st.sampled_from([
    "The talks ended on Thursday.", "Advertisement", "Share", "Tweet", "Email",
    "WATCH: Trump on Mexico relations", "Back to top", "", "Officials said they would resume.",
    "READ MORE: Tillerson meets Videgaray", "12 Comments", "© 2017 VOA. All rights reserved.",
])  # fmt: skip


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=st.lists(LINES, max_size=12), newline=st.sampled_from(["\n", "\r\n"]))
# Two adjacent lines to delete, and a third whose deletion would expose "Share": the
# careful way must still reach the second, or fixing again deletes it.
@example(
    lines=["Advertisement", "Advertisement", "The talks ended on Thursday.", "", "Share", "",
           "Advertisement"],
    newline="\n",
)  # fmt: skip
def test_deleting_boilerplate_lines_keeps_the_rest_in_order(
    ruleset: RuleSet, lines: list[str], newline: str
) -> None:
    checker = Checker(Config(select=("BP",)), ruleset)

    def check(document: Document) -> list[Finding]:
        return checker.check(document)[1]

    text = newline.join(lines)
    fixed = fix_document(document_from_bytes(text.encode("utf-8"), "doc.txt"), check, True)
    again = fix_document(document_from_bytes(fixed.after.encode("utf-8"), "doc.txt"), check, True)
    assert again.after == fixed.after and again.applied == 0
    kept = iter(text.split(newline))
    assert all(line in kept for line in fixed.after.split(newline) if line)  # a subsequence
    assert "\r\n" not in fixed.after or newline == "\r\n"
    assert text.startswith(newline) or not fixed.after.startswith(newline)


def test_boilerplate_lines_go_only_with_unsafe_fixes_and_show_in_the_diff(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    text = "The talks ended on Thursday.\n\nAdvertisement\n\nOfficials said they would resume.\n"
    path.write_text(text, encoding="utf-8")
    assert run_cli("fix", "doc.md", cwd=tmp_path).returncode == 0
    assert path.read_text(encoding="utf-8") == text
    shown = run_cli("fix", "--diff", "--unsafe-fixes", "doc.md", cwd=tmp_path)
    assert shown.returncode == 1
    assert "\n-Advertisement\n" in shown.stdout.decode()
    assert path.read_text(encoding="utf-8") == text
    assert run_cli("fix", "--unsafe-fixes", "doc.md", cwd=tmp_path).returncode == 0
    assert path.read_text(encoding="utf-8") == (
        "The talks ended on Thursday.\n\nOfficials said they would resume.\n"
    )


# The page, as it was reported (its long line is the test's point: prose, not a label).
RELEASE_NOTES = """---
title: Release notes
tags:
  - news
category: announcements
---

# Release notes

The team shipped the new version yesterday, after two months of testing on every platform we \
support.

WATCH: Trump on Mexico relations

Everything else stays the same for users of the previous release, who can upgrade at any time.
"""


def test_unsafe_fixes_touch_only_what_check_reported(tmp_path: Path) -> None:
    # Front matter lines are no boilerplate: check reports the embed label alone, and fix
    # deletes that line alone (it used to delete `tags:` and `category:` too).
    path = tmp_path / "notes.md"
    path.write_text(RELEASE_NOTES, encoding="utf-8")
    checked = run_cli("check", "notes.md", cwd=tmp_path)
    assert checked.stdout.decode().splitlines()[:-1] == [
        "notes.md:12:1: BP001 [-] boilerplate.embed-label embed label 'WATCH' left from the page "
        'around the text: "WATCH: Trump on Mexico relations"'
    ]
    shown = run_cli("fix", "--unsafe-fixes", "--diff", "notes.md", cwd=tmp_path)
    assert shown.stderr.decode() == "hygiene: would fix 1 findings in 1 files\n"
    assert run_cli("fix", "--unsafe-fixes", "notes.md", cwd=tmp_path).returncode == 0
    assert path.read_text(encoding="utf-8") == RELEASE_NOTES.replace(
        "WATCH: Trump on Mexico relations\n\n", ""
    )


def test_a_wrapped_sentence_is_not_cut_by_a_line_deletion(tmp_path: Path) -> None:
    """In plain text, where a scraper's lines are lines, the line is reported but not
    deleted (in Markdown the two lines are one sentence, and nothing is reported)."""
    path = tmp_path / "doc.txt"
    text = (
        "The talks ended on Thursday after a long week of meetings in the capital.\n\n"
        "Subscribe to our newsletter\nfor the latest news every morning.\n\n"
        "Officials said they would resume.\n"
    )
    path.write_text(text, encoding="utf-8")
    assert "BP004" in run_cli("check", "doc.txt", cwd=tmp_path).stdout.decode()
    assert run_cli("fix", "--unsafe-fixes", "doc.txt", cwd=tmp_path).returncode == 0
    assert path.read_text(encoding="utf-8") == text  # whole or not at all: here, not at all
    (tmp_path / "doc.md").write_text(text, encoding="utf-8")
    assert "BP004" not in run_cli("check", "doc.md", cwd=tmp_path).stdout.decode()


def test_fix_with_a_baseline_fixes_only_what_check_reports_with_it(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(f"old{NBSP}gap\n\nnew{NBSP}gap\n", encoding="utf-8")
    path_before = f"old{NBSP}gap\n"
    (tmp_path / "early.txt").write_text(path_before, encoding="utf-8")
    # The baseline accepts the first no-break space, recorded when the file held only it.
    path.write_text(path_before, encoding="utf-8")
    run_cli("check", "doc.txt", "--write-baseline", "base.json", cwd=tmp_path)
    path.write_text(f"old{NBSP}gap\n\nnew{NBSP}gap\n", encoding="utf-8")
    checked = run_cli("check", "doc.txt", "--baseline", "base.json", cwd=tmp_path)
    assert checked.stdout.decode().startswith("doc.txt:3:4: UC004")
    assert run_cli("fix", "doc.txt", "--baseline", "base.json", cwd=tmp_path).returncode == 0
    assert path.read_text(encoding="utf-8") == f"old{NBSP}gap\n\nnew gap\n"


def test_fix_honours_inline_directives(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    text = f"<!-- hygiene: disable-next-line UC004 -->\nkept{NBSP}here\n\nfixed{NBSP}here\n"
    path.write_text(text, encoding="utf-8")
    assert run_cli("fix", "doc.md", cwd=tmp_path).returncode == 0
    assert path.read_text(encoding="utf-8") == text.replace(f"fixed{NBSP}", "fixed ")


# Real-looking pieces of pages: prose, front matter, wrapped sentences, furniture, and the
# character damage the safe fixes mend.
BLOCKS = st.sampled_from([
    "The talks ended on Thursday after a long week of meetings in the capital.",
    "Officials said they would resume the negotiations next month in Mexico City.",
    f"Old text here{NBSP}kept as is.", f"Some `code{NBSP}span` here.",
    "Subscribe to our newsletter\nfor the latest news every morning.",
    "Read more about the talks in our\ncoverage of the summit and its aftermath.",
    "The minister, who spoke to reporters after the meeting on the border wall, said\n"
    "the two countries had agreed on most points.",
    "WATCH: Trump on Mexico relations", "Advertisement", "Share\nTweet\nEmail",
    "READ MORE: Tillerson meets Videgaray", "12 Comments", "Back to top",
    "© 2017 VOA. All rights reserved.", "коментарі читачів:",
    f"The border{NBSP}wall was discussed.", "A bell\x07 rang in the text.",
    "Total: \u202e100 USD", "zero\u200bwidth joiner", "Le caf\u00c3\u00a9 est fermé.",
    "Tom &amp; Jerry", "```\ncode{NBSP}stays\n```", "# Release notes",
    "- one item\n- two items",
])  # fmt: skip
FRONT = st.sampled_from(["", "---\ntitle: Notes\ntags:\n  - news\ncategory: a\n---\n\n",
                         "+++\ntitle = 'Notes'\n+++\n\n"])  # fmt: skip
SELECTIONS = st.sampled_from([(), ("BP",), ("UC",), ("EN", "UC"), ("BP", "LG"), ("ALL",)])
IGNORES = st.sampled_from([(), ("BP001",), ("UC004",), ("PV",)])


def _only_inside(before: str, after: str, regions: list[tuple[int, int]]) -> bool:
    """Whether ``after`` is ``before`` with only the text of ``regions`` changed: every
    character outside them is kept, in order (no alignment of the two texts is assumed,
    which could place a deleted line's final stop on the wrong side)."""
    import re

    pattern, position = [], 0
    for start, end in regions:
        pattern += [re.escape(before[position:start]), "(?:.*?)"]
        position = end
    pattern.append(re.escape(before[position:]))
    return re.fullmatch("".join(pattern), after, re.S) is not None


def _widened(text: str, start: int, end: int) -> tuple[int, int]:
    """A span with the white space on both sides, which deleting a line takes along."""
    while start > 0 and text[start - 1].isspace():
        start -= 1
    while end < len(text) and text[end].isspace():
        end += 1
    return start, end


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans that overlap or touch, joined: deleting two adjacent lines is one change."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(front=FRONT, blocks=st.lists(BLOCKS, max_size=9), select=SELECTIONS, ignore=IGNORES,
       unsafe=st.booleans(), suffix=st.sampled_from(["doc.md", "doc.txt"]),
       narrowed=st.sampled_from([None, 0, 1]))  # fmt: skip
def test_fix_changes_only_reported_spans_and_leaves_no_new_finding(
    ruleset: RuleSet,
    front: str,
    blocks: list[str],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    unsafe: bool,
    suffix: str,
    narrowed: int | None,
) -> None:
    checker = Checker(Config(select=select, ignore=ignore), ruleset)

    def check(document: Document) -> list[Finding]:
        return checker.check(document)[1]

    def keep(finding: Finding) -> bool:  # as a baseline or --diff-base narrows a report
        return narrowed is None or finding.span.line % 2 == narrowed

    text = front + "\n\n".join(blocks) + "\n"
    document = document_from_bytes(text.encode("utf-8"), suffix)
    reported = [finding for finding in check(document) if keep(finding)]
    outcome = fix_document(document, check, unsafe, keep)
    allowed = {"safe", "unsafe"} if unsafe else {"safe"}
    fixable = [f for f in reported if f.fix is not None and f.fix.safety in allowed]
    covered = _merged(_widened(document.text, f.span.start, f.span.end) for f in fixable)
    assert _only_inside(document.text, outcome.after, covered), [f.code for f in fixable]
    if outcome.after == document.text:
        return
    after = check(document_from_bytes(outcome.after.encode("utf-8"), suffix))
    before_codes = Counter(f.code for f in check(document))
    after_codes = Counter(f.code for f in after)
    assert not after_codes - before_codes, after_codes - before_codes  # nothing new
    assert sum(after_codes.values()) <= sum(before_codes.values()) - outcome.applied
    # A wrapped sentence goes whole or not at all: its head and its tail both stay or go.
    for block in blocks:
        head, newline, tail = block.partition("\n")
        if newline and tail[:1].islower():
            assert (head in outcome.after) == (tail in outcome.after), block
    # And fixing again finds nothing more to fix.
    if narrowed is None:
        fixed = document_from_bytes(outcome.after.encode("utf-8"), suffix)
        assert fix_document(fixed, check, unsafe).after == outcome.after


def test_fix_with_a_baseline_never_fixes_a_look_alike_it_filtered_out(tmp_path: Path) -> None:
    # The no-break space in code is reported but never fixed, so it stays owed; a second pass
    # must not take the baselined no-break space of line 1, whose text is the same, for it.
    path = tmp_path / "a.md"
    path.write_text(f"Old text here{NBSP}kept as is.\n", encoding="utf-8")
    run_cli("check", "a.md", "--write-baseline", "base.json", cwd=tmp_path)
    text = f"Old text here{NBSP}kept as is.\n\nSome `code{NBSP}span` here.\n\nNew{NBSP}line here.\n"
    path.write_text(text, encoding="utf-8")
    assert run_cli("fix", "--baseline", "base.json", "a.md", cwd=tmp_path).returncode == 0
    assert path.read_text(encoding="utf-8") == text.replace(f"New{NBSP}", "New ")
