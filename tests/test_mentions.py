"""Dates mentioned in the body: found with offsets, resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

import newsclean
from newsclean.text.mentions import date_mentions
from stories import BODY, doc

PUBLISHED = dt.date(2018, 7, 27)  # a Friday

CASES = [
    # (text, [(mention, resolved ISO date or None, relative)])
    ("The contract ends on Aug. 31.", [("Aug. 31", "2018-08-31", False)]),
    ("Protesters have camped there since July 5.", [("July 5", "2018-07-05", False)]),
    ("A memorial for the Sept. 11 victims.", [("Sept. 11", "2018-09-11", False)]),
    ("The deal was signed on 2018-07-20.", [("2018-07-20", "2018-07-20", False)]),
    ("El contrato vence el 31 de agosto.", [("31 de agosto", "2018-08-31", False)]),
    ("Die Frist endet am 3. August.", [("3. August", "2018-08-03", False)]),
    ("The mayor will meet them on Friday.", [("Friday", "2018-07-27", True)]),
    ("They marched on Wednesday.", [("Wednesday", "2018-07-25", True)]),
    ("Results are due Jan. 5.", [("Jan. 5", "2019-01-05", False)]),  # nearer than last January
    # negatives: numbers that are no dates
    ("Call 555-1234 for tickets.", []),
    ("The home side won 3-1.", []),
    ("Version 2.10.1 fixes the bug.", []),
    ("The hotline runs 24/7.", []),
    ("Add 1/2 cup of sugar.", []),
    ("The show sold out 5 times and may 5 more.", []),
    ("They set 3 goals for the year.", []),
    ("The claim that February 30, 2018 was a Friday is false.", [("Friday", "2018-07-27", True)]),
    # a day written first counts only where no letter, digit or full stop stands right before it
    ("31 de agosto.", [("31 de agosto", "2018-08-31", False)]),
    ("Room B31 de agosto and v1.31 de agosto, x5 August.", []),
    ("Term 131 August ends.", []),
    # a month's or a weekday's name counts only where no letter (nor, for a month, a full stop) stands before it
    ("e.Aug 5 and xJuly 5 are none, (July 5) is.", [("July 5", "2018-07-05", False)]),
    ("xFriday and Fridays are none; Friday is.", [("Friday", "2018-07-27", True)]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_mentions_are_found_and_resolved(text, expected):
    found = date_mentions(text, PUBLISHED)
    assert [(m.text, m.value.isoformat() if m.value else None, m.relative) for m in found] == expected
    for mention in found:
        assert text[mention.start:mention.end] == mention.text


def test_without_a_publication_date_only_explicit_dates_resolve():
    found = date_mentions("On Friday, July 5, and on 2018-07-20.", None)
    assert [(m.text, m.value) for m in found] == [
        ("Friday", None), ("July 5", None), ("2018-07-20", dt.date(2018, 7, 20))]


def test_a_yearless_date_takes_the_year_nearest_the_publication():
    assert date_mentions("Due Jan. 5.", dt.date(2018, 12, 20))[0].value == dt.date(2019, 1, 5)
    assert date_mentions("Since Dec. 20.", dt.date(2019, 1, 3))[0].value == dt.date(2018, 12, 20)


def test_article_mentions_point_into_its_text(config):
    text = doc("date 2018-07-27 Council votes", *BODY, "The vote is set for Aug. 31, officials said on Friday.")
    article = newsclean.clean_text(text, config=config)
    assert article.published == PUBLISHED
    mentions = {m.text: m for m in article.date_mentions}
    assert mentions["Aug. 31"].value == dt.date(2018, 8, 31)
    assert mentions["Friday"].relative and mentions["Friday"].value == PUBLISHED
    for mention in article.date_mentions:
        assert article.text[mention.start:mention.end] == mention.text


def test_updated_is_kept_apart_from_published(config):
    text = doc("Council Votes on the New Library Budget", "Published July 20, 2018", "Updated July 27, 2018",
               *BODY)
    article = newsclean.clean_text(text, config=config)
    assert article.published == dt.date(2018, 7, 20)
    assert article.updated == dt.date(2018, 7, 27)
