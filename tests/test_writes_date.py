"""writes_date reads figures with patterns compiled once: it answers as the pattern compiled for each date did.

The reference below is the former recipe (a pattern per date, its figures
written in); the patterns of any figures must find the same dates, on real
pages and on random strings made of date pieces.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA
from newsclean.rules.dates import WRITTEN_DATE_REACH_CHARS, _fold, _named_forms, _names_day, find_dates, writes_date


def _reference_numeric(value: dt.date) -> re.Pattern[str]:
    y, m, d = value.year, value.month, value.day
    day, month = rf"0?{d}(?!\d)", rf"0?{m}(?!\d)"
    return re.compile(
        rf"(?<!\d){y}\s?[-/.年년]\s?{month}\s?[-/.月월]\s?{day}"
        rf"|(?<!\d){day}\s?[-/.]\s?{month}\s?[-/.]\s?{y}(?!\d)"
        rf"|(?<!\d){month}/{day}/{y}(?!\d)"
        rf"|(?<!\d){y}{m:02d}{d:02d}(?!\d)",
        re.IGNORECASE)


def _reference_short_year(value: dt.date) -> re.Pattern[str]:
    day, month, year = rf"0?{value.day}", rf"0?{value.month}", f"{value.year % 100:02d}"
    return re.compile(rf"(?<![\d./]){day}(?P<sep>[./]){month}(?P=sep){year}(?!\d|[./]\d)"
                      rf"|(?<![\d./]){month}/{day}/{year}(?!\d|[./]\d)")


def _reference_near(text: str, value: dt.date, year: str) -> bool:
    numeric, named = _reference_numeric(value), _named_forms(value.month)
    start = text.find(year)
    while start >= 0:
        low, high = max(0, start - WRITTEN_DATE_REACH_CHARS), start + WRITTEN_DATE_REACH_CHARS
        if numeric.search(text, low, high) or _names_day(named, text, low, high, value):
            return True
        start = text.find(year, start + len(year))
    return False


def reference_writes_date(text: str, value: dt.date) -> bool:
    """writes_date as it was: the figures of ``value`` written into a pattern compiled for it."""
    year = str(value.year)
    if _reference_near(text, value, year) or _reference_short_year(value).search(text):
        return True
    folded = _fold(text)
    return folded != text and _reference_near(folded, value, year)


def _pages() -> list[str]:
    with gzip.open(DATA / "pages.jsonl.gz", "rt", encoding="utf-8") as lines:
        return [json.loads(line)["html"] for line in lines]


def test_writes_date_answers_as_a_pattern_per_date_on_real_pages() -> None:
    """Every date a page writes, and dates near them (another day, month or year), asked of every page."""
    asked = 0
    for html in _pages():
        written = {match.value for match in find_dates(html[:200_000]) if isinstance(match.value, dt.date)}
        near = {day + dt.timedelta(days=shift) for day in written for shift in (-1, 1, 31, 365)}
        for value in sorted(written | near)[:40]:
            assert writes_date(html, value) is reference_writes_date(html, value), (value, html[:80])
            asked += 1
    assert asked > 500


DATE_PIECES = ["2020", "20", "5", "05", "15", "10", "2", "02", "12", "-", "/", ".", ". ", " ", "  ", "年", "月", "日",
               "년", "월", "20200505", "2020051", "۲۰۲۰", "٠٥", "1.2.3", "v", "May", "Mai", "de", ",", "\n"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(DATE_PIECES), min_size=1, max_size=12).map("".join),
       st.sampled_from([dt.date(2020, 5, 5), dt.date(2020, 5, 2), dt.date(2020, 2, 5), dt.date(2020, 12, 15),
                        dt.date(2012, 10, 20), dt.date(2002, 2, 20), dt.date(2020, 10, 2)]))
def test_writes_date_answers_as_a_pattern_per_date_on_date_pieces(text: str, value: dt.date) -> None:
    assert writes_date(text, value) is reference_writes_date(text, value)


@pytest.mark.parametrize(("text", "value"), [
    ("2020-2020-05-05", dt.date(2020, 5, 5)),  # a match with other figures overlaps the date's
    ("5/5/2020", dt.date(2020, 5, 5)),
    ("10/2/2020", dt.date(2020, 2, 10)),  # day first
    ("10/2/2020", dt.date(2020, 10, 2)),  # US order
    ("2020年5月5日", dt.date(2020, 5, 5)),
    ("on 20200505.", dt.date(2020, 5, 5)),
    ("5.5.20 and 05/05/20", dt.date(2020, 5, 5)),
])
def test_writes_date_finds_figures_in_every_order(text: str, value: dt.date) -> None:
    assert writes_date(text, value) and reference_writes_date(text, value)
