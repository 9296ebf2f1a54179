"""The cache of derived data: kept by content, recomputed when missing, broken or off."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hygiene.support.cache import cache_folder, mapped, memoized


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HYGIENE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_value_is_computed_once_per_source(folder: Path) -> None:
    calls: list[bytes] = []

    def compute(source: bytes) -> dict[str, object]:
        calls.append(source)
        return {"words": frozenset({"a", "b"}), "count": len(source)}

    first = memoized("test", b"one", lambda: compute(b"one"))
    again = memoized("test", b"one", lambda: compute(b"one"))
    other = memoized("test", b"two!", lambda: compute(b"two!"))
    assert first == again == {"words": frozenset({"a", "b"}), "count": 3}
    assert other["count"] == 4
    assert calls == [b"one", b"two!"]  # a changed source is a new key, never a stale read
    assert len(list(folder.iterdir())) == 2


def test_a_broken_file_is_computed_again(folder: Path) -> None:
    memoized("test", b"source", lambda: [1, 2, 3])
    (entry,) = folder.iterdir()
    entry.write_bytes(b"\x00 not marshal")
    assert memoized("test", b"source", lambda: [1, 2, 3]) == [1, 2, 3]


def test_a_value_marshal_cannot_keep_is_returned_and_not_kept(folder: Path) -> None:
    value = memoized("test", b"source", lambda: {"when": object()})
    assert set(value) == {"when"}
    assert not folder.exists() or not list(folder.iterdir())


def test_off_and_unwritable_folders_still_compute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HYGIENE_CACHE_DIR", "off")
    assert cache_folder() is None
    assert memoized("test", b"source", lambda: "value") == "value"
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would be", encoding="utf-8")
    monkeypatch.setenv("HYGIENE_CACHE_DIR", str(blocked / "cache"))
    assert memoized("test", b"source", lambda: "value") == "value"


def test_bytes_are_computed_once_per_source_then_mapped(folder: Path) -> None:
    calls: list[bytes] = []

    def compute(source: bytes) -> bytes:
        calls.append(source)
        return source * 1000

    first = mapped("test", b"one", lambda: compute(b"one"))
    again = mapped("test", b"one", lambda: compute(b"one"))
    other = mapped("test", b"two", lambda: compute(b"two"))
    assert bytes(first) == bytes(again) == b"one" * 1000
    assert bytes(other) == b"two" * 1000
    assert calls == [b"one", b"two"]
    assert len(list(folder.iterdir())) == 2


def test_empty_bytes_and_off_or_unwritable_folders_still_give_the_bytes_computed_once(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[bytes] = []

    def compute(value: bytes) -> bytes:
        calls.append(value)
        return value

    assert bytes(mapped("test", b"empty", lambda: compute(b""))) == b""  # mmap refuses it
    monkeypatch.setenv("HYGIENE_CACHE_DIR", "off")
    assert bytes(mapped("test", b"source", lambda: compute(b"off"))) == b"off"
    blocked = folder.parent / "file"
    blocked.write_text("a file where the folder would be", encoding="utf-8")
    monkeypatch.setenv("HYGIENE_CACHE_DIR", str(blocked / "cache"))
    assert bytes(mapped("test", b"source", lambda: compute(b"blocked"))) == b"blocked"
    assert calls == [b"", b"off", b"blocked"]


def test_the_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("HYGIENE_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_folder() == tmp_path / "hygiene"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_folder() == Path(os.path.expanduser("~")) / ".cache" / "hygiene"


def test_a_pack_read_from_the_cache_gives_the_same_rules(folder: Path) -> None:
    from hygiene.registry.packs import load_ruleset

    cold = load_ruleset(())
    warm = load_ruleset(())
    assert [rule.code for rule in cold.rules] == [rule.code for rule in warm.rules]
    assert any(entry.name.startswith("pack-") for entry in folder.iterdir())


def test_no_home_folder_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HYGIENE_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr("os.path.expanduser", lambda path: path)  # HOME unset, no passwd entry
    assert cache_folder() is None


def test_workers_filling_an_empty_cache_together_agree_with_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two worker processes write the same keys at once; each write is a rename, so every
    file left is whole, and the findings are those of one process with no cache."""
    import marshal

    from tests.conftest import run_cli

    for number in range(6):
        (tmp_path / f"page{number}.txt").write_text(
            f"Page {number}.\n\nWATCH: Story {number}\n", encoding="utf-8"
        )
    monkeypatch.setenv("HYGIENE_CACHE_DIR", "off")
    alone = run_cli("check", ".", "--jobs", "1", "--format", "jsonl", cwd=tmp_path)
    monkeypatch.setenv("HYGIENE_CACHE_DIR", str(tmp_path / "cache"))
    together = run_cli("check", ".", "--jobs", "2", "--format", "jsonl", cwd=tmp_path)
    assert together.returncode == alone.returncode == 1

    def findings(output: bytes) -> list[str]:
        return [line for line in output.decode().splitlines() if '"code"' in line]

    assert findings(together.stdout) == findings(alone.stdout) != []
    kept = list((tmp_path / "cache").iterdir())
    values = [entry for entry in kept if entry.suffix == ".marshal"]
    arrays = [entry for entry in kept if entry.suffix == ".bin"]  # word lists' hashes
    assert values and all(marshal.loads(entry.read_bytes()) is not None for entry in values)
    assert all(entry.stat().st_size % 8 == 0 for entry in arrays)
    assert len(values) + len(arrays) == len(kept)


def test_a_kept_lexicon_index_shares_one_set_per_group_of_languages(folder: Path) -> None:
    """Marshal writes an object it meets again as a reference: the function-word index keeps
    a few hundred language sets for its 19,000 words, and loads back sharing them."""
    import marshal

    from hygiene.groups.lexicon import stopword_languages

    stopword_languages.cache_clear()
    try:
        built = stopword_languages()
        (kept,) = (entry for entry in folder.iterdir() if entry.name.startswith("stopword-"))
        loaded = marshal.loads(kept.read_bytes())
    finally:
        stopword_languages.cache_clear()
    assert loaded == built
    assert len(loaded) > 10_000
    assert len({id(languages) for languages in loaded.values()}) < len(loaded) / 10


def test_a_value_kept_by_another_release_is_computed_again(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What is kept depends on code too (how phrases are normalised): a release keeps its
    own values, never reading those another one derived from the same source."""
    assert memoized("test", b"source", lambda: "this release") == "this release"
    monkeypatch.setattr("hygiene.support.cache.__version__", "99.0.0")
    assert memoized("test", b"source", lambda: "derived anew") == "derived anew"
    assert len(list(folder.iterdir())) == 2
