"""The JSON Schemas that hygiene validates its inputs and outputs against.

Validators are compiled once per process; ``jsonschema`` is imported only when a
schema is first needed.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

REPORT = "report.schema.json"
RULE_PACK = "rulepack.schema.json"


@cache
def schema_text(name: str) -> str:
    """The schema file exactly as shipped, for ``hygiene schema``."""
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def load_schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(schema_text(name))
    return schema


@cache
def validator(name: str) -> Validator:
    """A compiled validator for the named schema, with formats checked."""
    from jsonschema import Draft202012Validator

    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
