"""``extend = "../hygiene.toml"``: a configuration file built on another, as ruff has it.

The base is read first, then each file that extends it merges over it, so the extending
file's settings win:

- a setting it gives replaces the base's (``select``, ``exclude``, ``fail-on`` ...);
- ``extend-select``, ``ignore`` and ``extend-exclude`` add to the base's, except that a
  file that sets ``select`` starts the selection anew, without the base's
  ``extend-select`` and ``ignore`` (ruff's rule: ``select`` resets what came before);
- the tables (``per-file-ignores``, ``severity``, ``languages``, ``encodings``, ``rules``)
  merge entry by entry, the extending file's entries last (so they win where the last
  matching glob wins), a rule's options option by option.

Paths are relative to the file that says them. The merged globs are relative to the
folder above every file of the chain (its ``root``): each file's own anchored globs get
the path from there to its folder in front, so a base's ``docs/legacy/**`` still means
its own ``docs/legacy``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hygiene.config.files import GLOB_LISTS, GLOB_TABLES, read_toml
from hygiene.core.errors import ConfigError
from hygiene.inputs.discovery import display_path

Table = dict[str, Any]
# Lists that add to the base's; a file's own ``select`` drops the base's first two.
ADDED = ("extend-select", "ignore", "extend-exclude")
MERGED_TABLES = ("per-file-ignores", "severity", "languages", "encodings")


def chain(path: Path, read: Callable[[Path], Table]) -> list[tuple[Path, Table]]:
    """The file and every file it extends, with their tables, the base first; a cycle
    is refused in one line that names the files around it."""
    files: list[tuple[Path, Table]] = []
    seen: list[str] = []
    current = Path(os.path.abspath(path))
    while True:
        real = os.path.realpath(current)
        if real in seen:
            loop = [display_path(p) for p, _ in files[seen.index(real) :]]
            raise ConfigError(
                f"{display_path(path)}: extend: a cycle: {' -> '.join([*loop, loop[0]])}"
            )
        seen.append(real)
        table = read(current)
        files.append((current, table))
        target = table.get("extend")
        if target is None:
            return files[::-1]
        current = _extended(current, target)


def _extended(path: Path, target: str) -> Path:
    """The file ``extend`` names, relative to the file that says it."""
    where = display_path(path)
    extended = Path(os.path.abspath(path.parent / os.path.expanduser(target)))
    if not extended.is_file():
        raise ConfigError(f"{where}: extend: no such configuration file {target!r}")
    if extended.name == "pyproject.toml" and "hygiene" not in read_toml(extended).get("tool", {}):
        raise ConfigError(f"{where}: extend: {target!r} has no [tool.hygiene] table")
    return extended


def merged(files: list[tuple[Path, Table]]) -> tuple[Path, Table]:
    """One table from a chain, base first, and the folder its globs are relative to."""
    root = Path(os.path.commonpath([str(path.parent) for path, _ in files]))
    result: Table = {}
    for path, table in files:
        prefix = os.path.relpath(path.parent, root).replace(os.sep, "/")
        result = _over(result, _rebased(table, path.parent, "" if prefix == "." else prefix))
    result.pop("extend", None)
    return root, result


def _rebased(table: Table, folder: Path, prefix: str) -> Table:
    """A file's table with its paths made absolute (rule packs) or relative to the root
    of its chain (globs), which is ``prefix`` above the file's folder."""
    out = dict(table)
    if "rule-packs" in out:
        out["rule-packs"] = [os.path.abspath(folder / pack) for pack in out["rule-packs"]]
    if not prefix:
        return out
    for key in GLOB_TABLES:
        if key in out:
            out[key] = {_under(prefix, glob): value for glob, value in out[key].items()}
    for key in GLOB_LISTS:
        if key in out:
            out[key] = [_under(prefix, glob) for glob in out[key]]
    return out


def _under(prefix: str, glob: str) -> str:
    """``glob`` of a file ``prefix`` below the root, relative to the root. A glob without
    a slash matches a name in any folder, and stays as it is."""
    body = glob.lstrip("/")
    if "/" not in body:
        return glob
    literal = "".join(f"[{char}]" if char in "*?[]" else char for char in prefix)
    return f"{literal}/{body}"


def _over(base: Table, table: Table) -> Table:
    """``table`` merged over ``base`` (see the module's docstring)."""
    out = dict(base)
    if "select" in table:
        for key in ("extend-select", "ignore"):
            out.pop(key, None)
    for key, value in table.items():
        if key in ADDED:
            out[key] = [*out.get(key, ()), *value]
        elif key in MERGED_TABLES:
            kept = {entry: v for entry, v in out.get(key, {}).items() if entry not in value}
            out[key] = {**kept, **value}
        elif key == "rules":
            earlier = out.get(key, {})
            rules = {name: v for name, v in earlier.items() if name not in value}
            for name, options in value.items():
                rules[name] = {**earlier.get(name, {}), **options}
            out[key] = rules
        else:
            out[key] = value
    return out
