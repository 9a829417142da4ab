"""Dates: the patterns (``find_dates``, ``url_date``), the dateline test (``date_only``) and the choice of
the publication date in whole documents.

The pattern cases are table-driven (``tests/cases/dates.json``): positives in
English, Spanish, German, French and Portuguese, and negatives (phone
numbers, scores, versions, fractions, impossible calendar dates) that must
yield no date.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from newsclean import clean_text
from newsclean.config import DatesConfig, PipelineConfig
from newsclean.records import DateSource, RemovalKind
from newsclean.rules.dates import find_dates, url_date
from newsclean.stages.dates import date_only
from stories import BODY, HEADLINE, doc

CASES = json.loads((Path(__file__).parent / "cases" / "dates.json").read_text(encoding="utf-8"))
REFERENCE_DATE = dt.date(2024, 1, 1)
CONFIG = PipelineConfig(dates=DatesConfig(reference_date=REFERENCE_DATE))
#: Characters of a case's text kept in its test id.
ID_TEXT_CHARS = 40


def _params(cases: list[dict[str, Any]], field: str) -> list[Any]:
    params = []
    for index, case in enumerate(cases):
        slug = re.sub(r"[^0-9A-Za-z]+", "_", case[field]).strip("_")[:ID_TEXT_CHARS]
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else []
        params.append(pytest.param(case, id=f"{index:03d}-{slug}", marks=marks))
    return params


# --- patterns ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", _params(CASES["find_dates"], "text"))
def test_find_dates(case: dict[str, Any]) -> None:
    text = case["text"]
    matches = find_dates(text)
    assert [m.value.isoformat() for m in matches] == case["dates"], case["note"]
    for match in matches:
        assert text[match.start:match.end] == match.text
    spans = [(m.start, m.end) for m in matches]
    assert spans == sorted(spans)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))


@pytest.mark.parametrize("case", _params(CASES["find_dates"], "text"))
def test_date_only(case: dict[str, Any]) -> None:
    match = date_only(case["text"])
    got = match.value.isoformat() if match is not None else None
    assert got == case["date_only"], case["note"]


@pytest.mark.parametrize("case", _params(CASES["url_date"], "url"))
def test_url_date(case: dict[str, Any]) -> None:
    value = url_date(case["url"])
    assert (value.isoformat() if value else None) == case["date"], case["note"]


def test_date_cases_have_negatives() -> None:
    assert sum(1 for c in CASES["find_dates"] if not c["dates"]) >= 20
    assert sum(1 for c in CASES["url_date"] if c["date"] is None) >= 5


# --- the publication date of a document ----------------------------------------------------------------


def published(text: str) -> tuple[dt.date | None, DateSource]:
    article = clean_text(text, config=CONFIG)
    return article.published, article.published_source


def test_scraper_header_gives_the_date() -> None:
    article = clean_text(doc(f"date 2018-07-27 {HEADLINE}", *BODY), config=CONFIG)
    assert article.published == dt.date(2018, 7, 27)
    assert article.published_source is DateSource.SCRAPER_HEADER
    assert article.published_confidence is not None and article.published_confidence > 0.9
    header = article.removed[0]
    assert (header.kind, header.rule, header.text) == (RemovalKind.METADATA, "metadata.scraper_header",
                                                       "date 2018-07-27")
    assert "2018-07-27" not in article.text


def test_scraper_header_with_a_time_gives_the_date() -> None:
    assert published(doc(f"date 2018-07-27T10:03:00Z {HEADLINE}", *BODY)) == (dt.date(2018, 7, 27),
                                                                               DateSource.SCRAPER_HEADER)


def test_scraper_header_outranks_a_dateline() -> None:
    assert published(doc(f"date 2018-07-27 {HEADLINE}", "July 30, 2018", *BODY)) == (
        dt.date(2018, 7, 27), DateSource.SCRAPER_HEADER)


@pytest.mark.parametrize(("dateline", "expected"), [
    ("July 27, 2018", dt.date(2018, 7, 27)),
    ("Published 3:02 PM EDT Jul 11, 2018", dt.date(2018, 7, 11)),
    ("Reuters November 18, 2019 11:03 PM", dt.date(2019, 11, 18)),
    ("31 de agosto de 2018", dt.date(2018, 8, 31)),
    ("31. August 2018", dt.date(2018, 8, 31)),
    ("1er juillet 2018", dt.date(2018, 7, 1)),
    ("12 de março de 2021", dt.date(2021, 3, 12)),
    ("2018-07-27", dt.date(2018, 7, 27)),
])
def test_dateline_near_the_top_gives_the_date(dateline: str, expected: dt.date) -> None:
    assert published(doc(HEADLINE, dateline, *BODY)) == (expected, DateSource.DATELINE)


def test_dateline_is_not_kept_in_the_body() -> None:
    article = clean_text(doc(HEADLINE, "July 27, 2018", *BODY), config=CONFIG)
    assert "July 27, 2018" not in article.text
    assert article.paragraphs == list(BODY)


def test_date_line_after_the_body_has_started_is_not_the_publication_date() -> None:
    assert published(doc(HEADLINE, BODY[0], "July 27, 2018", *BODY[1:])) == (None, DateSource.NONE)


def test_date_in_body_prose_is_not_the_publication_date() -> None:
    prose = ("The old branch closed on March 3, 2019, after a roof collapse, and residents had to drive more "
             "than forty minutes to the nearest library until this weekend.")
    assert published(doc(HEADLINE, *BODY[:2], prose, *BODY[2:])) == (None, DateSource.NONE)


@pytest.mark.parametrize("text", [
    doc(HEADLINE, "March 5, 2024", *BODY),
    doc(f"date 2025-07-27 {HEADLINE}", *BODY),
], ids=["dateline", "scraper_header"])
def test_date_after_the_reference_date_is_not_used(text: str) -> None:
    assert published(text) == (None, DateSource.NONE)


def test_date_on_the_reference_date_is_used() -> None:
    assert published(doc(HEADLINE, "January 1, 2024", *BODY)) == (REFERENCE_DATE, DateSource.DATELINE)


def test_future_scraper_header_falls_back_to_the_dateline() -> None:
    # a future scraper header is rejected; the plausible dateline is used instead
    assert published(doc(f"date 2025-07-27 {HEADLINE}", "July 27, 2018", *BODY)) == (
        dt.date(2018, 7, 27), DateSource.DATELINE)


@pytest.mark.parametrize("text", [
    doc(HEADLINE, "March 5, 1987", *BODY),
    doc(f"date 1985-03-05 {HEADLINE}", *BODY),
], ids=["dateline", "scraper_header"])
def test_date_before_1990_is_not_used(text: str) -> None:
    assert published(text) == (None, DateSource.NONE)


def test_date_on_min_date_is_used() -> None:
    assert published(doc(HEADLINE, "January 1, 1990", *BODY)) == (dt.date(1990, 1, 1), DateSource.DATELINE)


def test_text_without_a_date_has_none() -> None:
    article = clean_text(doc(HEADLINE, *BODY), config=CONFIG)
    assert article.published is None
    assert article.published_source is DateSource.NONE
    assert article.published_confidence is None
