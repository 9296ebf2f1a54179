"""Turn the paths a user names into the inputs a run reads.

Files named explicitly are always read; folders are walked in sorted order,
skipping hidden entries and files whose suffix is not a text format we check.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from hygiene.core.errors import InputError
from hygiene.inputs.decoding import TEXT_SUFFIXES
from hygiene.inputs.jsonl import JSONL_SUFFIXES

WALKED_SUFFIXES = (*sorted(TEXT_SUFFIXES), *JSONL_SUFFIXES)
STDIN = "-"
STDIN_DISPLAY = "<stdin>"


@dataclass(frozen=True, slots=True)
class Input:
    """One thing to read: a file path, or standard input when ``path`` is ``-``.

    ``tree`` is the folder the user named it by: the folder walked, or the folder of a
    file named itself. ``fix`` never writes through a symlink out of it.
    """

    path: str
    display: str
    tree: str | None = None


def shown(name: str) -> str:
    """A file name as reports show it: bytes that are not UTF-8 (which Python keeps as
    lone surrogates, and no report could encode) written as ``\\xe9``, and, so that no
    two names are shown alike, a backslash of the name itself as ``\\\\``."""
    if "\\" not in name and (name.isascii() or not _LONE_SURROGATE.search(name)):
        return name
    return os.fsencode(name).replace(b"\\", b"\\\\").decode("utf-8", "backslashreplace")


_LONE_SURROGATE = re.compile("[\udc80-\udcff]")  # os.fsdecode's escapes of undecodable bytes


def display_path(path: Path) -> str:
    """Relative to the working folder when inside it, so reports hold no absolute paths.

    Symbolic links are not resolved: the path reads as the user named it, and a link
    loop is the reader's error to report, not a crash here.
    """
    relative = os.path.relpath(os.path.abspath(path), os.getcwd())
    if relative == ".." or relative.startswith("../"):
        return shown(path.as_posix())
    return shown(Path(relative).as_posix())


def discover(
    arguments: Sequence[str],
    excluded: Callable[[str], bool] | None = None,
    force_exclude: bool = False,
    stdin_name: str | None = None,
) -> tuple[list[Input], list[InputError]]:
    """Every input the arguments name, once each, and the arguments that name nothing.

    ``excluded`` (given a display path) prunes what folder walks find, folders and
    files; a path named as an argument is read unless ``force_exclude`` (a pre-commit
    hook names every file it checks, and the exclusions must still hold there).
    ``stdin_name`` is the path standard input stands for, shown in its stead.
    """
    inputs: list[Input] = []
    errors: list[InputError] = []
    seen: set[str] = set()
    for argument in arguments:
        if argument == STDIN:
            shown_as = display_path(Path(stdin_name)) if stdin_name else STDIN_DISPLAY
            if stdin_name and force_exclude and excluded is not None and excluded(shown_as):
                continue
            found: Iterator[Input] = iter([Input(STDIN, shown_as)])
        else:
            path = Path(argument)
            if force_exclude and excluded is not None and excluded(display_path(path)):
                continue
            if path.is_dir():
                found = _walk(path, excluded)
            elif path.exists() and not path.is_file():
                # A FIFO would block the run forever, a device would never end.
                problem = "not a regular file (a pipe, socket or device)"
                errors.append(InputError(shown(argument), problem))
                continue
            elif path.exists() or path.is_symlink():
                found = iter(
                    [Input(argument, display_path(path), os.path.dirname(argument) or ".")]
                )
            else:
                errors.append(InputError(shown(argument), "no such file or directory"))
                continue
        for item in found:  # once each: a file named twice, or named and walked
            key = item.path if item.path == STDIN else os.path.abspath(item.path)
            if key not in seen:
                seen.add(key)
                inputs.append(item)
    return inputs, errors


def _walk(root: Path, excluded: Callable[[str], bool] | None = None) -> Iterator[Input]:
    """The text files under ``root``, in sorted order; an excluded folder is never entered
    (``node_modules`` can hold a hundred thousand files)."""
    for folder, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(
            name
            for name in dirnames
            if not name.startswith(".")
            and not (excluded and excluded(display_path(Path(folder, name))))
        )
        for name in sorted(filenames):
            if name.startswith(".") or not name.lower().endswith(WALKED_SUFFIXES):
                continue
            path = Path(folder, name)
            if excluded and excluded(display_path(path)):
                continue
            if path.is_file():  # FIFOs, sockets and devices found while walking are skipped
                yield Input(str(path), display_path(path), str(root))
