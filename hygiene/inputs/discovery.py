"""Turn the paths a user names into the inputs a run reads.

Files named explicitly are always read; folders are walked in sorted order,
skipping hidden entries and files whose suffix is not a text format we check.
``GitIgnore`` answers which paths git ignores, for the walk to leave out.
"""

from __future__ import annotations

import os
import re
import stat
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hygiene.core.errors import InputError
from hygiene.inputs.decoding import TEXT_SUFFIXES
from hygiene.inputs.jsonl import JSONL_SUFFIXES

WALKED_SUFFIXES = (*sorted(TEXT_SUFFIXES), *JSONL_SUFFIXES)
STDIN = "-"
STDIN_DISPLAY = "<stdin>"
# Git skips a pattern file this large (dir.c, PATTERN_MAX_FILE_SIZE).
PATTERN_FILE_LIMIT = 100 << 20

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec


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
_SHOWN_ESCAPE = re.compile(rb"\\(\\|x[0-9a-f]{2})")


def unshown(display: str) -> str:
    """The name that ``shown`` wrote as ``display``."""
    if "\\" not in display:
        return display
    data = _SHOWN_ESCAPE.sub(
        lambda m: b"\\" if m[1] == b"\\" else bytes([int(m[1][1:], 16)]),
        display.encode("utf-8"),
    )
    return os.fsdecode(data)


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


class GitIgnore:
    """Which paths git ignores, by the ignore files of the repository that holds them.

    Only inside a git repository (the nearest folder at or above a path with ``.git``,
    a folder, or a file in a worktree or a submodule), as in ripgrep and ruff: there the
    ``.gitignore`` files from the repository's top down to the path's folder apply (the
    deepest with a matching line decides, by its last matching line), then
    ``info/exclude`` of the repository's git folder. Outside any repository nothing is
    ignored: git ignores nothing there, and with no top to stop at, a ``.gitignore`` in
    any folder above (a home folder's) would count; ruff read ignore files outside git
    for a while and went back (astral-sh/ruff#6335). The user's global excludes file
    (``core.excludesFile``) is not read: a report must not depend on whose machine made
    it.

    A folder git ignores hides everything in it, since git never looks inside it (a
    ``!`` line cannot bring back a file there); a folder is matched with a trailing
    slash, so ``build/`` ignores folders only. Patterns are matched by pathspec's
    ``GitIgnoreSpec`` on its RE2 backend, in time linear in the path: its default
    backend, Python's ``re``, takes time exponential in a line's stars (``*a*a*a*a*a*b``
    against a long name), and the lines come from whoever writes to the repository.
    A line pathspec or RE2 cannot read is skipped (a lone ``!``, a reversed range
    ``[z-a]``, and a POSIX class ``[[:alpha:]]``, which git reads: what it names is then
    read); an ignore file that is not a regular file (git follows no symlink to one
    either) or is over git's 100 MiB limit is not read.

    Paths are absolute and normalised; every answer is kept for the run, so a walk reads
    each ignore file once and looks each folder up once, however deep the tree.
    """

    def __init__(self) -> None:
        self._tops: dict[str, str | None] = {}  # a folder's repository top, if any
        self._chains: dict[str, tuple[tuple[str, GitIgnoreSpec], ...]] = {}
        self._folders: dict[str, bool] = {}  # ignored, itself or by a folder above it

    def ignores(self, path: str) -> bool:
        """Whether git ignores ``path``, or a folder above it in its repository."""
        parent = os.path.dirname(path)
        top = self._top(parent)
        if top is None or parent == path:
            return False
        if parent != top and self._ignores_folder(parent, top):
            return True
        return self._matches(path, top, _is_folder(path))

    def _top(self, folder: str) -> str | None:
        """The top of the repository holding ``folder``, itself included."""
        passed: list[str] = []
        while folder not in self._tops:
            passed.append(folder)
            if os.path.lexists(os.path.join(folder, ".git")):
                self._tops[folder] = folder
            elif os.path.dirname(folder) == folder:
                self._tops[folder] = None
            else:
                folder = os.path.dirname(folder)
        top = self._tops[folder]
        self._tops.update(dict.fromkeys(passed, top))
        return top

    def _ignores_folder(self, folder: str, top: str) -> bool:
        """Whether ``folder`` (below ``top``) or a folder between them is ignored."""
        below: list[str] = []
        while folder != top and folder not in self._folders:
            below.append(folder)
            folder = os.path.dirname(folder)
        ignored = self._folders.get(folder, False)
        for inner in reversed(below):
            ignored = ignored or self._matches(inner, top, folder=True)
            self._folders[inner] = ignored
        return ignored

    def _matches(self, path: str, top: str, folder: bool) -> bool:
        """Whether the patterns ignore ``path`` itself: the first ignore file (deepest
        first) with a line that matches it decides."""
        for base, spec in self._chain(os.path.dirname(path), top):
            include = spec.check_file(_git_path(path, base, folder)).include
            if include is not None:
                return include
        return False

    def _chain(self, folder: str, top: str) -> tuple[tuple[str, GitIgnoreSpec], ...]:
        """The ignore files that apply in ``folder``, each with the folder its patterns are
        relative to, deepest first: the ``.gitignore`` files up to ``top``, then
        ``info/exclude``."""
        below: list[str] = []
        while folder not in self._chains and folder != top:
            below.append(folder)
            folder = os.path.dirname(folder)
        if folder not in self._chains:
            git = _git_folder(top)
            exclude = os.path.join(git, "info", "exclude") if git else None
            own = _patterns(top, os.path.join(top, ".gitignore"))
            self._chains[top] = (*own, *_patterns(top, exclude))
        chain = self._chains[folder]
        for inner in reversed(below):
            chain = (*_patterns(inner, os.path.join(inner, ".gitignore")), *chain)
            self._chains[inner] = chain
        return chain


def _patterns(folder: str, file: str | None) -> tuple[tuple[str, GitIgnoreSpec], ...]:
    """The ignore file ``file`` compiled, paired with ``folder``, the folder its patterns
    are relative to; nothing when it holds no pattern."""
    spec = compile_patterns(_read_patterns(file)) if file else None
    return ((folder, spec),) if spec is not None else ()


def compile_patterns(lines: Sequence[str]) -> GitIgnoreSpec | None:
    """The lines of an ignore file as one matcher on RE2; lines that cannot be read are
    left out, and None when no pattern is left."""
    from pathspec import GitIgnoreSpec
    from pathspec.patterns.gitignore.spec import GitIgnoreSpecPattern
    from re2 import error as RE2Error  # type: ignore[import-untyped]

    patterns = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # re's "possible nested set": [[:a:]]
        for line in lines:
            try:
                pattern = GitIgnoreSpecPattern(line)
            except (ValueError, re.error):  # a lone "!" or "\\", a class [z-a]
                continue
            if pattern.include is not None:  # not a blank line or a comment
                patterns.append(pattern)
    if not patterns:
        return None
    try:
        return GitIgnoreSpec(patterns, backend="re2")
    except RE2Error:  # one of pathspec's translations RE2 refuses (a POSIX class)
        kept = []
        for pattern in patterns:
            try:
                GitIgnoreSpec([pattern], backend="re2")
            except RE2Error:
                continue
            kept.append(pattern)
        return GitIgnoreSpec(kept, backend="re2") if kept else None


def _read_patterns(file: str) -> list[str]:
    """The lines of an ignore file, split as git splits them; none when it cannot be read."""
    data = _read_regular(file, PATTERN_FILE_LIMIT)
    if data is None:
        return []
    text = data.decode("utf-8", "replace").removeprefix("\N{BYTE ORDER MARK}")
    return [line.removesuffix("\r") for line in text.split("\n")]


def _read_regular(file: str, limit: int) -> bytes | None:
    """A small file's bytes; None when it is missing, is not a regular file (a symlink, or
    a FIFO that would block the run), is ``limit`` bytes or more, or cannot be read."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(file, flags)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as stream:
        try:
            info = os.fstat(descriptor)
            if not stat.S_ISREG(info.st_mode) or info.st_size >= limit:
                return None
            return stream.read(limit)
        except OSError:
            return None


def _git_folder(top: str) -> str | None:
    """The repository's git folder: ``.git``, or where a ``.git`` file points (a
    submodule), or the common folder of a worktree, which holds ``info/exclude``."""
    dot_git = os.path.join(top, ".git")
    if os.path.isdir(dot_git):
        return dot_git
    pointer = _first_line(dot_git)
    if pointer is None or not pointer.startswith("gitdir: "):
        return None
    folder = os.path.join(top, pointer.removeprefix("gitdir: "))
    common = _first_line(os.path.join(folder, "commondir"))
    return os.path.normpath(os.path.join(folder, common)) if common else folder


def _first_line(file: str) -> str | None:
    data = _read_regular(file, 1 << 16)
    return os.fsdecode(data.split(b"\n")[0].strip()) if data is not None else None


def _git_path(path: str, folder: str, is_folder: bool) -> str:
    """``path`` relative to ``folder`` as git matches it: ``/`` between names and after a
    folder's, and a byte that is not UTF-8 as U+FFFD, which ``?`` and ``*`` still match."""
    relative = path[len(folder) :].lstrip(os.sep).replace(os.sep, "/")
    if _LONE_SURROGATE.search(relative):
        relative = os.fsencode(relative).decode("utf-8", "replace")
    return relative + "/" if is_folder else relative


def _is_folder(path: str) -> bool:
    """A folder, not a link to one: git sees a symlink as a file."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False
