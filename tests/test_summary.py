"""The one accounting path both engines close a run with: counts, the shared summary fields, and the checks."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import SEEDS

import newsclean
from newsclean.errors import AccountingError
from newsclean.pipeline import Outcome
from newsclean.runner.summary import Tally, close_account


@pytest.fixture(scope="module")
def tally(config) -> Tally:
    """Two articles from one seed file, a rejection from another file."""
    seed = min(SEEDS.glob("*.txt"))
    article = newsclean.clean_text(seed.read_text(encoding="utf-8"), source="a.txt", config=config)
    with pytest.raises(newsclean.CleaningRejected) as rejected:
        newsclean.clean_text("   ", source="b.txt", config=config)
    tally = Tally()
    for record in (article, article, rejected.value.rejection):
        tally.add(Outcome(record, (("noise", 0.5),)))
    return tally


def _close(tally: Tally, config, **changes):
    arguments = {"config": config, "inputs": ["in/"], "seconds": 1.25, "articles_path": "out/articles.parquet",
                 "rejects_path": "out/rejects.parquet", "written": {"articles": 2, "rejects": 1},
                 "skipped_records": Counter({"request": 3}), "read": Counter({"a.txt": 2, "b.txt": 1})}
    return close_account(Tally.from_json(tally.to_json()), **{**arguments, **changes})


def test_a_run_whose_every_document_is_one_row_closes_with_its_summary(tally, config):
    summary = _close(tally, config, files=["a.txt", "b.txt", "empty.jsonl"])
    assert (summary.documents, summary.articles, summary.rejects) == (3, 2, 1)
    assert summary.per_source["empty.jsonl"] == {"documents": 0, "articles": 0, "rejects": 0}
    assert summary.config_fingerprint == config.fingerprint()
    assert summary.skipped_records == {"request": 3}
    assert summary.stage_seconds == {"noise": 1.5}


def test_rows_written_that_differ_from_the_outcomes_fail_the_run(tally, config):
    with pytest.raises(AccountingError, match="the tables hold 1 and 1 rows"):
        _close(tally, config, written={"articles": 1, "rejects": 1})


def test_documents_read_without_an_outcome_fail_the_run(tally, config):
    with pytest.raises(AccountingError, match="documents read and outcomes counted differ"):
        _close(tally, config, read=Counter({"a.txt": 3, "b.txt": 1}))


def test_an_engine_that_does_not_count_reads_is_checked_on_its_rows(tally, config):
    assert _close(tally, config, read=None).documents == 3
