"""One frozen Config: ``[tool.hygiene]`` in pyproject.toml or a hygiene.toml, then flags.

The file is found by walking up from the checked paths, never above the project's root
(``project_root``), validated against ``config.schema.json``, and every problem is one
line naming the file. The config's digest goes into every report's provenance.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from hygiene.config.globs import GlobError, compile_glob
from hygiene.core.document import TextFormat
from hygiene.core.errors import ConfigError
from hygiene.core.rule import RunSettings, Severity
from hygiene.inputs.discovery import display_path
from hygiene.support import schemas

CONFIG_FILES = ("hygiene.toml", "pyproject.toml")
# A repository's top: .git is a folder, or a file in a worktree or a submodule.
REPOSITORY_MARKERS = (".git", ".hg", ".jj", ".svn")


@dataclass(frozen=True)
class Config:
    """The effective settings of a run. Globs are relative to ``root``."""

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
    source: str | None = None
    root: str = "."

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
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
        """
        settings = {
            key: value
            for key, value in self.to_dict().items()
            if key not in _NOT_DIGESTED and _LATER_SETTINGS.get(key, _UNSET) != value
        }
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
        """Flags win over the file: ``--select`` replaces, the others add."""
        return replace(
            self,
            select=tuple(select) or self.select,
            extend_select=(*self.extend_select, *extend_select),
            ignore=(*self.ignore, *ignore),
            fail_on=fail_on or self.fail_on,
            rule_packs=(*self.rule_packs, *rule_packs),
            text_fields=tuple(text_fields) or self.text_fields,
            id_field=id_field or self.id_field,
            text_format=text_format or self.text_format,
            inline_config=self.inline_config if inline_config is None else inline_config,
            force_exclude=self.force_exclude or force_exclude,
            respect_gitignore=self.respect_gitignore if respect_gitignore is None
            else respect_gitignore,
            encodings={**self.encodings, "**": check_encoding(encoding)} if encoding
            else self.encodings,
        )  # fmt: skip


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
# Where the file was, and what follows from another setting: ``default_exclude`` is false
# exactly when ``exclude`` is given, which the digest already holds.
_NOT_DIGESTED = frozenset({"source", "root", "default_exclude"})


def check_encoding(name: str) -> str:
    """A text codec's canonical name; anything else is a configuration error."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise ConfigError(f"unknown encoding {name!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise ConfigError(f"{name!r} is not a text encoding")
    return info.name


def project_root(start: Path) -> Path | None:
    """The folder configuration discovery stops at: the top of the repository that holds
    ``start`` (a folder with ``.git``, file or folder, ``.hg``, ``.jj`` or ``.svn``), else
    the nearest folder with a hygiene.toml or a pyproject.toml; None when there is neither.

    A configuration above it is not the project's: anyone who can write to a parent folder
    (``/tmp/hygiene.toml`` with ``ignore = ["ALL"]``) would otherwise turn the gate off.
    """
    folders = (start, *start.parents)
    for folder in folders:
        if any(os.path.exists(folder / marker) for marker in REPOSITORY_MARKERS):
            return folder
    for folder in folders:
        if any(os.path.isfile(folder / name) for name in CONFIG_FILES):
            return folder
    return None


def find_config_file(paths: Sequence[str]) -> Path | None:
    """The nearest hygiene.toml, or pyproject.toml with ``[tool.hygiene]``, above the paths
    and at most up to their project's root."""
    folders = [Path(os.path.abspath(p)) for p in paths if p != "-"] or [Path.cwd()]
    start = Path(os.path.commonpath([str(f if f.is_dir() else f.parent) for f in folders]))
    root = project_root(start)
    if root is None:
        return None
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
        if folder == root:
            break
    return None


def _has_tool_table(pyproject: Path) -> bool:
    try:
        return "hygiene" in _read_toml(pyproject).get("tool", {})
    except ConfigError:
        return True  # let loading report the broken file


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{display_path(path)}: cannot read: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{display_path(path)}: invalid TOML: {error}") from None


def load_config(path: Path) -> Config:
    """Read, validate and convert one configuration file."""
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("hygiene", {})
    where = display_path(path)
    _validate(where, data)
    for table in ("per-file-ignores", "languages", "encodings", "exclude", "extend-exclude"):
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
    root = path.parent
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
        rule_packs=tuple(display_path(root / folder) for folder in data.get("rule-packs", ())),
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
        text_format=data.get("text-format", "text"),
        source=where,
        root=display_path(root),
    )


def _validate(where: str, data: Mapping[str, Any]) -> None:
    error = schemas.first_error(schemas.CONFIG, data)
    if error is not None:
        path, problem = error
        location = ".".join(str(part) for part in path)
        raise ConfigError(f"{where}: {location + ': ' if location else ''}{problem}")


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
