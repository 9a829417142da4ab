"""One parse per page (``newsclean.html.parse``): htmldate's tree keeps the comments, everyone else's is
trafilatura's own, on the 90 real pages of ``tests/data/pages.jsonl.gz`` and on markup libxml2 misreads."""

from __future__ import annotations

import datetime as dt
import gzip
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
import trafilatura
from lxml import html as lxml_html

from conftest import DATA, REFERENCE_DATE
from newsclean.html.parse import _repaired, _source, drop_comments, parse_commented, parse_page
from newsclean.stages.extract import htmldate_dates

#: Markup trafilatura's ``load_html`` repairs or turns down; the shared tree must do the same.
ODD_PAGES = [
    ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
     '<html><head><title>Old</title></head><body><p>An old page.</p></body></html>'),
    '<html lang="en"/>\n<head><title>Closed</title></head><body><p>Its root closed at once.</p></body>',
    '<html><body><p>A control\x07 character and a \x00 NUL.</p></body></html>',
    '<?xml version="1.0" encoding="utf-8"?>\n<html><body><p>Declared in a string.</p></body></html>',
    ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">'
     '<html><head><title>One line</title></head><body><p>The whole page on one line.</p></body></html>'),
    '<html><body><p>Non-characters \ufffe and \uffff in the text.</p><p>More.</p></body></html>',
    '<html><body><p>A lone \ud800 surrogate.</p><p>More.</p></body></html>',
    ('<html><head><meta charset="iso-8859-1"><title>Köln</title></head>'
     '<body><p>Grüße aus Köln — “quoted” 東京</p></body></html>'),
    "<p>a lone paragraph</p>",
    '{"not": "html"}',
    "",
]


@pytest.fixture(scope="module")
def pages() -> list[dict[str, str]]:
    with gzip.open(DATA / "pages.jsonl.gz", "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def _same_tree(ours: lxml_html.HtmlElement | None, html: str) -> bool:
    theirs = trafilatura.load_html(html)
    if ours is None or theirs is None:
        return ours is None and theirs is None
    return lxml_html.tostring(ours) == lxml_html.tostring(theirs)


def test_the_shared_tree_is_trafilaturas_own_on_real_pages(pages):
    for page in pages:
        assert _same_tree(parse_page(page["html"]), page["html"]), page["url"]


@pytest.mark.parametrize("html", ODD_PAGES)
def test_the_shared_tree_is_trafilaturas_own_on_markup_libxml2_misreads(html):
    assert _same_tree(parse_page(html), html)


def test_htmldates_tree_keeps_the_comments_until_they_are_dropped():
    tree = parse_commented("<html><body><!-- a note --><p>Text</p></body></html>")
    assert tree is not None and "a note" in lxml_html.tostring(tree, encoding="unicode")
    assert "a note" not in lxml_html.tostring(drop_comments(tree), encoding="unicode")


def test_htmldate_reads_a_date_the_page_writes_only_in_a_comment():
    # blog engines write a post's trackback metadata as RDF inside a comment
    trackback = ('<!--\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                 'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<rdf:Description rdf:about="https://example.org/e/1" '
                 'dc:title="A walk" dc:date="2020-07-03T17:16:22+09:00" />\n</rdf:RDF>\n-->')
    body = "".join(f"<p>We walked up the ridge for the {n}th time, and the flowers were out.</p>" for n in range(4))
    html = f"<html><head><title>A walk</title></head><body>{trackback}<div>{body}</div></body></html>"
    tree = parse_commented(html)
    assert tree is not None
    stated, searched = htmldate_dates(tree, url=None, reference_date=REFERENCE_DATE)
    assert dt.date.fromisoformat(stated or searched or "1900-01-01") == dt.date(2020, 7, 3)
    assert htmldate_dates(drop_comments(tree), url=None, reference_date=REFERENCE_DATE) == (None, None)


FORM_PAGE = ("<html><head><!-- c --></head><body><form><label>Name <input name='n'></label>"
             "<select><option>a</option></select><textarea>t</textarea></form><p>x</p></body></html>")


def test_every_node_gets_the_class_lxml_html_gives_it(pages):
    from lxml import etree

    for html in [FORM_PAGE, *(page["html"] for page in pages[:30])]:
        ours = parse_commented(html)
        theirs = lxml_html.fromstring(html.encode("utf-8"), parser=lxml_html.HTMLParser(encoding="utf-8"))
        assert [type(node) for node in ours.iter()] == [type(node) for node in theirs.iter()]
        for tree in (ours, theirs):  # a tag renamed after parsing, as a reader may
            for element in tree.iter(etree.Element):
                element.tag = element.tag.capitalize()
        assert [type(node) for node in ours.iter()] == [type(node) for node in theirs.iter()]
    classes = {type(node) for node in parse_commented(FORM_PAGE).iter()}
    assert {lxml_html.FormElement, lxml_html.InputElement, lxml_html.LabelElement, lxml_html.SelectElement,
            lxml_html.TextareaElement, lxml_html.HtmlComment} <= classes
    assert etree.iselement(parse_page(FORM_PAGE))


def test_the_classes_are_chosen_without_calling_lxml_htmls_python_lookup(monkeypatch):
    def refuse(*args: object) -> None:
        raise AssertionError("lxml.html's Python class lookup was called")

    monkeypatch.setattr(lxml_html.HtmlElementClassLookup, "lookup", refuse)
    assert len(list(parse_page(FORM_PAGE).iter())) > 5


_MARKUP = st.lists(st.sampled_from(["<p>", "<html/>", "<!DOCTYPE x/y>", "a", "\xe9", "\u4e00", "\U0001f600", "\n",
                                     "\x00", "\x0b", "\x1f", "\ufffd", "\ufffe", "\uffff", "\ud800"]),
                   max_size=40).map("".join)


@given(_MARKUP)
def test_libxml2_is_handed_the_page_repaired_as_trafilatura_repairs_it(html):
    """Whether the page goes over as UTF-8 or as a string, it is the page with what libxml2 misreads repaired:
    every character XML forbids gone (the control characters looked for in the bytes, the non-characters in
    the string, in a one-byte string as in a wider one)."""
    source = _source(html)
    assert (source.decode("utf-8") if isinstance(source, bytes) else source) == _repaired(html)
