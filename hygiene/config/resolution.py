"""The configuration each checked file is judged under, as ruff and typos have it.

A file is judged under the configuration file closest above its folder (up to its
project's root), with the run's flags over it, so its findings do not depend on what else
a run was given: ``hygiene check docs/a.md`` and ``hygiene check docs/a.md b.md`` judge
``a.md`` alike. A run with ``--config`` (or a Config made in code, which carries no flags)
judges every file under its one configuration.

The answers are kept by folder and each file is read once, so a run of a million records
or of ten thousand folders reads its few configuration files once per process; every
process of a run (``--jobs``, a Dask worker) finds the same files, so the findings are
the same however the run is split.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from hygiene.config.files import ConfigFiles
from hygiene.config.settings import Config, Flags, load_config
from hygiene.inputs.discovery import STDIN_DISPLAY, display_path, shown, unshown


class Resolver:
    """The configuration of each path of a run whose own configuration is ``run``."""

    def __init__(self, run: Config, base: str) -> None:
        """``base`` is the folder display paths are relative to (the run's working folder,
        which a cluster worker does not share)."""
        self.run = run
        self.base = base
        self._files = ConfigFiles()
        self._folders: dict[str, Config] = {}
        # By the real path of a configuration file ("" for none): the run's own is one.
        self._configs: dict[str, Config] = {self._key(run.source): run}
        self._flags: Flags | None = None
        if run.flags is not None:
            # Named from the run's folder; as this process names them.
            packs = (display_path(Path(base, folder)) for folder in run.flags.rule_packs)
            self._flags = replace(run.flags, rule_packs=tuple(packs))

    def for_path(self, display: str) -> Config:
        """The configuration a file (or a folder met in a walk) is judged under: that of
        the folder it is in."""
        if self._flags is None or display == STDIN_DISPLAY:
            return self.run
        return self.for_folder(os.path.dirname(os.path.join(self.base, unshown(display))))

    def for_folder(self, folder: str) -> Config:
        """The configuration the files in ``folder`` are judged under."""
        if self._flags is None:
            return self.run
        folder = os.path.abspath(os.path.join(self.base, folder))
        config = self._folders.get(folder)
        if config is None:
            config = self._folders[folder] = self._load(self._files.closest(Path(folder)))
        return config

    def _load(self, found: Path | None) -> Config:
        key = os.path.realpath(found) if found is not None else ""
        config = self._configs.get(key)
        if config is None:
            assert self._flags is not None
            loaded = load_config(found, self._files) if found is not None else Config()
            root = self._relative(loaded.root)
            config = self._configs[key] = self._flags.apply(replace(loaded, root=root))
        return config

    def _key(self, source: str | None) -> str:
        if source is None:
            return ""
        return os.path.realpath(os.path.join(self.base, unshown(source)))

    def _relative(self, display: str) -> str:
        """A path this process shows, made relative to ``base`` (where a run's display
        paths and every Config's ``root`` start), which a cluster worker's folder is not."""
        if self.base == os.getcwd():
            return display
        return shown(os.path.relpath(os.path.abspath(unshown(display)), self.base))
