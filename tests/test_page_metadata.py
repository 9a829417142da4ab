"""One parse per page: newsclean's metadata, main text and dates equal what trafilatura and htmldate give
when each is handed the raw page, on the 90 real pages of ``tests/data/pages.jsonl.gz``."""

from __future__ import annotations

import gzip
import inspect
import json
import re

import htmldate
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
import trafilatura
from lxml import html as lxml_html

from conftest import DATA, REFERENCE_DATE
from newsclean.config import ExtractConfig
from newsclean.html import page_metadata
from newsclean.html.page_metadata import author_candidates, read_page_metadata
from newsclean.html.parse import parse_commented, parse_page
from newsclean.stages.extract import htmldate_dates, main_text

#: Every how many pages the main text is compared (trafilatura runs twice per page: keep the test short).
TEXT_SAMPLE_STEP = 6
_DATE_OPTIONS = {"original_date": True, "max_date": REFERENCE_DATE.isoformat()}
#: What the metadata read takes from trafilatura.metadata outside its __all__, with each function's
#: parameters; pyproject.toml pins trafilatura's range on their account.
FENCED = {"examine_meta": ["tree"], "extract_meta_json": ["tree", "metadata"], "extract_title": ["tree"],
          "prune_unwanted_nodes": ["tree", "nodelist", "with_backup"],
          "extract_metainfo": ["tree", "expressions", "len_limit"], "normalize_authors": ["current_authors", "author_string"],
          "extract_url": ["tree", "default_url"], "extract_sitename": ["tree"], "META_URL": None}
#: trafilatura's author XPaths (trafilatura.xpaths: AUTHOR_DISCARD_XPATHS, then AUTHOR_XPATHS) as written when
#: page_metadata._AuthorMatches was written from them, white space folded: a release that changes one fails here.
AUTHOR_XPATH_SOURCES = [
    ".//*[self::a or self::div or self::section or self::span][ @id='comments' or @class='comments' or "
    "@class='title' or @class='date' or re:test(@id, '^comments|comment-?list|ProductReviews') or re:test(@class, "
    "'^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|article-(?:share|support)|"
    "print|category|meta-date|meta-reviewer') or contains(@data-component, 'Figure')]",
    "//time|//figure",
    "//*[self::a or self::address or self::div or self::link or self::p or self::span or self::strong][ "
    "@rel='author' or @id='author' or @class='author' or @itemprop='author name' or rel='me' or "
    "@data-testid='AuthorCard' or @data-testid='AuthorURL' or re:test(@class, 'author-?name|AuthorName|authorName')]"
    "|//author",
    "//*[self::a or self::div or self::h3 or self::h4 or self::p or self::span][ @class='byline' or "
    "@class='username' or @class='byl' or @class='BBL' or contains(@itemprop, 'author') or re:test(@id, "
    "'author|zuozhe|bianji|xiaobian') or re:test(@class, 'author|channel-name|zuozhe|bianji|xiaobian|submitted-by|"
    "posted-by|journalist-name')]",
    "//*[ contains(@data-component, 'Byline') or contains(@itemprop, 'author') or re:test(@id, '[Aa]uthor') or "
    "re:test(@class, '[Aa]uthor|screenname|writer|[Bb]yline')]",
]


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
        if not author_candidates(tree):
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
    assert author_candidates(tree)
    assert metadata_author(tree), "trafilatura no longer finds this kind of author element: update the gate"


def test_a_page_naming_no_author_anywhere_closes_the_gate():
    tree = lxml_html.fromstring('<html><body><div class="story" id="main"><p rel="next">Words of a story.</p>'
                                '<span class="date">3 May</span></div></body></html>')
    assert not author_candidates(tree)
    assert metadata_author(tree) is None


def test_trafilaturas_author_xpaths_are_those_the_author_pass_was_written_from():
    from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

    assert [" ".join(x.path.split()) for x in [*AUTHOR_DISCARD_XPATHS, *AUTHOR_XPATHS]] == AUTHOR_XPATH_SOURCES


def selections(tree) -> tuple[list[list], list[list]]:
    """What trafilatura's author XPaths select and what page_metadata's author queries give, on ``tree``:
    the discarded sections of trafilatura's copy as it is (paths), then each author XPath's elements in its
    pruned copy (tag, attributes and text, as ``extract_metainfo`` reads them), against the candidates each
    query gives (their copies, pruned alone)."""
    import copy
    import itertools

    from lxml import etree
    from trafilatura.htmlprocessing import prune_unwanted_nodes
    from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

    def paths(elements):
        return [element.getroottree().getpath(element) for element in elements]

    def seen(elements):
        return [(element.tag, dict(element.attrib), " ".join(element.itertext())) for element in elements]

    theirs = copy.deepcopy(tree)
    ours = [element for element in itertools.islice(tree.iter(etree.Element), 1, None) if page_metadata._discarded(element)]
    discarded = (paths(AUTHOR_DISCARD_XPATHS[0](theirs)), paths(ours))
    prune_unwanted_nodes(theirs, AUTHOR_DISCARD_XPATHS)
    queries = page_metadata.author_queries(tree) or [lambda _tree: []] * len(AUTHOR_XPATHS)
    authors = [(seen(xpath(theirs)), seen(query(tree))) for xpath, query in zip(AUTHOR_XPATHS, queries, strict=True)]
    return [discarded[0], *(a for a, _ in authors)], [discarded[1], *(b for _, b in authors)]


def test_the_author_pass_selects_what_trafilaturas_xpaths_select_on_real_pages(pages):
    selected = [0, 0, 0, 0]
    for page in pages:
        tree = parse_page(page["html"])
        theirs, ours = selections(tree)
        assert ours == theirs, page["url"]
        selected = [n + bool(found) for n, found in zip(selected, theirs)]
        assert page_metadata.author_search(tree) == metadata_author(tree), page["url"]
    assert all(selected), f"the real pages no longer exercise every XPath: {selected}"


_PIECES = ["author", "Author", "-", "name", "Name", "byline", "Byline", "comments", "Comments", "list", "comment",
           "ProductReviews", "sidebar", "print", "date", "title", "x", "writer", "screenname", "bianji", "me", "Figure",
           "Card", "URL", "BBL", "byl", "article-share", "meta-date", "posted-by", " ", "AuthorCard", "AuthorURL",
           "author name", "username"]
_VALUE = st.one_of(st.sampled_from(_PIECES), st.lists(st.sampled_from(_PIECES), max_size=3).map("".join))
_ATTRIBUTES = st.dictionaries(st.sampled_from(["id", "class", "rel", "itemprop", "data-testid", "data-component"]),
                              _VALUE, max_size=3)
#: The tags the XPaths name, and one they do not.
TAGS = ["a", "div", "span", "p", "section", "address", "link", "strong", "h3", "h4", "li", "author", "time", "figure"]
_TAGS = st.sampled_from(TAGS)


@st.composite
def _pages(draw):
    """A page of nested elements with the tags and attribute values trafilatura's author XPaths test."""
    def element(depth):
        attributes = "".join(f' {name}="{value}"' for name, value in draw(_ATTRIBUTES).items())
        inner = "".join(element(depth + 1) for _ in range(draw(st.integers(0, 2 if depth < 3 else 0))))
        rel = draw(st.sampled_from(["", "<rel>me</rel>", "<rel>you</rel>", '<rel><span class="date">x</span>me</rel>']))
        tag = draw(_TAGS)
        return f"<{tag}{attributes}>{rel}{draw(_VALUE)}{inner}</{tag}>{draw(_VALUE)}"
    return "<html><body>" + "".join(element(0) for _ in range(draw(st.integers(1, 4)))) + "</body></html>"


@given(_pages())
@settings(max_examples=300, deadline=None)
def test_the_author_pass_selects_what_trafilaturas_xpaths_select_on_any_page(html):
    tree = lxml_html.fromstring(html)
    theirs, ours = selections(tree)
    assert ours == theirs
    assert page_metadata.author_search(tree) == metadata_author(tree)


def test_the_author_pass_selects_what_trafilaturas_xpaths_select_for_every_tag_attribute_and_value():
    """Every tag the XPaths name (and others) with every attribute they test set to every piece of their
    patterns, side by side on one page, with and without a ``rel`` child saying "me"."""
    elements = [f'<{tag} {name}="{value}">{rel}text</{tag}>tail'
                for tag in TAGS if tag not in ("time", "figure")
                for name in ("id", "class", "rel", "itemprop", "data-testid", "data-component")
                for value in _PIECES for rel in ("", "<rel>me</rel>")]
    theirs, ours = selections(lxml_html.fromstring("<html><body>" + "".join(elements) + "</body></html>"))
    assert ours == theirs and all(theirs)


@pytest.mark.parametrize("byline", [
    '<p class="byline">By<span class="date">3 May</span>Jane<time>noon</time> Doe</p>',
    '<div id="author"><figure>photo</figure>Jane Doe<div class="sidebar">More</div>, staff</div>',
    '<section><div class="comments"><span class="author">Commenter</span></div></section><span class="author">Jane</span>',
    '<time><span class="author">Not Her</span></time><a rel="author">Jane Doe</a>',
    '<p><rel>m<span class="quote">x</span>e</rel>Jane Doe</p>',
])
def test_an_author_read_from_its_element_alone_is_the_author_trafilatura_reads_from_its_pruned_copy(byline):
    """What the pruning takes away inside a byline (its tail kept) or around it, as trafilatura's copy loses it."""
    tree = lxml_html.fromstring(f"<html><body><article><p>A story of a few words.</p>{byline}</article></body></html>")
    assert page_metadata.author_search(tree) == metadata_author(tree)
    assert metadata_author(tree)
