"""The JSON Schemas that hygiene validates its inputs and outputs against.

Validators are compiled once per process; ``jsonschema`` is imported only when a
schema is first needed.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

REPORT = "report.schema.json"
RULE_PACK = "rulepack.schema.json"
RECORDS = "records.schema.json"
CONFIG = "config.schema.json"


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
        (load_schema(other)["$id"], Resource.from_contents(load_schema(other)))
        for other in (REPORT, RECORDS, RULE_PACK, CONFIG)
    )
    # Checking the schema against the meta-schema costs more than a run: the tests do it.
    schema = load_schema(name)
    return Draft202012Validator(
        schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


_UNEXPECTED = re.compile(r"\((.*) (?:was|were) unexpected\)")


def first_error(name: str, instance: Any) -> tuple[list[str | int], str] | None:
    """The most relevant validation error as (path, problem), with unknown keys said plainly."""
    from jsonschema.exceptions import best_match

    error = best_match(validator(name).iter_errors(instance))
    if error is None:
        return None
    unexpected = _UNEXPECTED.search(error.message)
    if error.validator in ("additionalProperties", "unevaluatedProperties") and unexpected:
        keys = unexpected.group(1)
        problem = f"unknown key{'s' if ',' in keys else ''} {keys}"
    else:
        problem = error.message
    return list(error.absolute_path), problem
