"""HTML extraction: trafilatura first, the page's visible text when it finds nothing."""

from __future__ import annotations

import gzip
import json
import socket

import pytest

import newsclean
from conftest import DATA, REFERENCE_DATE
from newsclean.config import ExtractConfig
from newsclean.html.blocks import block_lines
from newsclean.html.parse import parse_page
from newsclean.stages import extract
from newsclean.stages.extract import extract_html, main_text, visible_text

#: Every how many of the 90 real pages the extractors reading the tree last are checked (they run twice).
LAST_READER_STEP = 3

FORUM_PAGE = (
    "<html><head><title>Where did the lobby go?</title></head><body>"
    "<div><a href='/'>Home</a></div><div><a href='/forums'>Forums</a></div>"
    "<div class='post'>I logged in this morning and the whole lobby had disappeared, the portals and "
    "the shop included, and nobody in the chat seemed to know why it happened or when it would return.</div>"
    "<script>var tracking = 1;</script><div>Log in</div></body></html>"
)


def test_visible_text_puts_each_block_on_its_own_line_and_drops_scripts():
    text = visible_text(FORUM_PAGE)
    assert text.splitlines()[:2] == ["Home", "Forums"]
    assert "tracking" not in text and "Where did the lobby go?" not in text


def test_a_page_without_main_text_is_cleaned_from_its_visible_text(config):
    article = newsclean.clean_html(FORUM_PAGE, url="https://example.org/t/1", config=config)
    assert "whole lobby had disappeared" in article.text
    assert "Forums" not in article.paragraphs


def test_a_january_first_metadata_date_is_taken_for_a_year_alone(config):
    body = "".join(f"<p>Paragraph {i} about the ferry timetable that changes next month, the operator said "
                   f"in a statement to passengers on Monday.</p>" for i in range(5))
    html = (f"<html><head><meta property='article:published_time' content='2019-01-01'></head>"
            f"<body><article>{body}</article></body></html>")
    article = newsclean.clean_html(html, config=config)
    assert article.published is None


@pytest.mark.parametrize("page", ["http://example.invalid/page", "https://example.invalid/a\n", "http:x"])
def test_a_page_that_reads_as_an_address_is_never_fetched(page, monkeypatch):
    # htmldate downloads a string that starts with "http" and has no space: newsclean must not let it
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network access while cleaning")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    try:
        newsclean.clean_html(page)
    except newsclean.CleaningRejected:
        pass
    assert attempts == []


@pytest.fixture(scope="module")
def real_pages() -> list[dict[str, str]]:
    with gzip.open(DATA / "pages.jsonl.gz", "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def test_extractors_that_read_the_tree_last_find_what_they_find_on_a_tree_kept(real_pages, monkeypatch):
    config, voted = ExtractConfig(), 0
    from newsclean.html import extractors

    asked = extractors.extract_all

    def counted(*args, **kwargs):
        nonlocal voted
        voted += kwargs["last_reader"]
        return asked(*args, **kwargs)

    monkeypatch.setattr(extract, "extract_all", counted)
    for page in real_pages[::LAST_READER_STEP]:
        kept = main_text(parse_page(page["html"]), page["html"], url=page["url"], config=config)
        assert main_text(parse_page(page["html"]), page["html"], url=page["url"], config=config,
                         last_reader=True) == kept, page["url"]
    assert voted > 0, "no page was voted on: readability never read the tree in place"


def test_an_empty_vote_falls_back_on_the_page_as_parsed_not_on_the_tree_readability_changed(real_pages,
                                                                                          monkeypatch):
    config = ExtractConfig()
    monkeypatch.setattr(extract, "settled", lambda found, pair=None: False)  # readability reads every page
    monkeypatch.setattr(extract, "seconded", lambda found, precise=None: False)
    monkeypatch.setattr(extract, "agreed_text", lambda found, pair=None: "")
    for page in real_pages[:LAST_READER_STEP]:
        kept = main_text(parse_page(page["html"]), page["html"], url=page["url"], config=config)
        assert kept  # trafilatura asked for recall on the whole page
        assert main_text(parse_page(page["html"]), page["html"], url=page["url"], config=config,
                         last_reader=True) == kept, page["url"]


def test_a_dated_page_without_main_text_gives_its_whole_visible_text(real_pages, monkeypatch):
    monkeypatch.setattr(extract, "settled", lambda found, pair=None: False)
    monkeypatch.setattr(extract, "agreed_text", lambda found, pair=None: "")
    monkeypatch.setattr(extract, "trafilatura_text", lambda tree, **options: "")
    dated = 0
    for page in real_pages[:LAST_READER_STEP * 3]:
        text, _, dates = extract_html(page["html"], url=page["url"], config=ExtractConfig(),
                                      reference_date=REFERENCE_DATE)
        dated += dates.metadata is not None or dates.structured is not None
        assert text == block_lines(parse_page(page["html"])), page["url"]
    assert dated > 0, "no page stated its date: the extractors never read the tree last"
