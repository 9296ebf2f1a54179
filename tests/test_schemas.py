"""Our own schemas are valid JSON Schema 2020-12 (checked here, not on every run)."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from hygiene.support import schemas
from tests.conftest import ROOT, SEED

RULES = ROOT / "rules"


@pytest.mark.parametrize(
    "name", [schemas.REPORT, schemas.RECORDS, schemas.RULE_PACK, schemas.CONFIG]
)
def test_schema_is_valid(name: str) -> None:
    schema = schemas.load_schema(name)
    Draft202012Validator.check_schema(schema)
    if name == schemas.CONFIG:  # an address editors and SchemaStore can fetch it from
        assert schema["$id"].startswith("https://")
        assert schema["$id"].endswith(f"/hygiene/support/schemas/{name}")
    else:
        assert schema["$id"].startswith("urn:hygiene:schema:")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


# Keywords that mean the same in draft 7 (what the compiled validator implements) and in
# 2020-12 (what the schemas declare), as our schemas use them.
SHARED_KEYWORDS = {
    "$defs", "$id", "$ref", "$schema", "additionalProperties", "allOf", "anyOf", "const",
    "default", "description", "enum", "examples", "items", "maxItems", "maxLength", "maximum",
    "minItems", "minLength", "minimum", "not", "oneOf", "pattern", "patternProperties",
    "properties", "propertyNames", "required", "title", "type", "uniqueItems",
}  # fmt: skip
ANNOTATIONS = {"$ref", "description", "title", "default", "examples"}


def _subschemas(node: Any) -> Iterator[dict[str, Any]]:
    """Every schema object inside a schema (the names under properties are not schemas)."""
    if isinstance(node, dict):
        yield node
        for key, value in node.items():
            if key in ("properties", "$defs", "patternProperties"):
                for inner in value.values():
                    yield from _subschemas(inner)
            elif key in ("items", "additionalProperties", "propertyNames", "not"):
                yield from _subschemas(value)
            elif key in ("oneOf", "anyOf", "allOf"):
                for inner in value:
                    yield from _subschemas(inner)


@pytest.mark.parametrize("name", schemas.COMPILED)
def test_compiled_schemas_use_only_keywords_draft_7_reads_the_same_way(name: str) -> None:
    for node in _subschemas(schemas.load_schema(name)):
        assert set(node) <= SHARED_KEYWORDS, set(node) - SHARED_KEYWORDS
        if "$ref" in node:  # 2020-12 applies a $ref's siblings; draft 7 ignores them
            assert set(node) <= ANNOTATIONS, node
        if "items" in node:  # an array of schemas is prefixItems in 2020-12
            assert isinstance(node["items"], dict | bool), node


def _instances() -> dict[str, list[Any]]:
    """Real instances of each schema: a report of the seed, its records, the packs, a config."""
    import tomllib

    from hygiene.api import check_text
    from hygiene.report.model import to_records

    report = check_text(SEED.read_text(encoding="utf-8"), path="seed.txt")
    packs = [tomllib.loads(path.read_text("utf-8")) for path in sorted(RULES.glob("*.toml"))]
    config = {"fail-on": "warning", "exclude": ["vendor/**"], "languages": {"uk/**": "uk"}}
    return {
        schemas.REPORT: [report.to_dict()],
        schemas.RECORDS: to_records(report),
        schemas.RULE_PACK: packs,
        schemas.CONFIG: [config],
    }


_INSTANCES = _instances()
_ODD_VALUES = st.sampled_from(
    ["", "x", "loud", "BP001", -1, 0, 7, 0.5, None, True, [], {}, ["x"], {"x": 1}]
)


def _paths(node: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*path, index))


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_compiled_check_and_jsonschema_agree_on_real_and_damaged_instances(data: Any) -> None:
    """The compiled validator says valid exactly when jsonschema does: real instances of every
    schema, each with one value replaced, one key removed or one key added."""
    name = data.draw(st.sampled_from(schemas.SCHEMAS))
    instance = copy.deepcopy(data.draw(st.sampled_from(_INSTANCES[name])))
    paths = list(_paths(instance))
    path = data.draw(st.sampled_from(paths))
    change = data.draw(st.sampled_from(["replace", "remove", "add", "none"]))
    if path:
        parent = instance
        for part in path[:-1]:
            parent = parent[part]
        if change == "replace":
            parent[path[-1]] = data.draw(_ODD_VALUES)
        elif change == "remove":
            del parent[path[-1]]
    if change == "add":
        target = instance
        for part in path:
            target = target[part]
        if isinstance(target, dict):
            key = data.draw(st.sampled_from(["x", "type", "code", "span"]))
            target[key] = data.draw(_ODD_VALUES)
        elif isinstance(target, list):
            target.append(data.draw(_ODD_VALUES))
    expected = schemas.validator(name).is_valid(instance)
    assert schemas.is_valid(name, instance) == expected
    assert (schemas.first_error(name, instance) is None) == expected
