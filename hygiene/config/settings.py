"""One frozen Config: ``[tool.hygiene]`` in pyproject.toml or a hygiene.toml, then flags.

A run's own Config is the file above its working folder (or ``--config``), with the
flags over it: it holds the settings that are one per run (``fail-on``, ``format``,
``jobs`` ...). Each checked file is judged under the file closest above it, with the same
flags (``hygiene.config.resolution``); the flags ride in the run's Config (``Flags``) so
that every process of a run can do the same. The config's digest goes into every report's
provenance.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from hygiene.config.extension import chain, merged
from hygiene.config.files import (
    CONFIG_FILES,
    REPOSITORY_MARKERS,
    ConfigFiles,
    check_encoding,
    project_root,
)
from hygiene.core.document import TextFormat
from hygiene.core.errors import ConfigError
from hygiene.core.rule import RunSettings, Severity
from hygiene.inputs.discovery import display_path

__all__ = [
    "CONFIG_FILES", "REPOSITORY_MARKERS", "Config", "Flags", "check_encoding",
    "find_config_file", "load_config", "project_root", "resolve_config",
]  # fmt: skip


@dataclass(frozen=True)
class Flags:
    """What the command line says over the configuration files: ``--select`` replaces
    the file's selection, ``--extend-select``, ``--ignore`` and ``--rule-packs`` add to it,
    the others replace the file's setting when given. Rule-pack folders are relative to
    the run's working folder."""

    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity | None = None
    rule_packs: tuple[str, ...] = ()
    encoding: str | None = None
    text_fields: tuple[str, ...] = ()
    id_field: str | None = None
    text_format: TextFormat | None = None
    inline_config: bool | None = None
    force_exclude: bool = False
    respect_gitignore: bool | None = None

    def apply(self, config: Config) -> Config:
        """``config`` with these flags over it."""
        return replace(
            config,
            select=self.select or config.select,
            extend_select=(*config.extend_select, *self.extend_select),
            ignore=(*config.ignore, *self.ignore),
            fail_on=self.fail_on or config.fail_on,
            rule_packs=(*config.rule_packs, *self.rule_packs),
            text_fields=self.text_fields or config.text_fields,
            id_field=self.id_field or config.id_field,
            text_format=self.text_format or config.text_format,
            inline_config=config.inline_config if self.inline_config is None
            else self.inline_config,
            force_exclude=config.force_exclude or self.force_exclude,
            respect_gitignore=config.respect_gitignore if self.respect_gitignore is None
            else self.respect_gitignore,
            encodings={**config.encodings, "**": check_encoding(self.encoding)} if self.encoding
            else config.encodings,
        )  # fmt: skip


@dataclass(frozen=True)
class Config:
    """The effective settings of a run, or of the files under one configuration file.
    Globs are relative to ``root``."""

    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    severity: Mapping[str, Severity] = field(default_factory=dict)
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    fail_on: Severity = "warning"
    languages: Mapping[str, str | list[str]] = field(default_factory=dict)
    encodings: Mapping[str, str] = field(default_factory=dict)
    rule_packs: tuple[str, ...] = ()
    language_identifier: str = "fasttext"
    language_seed: int = 0
    max_document_megabytes: int = 64
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    default_exclude: bool = True  # false once a configuration sets ``exclude`` itself
    force_exclude: bool = False  # exclude applies to paths named on the command line too
    respect_gitignore: bool = True  # walks leave out what git ignores (inputs.discovery)
    text_fields: tuple[str, ...] = ("text",)
    id_field: str = "id"
    text_format: TextFormat = "text"  # how JSON Lines records' text fields are written
    inline_config: bool = True
    inline_config_in_jsonl: bool = False
    output_format: str | None = None  # the report's format when no --format is given
    jobs: int | None = None  # processes when no --jobs is given
    source: str | None = None
    root: str = "."
    # With flags, each file is judged under the configuration closest above it, these
    # flags over it; without (--config, or a Config made in code), under this one.
    flags: Flags | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        del data["flags"]  # already applied to this configuration
        return {
            key: (list(value) if isinstance(value, tuple) else value) for key, value in data.items()
        }

    @property
    def excluded_globs(self) -> tuple[str, ...]:
        """What walks leave out: the defaults (unless ``exclude`` replaced them), then
        ``exclude``, then ``extend-exclude``."""
        defaults = DEFAULT_EXCLUDE if self.default_exclude else ()
        return (*defaults, *self.exclude, *self.extend_exclude)

    def honours_directives(self, in_record: bool) -> bool:
        """Whether inline directives count in a document: never with ``inline-config``
        off, and in a JSON Lines record only with ``inline-config-in-jsonl`` (a corpus is
        untrusted data, which must not silence its own findings)."""
        return self.inline_config and (not in_record or self.inline_config_in_jsonl)

    @property
    def run_settings(self) -> RunSettings:
        """What every rule of the run may read: the language identifier and its seed."""
        return RunSettings(self.language_identifier, self.language_seed)

    @property
    def max_document_bytes(self) -> int:
        return self.max_document_megabytes << 20

    def digest(self) -> str:
        """A stable fingerprint of what changes results (not where the file was).

        Settings added since digests were first published count only when they differ
        from their default, so a configuration that does not use them keeps its digest.
        The flags count when any was given: they change what the files below say too.
        """
        settings = {
            key: value
            for key, value in self.to_dict().items()
            if key not in _NOT_DIGESTED and _LATER_SETTINGS.get(key, _UNSET) != value
        }
        if self.flags is not None and self.flags != Flags():
            settings["flags"] = asdict(self.flags)
        canonical = json.dumps(settings, sort_keys=True, separators=(",", ":"))
        return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def with_flags(
        self,
        *,
        select: Sequence[str] = (),
        extend_select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        fail_on: Severity | None = None,
        rule_packs: Sequence[str] = (),
        encoding: str | None = None,
        text_fields: Sequence[str] = (),
        id_field: str | None = None,
        text_format: TextFormat | None = None,
        inline_config: bool | None = None,
        force_exclude: bool = False,
        respect_gitignore: bool | None = None,
    ) -> Config:
        """Flags win over the file (``Flags``); this one configuration is then the run's
        for every file."""
        flags = Flags(
            tuple(select), tuple(extend_select), tuple(ignore), fail_on, tuple(rule_packs),
            encoding, tuple(text_fields), id_field, text_format, inline_config, force_exclude,
            respect_gitignore,
        )  # fmt: skip
        return flags.apply(self)


# Settings added after the first release, with their defaults (see Config.digest).
_LATER_SETTINGS: dict[str, object] = {
    "inline_config": True,
    "inline_config_in_jsonl": False,
    "extend_exclude": [],
    "force_exclude": False,
    "respect_gitignore": True,
    "text_format": "text",
}
# Folders of tools, packages and build output, never content (ruff's list, with build/ and
# the egg-info folder setuptools writes beside the sources). Hidden ones are skipped anyway.
DEFAULT_EXCLUDE = ("__pypackages__", "_build", "buck-out", "build", "dist", "node_modules",
                   "site-packages", "venv", "*.egg-info")  # fmt: skip
_UNSET = object()
# Where the file was, what follows from another setting (``default_exclude`` is false
# exactly when ``exclude`` is given, which the digest already holds), and how a run goes
# rather than what it finds (the report's format, the processes).
_NOT_DIGESTED = frozenset({"source", "root", "default_exclude", "output_format", "jobs"})


def load_config(path: Path, files: ConfigFiles | None = None) -> Config:
    """Read one configuration file, and the files it extends, into a Config; ``files``
    keeps the tables read for a run that loads many."""
    read = (files or ConfigFiles()).table
    root, data = merged(chain(path, read))
    fields = data.get("text-field", ("text",))
    return Config(
        select=tuple(data.get("select", ())),
        extend_select=tuple(data.get("extend-select", ())),
        ignore=tuple(data.get("ignore", ())),
        per_file_ignores={k: tuple(v) for k, v in data.get("per-file-ignores", {}).items()},
        severity=dict(data.get("severity", {})),
        rules={name: dict(options) for name, options in data.get("rules", {}).items()},
        fail_on=data.get("fail-on", "warning"),
        languages=dict(data.get("languages", {})),
        encodings=dict(data.get("encodings", {})),
        rule_packs=tuple(display_path(Path(folder)) for folder in data.get("rule-packs", ())),
        exclude=tuple(data.get("exclude", ())),
        extend_exclude=tuple(data.get("extend-exclude", ())),
        default_exclude="exclude" not in data,
        force_exclude=data.get("force-exclude", False),
        respect_gitignore=data.get("respect-gitignore", True),
        language_identifier=data.get("language-identifier", "fasttext"),
        language_seed=data.get("language-seed", 0),
        max_document_megabytes=data.get("max-document-megabytes", 64),
        inline_config=data.get("inline-config", True),
        inline_config_in_jsonl=data.get("inline-config-in-jsonl", False),
        text_fields=(fields,) if isinstance(fields, str) else tuple(fields),
        id_field=data.get("id-field", "id"),
        text_format=data.get("text-format", "text"),
        output_format=data.get("format"),
        jobs=data.get("jobs"),
        source=display_path(path),
        root=display_path(root),
    )


def find_config_file(paths: Sequence[str]) -> Path | None:
    """The configuration file of the folder above every path (the working folder when
    there is none), at most up to its project's root (``ConfigFiles.closest``)."""
    folders = [Path(os.path.abspath(p)) for p in paths if p != "-"] or [Path.cwd()]
    start = Path(os.path.commonpath([str(f if f.is_dir() else f.parent) for f in folders]))
    return ConfigFiles().closest(start)


def resolve_config(paths: Sequence[str], explicit: str | None = None) -> Config:
    """The configuration for ``paths``: an explicit file, the nearest one, or defaults."""
    if explicit is not None:
        path = Path(explicit)
        if path.is_dir():
            raise ConfigError(f"{explicit}: is a folder, not a configuration file")
        if not path.is_file():
            raise ConfigError(f"{explicit}: no such configuration file")
        return load_config(path)
    found = find_config_file(paths)
    return load_config(found) if found else Config()
