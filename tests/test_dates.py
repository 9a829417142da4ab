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
from hypothesis import example, given, settings
from hypothesis import strategies as st
from stories import BODY, HEADLINE, doc

from newsclean import clean_html, clean_text
from newsclean.config import DatesConfig, PipelineConfig
from newsclean.document import Doc, PageDates, RawDocument, StatedDate
from newsclean.records import DateSource, RemovalKind
from newsclean.rules.dates import find_dates, url_date, writes_date
from newsclean.rules.dates import date_only
from newsclean.stages.dates import FIELD_SEPARATOR, DatesStage

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


# --- datelines in other shapes -------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "expected"), [
    ("February 4, 2020 • words written by A. Writer • Art by B. Artist", dt.date(2020, 2, 4)),
    ("⋅ November 22, 2011 ⋅ Email this post ⋅ Print this page ⋅ Comment", dt.date(2011, 11, 22)),
    ("22. Januar 2020 @ 18:13 // Autor: A. Writer // ~ Lesezeit: 1 Minute", dt.date(2020, 1, 22)),
    ("FEATURES - A. Writer (The Daily Paper) - November 27, 2020 - 12:00am", dt.date(2020, 11, 27)),
    ("May 4, 2020 A. Writer Local News, Schools, County Board Comments Off on New Library Opens", dt.date(2020, 5, 4)),
], ids=["bullets", "leading-separator", "slashes", "dashes", "blog-entry-line"])
def test_byline_with_a_date_field_gives_the_date(line: str, expected: dt.date) -> None:
    assert published(doc(HEADLINE, line, *BODY)) == (expected, DateSource.DATELINE)


@pytest.mark.parametrize(("line", "expected"), [
    ("02.12.19", dt.date(2019, 12, 2)),
    ("mardi 10.12.19", dt.date(2019, 12, 10)),
    ("18. 05. 2014 22:38", dt.date(2014, 5, 18)),
    ("Dzisiaj, 02-11-2023 13:29", dt.date(2023, 11, 2)),
    ("Dezember 26, 2019 von A. Autor Kategorien: Allgemein | Hinterlasse einen Kommentar", dt.date(2019, 12, 26)),
], ids=["two-digit-year", "two-digit-year-weekday", "spaced-stops", "dashes", "blog-entry-comment-prompt"])
def test_datelines_in_more_numeric_and_blog_shapes(line: str, expected: dt.date) -> None:
    assert published(doc(HEADLINE, line, *BODY)) == (expected, DateSource.DATELINE)


@pytest.mark.parametrize(("opening", "expected"), [
    ("Wien, 14. Dezember 2021 – ", dt.date(2021, 12, 14)),
    ("27.1.2022 - ", dt.date(2022, 1, 27)),
    ("Karlsruhe, (12.11.2021). ", dt.date(2021, 11, 12)),
], ids=["city-dash", "date-dash", "bracketed-stop"])
def test_dateline_opening_the_first_paragraph_gives_the_date(opening: str, expected: dt.date) -> None:
    assert published(doc(HEADLINE, opening + BODY[0], *BODY[1:])) == (expected, DateSource.DATELINE)


@pytest.mark.parametrize("opening", [
    "Am 19. Oktober 2019 gastiert der Verein in Berlin, und ",
    "Version 5.2 was released on November 5, 2019. ",
], ids=["sentence", "sentence-ending-in-a-date"])
def test_sentence_opening_the_first_paragraph_with_a_date_is_no_dateline(opening: str) -> None:
    assert published(doc(HEADLINE, opening + BODY[0], *BODY[1:])) == (None, DateSource.NONE)


def test_the_sites_date_and_the_articles_are_no_dated_list() -> None:
    # two date-only lines two apart: today's date in the site's header, then the article's own
    article = clean_text(doc("Monday, September 21, 2020", HEADLINE, "20.09.2020 23:32", *BODY), config=CONFIG)
    assert (article.published, article.published_source) == (dt.date(2020, 9, 20), DateSource.DATELINE)
    assert not [r for r in article.removed if r.rule == "sidebar.dated_list"]


def test_three_dated_items_in_a_row_are_a_dated_list() -> None:
    items = ["Other Story One", "March 2, 2020", "Other Story Two", "March 1, 2020", "Other Story Three",
             "February 28, 2020"]
    article = clean_text(doc(HEADLINE, *BODY, *items), config=CONFIG)
    assert article.published is None
    assert len([r for r in article.removed if r.rule == "sidebar.dated_list"]) >= 3


def test_posted_on_sentence_under_the_article_gives_the_date() -> None:
    footer = "This entry was posted on May 19, 2010 at 23:03 and is filed under Libraries, Reading."
    assert published(doc(HEADLINE, *BODY, footer)) == (dt.date(2010, 5, 19), DateSource.DATELINE)


@pytest.mark.parametrize("lines", [("A. Reader July 15, 2019 at 10:37 am Reply",), ("12.04.2020 17:02", "Antworten")],
                         ids=["reply-at-the-end", "reply-line-under"])
def test_a_comments_date_is_not_the_publication_date(lines: tuple[str, ...]) -> None:
    article = clean_text(doc(HEADLINE, *BODY, *lines), config=CONFIG)
    assert article.published is None
    assert "a comment's date" in {c.rejected for c in article.date_candidates}


def test_byline_with_a_german_last_changed_date_gives_the_first() -> None:
    line = "Von A. Autor | Oct 24, 2023 | Zuletzt geändert: Nov 7, 2023, 8:54 AM GMT+1"
    article = clean_text(doc(HEADLINE, line, *BODY), config=CONFIG)
    assert (article.published, article.updated) == (dt.date(2023, 10, 24), None)


@pytest.mark.parametrize("around", [(*BODY,), ("Home", "Archive", "About this article")],
                         ids=["closing-the-story", "the-pages-only-prose"])
def test_a_long_posted_on_sentence_at_the_storys_edge_gives_the_date(around: tuple[str, ...]) -> None:
    # long enough to read as a paragraph of prose: it closes the story (or is all of it), so it is no mention
    footer = ("Literature and animated typography was posted on 19 May 2010 at 23:03 and filed under "
              "Reading, Literature and Media Change by the editors.")
    assert published(doc(HEADLINE, *around, footer)) == (dt.date(2010, 5, 19), DateSource.DATELINE)


def test_posted_on_sentence_inside_the_article_is_not_the_date() -> None:
    prose = "The study was published on May 19, 2010 and has been cited by planners in three states since."
    assert published(doc(HEADLINE, *BODY[:2], prose, *BODY[2:])) == (None, DateSource.NONE)


@pytest.mark.parametrize("lines", [("Joined", "May 11, 2017"), ("Joined: May 11, 2017",),
                                   ("Member since", "May 11, 2017")], ids=["label-above", "inline", "member-since"])
def test_member_join_date_is_not_the_publication_date(lines: tuple[str, ...]) -> None:
    article = clean_text(doc(HEADLINE, *lines, *BODY), config=CONFIG)
    assert article.published is None
    assert [c.rejected for c in article.date_candidates] == ["a member's join date"]


@pytest.mark.parametrize("post", [(), ("I was there when the doors opened. What a day!",)], ids=["alone", "under-post"])
def test_embedded_post_signature_stays_in_the_story_and_is_never_the_date(post: tuple[str, ...]) -> None:
    # the post quoted in the story is the story's own, its signature too; the date on it is the post's
    signature = "— A. Reporter (@areporter) January 2, 2020"
    article = clean_text(doc(HEADLINE, *BODY[:2], *post, signature, *BODY[2:]), config=CONFIG)
    assert article.published is None
    assert signature in article.paragraphs
    assert [c.rejected for c in article.date_candidates] == ["an embedded post's signature"]


def test_ambiguous_numeric_date_is_read_day_first() -> None:
    assert published(doc(HEADLINE, "06/01/2020", *BODY)) == (dt.date(2020, 1, 6), DateSource.DATELINE)


def test_ambiguous_numeric_date_follows_the_pages_unambiguous_dates() -> None:
    # the page writes June 1 in words elsewhere: "06/01/2020" is month first here
    article = clean_text(doc(HEADLINE, "06/01/2020", *BODY, "Last updated June 1, 2020"), config=CONFIG)
    assert article.published == dt.date(2020, 6, 1)


def test_update_time_in_parentheses_beside_the_dateline() -> None:
    line = "22:57 GMT 28.04.2020 (updated 11:14 GMT 29.04.2020)"
    assert published(doc(HEADLINE, line, *BODY)) == (dt.date(2020, 4, 28), DateSource.DATELINE)


@pytest.mark.parametrize(("line", "expected"), [
    ("القاهرة: الأربعاء، 07 أكتوبر 2020 12:19 م", dt.date(2020, 10, 7)),
    ("تاریخ انتشار: ۲۱ اردیبهشت ۱۳۹۹ - ۱۸:۵۹", dt.date(2020, 5, 10)),
    ("13 gusht 2020, 09:08", dt.date(2020, 8, 13)),
    ("macbacchi28.09.1912:44", dt.date(2019, 9, 28)),
], ids=["arabic", "persian", "albanian", "forum-post"])
def test_datelines_in_more_languages_and_calendars(line: str, expected: dt.date) -> None:
    assert published(doc(HEADLINE, line, *BODY)) == (expected, DateSource.DATELINE)


# --- HTML: metadata cross-checked with the visible dateline -------------------------------------------


def _html(head: str, dateline: str = "") -> str:
    paragraphs = "".join(f"<p>{block}</p>" for block in BODY)
    return (f"<html><head><title>{HEADLINE}</title>{head}</head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>{HEADLINE}</h1>{dateline}{paragraphs}</article></body></html>")


UTC_META = '<meta property="article:published_time" content="2020-12-05T23:15:00Z">'


def test_html_metadata_date() -> None:
    article = clean_html(_html(UTC_META), config=CONFIG)
    assert (article.published, article.published_source) == (dt.date(2020, 12, 5), DateSource.HTML_METADATA)


def test_visible_dateline_a_day_off_the_metadata_wins() -> None:
    # the metadata states UTC; the page shows readers the publisher's own day
    article = clean_html(_html(UTC_META, "<p class='date'>06 December 2020</p>"), config=CONFIG)
    assert (article.published, article.published_source) == (dt.date(2020, 12, 6), DateSource.DATELINE)


def test_json_ld_date_in_the_publishers_time_zone_is_taken() -> None:
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2020-12-06T00:15:00+01:00"}</script>'
    article = clean_html(_html(head), config=CONFIG)
    assert article.published == dt.date(2020, 12, 6)
    assert any(c.text.startswith("JSON-LD datePublished") for c in article.date_candidates)


def test_htmldates_stated_date_stands_over_a_json_ld_date_that_disagrees() -> None:
    # where the two disagree, JSON-LD's was right on 3 of 9 pages of the evaluation sets
    head = UTC_META + ('<script type="application/ld+json">{"@type": "NewsArticle", '
                       '"datePublished": "2020-12-04T10:00:00+01:00"}</script>')
    article = clean_html(_html(head), config=CONFIG)
    assert (article.published, article.published_source) == (dt.date(2020, 12, 5), DateSource.HTML_METADATA)
    assert any(c.value == dt.date(2020, 12, 4) and c.rejected is None for c in article.date_candidates)


def test_the_utc_day_of_the_moment_json_ld_states_in_the_publishers_time_gives_way() -> None:
    # the meta tag and JSON-LD state the same moment; the publisher's day is JSON-LD's
    head = UTC_META + ('<script type="application/ld+json">{"@type": "NewsArticle", '
                       '"datePublished": "2020-12-06T00:15:00+01:00"}</script>')
    article = clean_html(_html(head), config=CONFIG)
    assert article.published == dt.date(2020, 12, 6)
    assert [c.rejected for c in article.date_candidates if c.value == dt.date(2020, 12, 5)] == [
        "the UTC day of the moment JSON-LD states in the publisher's time (2020-12-06T00:15:00+01:00)"]


@pytest.mark.parametrize("meta", ["2019-02", "2019-02-30"])
def test_metadata_date_the_page_never_writes_is_not_used(meta: str) -> None:
    # htmldate fills in the day of "2019-02" or of an impossible "2019-02-30" (the first, or today's)
    article = clean_html(_html(f'<meta name="date" content="{meta}">'), config=CONFIG)
    assert article.published is None
    assert {c.rejected for c in article.date_candidates if c.source is DateSource.HTML_METADATA} == {
        "written nowhere in the page: the metadata reader filled in a missing day"}


@pytest.mark.parametrize("written", ["Von A. Autor, 8.5.12", "am 08/05/12, 03:48 pm"])
def test_htmldates_date_the_page_writes_with_a_two_digit_year_is_used(written: str) -> None:
    article = clean_html(_html("", f"<p class='byline'>{written}</p>"), config=CONFIG)
    assert (article.published, article.published_source) == (dt.date(2012, 5, 8), DateSource.HTML_METADATA)


def test_first_of_a_month_the_page_states_is_a_date() -> None:
    article = clean_html(_html('<meta name="date" content="2019-02-01T09:00:00">'), config=CONFIG)
    assert article.published == dt.date(2019, 2, 1)


# --- the dates stage weighs the page's evidence alone -------------------------------------------------


def _evidenced(dates: PageDates, url: str | None = None) -> Doc:
    """A document whose extract stage handed over ``dates`` and no text."""
    return Doc(raw=RawDocument(source="page.html", data="", url=url), input_size=0, input_hash="", doc_id="page",
               page_dates=dates)


FILLED_IN = StatedDate(dt.date(2019, 2, 1), "2019-02-01", written=False)


def test_a_day_the_page_never_writes_is_turned_down_by_the_dates_stage() -> None:
    # the extract stage only says where the day is written; turning it down is the dates stage's call
    doc = DatesStage(CONFIG.dates)(_evidenced(PageDates(metadata=FILLED_IN)))
    assert doc.published is None
    assert [c.rejected for c in doc.dates] == ["written nowhere in the page: the metadata reader filled in a missing day"]


def test_a_day_the_pages_address_writes_is_no_guess() -> None:
    doc = DatesStage(CONFIG.dates)(_evidenced(PageDates(metadata=FILLED_IN), url="https://example.org/2019/02/01/a"))
    assert (doc.published.value, doc.published.source) == (dt.date(2019, 2, 1), DateSource.HTML_METADATA)


def test_publication_lines_stand_in_only_where_no_stated_date_stands() -> None:
    line = "Publicado el 19 de mayo de 2010 por Ana."
    stated = StatedDate(dt.date(2010, 5, 21), "2010-05-21")
    judge = DatesStage(CONFIG.dates)
    assert judge(_evidenced(PageDates(metadata=stated, publication_lines=(line,)))).published.value == stated.value
    assert judge(_evidenced(PageDates(publication_lines=(line,)))).published.value == dt.date(2010, 5, 19)
    # a stated date turned down leaves the page to its publication lines
    assert judge(_evidenced(PageDates(metadata=FILLED_IN, publication_lines=(line,)))).published.value == dt.date(
        2010, 5, 19)


def _blog_post(head: str, footer: str) -> str:
    paragraphs = "".join(f"<p>{block}</p>" for block in BODY)
    return (f"<html><head><title>{HEADLINE}</title>{head}</head><body><div id='content'>"
            f"<div class='post'><h2>{HEADLINE}</h2><div class='entry'>{paragraphs}</div>"
            f"<footer><p>{footer}</p></footer></div>"
            f"<div id='sidebar'><ul><li>Archive</li><li>March 2016</li></ul></div></div></body></html>")


#: a post's footer that the extractor drops with the page's <footer>, in a language htmldate reads no month of
POST_FOOTER = "Publicado el 19 de mayo de 2010 por Ana en Lecturas."


def test_a_post_footer_outside_the_article_dates_a_page_nothing_else_dates() -> None:
    article = clean_html(_blog_post("", POST_FOOTER), config=CONFIG)
    assert (article.published, article.published_source) == (dt.date(2010, 5, 19), DateSource.DATELINE)
    assert article.published_confidence is not None and article.published_confidence < 0.5
    assert "2010" not in article.text  # read from the page, not from the article


def test_a_post_footer_does_not_outrank_a_stated_date() -> None:
    head = '<meta property="article:published_time" content="2010-05-21T08:00:00">'
    article = clean_html(_blog_post(head, POST_FOOTER), config=CONFIG)
    assert (article.published, article.published_source) == (dt.date(2010, 5, 21), DateSource.HTML_METADATA)


@pytest.mark.parametrize("footer", [
    "19 de mayo de 2010",
    "Miembro desde el 19 de mayo de 2010, publicado por Ana.",
], ids=["no-marker", "joined"])
def test_page_lines_that_do_not_say_when_the_post_was_published_are_not_read(footer: str) -> None:
    article = clean_html(_blog_post("", footer), config=CONFIG)
    assert [c for c in article.date_candidates if c.source is DateSource.DATELINE] == []


#: FIELD_SEPARATOR as first written: the same separators, but a run of spaces was read from every
#: position in it (quadratic in the run's length).
_PLAIN_FIELD_SEPARATOR = re.compile(r"\s+(?:[|•·⋅~@/]|//|[-–—]{1,2})\s+|\s*[|•·⋅]\s*")


@given(st.lists(st.sampled_from([" ", "  ", "\t", "|", "•", "⋅", "-", "–", "—", "/", "//", "@", "~", "By", "2020"]),
                max_size=16).map("".join))
@example("\t–  a@||\t||–-")
def test_field_separators_are_found_as_a_plain_scan_finds_them(text: str) -> None:
    assert [m.span() for m in FIELD_SEPARATOR.finditer(text)] == [
        m.span() for m in _PLAIN_FIELD_SEPARATOR.finditer(text)]


@pytest.mark.parametrize(("text", "value", "written"), [
    ("Published 5 May 2020, updated later", dt.date(2020, 5, 5), True),
    ("Posted 05. Mai 2020", dt.date(2020, 5, 5), True),
    ("Posted on May 05, 2020 at noon", dt.date(2020, 5, 5), True),
    ("le 12 avr. 2020", dt.date(2020, 4, 12), True),
    # a named date with other figures first, then the one asked about, inside one stretch around the year
    ("15 May 2020 · 5 May 2020", dt.date(2020, 5, 5), True),
    ("May 15, 2020 or May 5, 2020", dt.date(2020, 5, 5), True),
    # the same month and year, another day; the same day in another year; a day run into more figures
    ("15 May 2020", dt.date(2020, 5, 5), False),
    ("5 May 2021", dt.date(2020, 5, 5), False),
    ("105 May 2020", dt.date(2020, 5, 5), False),
    ("5 May 20201", dt.date(2020, 5, 5), False),
    ("2020-05-05", dt.date(2020, 5, 5), True),
    ("05/05/2020", dt.date(2020, 5, 5), True),
])
def test_writes_date_reads_named_dates_by_their_figures(text: str, value: dt.date, written: bool) -> None:
    """writes_date finds a date written with its month's name by checking the day and year a month's one
    pattern reads, at every place the pattern matches (a match with other figures does not hide the next)."""
    assert writes_date(text, value) is written


DATELINE_PIECES = ["May 4, 2020", "2020-05-04", "4.5.2020", "04.05.20", "4 de mayo de 2020", "2020年5月4日",
                   "۱۳۹۹", "٢٠٢٠", "Posted on", "by A. Writer", "|", "•", "Updated", "Wien,", "–", "Mai", "4", "20",
                   "12:44", "Friday", "١"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(DATELINE_PIECES), min_size=1, max_size=6).map(" ".join))
def test_a_line_read_as_a_dateline_has_two_digits_in_a_row(text: str) -> None:
    """The dates stage passes over lines without two digits in a row: no such line is read as a dateline."""
    from newsclean.rules.dates import TWO_DIGITS
    from newsclean.stages.dates import dateline_match, lead_dateline

    if dateline_match(text) is not None or lead_dateline(text) is not None:
        assert TWO_DIGITS.search(text), text
