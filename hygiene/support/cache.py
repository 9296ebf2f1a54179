"""Data derived from files that rarely change, kept between runs, found by content hash.

A one-file check (the pre-commit case) spent a quarter of its time parsing the rule packs'
TOML and indexing the function-word lexicon, the same work every run. Their results are
plain data, so they are kept, marshalled, in the user's cache folder, under a hash of the
source bytes and of hygiene's and Python's versions: a changed pack or lexicon is a new key,
and so is a release whose code derives them differently (phrases normalised anew), never a
stale read. ``HYGIENE_CACHE_DIR`` chooses the folder; ``off`` (or empty) turns the cache
off. A cache that cannot be read or written is recomputed, silently: it only saves time.
"""

from __future__ import annotations

import hashlib
import marshal
import mmap
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar, cast

from hygiene import __version__

T = TypeVar("T")

# Part of every key, with hygiene's version: a new layout of a cached value, or a change in
# how one is derived between releases, gets new files.
FORMAT = 2


def cache_folder() -> Path | None:
    """Where derived data is kept, or None when the cache is off: ``HYGIENE_CACHE_DIR``,
    else the platform's user cache folder (``$XDG_CACHE_HOME/hygiene`` or
    ``~/.cache/hygiene`` on Linux, ``~/Library/Caches/hygiene`` on macOS,
    ``%LOCALAPPDATA%\\hygiene\\Cache`` on Windows), as platformdirs knows them."""
    chosen = os.environ.get("HYGIENE_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip() in ("", "off") else Path(chosen)
    from platformdirs import user_cache_path

    try:
        folder = user_cache_path("hygiene", appauthor=False)
    except RuntimeError:  # no home folder: no cache, rather than one in the cwd
        return None
    return None if str(folder).startswith("~") else folder


def _kept_path(folder: Path, kind: str, source: bytes, suffix: str) -> Path:
    digest = hashlib.blake2b(source, digest_size=20, person=b"hygiene-cache")
    digest.update(f"{kind}/{FORMAT}/{__version__}/{sys.version_info[:2]}".encode())
    return folder / f"{kind}-{digest.hexdigest()}.{suffix}"


def _keep(folder: Path, path: Path, data: bytes) -> None:
    """Write ``data`` at ``path``, atomically: a reader sees all of it or nothing. A folder
    that cannot be written is left alone; the cache only saves time."""
    from hygiene.support.atomic import write_atomically  # tempfile: only when writing

    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(str(path), data)
    except OSError:
        pass


def memoized(kind: str, source: bytes, compute: Callable[[], T]) -> T:
    """``compute()``, or the value it gave for the same ``kind`` and ``source`` before.
    The value must be marshallable (dicts, lists, str, numbers, frozensets); one that is
    not (a TOML date) is returned and not kept."""
    folder = cache_folder()
    if folder is None:
        return compute()
    path = _kept_path(folder, kind, source, "marshal")
    try:
        return cast(T, marshal.loads(path.read_bytes()))
    except (OSError, EOFError, ValueError, TypeError):
        pass  # not kept yet, or unreadable: compute it
    value = compute()
    try:
        data = marshal.dumps(value)  # type: ignore[arg-type]  # checked by marshal itself
    except ValueError:
        return value  # a value marshal cannot keep
    _keep(folder, path, data)
    return value


def mapped(kind: str, source: bytes, compute: Callable[[], bytes]) -> bytes | mmap.mmap:
    """The bytes ``compute()`` gives, kept as a file and mapped from it rather than read:
    its pages are read only when touched and are shared by every process that maps them
    (a large sorted array searched by bisection touches a few dozen pages)."""
    folder = cache_folder()
    if folder is None:
        return compute()
    path = _kept_path(folder, kind, source, "bin")
    computed = None
    if not path.exists():
        computed = compute()
        _keep(folder, path, computed)
    try:
        with path.open("rb") as kept:
            return mmap.mmap(kept.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # not kept (a read-only folder), or empty (mmap refuses it)
        return compute() if computed is None else computed
