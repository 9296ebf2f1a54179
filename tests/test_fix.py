"""``hygiene fix``: safe fixes only, bytes outside the fixes untouched, nothing ever lost."""

from __future__ import annotations

import codecs
import os
import stat
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hygiene.api import Checker
from hygiene.config import Config
from hygiene.document import Document
from hygiene.finding import Finding
from hygiene.fix import fix_document
from hygiene.loaders import document_from_bytes
from hygiene.packs import RuleSet
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


def test_diff_shows_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(f"one{NBSP}two\n", encoding="utf-8")
    result = run_cli("fix", "--diff", "doc.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.decode() == (
        f"--- a/doc.txt\n+++ b/doc.txt\n@@ -1 +1 @@\n-one{NBSP}two\n+one two\n"
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


LINES = st.sampled_from([
    "The talks ended on Thursday.", "Advertisement", "Share", "Tweet", "Email",
    "WATCH: Trump on Mexico relations", "Back to top", "", "Officials said they would resume.",
    "READ MORE: Tillerson meets Videgaray", "12 Comments", "© 2017 VOA. All rights reserved.",
])  # fmt: skip


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=st.lists(LINES, max_size=12), newline=st.sampled_from(["\n", "\r\n"]))
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
