"""Where a folder's configuration file is, and the settings table a file holds.

A folder's configuration is the first of ``.hygiene.toml``, ``hygiene.toml``, and a
``pyproject.toml`` with a ``[tool.hygiene]`` table, in that folder or the nearest folder
above it, never above the project's root (``project_root``): anyone who can write to a
parent folder (``/tmp/hygiene.toml`` with ``ignore = ["ALL"]``) would otherwise turn the
gate off. Each table is checked against ``config.schema.json`` on its own, so an error
names the file that has it, in one line.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hygiene.config.globs import GlobError, compile_glob
from hygiene.core.errors import ConfigError
from hygiene.inputs.discovery import display_path
from hygiene.support import schemas

# In the order a folder's files are looked at: ruff's (.ruff.toml, ruff.toml, pyproject.toml).
CONFIG_FILES = (".hygiene.toml", "hygiene.toml", "pyproject.toml")
# A repository's top: .git is a folder, or a file in a worktree or a submodule.
REPOSITORY_MARKERS = (".git", ".hg", ".jj", ".svn")
# The tables whose keys, and the lists whose items, are globs.
GLOB_TABLES = ("per-file-ignores", "languages", "encodings")
GLOB_LISTS = ("exclude", "extend-exclude")


def project_root(start: Path) -> Path | None:
    """The folder configuration discovery stops at: the top of the repository that holds
    ``start`` (a folder with ``.git``, file or folder, ``.hg``, ``.jj`` or ``.svn``), else
    the nearest folder with a configuration file of any kind (a ``pyproject.toml`` without
    ``[tool.hygiene]`` too); None when there is neither."""
    folders = (start, *start.parents)
    for folder in folders:
        if _marked(folder):
            return folder
    for folder in folders:
        if any(os.path.isfile(folder / name) for name in CONFIG_FILES):
            return folder
    return None


def _marked(folder: Path) -> bool:
    return any(os.path.exists(folder / marker) for marker in REPOSITORY_MARKERS)


class ConfigFiles:
    """The configuration files of a run, each looked for and read once: the answer for a
    folder, and the table of a file, are kept, so a walk of ten thousand folders reads
    each file once and stats each folder once (``closest`` is ``project_root``'s search
    made incremental: a folder's answer is its parent's unless the folder decides)."""

    def __init__(self) -> None:
        self._closest: dict[Path, Path | None] = {}
        self._marked_above: dict[Path, bool] = {}
        self._tables: dict[Path, dict[str, Any]] = {}

    def closest(self, folder: Path) -> Path | None:
        """The configuration file of ``folder`` (absolute): the nearest at or above it,
        up to its project's root; a ``pyproject.toml`` without ``[tool.hygiene]`` is passed
        over inside a repository, and is the root outside one."""
        walked: list[Path] = []
        current = folder
        while True:
            if current in self._closest:
                found = self._closest[current]
                break
            walked.append(current)
            found, other = self._files_in(current)
            if found is not None or _marked(current):
                break
            at_top = current.parent == current
            if at_top or (other and not self._marker_above(current.parent)):
                break
            current = current.parent
        for each in walked:
            self._closest[each] = found
        return found

    def _files_in(self, folder: Path) -> tuple[Path | None, bool]:
        """The folder's configuration file, and whether it holds a ``pyproject.toml``
        that configures something else only."""
        other = False
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml" or self.has_tool_table(candidate):
                return candidate, other
            other = True
        return None, other

    def _marker_above(self, folder: Path) -> bool:
        """Whether ``folder`` or a folder above it marks a repository's top."""
        walked: list[Path] = []
        current = folder
        while True:
            known = self._marked_above.get(current)
            if known is not None:
                break
            walked.append(current)
            if _marked(current):
                known = True
                break
            if current.parent == current:
                known = False
                break
            current = current.parent
        for each in walked:
            self._marked_above[each] = known
        return known

    def has_tool_table(self, pyproject: Path) -> bool:
        try:
            return "hygiene" in read_toml(pyproject).get("tool", {})
        except ConfigError:
            return True  # let loading report the broken file

    def table(self, path: Path) -> dict[str, Any]:
        """The settings of one file, validated: a ``pyproject.toml``'s ``[tool.hygiene]``
        table, any other file's top level."""
        key = Path(os.path.abspath(path))
        table = self._tables.get(key)
        if table is None:
            table = self._tables[key] = read_table(path)
        return table


def read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{display_path(path)}: cannot read: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{display_path(path)}: invalid TOML: {error}") from None


def read_table(path: Path) -> dict[str, Any]:
    """Read and validate one file's settings; every problem is one line naming the file."""
    data = read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("hygiene", {})
    where = display_path(path)
    _validate(where, data)
    for table in (*GLOB_TABLES, *GLOB_LISTS):
        for pattern in data.get(table, ()):
            try:
                compile_glob(pattern)
            except GlobError as error:
                raise ConfigError(f"{where}: {table}: {error}") from None
    for pattern, encoding in data.get("encodings", {}).items():
        try:
            check_encoding(encoding)
        except ConfigError as error:
            raise ConfigError(f"{where}: encodings.{pattern}: {error}") from None
    return data


def _validate(where: str, data: Mapping[str, Any]) -> None:
    error = schemas.first_error(schemas.CONFIG, data)
    if error is not None:
        path, problem = error
        location = ".".join(str(part) for part in path)
        raise ConfigError(f"{where}: {location + ': ' if location else ''}{problem}")


def check_encoding(name: str) -> str:
    """A text codec's canonical name; anything else is a configuration error."""
    import codecs

    try:
        info = codecs.lookup(name)
    except LookupError:
        raise ConfigError(f"unknown encoding {name!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise ConfigError(f"{name!r} is not a text encoding")
    return info.name
