"""One parse per page: newsclean's metadata, main text and dates equal what trafilatura and htmldate give
when each is handed the raw page, on the 90 real pages of ``tests/data/pages.jsonl.gz``."""

from __future__ import annotations

import gzip
import inspect
import json
import re

import htmldate
import pytest
import trafilatura
from lxml import html as lxml_html

from conftest import DATA, REFERENCE_DATE
from newsclean.config import ExtractConfig
from newsclean.html import page_metadata
from newsclean.html.page_metadata import may_name_author, read_page_metadata
from newsclean.html.parse import parse_commented, parse_page
from newsclean.stages.extract import htmldate_dates, main_text

#: Every how many pages the main text is compared (trafilatura runs twice per page: keep the test short).
TEXT_SAMPLE_STEP = 6
_DATE_OPTIONS = {"original_date": True, "max_date": REFERENCE_DATE.isoformat()}
#: What the metadata read takes from trafilatura.metadata outside its __all__, with each function's
#: parameters; pyproject.toml pins trafilatura's range on their account.
FENCED = {"examine_meta": ["tree"], "extract_meta_json": ["tree", "metadata"], "extract_title": ["tree"],
          "extract_author": ["tree"], "extract_url": ["tree", "default_url"], "extract_sitename": ["tree"],
          "META_URL": None}


@pytest.fixture(scope="module")
def pages() -> list[dict[str, str]]:
    with gzip.open(DATA / "pages.jsonl.gz", "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def test_page_metadata_equals_trafilaturas_on_every_field_kept(pages):
    for page in pages:
        tree = parse_page(page["html"])
        before = lxml_html.tostring(tree)
        ours = read_page_metadata(tree, page["url"])
        theirs = trafilatura.extract_metadata(page["html"], default_url=page["url"], date_config=_DATE_OPTIONS)
        assert (ours.title, ours.author, ours.sitename, ours.description, ours.url) == (
            theirs.title or None, theirs.author or None, theirs.sitename or None, theirs.description or None,
            theirs.url or None), page["url"]
        assert lxml_html.tostring(tree) == before, f"{page['url']}: reading the metadata changed the tree"


def test_main_text_from_the_shared_tree_equals_trafilaturas_from_the_raw_page(pages):
    config = ExtractConfig(extractor="trafilatura")
    for page in pages[::TEXT_SAMPLE_STEP]:
        theirs = trafilatura.bare_extraction(
            page["html"], url=page["url"], with_metadata=True, favor_precision=config.favor_precision,
            include_comments=config.include_comments, include_tables=config.include_tables,
            date_extraction_params=_DATE_OPTIONS)
        assert main_text(parse_page(page["html"]), page["html"], url=page["url"], config=config) == theirs.text, \
            page["url"]


def test_both_date_searches_share_one_parse_and_find_what_each_finds_on_the_raw_page(pages):
    searched = 0
    for page in pages:
        stated = htmldate.find_date(page["html"], extensive_search=False, url=page["url"], **_DATE_OPTIONS)
        expected = (stated, None) if stated else (
            None, htmldate.find_date(page["html"], extensive_search=True, url=page["url"], **_DATE_OPTIONS))
        found = htmldate_dates(parse_commented(page["html"]), url=page["url"], reference_date=REFERENCE_DATE)
        assert found == expected, page["url"]
        searched += stated is None
    assert searched > 0, "no page needed the text search: the shared parse went untested there"


def test_the_private_trafilatura_names_the_metadata_read_uses_are_fenced_and_unchanged():
    from trafilatura import metadata

    source = inspect.getsource(page_metadata)
    used = set(re.findall(r"\bpieces\.(\w+)", source)) | set(re.findall(r"from trafilatura\.metadata import (\w+)", source))
    assert used == set(FENCED), "a private trafilatura name is used unfenced, or a fenced one is no longer used"
    for name, parameters in FENCED.items():
        assert name not in metadata.__all__
        if parameters is not None:
            assert list(inspect.signature(getattr(metadata, name)).parameters) == parameters, name
    assert metadata.META_URL.match("https://www.example.org/a/b")[1] == "example.org"


def test_the_author_search_is_skipped_only_on_pages_where_none_of_its_xpaths_matches(pages):
    from trafilatura.xpaths import AUTHOR_XPATHS

    skipped = 0
    for page in pages:
        tree = parse_page(page["html"])
        matched = any(len(expression(tree)) for expression in AUTHOR_XPATHS)
        if not may_name_author(tree):
            assert not matched and metadata_author(tree) is None, page["url"]
            skipped += 1
    assert 0 < skipped < len(pages), "the real pages no longer test both sides of the author gate"


def metadata_author(tree):
    from trafilatura.metadata import extract_author

    return extract_author(tree)


@pytest.mark.parametrize("element", [
    '<span class="author-name">Jane Doe</span>', '<div class="byline">By Jane Doe</div>',
    '<p id="Author">Jane Doe</p>', '<a rel="author" href="/jd">Jane Doe</a>',
    '<span itemprop="author name">Jane Doe</span>', '<div class="BBL">Jane Doe</div>',
    '<div data-testid="AuthorCard">Jane Doe</div>', '<em data-component="ArticleByline">Jane Doe</em>',
    '<h3 class="xiaobian">Jane Doe</h3>', '<author>Jane Doe</author>', '<p><rel>me</rel>Jane Doe</p>',
])
def test_every_kind_of_author_element_trafilatura_finds_opens_the_gate(element):
    tree = lxml_html.fromstring(f"<html><body><article><p>A story of a few words.</p>{element}</article></body></html>")
    assert may_name_author(tree)
    assert metadata_author(tree), "trafilatura no longer finds this kind of author element: update the gate"


def test_a_page_naming_no_author_anywhere_closes_the_gate():
    tree = lxml_html.fromstring('<html><body><div class="story" id="main"><p rel="next">Words of a story.</p>'
                                '<span class="date">3 May</span></div></body></html>')
    assert not may_name_author(tree)
    assert metadata_author(tree) is None
