"""The JSON Schemas that hygiene validates its inputs and outputs against.

Every report and record written, and every config read, is checked by a validator that
``fastjsonschema`` compiles to Python once per process (about 40 µs a finding record,
where ``jsonschema`` took 600 µs, more than the checking itself on a corpus). Our schemas
use only keywords whose meaning draft 7, which it implements, shares with 2020-12 (a
test keeps it so, and compares the two validators' verdicts). ``jsonschema`` is
imported only to explain a failure: its best-match error names the path and problem.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastjsonschema import JsonSchemaValueException
    from jsonschema.protocols import Validator

REPORT = "report.schema.json"
RULE_PACK = "rulepack.schema.json"
RECORDS = "records.schema.json"
CONFIG = "config.schema.json"
SCHEMAS = (REPORT, RECORDS, RULE_PACK, CONFIG)
# The schemas whose keywords draft 7 reads as 2020-12 does (tested). The rule-pack schema
# needs unevaluatedProperties, which draft 7 lacks: user packs are checked by jsonschema.
COMPILED = (REPORT, RECORDS, CONFIG)


@cache
def schema_text(name: str) -> str:
    """The schema file exactly as shipped, for ``hygiene schema``."""
    return Path(__file__).with_name(name).read_text(encoding="utf-8")


def load_schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(schema_text(name))
    return schema


@cache
def validator(name: str) -> Validator:
    """A compiled validator for the named schema, with formats checked."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    # Every schema of ours is registered under its $id, so one may $ref another.
    registry: Registry[Any] = Registry().with_resources(
        (load_schema(other)["$id"], Resource.from_contents(load_schema(other))) for other in SCHEMAS
    )
    # Checking the schema against the meta-schema costs more than a run: the tests do it.
    schema = load_schema(name)
    return Draft202012Validator(
        schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def bundled(name: str) -> dict[str, Any]:
    """The schema with every schema it refers to embedded under ``$defs`` and every
    ``$ref`` made local, for a validator that knows no registry of ``$id``s."""
    by_id = {load_schema(other)["$id"]: other for other in SCHEMAS}
    root_id = load_schema(name)["$id"]
    embedded: dict[str, str] = {}  # $id -> its key under the root's $defs

    def local(node: Any, base: str) -> Any:
        if isinstance(node, list):
            return [local(item, base) for item in node]
        if not isinstance(node, dict):
            return node
        result: dict[str, Any] = {}
        for key, value in node.items():
            if key == "$ref":
                target, _, pointer = value.partition("#")
                target = target or base
                if target != root_id:
                    embedded.setdefault(target, "bundled-" + by_id[target].split(".")[0])
                    pointer = f"/$defs/{embedded[target]}{pointer}"
                result[key] = "#" + pointer
            elif key not in ("$id", "$schema"):
                result[key] = local(value, base)
        return result

    schema: dict[str, Any] = local(load_schema(name), root_id)
    done: set[str] = set()
    while pending := [target for target in embedded if target not in done]:
        for target in pending:
            done.add(target)
            schema.setdefault("$defs", {})[embedded[target]] = local(
                load_schema(by_id[target]), target
            )
    return schema


@cache
def compiled(name: str) -> Callable[[Any], Any]:
    """The schema as a compiled check, which raises on the first violation."""
    import fastjsonschema

    check: Callable[[Any], Any] = fastjsonschema.compile(bundled(name), use_formats=False)
    return check


def _violation(name: str, instance: Any) -> JsonSchemaValueException | None:
    """The compiled check's objection to ``instance``, or None when it has none."""
    import fastjsonschema

    try:
        compiled(name)(instance)
    except fastjsonschema.JsonSchemaValueException as failure:
        return failure
    return None


def is_valid(name: str, instance: Any) -> bool:
    """Whether ``instance`` matches the schema: compiled where that is exact."""
    if name in COMPILED:
        return _violation(name, instance) is None
    return bool(validator(name).is_valid(instance))


_UNEXPECTED = re.compile(r"\((.*) (?:was|were) unexpected\)")


def first_error(name: str, instance: Any) -> tuple[list[str | int], str] | None:
    """The most relevant validation error as (path, problem), with unknown keys said plainly."""
    if is_valid(name, instance):
        return None
    from jsonschema.exceptions import best_match

    error = best_match(validator(name).iter_errors(instance))
    if error is None:  # only the compiled check objects: it says where, in its own words
        violation = _violation(name, instance) if name in COMPILED else None
        return (list(violation.path[1:]), violation.message) if violation else None
    unexpected = _UNEXPECTED.search(error.message)
    if error.validator in ("additionalProperties", "unevaluatedProperties") and unexpected:
        keys = unexpected.group(1)
        problem = f"unknown key{'s' if ',' in keys else ''} {keys}"
    else:
        problem = error.message
    return list(error.absolute_path), problem
