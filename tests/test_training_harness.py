"""The training script judges a fitted model through the stage users run (training/train_line_model.py).

Its leave-one-source-out table is only worth anything if the pipeline it
builds around a freshly fitted model cleans a page exactly as the shipped
pipeline does with the shipped model.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import sys

import pytest

from conftest import DATA, ROOT
from newsclean import clean_text
from newsclean.text.linemodel import LineModel


@pytest.fixture(scope="module")
def harness():
    spec = importlib.util.spec_from_file_location("train_line_model", ROOT / "training" / "train_line_model.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop(spec.name, None)


def test_the_harness_pipeline_given_the_shipped_model_cleans_as_users_get_it(harness):
    pipeline = harness._pipeline(LineModel.load())
    with gzip.open(DATA / "pages.jsonl.gz", "rt", encoding="utf-8") as f:
        pages = [json.loads(line) for _, line in zip(range(3), f)]
    for page in pages:
        assert harness._cleaned(pipeline, page["pagetext"], "page") == clean_text(page["pagetext"]).text


def test_the_harness_pipeline_without_a_model_differs(harness):
    # the check above can fail: the rules alone clean the same pages differently
    pipeline = harness._pipeline(None)
    with gzip.open(DATA / "pages.jsonl.gz", "rt", encoding="utf-8") as f:
        pages = [json.loads(line) for _, line in zip(range(3), f)]
    assert any(harness._cleaned(pipeline, p["pagetext"], "page") != clean_text(p["pagetext"]).text for p in pages)
