"""Load the declarative rule packs and the Python rules into one RuleSet.

A pack is checked against ``rulepack.schema.json`` before anything in it is
compiled; every problem becomes one ``RulePackError`` line naming the file, the
rule and what is wrong with it.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from hygiene.config.settings import Config
from hygiene.core.errors import ConfigError, RulePackError, UsageError
from hygiene.core.rule import Facet, PackRef, Rule, RuleDoc
from hygiene.core.structure import PROSE
from hygiene.registry.kinds import KINDS
from hygiene.registry.kinds.line_phrase import LINE_PHRASE_DEFAULTS
from hygiene.registry.kinds.pattern import PATTERN_DEFAULTS
from hygiene.support import schemas
from hygiene.support.cache import memoized
from hygiene.support.shipped import builtin_folder

# Built-in groups own their prefixes; a user pack may add groups, not take these.
BUILTIN_PREFIXES: Mapping[str, str] = MappingProxyType(
    {
        "language": "LG",
        "encoding": "EN",
        "unicode": "UC",
        "boilerplate": "BP",
        "provenance": "PV",
        "suppression": "SU",
    }
)


@dataclass(frozen=True, slots=True)
class PackFile:
    """A rule pack's display name (never an absolute path) and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class RuleSet:
    """The rules a run applies, sorted by code, the packs they came from, and what the
    groups say about every document (facets, whichever rules are selected)."""

    rules: tuple[Rule, ...]
    packs: tuple[PackRef, ...]
    facets: tuple[Facet, ...] = ()

    def keeping(self, rules: Iterable[Rule]) -> RuleSet:
        """The same rule set with only ``rules``, and the packs they come from."""
        kept = tuple(rules)
        packs = tuple(sorted({r.pack for r in kept}, key=lambda p: p.name))
        return RuleSet(kept, packs, self.facets)

    def find(self, key: str) -> Rule | None:
        """A rule by code (case-insensitive) or by name."""
        for candidate in self.rules:
            if candidate.code == key.upper() or candidate.name == key:
                return candidate
        return None

    def select(
        self, select: Sequence[str] = (), ignore: Sequence[str] = (), extend: Sequence[str] = ()
    ) -> RuleSet:
        """Keep the rules ``select`` names (default: those on by default) and ``extend`` adds,
        minus ``ignore``.

        A selector is ``ALL``, a code or code prefix (``BP``, ``BP001``), a group
        (``boilerplate``) or a rule name; one that matches no rule is a usage error.
        An opt-in rule is picked only by ``ALL``, its code, its name or a code prefix
        longer than its group's (``BP1``): ``BP`` means the group's usual rules.
        """
        self.check_selectors((*select, *ignore, *extend))

        def wanted(candidate: Rule) -> bool:
            base = (
                any(_matches(s, candidate) for s in select)
                if select
                else candidate.enabled_by_default
            )
            return base or any(_matches(s, candidate) for s in extend)

        return self.keeping(
            r for r in self.rules if wanted(r) and not any(_matches(s, r) for s in ignore)
        )

    def check_selectors(self, selectors: Iterable[str], where: str | None = None) -> None:
        """Refuse a selector that matches no rule; ``where`` names the config file it came from."""
        for selector in selectors:
            if not any(_matches(selector, candidate) for candidate in self.rules):
                if where:
                    raise ConfigError(f"{where}: unknown rule selector {selector!r}")
                raise UsageError(f"unknown rule selector {selector!r}: see 'hygiene rules'")

    def configure(self, config: Config) -> RuleSet:
        """Select per the config, then apply its severity overrides and rule options."""
        where = config.source or "configuration"
        per_file = [code for codes in config.per_file_ignores.values() for code in codes]
        self.check_selectors(
            [*config.select, *config.extend_select, *config.ignore, *per_file], config.source
        )
        chosen = self.select(config.select, config.ignore, config.extend_select)
        rules = []
        for candidate in chosen.rules:
            severity = _override(self, config.severity, candidate, where, "severity")
            options = _override(self, config.rules, candidate, where, "rules")
            if options is not None:
                candidate = replace(candidate, options=_merge_options(candidate, options, where))
            if severity is not None:
                candidate = replace(candidate, severity=severity)
            rules.append(candidate)
        return self.keeping(rules)


def _override(ruleset: RuleSet, table: Mapping[str, Any], rule: Rule, where: str, what: str) -> Any:
    """The entry of a config table that names ``rule`` by code or name; unknown names fail."""
    for key in table:
        if ruleset.find(key) is None:
            raise ConfigError(f"{where}: {what}: unknown rule {key!r}")
    return table.get(rule.code, table.get(rule.name))


KIND_DEFAULTS: Mapping[str, Mapping[str, Any]] = {
    "pattern": PATTERN_DEFAULTS,
    "line-phrase": LINE_PHRASE_DEFAULTS,
}
# Options whose value bounds the work a rule may do: a pack or a configuration may
# tighten them, never lift them.
OPTION_RANGES: Mapping[str, tuple[float, float]] = {"timeout": (0.0, 60.0)}


def option_problem(key: str, value: Any, defaults: Mapping[str, Any]) -> str | None:
    """What is wrong with an option's value, judged by its default's type and its range:
    ``unknown option ...``, or ``<key>: expected ...``."""
    if key not in defaults:
        return f"unknown option {key!r} (known: {', '.join(defaults) or 'none'})"
    default = defaults[key]
    numeric = isinstance(default, int | float) and not isinstance(default, bool)
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if not (isinstance(value, type(default)) or (numeric and is_number)):
        return f"{key}: expected {type(default).__name__}, got {value!r}"
    if key in OPTION_RANGES:
        low, high = OPTION_RANGES[key]
        if not low < value <= high:
            return f"{key}: expected a number above {low:g} and at most {high:g}, got {value!r}"
    return None


def _merge_options(rule: Rule, overrides: Mapping[str, Any], where: str) -> Mapping[str, Any]:
    merged = dict(rule.options)
    for key, value in overrides.items():
        problem = option_problem(key, value, rule.options)
        if problem is not None:
            joiner = ": " if problem.startswith("unknown option") else "."
            raise ConfigError(f"{where}: rules.{rule.name}{joiner}{problem}")
        merged[key] = value
    return MappingProxyType(merged)


def _matches(selector: str, candidate: Rule) -> bool:
    if selector.upper() == "ALL" or selector == candidate.name:
        return True
    if selector == candidate.group:
        return candidate.enabled_by_default
    if not re.fullmatch(r"[A-Za-z]{2}\d{0,3}", selector):
        return False
    broad = len(selector) == 2  # a whole group, by its prefix
    return candidate.code.startswith(selector.upper()) and (
        candidate.enabled_by_default or not broad
    )


def builtin_pack_files() -> list[PackFile]:
    """The packs in the top-level ``rules/``, shipped as ``hygiene.builtin_packs``."""
    entries = sorted(builtin_folder().glob("*.toml"), key=lambda e: e.name)
    return [PackFile(f"rules/{entry.name}", entry.read_bytes()) for entry in entries]


def user_pack_files(folder: str) -> list[PackFile]:
    """The ``*.toml`` packs in a user's folder, named as the user wrote the folder."""
    path = Path(folder)
    if not path.is_dir():
        raise RulePackError(folder, "not a folder of rule packs")
    return [
        PackFile(f"{folder.rstrip('/')}/{entry.name}", entry.read_bytes())
        for entry in sorted(path.glob("*.toml"))
    ]


def load_pack(pack: PackFile, validate: bool = True) -> tuple[Rule, ...]:
    """Parse, validate and compile one pack file.

    The built-in packs skip the schema check (a fifth of a small check's start-up):
    they ship with hygiene, and the test suite validates every one of them.
    """
    try:
        data = memoized("pack", pack.data, lambda: tomllib.loads(pack.data.decode("utf-8")))
    except UnicodeDecodeError as error:
        raise RulePackError(
            pack.name, f"not UTF-8 ({error.reason} at byte {error.start})"
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise RulePackError(pack.name, f"invalid TOML: {error}") from None
    if validate:
        _validate(pack.name, data)

    header = data["pack"]
    group, prefix = header["group"], header["prefix"]
    owner = next((g for g, p in BUILTIN_PREFIXES.items() if p == prefix), group)
    if BUILTIN_PREFIXES.get(group, prefix) != prefix or owner != group:
        raise RulePackError(pack.name, f"group {group!r} cannot use prefix {prefix!r}")
    ref = PackRef(pack.name, hashlib.sha256(pack.data).hexdigest())
    scopes = frozenset(header.get("scopes", PROSE))
    return tuple(
        _compile_rule(pack.name, ref, group, prefix, spec, scopes) for spec in data["rule"]
    )


def _compile_rule(
    where: str,
    ref: PackRef,
    group: str,
    prefix: str,
    spec: Mapping[str, Any],
    scopes: frozenset[str] = PROSE,
) -> Rule:
    code = spec["code"]
    if not code.startswith(prefix):
        raise RulePackError(where, f"code must start with the pack's prefix {prefix!r}", code)
    if not spec["name"].startswith(group + "."):
        raise RulePackError(where, f"name {spec['name']!r} must start with {group + '.'!r}", code)
    try:
        compiled = KINDS[spec["kind"]](spec)
    except ValueError as error:
        raise RulePackError(where, str(error), code) from None
    defaults = KIND_DEFAULTS[spec["kind"]]
    for key, value in spec.get("options", {}).items():
        problem = option_problem(key, value, defaults)
        if problem is not None:
            raise RulePackError(where, f"options: {problem}", code)
    return Rule(
        code=code,
        name=spec["name"],
        severity=spec["severity"],
        scope=spec["scope"],
        doc=RuleDoc(
            summary=spec["summary"],
            why=spec["why"],
            how_to_fix=spec["how-to-fix"],
            bad=spec["example-bad"],
            good=spec["example-good"],
        ),
        check=compiled.check,
        pack=ref,
        options=MappingProxyType(dict(compiled.options)),
        enabled_by_default=spec.get("enabled", True),
        revision=spec.get("revision", 1),
        scopes=frozenset(spec.get("scopes", scopes)),
    )


def _validate(where: str, data: Mapping[str, Any]) -> None:
    """Schema-check a parsed pack; report the most relevant error as one line."""
    error = schemas.first_error(schemas.RULE_PACK, data)
    if error is None:
        return
    path, problem = error
    rule_id = None
    if len(path) >= 2 and path[0] == "rule" and isinstance(path[1], int):
        spec = data["rule"][path[1]]
        rule_id = spec.get("code") if isinstance(spec, dict) else None
        rule_id = rule_id or f"#{path[1] + 1}"
        path = path[2:]
    location = ".".join(str(part) for part in path)
    raise RulePackError(where, f"{location}: {problem}" if location else problem, rule_id)


def load_ruleset(extra_pack_folders: Iterable[str] = ()) -> RuleSet:
    """Every rule: built-in packs, the user's pack folders, then the Python rules."""
    from hygiene.registry.builtin import python_facets, python_rules

    rules: list[Rule] = []
    for pack in builtin_pack_files():
        rules.extend(load_pack(pack, validate=False))
    for folder in extra_pack_folders:
        for pack in user_pack_files(folder):
            rules.extend(load_pack(pack))
    rules.extend(python_rules())
    _reject_duplicates(rules)
    return RuleSet((), (), python_facets()).keeping(sorted(rules, key=lambda r: r.code))


def _reject_duplicates(rules: Sequence[Rule]) -> None:
    seen_codes: dict[str, Rule] = {}
    seen_names: dict[str, Rule] = {}
    for candidate in rules:
        for seen, key, what in (
            (seen_codes, candidate.code, "code"),
            (seen_names, candidate.name, "name"),
        ):
            earlier = seen.setdefault(key, candidate)
            if earlier is not candidate:
                raise RulePackError(
                    candidate.pack.name,
                    f"duplicate {what} {key!r}, already defined in {earlier.pack.name}",
                    candidate.code,
                )
