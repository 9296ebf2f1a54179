"""Settings that depend on a path: exclusion, per-file ignores, and the languages and
encodings the configuration's glob tables declare.

Globs are matched against a path relative to the configuration's folder (``Config.root``),
whatever folder the run started in: ``base`` is that folder, where display paths start.
With ``respect-gitignore``, what git ignores is excluded too (``GitIgnore``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from hygiene.config.globs import glob_matches
from hygiene.config.settings import Config
from hygiene.core.document import Document
from hygiene.inputs.discovery import STDIN_DISPLAY, GitIgnore, unshown


class PathSettings:
    """What the configuration says about each path of a run."""

    def __init__(self, config: Config, base: str, gitignore: GitIgnore | None = None) -> None:
        """``gitignore`` is shared by the configurations of a run, so that each ignore file
        is read once; it counts only with ``respect-gitignore``."""
        self.config = config
        self.base = base
        self.gitignore = (gitignore or GitIgnore()) if config.respect_gitignore else None

    def relative(self, path: str) -> str | None:
        """A display path relative to the config's folder, where globs apply; standard
        input has none."""
        if path == STDIN_DISPLAY:
            return None
        root = os.path.join(self.base, self.config.root)
        return os.path.relpath(os.path.join(self.base, path), root).replace(os.sep, "/")

    def ignored_selectors(self, path: str) -> tuple[str, ...]:
        """The rule selectors ``per-file-ignores`` names for ``path``."""
        relative = self.relative(path)
        if relative is None:
            return ()
        return tuple(
            selector
            for pattern, selectors in self.config.per_file_ignores.items()
            if glob_matches(pattern, relative)
            for selector in selectors
        )

    def declared(self, table: Mapping[str, Any], path: str) -> Any:
        """The value a config table of globs gives ``path``; the last matching glob wins."""
        relative = self.relative(path)
        value = None
        if relative is not None:
            for pattern, candidate in table.items():
                if glob_matches(pattern, relative):
                    value = candidate
        return value

    def excluded(self, display: str) -> bool:
        """Whether the exclusions (the defaults, ``exclude``, ``extend-exclude``) or, with
        ``respect-gitignore``, git's ignore files leave this walked path (a file or a
        folder) out; the globs never exclude a path outside the config's folder."""
        relative = self.relative(display)
        if relative is None:
            return False
        if not relative.startswith("../"):
            parts = relative.split("/")
            prefixes = ["/".join(parts[:end]) for end in range(1, len(parts) + 1)]
            if any(glob_matches(pattern, prefix) for pattern in self.config.excluded_globs
                   for prefix in prefixes):  # fmt: skip
                return True
        if self.gitignore is None:
            return False
        return self.gitignore.ignores(os.path.abspath(os.path.join(self.base, unshown(display))))

    def declared_languages(self, document: Document) -> tuple[str, ...]:
        """Front matter ``lang``/``language`` first, then the config's globs; a list means
        a bilingual document."""
        value = document.metadata.get("lang") or document.metadata.get("language")
        if not isinstance(value, str | list):
            value = self.declared(self.config.languages, document.path)
        if value is None:
            return ()
        return (value,) if isinstance(value, str) else tuple(str(v) for v in value)

    def declared_encoding(self, path: str) -> str | None:
        encoding = self.declared(self.config.encodings, path)
        return str(encoding) if encoding else None
