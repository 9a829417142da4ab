"""The quality gate: body extraction on 90 real news pages must not fall below pinned floors.

Data: ``tests/data/pages.jsonl.gz`` (see tests/data/README.md). The floors sit
a little under what the current release scores; a change that costs quality
fails here. Figures for the current release are in README.md.
"""

from __future__ import annotations

import gzip
import json

import pytest

import newsclean
from conftest import DATA
from shingles import corpus_scores

#: Pinned floors (F1 and precision on the 4-word-shingle metric) and the slack allowed below them.
TEXT_F1_FLOOR, TEXT_PRECISION_FLOOR = 0.923, 0.93
HTML_F1_FLOOR = 0.976
EPSILON = 0.003


@pytest.fixture(scope="module")
def pages() -> list[dict]:
    with gzip.open(DATA / "pages.jsonl.gz", "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


@pytest.fixture(scope="module")
def text_results(pages, config) -> dict[str, newsclean.Article | None]:
    results = {}
    for page in pages:
        try:
            results[page["id"]] = newsclean.clean_text(page["pagetext"], source=page["id"], config=config)
        except newsclean.CleaningRejected:
            results[page["id"]] = None
    return results


def test_plain_text_quality_floor(pages, text_results):
    truths = {p["id"]: p["body"] for p in pages}
    predictions = {k: (a.text if a else "") for k, a in text_results.items()}
    precision, recall, f1 = corpus_scores(truths, predictions)
    assert f1 >= TEXT_F1_FLOOR - EPSILON, (precision, recall, f1)
    assert precision >= TEXT_PRECISION_FLOOR - EPSILON, (precision, recall, f1)


def test_html_quality_floor_and_no_empty_body(pages, config):
    truths = {p["id"]: p["body"] for p in pages}
    predictions = {p["id"]: newsclean.clean_html(p["html"], url=p["url"], config=config).text for p in pages}
    empty = [k for k, text in predictions.items() if truths[k].strip() and not text.strip()]
    assert not empty
    precision, recall, f1 = corpus_scores(truths, predictions)
    assert f1 >= HTML_F1_FLOOR - EPSILON, (precision, recall, f1)


def test_cleaning_real_pages_is_idempotent(text_results, config):
    for doc_id, article in text_results.items():
        if article is None or article.status is newsclean.PageStatus.NO_CLEAR_BODY:
            continue  # a rescued guess is no fixed point of the classifier, and says so in its status
        again = newsclean.clean_text(article.text, source=doc_id, config=config)
        assert again.text == article.text, doc_id


def test_every_removal_on_real_pages_is_explained(text_results, pages):
    sources = {p["id"]: p["pagetext"] for p in pages}
    kinds = set(newsclean.RemovalKind)
    for doc_id, article in text_results.items():
        if article is None:
            continue
        for removal in article.removed:
            assert removal.kind in kinds and removal.rule.startswith(removal.kind.value + ".")
            assert sources[doc_id][removal.start:removal.end] == removal.text
