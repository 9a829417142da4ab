"""The published JSON Schemas are generated from the models and must not drift from them."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from newsclean.records import PUBLISHED_MODELS, SCHEMA_VERSION, json_schema


@pytest.mark.parametrize("stem", sorted(PUBLISHED_MODELS))
def test_schema_file_matches_the_model(stem):
    path = ROOT / "schemas" / f"{stem}.schema.json"
    on_disk = json.loads(path.read_text(encoding="utf-8"))
    assert on_disk == json_schema(PUBLISHED_MODELS[stem]), (
        f"{path} is out of date: run `make schemas` (newsclean schema --out schemas) and commit it")


def test_schema_carries_its_version():
    assert json_schema(PUBLISHED_MODELS["article"])["x-schema-version"] == SCHEMA_VERSION


def test_every_field_is_described():
    for model in PUBLISHED_MODELS.values():
        undocumented = [name for name, field in model.model_fields.items() if not field.description]
        assert not undocumented, f"{model.__name__}: {undocumented}"
