"""The article's datePublished in a page's JSON-LD (``newsclean.html.jsonld``)."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

import pytest

from newsclean.document import StatedDate
from newsclean.html.jsonld import parse_date, published_date, utc_day
from newsclean.html.parse import parse_page

if TYPE_CHECKING:
    from lxml.html import HtmlElement


def page(*blocks: Any, raw: str | None = None, kind: str = "application/ld+json") -> HtmlElement:
    scripts = f'<script type="{kind}">{raw}</script>' if raw is not None else ""
    scripts += "".join(f'<script type="{kind}">{json.dumps(b)}</script>' for b in blocks)
    tree = parse_page(f"<html><head>{scripts}</head><body><p>text</p></body></html>")
    assert tree is not None
    return tree


@pytest.mark.parametrize(("value", "expected"), [
    ("2020-12-25T01:59:50+02:00", dt.date(2020, 12, 25)),  # the publisher's own day, not UTC's
    ("2020-03-16", dt.date(2020, 3, 16)),
    ("20200316T13:00:00Z", dt.date(2020, 3, 16)),
    ("11.11.2021", dt.date(2021, 11, 11)),
    ("Wed, 28 Oct 2020 22:22:49 GMT", dt.date(2020, 10, 28)),
    ("2020-02-30T10:00:00Z", None),
    ("yesterday", None),
    ("", None),
])
def test_parse_date(value: str, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("2020-12-25T01:59:50+02:00", dt.date(2020, 12, 24)),
    ("2023-11-09T03:02:34-05:00", dt.date(2023, 11, 9)),
    ("2020-11-08T22:30:00-05:00", dt.date(2020, 11, 9)),
    ("2019-06-17T18:28:00+0200", dt.date(2019, 6, 17)),
    ("2020-07-09T10:04:04Z", dt.date(2020, 7, 9)),
    ("2020-07-09T10:04:04", None),  # no offset: no moment to place
    ("2020-07-09", None),
    ("Wed, 28 Oct 2020 22:22:49 GMT", None),
])
def test_utc_day(value: str, expected: dt.date | None) -> None:
    assert utc_day(value) == expected


def test_article_date_is_read() -> None:
    tree = page({"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "2020-12-25T01:59:50+02:00"})
    assert published_date(tree) == StatedDate(dt.date(2020, 12, 25), "2020-12-25T01:59:50+02:00",
                                              utc_value=dt.date(2020, 12, 24))


def test_graph_member_and_type_list_are_read() -> None:
    tree = page({"@graph": [{"@type": "Organization", "name": "A Paper"},
                            {"@type": ["Article", "BlogPosting"], "datePublished": "2019-10-19"}]})
    assert published_date(tree) == StatedDate(dt.date(2019, 10, 19), "2019-10-19")


def test_nested_dates_are_not_the_articles() -> None:
    # a live blog's posts and a reviewed book carry their own dates; only the top level is the page's article
    tree = page({"@type": "WebSite", "name": "A Paper"},
                {"@type": "Review", "itemReviewed": {"@type": "Book", "datePublished": "1999-01-01"}},
                {"@type": "LiveBlogPosting", "liveBlogUpdate": [{"@type": "BlogPosting",
                                                                 "datePublished": "2020-10-02T19:02:32+05:30"}]})
    assert published_date(tree) is None


def test_broken_block_is_skipped_for_a_sound_one() -> None:
    tree = page({"@type": "NewsArticle", "datePublished": "2021-05-04"}, raw='{"@type": "Article", broken')
    assert published_date(tree) == StatedDate(dt.date(2021, 5, 4), "2021-05-04")


def test_page_without_json_ld_has_no_date() -> None:
    assert published_date(page()) is None
    assert published_date(page({"@type": "NewsArticle", "datePublished": "2021-05-04"}, kind="text/javascript")) is None


def test_script_type_is_read_as_the_browser_reads_it() -> None:
    # character references in the attribute, capitals, a parameter: still JSON-LD
    stated = {"@type": "NewsArticle", "datePublished": "2021-05-04"}
    for kind in ("application&#x2F;ld&#x2B;json", "Application/LD+JSON", "application/ld+json; charset=utf-8"):
        assert published_date(page(stated, kind=kind)) == StatedDate(dt.date(2021, 5, 4), "2021-05-04"), kind
