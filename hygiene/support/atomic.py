"""Write a file so that nobody ever sees half of it: temp file beside it, fsync, rename.

What may be written is decided here once for every file hygiene writes (reports,
baselines, findings files, markers, fixed files): only a regular file, or a name that
does not exist yet. A symlink is written through: its target is replaced and the link
stays. A device, a FIFO, a socket or a folder is refused, never replaced by a regular
file (``-o /dev/null`` run as root would otherwise leave no ``/dev/null``). A new file
gets the permissions the umask allows, as any program's would; a replaced one keeps its
own. A write that fails (a full disk) is a one-line error, and the previous file stays
as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable, Iterator
from typing import IO, TextIO

from hygiene.core.errors import HygieneError, os_reason
from hygiene.support.interrupt import stop_if_received


class WriteError(HygieneError):
    """A file hygiene was asked to write could not be written; nothing was replaced."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


# The errors of writing itself (a full disk, a quota, a read-only or failing device),
# told apart from an OSError that the code writing the stream raised for its own reasons.
_WRITE_ERRORS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG, errno.EROFS, errno.EACCES, errno.EPERM}
)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def writable_target(path: str) -> tuple[str, int | None]:
    """The file that writing ``path`` replaces (a symlink's target), and its mode if it
    exists; a name that is no regular file is refused."""
    target = os.path.realpath(path)
    try:
        status = os.stat(target)
    except FileNotFoundError:
        return target, None
    except OSError as error:
        raise WriteError(path, f"cannot write: {os_reason(error)}") from None
    if stat.S_ISDIR(status.st_mode):
        raise WriteError(path, "cannot write: it is a folder, not a file")
    if not stat.S_ISREG(status.st_mode):
        raise WriteError(
            path,
            "cannot write: not a regular file (a device, pipe or socket); "
            f"redirect standard output to send the report there (> {path})",
        )
    return target, stat.S_IMODE(status.st_mode)


@contextlib.contextmanager
def _replacing(
    path: str, mode: int | None, text: bool, prepare: Callable[[str], None] | None = None
) -> Iterator[IO[bytes] | IO[str]]:
    """A stream to a temporary file that replaces ``path`` in one rename when the block ends.

    The temporary file lives in the target's own folder so the rename never crosses file
    systems; on any failure, an interrupt included, it is removed and ``path`` is left as
    it was. ``mode`` sets the permissions; without it an existing file keeps its own and a
    new one gets what the umask allows. ``prepare`` is given the temporary file's path
    just before the rename, to copy what else must be kept or to refuse after all.
    """
    import tempfile  # with random, 3 ms: a check that writes to stdout never needs it

    target, existing = writable_target(path)
    mode = mode if mode is not None else existing if existing is not None else 0o666 & ~_umask()
    folder = os.path.dirname(target)
    try:
        handle, temporary = tempfile.mkstemp(prefix=".hygiene-", suffix=".tmp", dir=folder)
    except OSError as error:
        raise WriteError(path, f"cannot write: {os_reason(error)}") from None
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
        os.chmod(temporary, mode)
        if prepare is not None:
            prepare(temporary)
        stop_if_received()  # a Ctrl-C that something swallowed: commit nothing after it
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        if isinstance(error, OSError) and error.errno in _WRITE_ERRORS:
            problem = f"cannot write: {os_reason(error)}; the file is unchanged"
            raise WriteError(path, problem) from None
        raise


def write_atomically(path: str, data: bytes, mode: int | None = None) -> None:
    """Replace ``path`` by ``data`` in one rename, with ``mode`` if given."""
    with _replacing(path, mode, text=False) as stream:
        stream.write(data)  # type: ignore[arg-type]


@contextlib.contextmanager
def atomic_text(path: str) -> Iterator[TextIO]:
    """A UTF-8 text stream that becomes ``path`` in one rename when the block ends."""
    with _replacing(path, None, text=True) as stream:
        yield stream  # type: ignore[misc]


def rewrite_file(path: str, data: bytes, original: bytes) -> None:
    """Replace a user's file that held ``original`` by ``data``, keeping all that makes it
    theirs: mode, owner and group, extended attributes, and its hard links (a file with
    several is refused: replacing one name would split them). A file the user may not
    write is refused, never replaced through its writable folder; a file that changed
    since it was read is refused, so that an edit made meanwhile is never lost."""
    status = os.stat(path)
    if not status.st_mode & stat.S_IWUSR:
        raise WriteError(path, "file is read-only, not fixed")
    if not os.access(path, os.W_OK):  # its folder may be writable: the rename would succeed
        raise WriteError(path, "you may not write this file; not fixed")
    if status.st_nlink > 1:
        raise WriteError(
            path, f"has {status.st_nlink} hard links, which replacing it would split; not fixed"
        )
    attributes = _extended_attributes(path)

    def prepare(temporary: str) -> None:
        if (status.st_uid, status.st_gid) != (os.geteuid(), os.getegid()):
            try:
                os.chown(temporary, status.st_uid, status.st_gid)
            except PermissionError:
                raise WriteError(
                    path, "belongs to another user or group, which fixing would change; not fixed"
                ) from None
        for name, value in attributes.items():
            os.setxattr(temporary, name, value)
        with open(path, "rb") as handle:
            if handle.read(len(original) + 1) != original:
                problem = "changed while it was being fixed; not fixed (run fix again)"
                raise WriteError(path, problem)

    with _replacing(path, stat.S_IMODE(status.st_mode), text=False, prepare=prepare) as stream:
        stream.write(data)  # type: ignore[arg-type]


def _extended_attributes(path: str) -> dict[str, bytes]:
    """A file's extended attributes, where the system and the file system have them."""
    if not hasattr(os, "listxattr"):
        return {}
    try:
        return {name: os.getxattr(path, name) for name in os.listxattr(path)}
    except OSError as error:
        if error.errno in (errno.ENOTSUP, errno.ENODATA):
            return {}
        raise
