"""What hygiene writes never damages what is there: reports and baselines go only to regular
files (a symlink is written through), keep or get honest permissions, and fail whole on a
full disk; ``fix`` stays in the checked folder, keeps owner, group, hard links and extended
attributes (or refuses), never loses an edit made meanwhile, and never re-encodes bytes
outside its fixes."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

NBSP = "\u00a0"
DIRTY = f"Text.\n\nWATCH: Trump on Mexico relations\n\nwide{NBSP}gap\n"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.md").write_text(DIRTY, encoding="utf-8")
    return tmp_path


def _refused(result: subprocess.CompletedProcess[bytes], name: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stderr.decode() == (
        f"hygiene: error: {name}: cannot write: not a regular file (a device, pipe or "
        f"socket); redirect standard output to send the report there (> {name})\n"
    )


def test_a_report_never_replaces_a_fifo_or_a_device(folder: Path) -> None:
    os.mkfifo(folder / "fifo")
    for flag in ("-o", "--write-baseline"):
        _refused(run_cli("check", "a.md", flag, "fifo", cwd=folder), "fifo")
        assert stat.S_ISFIFO((folder / "fifo").stat().st_mode)
    try:
        os.mknod(folder / "fakenull", stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device needs root")
    _refused(run_cli("check", "a.md", "-o", "fakenull", cwd=folder), "fakenull")
    assert stat.S_ISCHR((folder / "fakenull").stat().st_mode)


def test_a_symlinked_report_is_written_through_and_the_link_stays(folder: Path) -> None:
    (folder / "link.txt").symlink_to("target.txt")
    assert run_cli("check", "a.md", "-o", "link.txt", cwd=folder).returncode == 1
    assert (folder / "link.txt").is_symlink()
    assert (folder / "target.txt").read_text(encoding="utf-8").startswith("a.md:3:1: BP001")


def test_a_new_report_honours_the_umask_and_a_replaced_one_keeps_its_mode(folder: Path) -> None:
    (folder / "old.txt").write_text("old", encoding="utf-8")
    (folder / "old.txt").chmod(0o640)
    prelude = "import os\nos.umask(0o027)\n"
    run_cli("check", "a.md", "-o", "new.txt", cwd=folder, prelude=prelude)
    run_cli("check", "a.md", "-o", "old.txt", cwd=folder, prelude=prelude)
    assert stat.S_IMODE((folder / "new.txt").stat().st_mode) == 0o640  # 0666 less 027
    assert stat.S_IMODE((folder / "old.txt").stat().st_mode) == 0o640
    run_cli("check", "a.md", "-o", "other.txt", cwd=folder, prelude="import os\nos.umask(0o022)\n")
    assert stat.S_IMODE((folder / "other.txt").stat().st_mode) == 0o644


def test_a_full_disk_is_a_one_line_error_and_the_previous_report_stays(folder: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with open("/dev/full", "wb") as full:  # a device that answers every write: disk full
        done = subprocess.run(
            [sys.executable, "-m", "hygiene", "check", "a.md"], cwd=folder, stdout=full,
            stderr=subprocess.PIPE, env=env, check=False,
        )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.decode() == (
        "hygiene: error: cannot write to standard output: no space left on device\n"
    )
    (folder / "report.txt").write_text("previous report\n", encoding="utf-8")
    no_space = (
        "import errno, os\n"
        "def _fsync(fd):\n"
        "    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))\n"
        "os.fsync = _fsync\n"
    )
    result = run_cli("check", "a.md", "-o", "report.txt", cwd=folder, prelude=no_space)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "hygiene: error: report.txt: cannot write: no space left on device; the file is unchanged\n"
    )
    assert (folder / "report.txt").read_text(encoding="utf-8") == "previous report\n"
    assert sorted(p.name for p in folder.iterdir()) == ["a.md", "report.txt"]


def test_fix_never_follows_a_symlink_out_of_the_checked_folder(tmp_path: Path) -> None:
    outside = tmp_path / "out"
    outside.mkdir()
    (outside / "n.cfg").write_text(f"key{NBSP}value\n", encoding="utf-8")
    docs = tmp_path / "repo" / "docs"
    docs.mkdir(parents=True)
    (docs / "evil.md").symlink_to("../../out/n.cfg")
    (docs / "inside.md").symlink_to("real.txt")
    (docs / "real.txt").write_text(f"one{NBSP}two\n", encoding="utf-8")
    result = run_cli("fix", "docs/", cwd=tmp_path / "repo")
    assert result.returncode == 3
    assert result.stderr.decode().splitlines()[0] == (
        "hygiene: error: docs/evil.md: is a symlink to a file outside the checked folder; not fixed"
    )
    assert (outside / "n.cfg").read_text(encoding="utf-8") == f"key{NBSP}value\n"
    assert (docs / "real.txt").read_text(encoding="utf-8") == "one two\n"  # inside: fixed


def test_fix_refuses_hard_links_and_keeps_owner_group_and_attributes(tmp_path: Path) -> None:
    linked = tmp_path / "linked.txt"
    linked.write_text(f"one{NBSP}two\n", encoding="utf-8")
    os.link(linked, tmp_path / "twin.txt")
    result = run_cli("fix", "linked.txt", cwd=tmp_path)
    assert result.returncode == 3
    assert "linked.txt: has 2 hard links, which replacing it would split; not fixed" in (
        result.stderr.decode()
    )
    assert (tmp_path / "twin.txt").read_text(encoding="utf-8") == f"one{NBSP}two\n"

    owned = tmp_path / "owned.txt"
    owned.write_text(f"one{NBSP}two\n", encoding="utf-8")
    if os.geteuid() == 0:
        os.chown(owned, 65534, 65534)  # nobody's: root fixing it must not make it root's
    try:
        os.setxattr(owned, "user.origin", b"kept")
        has_attributes = True
    except OSError:
        has_attributes = False  # the file system has none
    before = owned.stat()
    assert run_cli("fix", "owned.txt", cwd=tmp_path).returncode == 0
    after = owned.stat()
    assert owned.read_text(encoding="utf-8") == "one two\n"
    assert (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)
    if has_attributes:
        assert os.getxattr(owned, "user.origin") == b"kept"


def test_fix_refuses_a_file_changed_while_it_was_fixed(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(f"one{NBSP}two\n", encoding="utf-8")
    # Someone saves the file between hygiene's read and its rename.
    meanwhile = (
        "import hygiene.gate.fix as fix\n"
        "_encode = fix.encode_in_place\n"
        "def _edited_meanwhile(document, original, text):\n"
        "    open('doc.txt', 'w', encoding='utf-8').write('their edit\\n')\n"
        "    return _encode(document, original, text)\n"
        "fix.encode_in_place = _edited_meanwhile\n"
    )
    result = run_cli("fix", "doc.txt", cwd=tmp_path, prelude=meanwhile)
    assert result.returncode == 3
    assert "doc.txt: changed while it was being fixed; not fixed (run fix again)" in (
        result.stderr.decode()
    )
    assert path.read_text(encoding="utf-8") == "their edit\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt"]


@pytest.mark.parametrize(
    ("data", "args", "problem"),
    [
        # A UTF-8 file that the configuration calls cp1252: its "mojibake" is UTF-8.
        (
            "Le café est fermé.\nwide\u00a0gap\n".encode(),
            ["--encoding", "cp1252"],
            "is declared cp1252 but its bytes are UTF-8; not fixed (check the encodings setting)",
        ),
        # ≒ in NEC's row 13 (87 90) encodes back as the JIS one (81 E0).
        (
            b"\x87\x90 a bell\x07 here\n",
            ["--encoding", "cp932"],
            "re-encoding it in cp932 would change bytes outside the fixes; not fixed",
        ),
        (
            "日本語 a bell\x07 here\n".encode("iso2022_jp"),
            ["--encoding", "iso2022_jp"],
            "is in iso2022_jp, whose bytes depend on what precedes them; not fixed",
        ),
    ],
    ids=["utf-8-declared-cp1252", "cp932", "iso-2022-jp"],
)
def test_fix_never_transcodes(tmp_path: Path, data: bytes, args: list[str], problem: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    result = run_cli("fix", *args, "doc.txt", cwd=tmp_path)
    assert result.returncode == 3, result.stderr
    assert f"hygiene: error: doc.txt: {problem}" in result.stderr.decode()
    assert path.read_bytes() == data


def test_fix_never_edits_code(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    text = (
        f"# Notes\n\nwide{NBSP}gap and `code{NBSP}nbsp` and ``a`b{NBSP}`` here\n\n"
        f"```\nfenced{NBSP}nbsp and a bell\x07 and an escape \x1b[0m\n```\n\n"
        f"    indented{NBSP}nbsp\n\nplain{NBSP}again and a bell\x07\n"
    )
    path.write_text(text, encoding="utf-8")
    assert run_cli("fix", "doc.md", cwd=tmp_path).returncode == 0
    assert path.read_text(encoding="utf-8") == (
        text.replace(f"wide{NBSP}", "wide ").replace(f"plain{NBSP}", "plain ")
        .replace("a bell\x07\n", "a bell\n")
    )  # fmt: skip


def test_fix_never_edits_raw_html_or_restructuredtext_literals(tmp_path: Path) -> None:
    html = tmp_path / "page.md"
    html.write_text(f"Prose{NBSP}here.\n\n<pre>\nhtml{NBSP}pre\n</pre>\n", encoding="utf-8")
    rst = tmp_path / "page.rst"
    rst.write_text(
        f"Prose{NBSP}here and ``inline{NBSP}literal`` too.\n\nExample::\n\n    code{NBSP}here\n",
        encoding="utf-8",
    )
    assert run_cli("fix", "page.md", "page.rst", cwd=tmp_path).returncode == 0
    assert html.read_text(encoding="utf-8") == f"Prose here.\n\n<pre>\nhtml{NBSP}pre\n</pre>\n"
    assert rst.read_text(encoding="utf-8") == (
        f"Prose here and ``inline{NBSP}literal`` too.\n\nExample::\n\n    code{NBSP}here\n"
    )


def test_code_spans_pair_backtick_runs_of_equal_length() -> None:
    from hygiene.core.markup import code_spans, inline_code

    text = "a `b` c ``d ` e`` f ` g"
    assert [text[start:end] for start, end in inline_code(text, 0, len(text))] == [
        "`b`",
        "``d ` e``",
    ]
    hostile = "`" + "x``" * 20_000  # runs of two never closing a run of one: still linear
    assert inline_code(hostile, 0, len(hostile))[0] == (2, 7)  # the lone ` opens nothing
    assert code_spans("plain text, no code\n") == []


def test_fix_refuses_a_file_the_user_may_not_write_in_a_folder_they_may(tmp_path: Path) -> None:
    path = tmp_path / "theirs.txt"
    path.write_text(f"one{NBSP}two\n", encoding="utf-8")
    # Another user's 0644 file: CI runs as root, whom no permission stops, so the answer
    # of access(2) is what a user without the right would get.
    not_mine = (
        "import os\n"
        "_access = os.access\n"
        "def _access_as_another(path, mode, **kwargs):\n"
        "    if str(path).endswith('theirs.txt') and mode & os.W_OK:\n"
        "        return False\n"
        "    return _access(path, mode, **kwargs)\n"
        "os.access = _access_as_another\n"
    )
    result = run_cli("fix", "theirs.txt", cwd=tmp_path, prelude=not_mine)
    assert result.returncode == 3
    assert "theirs.txt: you may not write this file; not fixed" in result.stderr.decode()
    assert path.read_text(encoding="utf-8") == f"one{NBSP}two\n"
