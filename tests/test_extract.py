"""HTML extraction: trafilatura first, the page's visible text when it finds nothing."""

from __future__ import annotations

import socket

import pytest

import newsclean
from newsclean.stages.extract import visible_text

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
