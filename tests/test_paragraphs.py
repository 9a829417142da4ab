"""jusText's paragraphs read from the shared tree (html/paragraphs.py) are jusText's own, to the character."""

from __future__ import annotations

import gzip
import json

import pytest
from conftest import DATA
from hypothesis import given
from hypothesis import strategies as st
from justext.core import ParagraphMaker, preprocessor
from justext.utils import normalize_whitespace
from lxml import etree
from lxml import html as lxml_html

from newsclean.html.paragraphs import normalized, paragraphs
from newsclean.html.parse import parse_page

WHITESPACE = [" ", "\n", "\r", "\t", "\xa0", "\u2028", "\x0b", "\x1c", "\u3000", "\x85"]


def theirs(tree: lxml_html.HtmlElement) -> list[tuple[str, str, int]]:
    """jusText's paragraphs of ``tree`` the way jusText makes them: a cleaned copy replayed as SAX events."""
    return [(p.dom_path, p.text, p.chars_count_in_links) for p in ParagraphMaker.make_paragraphs(preprocessor(tree))]


def ours(tree: lxml_html.HtmlElement) -> list[tuple[str, str, int]]:
    return [(p.dom_path, p.text, p.chars_count_in_links) for p in paragraphs(tree)]


@given(st.text(alphabet=st.sampled_from(["a", "b", *WHITESPACE]), max_size=30))
def test_whitespace_is_normalised_as_jusText_normalises_it(text):
    assert normalized(text) == normalize_whitespace(text)


@pytest.fixture(scope="module")
def pages() -> list[dict[str, str]]:
    with gzip.open(DATA / "pages.jsonl.gz", "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def test_the_paragraphs_of_real_pages_are_jusTexts_read_without_its_cleaner(pages, monkeypatch):
    trees = [parse_page(page["html"]) for page in pages]
    expected = [theirs(tree) for tree in trees]
    before = [lxml_html.tostring(tree) for tree in trees]

    def refuse(tree: object) -> None:
        raise AssertionError("an ordinary page went through jusText's cleaner")

    monkeypatch.setattr("justext.core.preprocessor", refuse)
    assert [ours(tree) for tree in trees] == expected
    assert [lxml_html.tostring(tree) for tree in trees] == before  # the shared tree is left as it was
    assert sum(len(found) for found in expected) > 5000


#: Markup whose text the cleaner joins, drops or keeps: each case's paragraphs must be jusText's.
CASES = {
    "a killed script joins the text around it": "<p>one <script>x()</script> two</p>",
    "a blank tail after a killed element": "<p><a href='/'>home</a><script>x</script>   </p><p>next words</p>",
    "link text joined across a killed element": "<p><a href='/'>read <input>more  </a> about it</p>",
    "a removed form keeps its text and children": "<div>before<form>inside <b>bold</b> after</form>tail</div>",
    "a line break pair splits a paragraph": "<div>one<br><br>two<br>three</div>",
    "a stylesheet link between line breaks": "<div>one<br><link rel='Stylesheet' href='x.css'><br>two</div>",
    "another link stays": "<div>one<br><link rel='next' href='2'><br>two</div>",
    "an applet and the head are killed": "<html><head><title>t</title></head><body><applet>a</applet>b</body></html>",
    "an image tag": "<div>x<image src='a.png'>cap</image>y</div>",
    "a select box": "<div>choose <select><option>one</option></select> now</div>",
    "headings and a copyright": "<h2>Title</h2><p>Body &copy; 2020</p><h3>More</h3>",
    "nested removed and killed": "<div><iframe>frame <embed>e</embed><script>s</script>text</iframe>after</div>",
}


@pytest.mark.parametrize("markup", CASES.values(), ids=CASES.keys())
def test_the_paragraphs_of_markup_the_cleaner_changes_are_jusTexts(markup):
    tree = parse_page(f"<html><body>{markup}<p>closing words of the page</p></body></html>")
    assert ours(tree) == theirs(tree)


def test_comments_and_processing_instructions_join_or_split_text_as_jusText_reads_them():
    # "x" and a blank tail read as one piece keep a space before the next word; read apart they do not
    tree = parse_page("<html><body><p>one <b>two</b><i>three</i></p><p><b>four</b><i>five</i></p></body></html>")
    for bold, node in zip(tree.iter("b"), (etree.Comment("killed"), etree.ProcessingInstruction("pi", "kept"))):
        bold.tail, node.tail = "x", "   "
        bold.addnext(node)
    assert ours(tree) == theirs(tree)
    assert [text for _, text, _ in ours(tree)][:2] == ["one twox three", "fourxfive"]


def test_processing_instructions_beside_the_root_are_read_as_jusText_reads_them():
    tree = parse_page("<html><body><p>one <b>two</b> three</p></body></html>")
    before, after = etree.ProcessingInstruction("before", "the root"), etree.ProcessingInstruction("after", "it")
    tree.addprevious(before)
    tree.addnext(after)
    before.tail = after.tail = "x"  # jusText's cleaned copy leaves them behind: no "x" paragraph
    assert ours(tree) == theirs(tree) == [("html.body.p", "one two three", 0)]


def test_a_stray_param_goes_with_its_text_and_one_in_an_object_keeps_it():
    tree = parse_page("<html><body><div><applet><param></applet><object>obj <param> text</object><param> end"
                      "</div></body></html>")
    for param in tree.iter("param"):
        param.text = "inside"
    assert ours(tree) == theirs(tree)
    assert "inside" in ours(tree)[0][1] and ours(tree)[0][1].count("inside") == 1


@pytest.mark.parametrize("markup", ["<form><p>first field</p><p>second field</p></form>",
                                    "<object><p>an object</p><p>holding text</p></object>"])
def test_a_root_the_cleaner_rewrites_is_read_as_jusText_reads_it(markup):
    tree = lxml_html.fromstring(markup)
    assert tree.tag in ("form", "object")
    assert ours(tree) == theirs(tree)


def test_a_namespaced_tag_is_read_as_jusText_reads_it():
    tree = parse_page("<html><body><p>one</p><p>two words</p></body></html>")
    tree.find(".//p").tag = "{http://www.w3.org/1999/xhtml}p"
    assert ours(tree) == theirs(tree)


def test_jusText_classifies_the_paragraphs_read_here_as_it_classifies_its_own(pages):
    from justext.core import classify_paragraphs, revise_paragraph_classification

    from newsclean.html import extractors as x

    def classes(found: list) -> list[tuple[str, str, bool]]:
        classify_paragraphs(found, x._all_stopwords(), x.JUSTEXT_LENGTH_LOW, x.JUSTEXT_LENGTH_HIGH,
                            x.JUSTEXT_STOPWORDS_LOW, x.JUSTEXT_STOPWORDS_HIGH, x.JUSTEXT_MAX_LINK_DENSITY, True)
        revise_paragraph_classification(found, x.JUSTEXT_MAX_HEADING_DISTANCE)
        return [(p.cf_class, p.class_type, p.heading) for p in found]

    for page in pages[:30]:
        tree = parse_page(page["html"])
        theirs_found = ParagraphMaker.make_paragraphs(preprocessor(tree))
        assert classes(paragraphs(tree)) == classes(theirs_found)
        assert [p.words_count for p in paragraphs(tree)] == [p.words_count for p in theirs_found]


def test_jusText_given_every_stop_list_lazily_classifies_as_given_all_the_words_in_one_set(pages):
    """The extractor hands jusText its stop lists as a word-less collection (so the words are held once);
    jusText must judge every paragraph as it does when given every list's words as one frozenset."""
    from justext import get_stoplist, get_stoplists
    from justext.core import classify_paragraphs, define_stoplist

    from newsclean.html import extractors as x

    every_word = frozenset(word for language in get_stoplists() for word in get_stoplist(language))
    assert define_stoplist(x._all_stopwords()) == every_word

    def classes(stoplist: object, tree: lxml_html.HtmlElement) -> list[tuple[str, float]]:
        found = paragraphs(tree)
        classify_paragraphs(found, stoplist, x.JUSTEXT_LENGTH_LOW, x.JUSTEXT_LENGTH_HIGH, x.JUSTEXT_STOPWORDS_LOW,
                            x.JUSTEXT_STOPWORDS_HIGH, x.JUSTEXT_MAX_LINK_DENSITY, True)
        return [(p.cf_class, p.stopwords_density(every_word)) for p in found]

    judged = [classes(x._all_stopwords(), parse_page(page["html"])) for page in pages[:30]]
    assert judged == [classes(every_word, parse_page(page["html"])) for page in pages[:30]]
    assert any(cls in ("good", "neargood") for page in judged for cls, _ in page)
    assert define_stoplist(x._all_stopwords()) is define_stoplist(x._all_stopwords())  # built once, then kept
