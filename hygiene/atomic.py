"""Write a file so that nobody ever sees half of it: temp file beside it, fsync, rename."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import IO, TextIO


@contextlib.contextmanager
def _replacing(path: str, mode: int | None, text: bool) -> Iterator[IO[bytes] | IO[str]]:
    """A stream to a temporary file that replaces ``path`` in one rename when the block ends.

    The temporary file lives in the target's own folder so the rename never crosses file
    systems; on any failure, an interrupt included, it is removed and ``path`` is left as
    it was. ``mode`` keeps the original permissions.
    """
    import tempfile  # with random, 3 ms: a check that writes to stdout never needs it

    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(prefix=".hygiene-", suffix=".tmp", dir=folder)
    try:
        stream: IO[bytes] | IO[str]
        if text:
            stream = os.fdopen(handle, "w", encoding="utf-8", newline="\n")
        else:
            stream = os.fdopen(handle, "wb")
        with stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def write_atomically(path: str, data: bytes, mode: int | None = None) -> None:
    """Replace ``path`` by ``data`` in one rename, keeping ``mode`` if given."""
    with _replacing(path, mode, text=False) as stream:
        stream.write(data)  # type: ignore[arg-type]


@contextlib.contextmanager
def atomic_text(path: str) -> Iterator[TextIO]:
    """A UTF-8 text stream that becomes ``path`` in one rename when the block ends."""
    with _replacing(path, None, text=True) as stream:
        yield stream  # type: ignore[misc]
