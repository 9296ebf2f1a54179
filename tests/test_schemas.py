"""Our own schemas are valid JSON Schema 2020-12 (checked here, not on every run)."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from hygiene import schemas


@pytest.mark.parametrize(
    "name", [schemas.REPORT, schemas.RECORDS, schemas.RULE_PACK, schemas.CONFIG]
)
def test_schema_is_valid(name: str) -> None:
    schema = schemas.load_schema(name)
    Draft202012Validator.check_schema(schema)
    assert schema["$id"].startswith("urn:hygiene:schema:")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
