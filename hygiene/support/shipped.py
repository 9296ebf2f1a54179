"""Where the files shipped with hygiene lie: the top-level ``rules/`` (packs and lexicons),
installed as the package ``hygiene.builtin_packs``.

Found through the import system's spec rather than ``importlib.resources``, whose readers
import ``zipfile`` and ``tempfile`` (8 ms of a one-file check); hygiene is never run from
a zip archive.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path


@cache
def builtin_folder() -> Path:
    """The folder of the built-in packs, installed or in a source checkout."""
    spec = importlib.util.find_spec("hygiene.builtin_packs")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(__file__).resolve().parents[2] / "rules"  # a checkout run uninstalled
