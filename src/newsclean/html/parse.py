"""One parse of an HTML page, shared by everything that reads it.

Every reader of a page wants the same lxml tree but one: htmldate also reads
the page's comments, where blog engines write a post's machine-readable
date (a trackback ``<!-- <rdf:Description dc:date="2020-07-03T17:16:22+09:00"> -->``),
while trafilatura and the other extractors read the page without them. So
the page is parsed once with its comments (:func:`parse_commented`), htmldate
reads that tree, and :func:`drop_comments` then turns it, in place, into the
very tree trafilatura's own ``load_html`` builds: the same parser settings
and the same repairs of markup libxml2 misreads. ``tests/test_parse.py``
checks the two trees are equal on real pages, so a trafilatura release that
parses differently shows up there.

Every reader walks the tree through element proxies, and lxml.html picks
each proxy's class in Python (``HtmlElementClassLookup.lookup``, about 5,800
calls a page across the extractors). The parser here picks the same classes
in C (:func:`element_classes`); ``tests/test_parse.py`` checks every node of
real pages gets the class lxml.html gives it.
"""

from __future__ import annotations

import functools
import itertools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.etree import ElementNamespaceClassLookup
    from lxml.html import HtmlElement

#: Characters XML forbids; libxml2 stops or garbles on them (trafilatura drops them too).
INVALID_XML_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: A doctype with an address on the page's first line, which libxml2 misreads
#: (https://bugs.launchpad.net/lxml/+bug/1955915).
DOCTYPE_WITH_ADDRESS = re.compile(r"^< ?! ?DOCTYPE[^>]*/[^<>]*>", re.IGNORECASE)
#: A self-closed ``<html/>``, which would leave the page outside its root element.
SELF_CLOSED_HTML = re.compile(r"(<html.*?)\s*/>", re.IGNORECASE)
#: The page's opening is read this far (characters) for a doctype or an ``<html`` tag,
OPENING_CHARS = 50
#: and its first this many lines (within the first this many characters) for a self-closed root.
ROOT_LINES, ROOT_CHARS = 4, 4096
#: A page whose opening names no ``html`` must parse to at least this many children of the root
#: to count as a page (a lone ``<p>`` or a JSON string does not).
MIN_CHILDREN_WITHOUT_HTML_TAG = 2


def _repaired(html: str) -> str:
    """``html`` with what libxml2 misreads repaired, as trafilatura repairs it."""
    return _root_repaired(INVALID_XML_CHARS.sub("", html), opening=html[:OPENING_CHARS].lower())


def _root_repaired(html: str, *, opening: str) -> str:
    """``html`` with its doctype and root element repaired (``opening``: the page's opening, lower case)."""
    if "doctype" in opening:
        end = html.find("\n")
        first = html if end < 0 else html[:end]
        fixed = DOCTYPE_WITH_ADDRESS.sub("", first, count=1)
        if fixed != first or end < 0:  # trafilatura's repair ends a page of one line with a line break
            html = fixed + "\n" + html[end + 1:] if end >= 0 else fixed + "\n"
    for line in html[:ROOT_CHARS].splitlines()[:ROOT_LINES]:
        if "<html" in line and line.endswith("/>"):
            return SELF_CLOSED_HTML.sub(r"\1>", html, count=1)
    return html


#: :data:`INVALID_XML_CHARS`' control characters in UTF-8: single bytes (no other character's
#: encoding holds a byte under 0x80).
INVALID_CONTROL_BYTES = bytes(range(0x20)).translate(None, b"\t\n\r")
#: Its two non-characters, looked for in the page's string: a string whose characters all lie below
#: U+0100 (most pages in Latin script) is stored one byte a character, and Python answers at once
#: that no wider character is in it; in a wider string each is one character searched for.
INVALID_NONCHARACTERS = ("\ufffe", "\uffff")


def _source(html: str) -> str | bytes:
    """What libxml2 is handed to parse the page ``html``: the page :func:`_repaired`, in UTF-8 when it can be.

    Encoded once, a page is checked for the control characters XML forbids
    by deleting bytes (a table lookup per byte) and for its non-characters
    in the string (:data:`INVALID_NONCHARACTERS`), rather than by a pattern
    run over every character, and libxml2 reads UTF-8 as it is instead of
    converting the string's own buffer: the same tree (the parser is told
    the encoding), in about 0.2 ms less for a page of 150,000 characters.
    A page holding a forbidden character (rare) is repaired as a string,
    and one holding a lone surrogate, which has no UTF-8, is handed over as
    a string, as before.
    """
    try:
        data = html.encode("utf-8")
    except UnicodeEncodeError:
        return _repaired(html)
    if len(data.translate(None, INVALID_CONTROL_BYTES)) != len(data) or any(
            noncharacter in html for noncharacter in INVALID_NONCHARACTERS):
        return _repaired(html)
    repaired = _root_repaired(html, opening=html[:OPENING_CHARS].lower())
    return data if repaired == html else repaired.encode("utf-8")


def parse_commented(html: str) -> HtmlElement | None:
    """The page ``html`` parsed with its comments, or ``None`` when it is no HTML page.

    htmldate reads this tree first (it prunes a copy); then
    :func:`drop_comments` makes it the tree every other reader shares.
    """
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_pis=True)
    parser.set_element_class_lookup(element_classes())
    source = _source(html)
    tree = _parsed(source, parser)  # None for a Unicode string with an encoding declaration: libxml2 wants bytes
    if isinstance(source, str) and (tree is None or len(tree) < 1):
        tree = _parsed(source.encode("utf-8", "surrogatepass"), parser)
    if tree is None or ("html" not in html[:OPENING_CHARS].lower() and len(tree) < MIN_CHILDREN_WITHOUT_HTML_TAG):
        return None
    return tree


@functools.cache
def element_classes() -> ElementNamespaceClassLookup:
    """lxml.html's element classes (forms and their fields have their own), chosen by lxml in C.

    ``lxml.html.HTMLParser`` chooses them by calling Python for every
    element proxy any reader creates; this lookup gives the same class for
    the same node without leaving C. Built once, never changed after.
    """
    from lxml import etree
    from lxml import html as lxml_html

    lookup = etree.ElementNamespaceClassLookup(etree.ElementDefaultClassLookup(
        element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment, pi=lxml_html.HtmlProcessingInstruction,
        entity=lxml_html.HtmlEntity))
    classes = {"form": lxml_html.FormElement, "input": lxml_html.InputElement, "label": lxml_html.LabelElement,
               "select": lxml_html.SelectElement, "textarea": lxml_html.TextareaElement}
    # lxml.html reads the name lowercased: a tag renamed "Form" after parsing is a form too
    lookup.get_namespace(None).update({"".join(spelling): cls for name, cls in classes.items()
                                       for spelling in itertools.product(*((c, c.upper()) for c in name))})
    return lookup


def _parsed(source: str | bytes, parser: object) -> HtmlElement | None:
    from lxml import etree
    from lxml import html as lxml_html

    try:
        return lxml_html.fromstring(source, parser=parser)
    except (ValueError, etree.LxmlError):  # an encoding declaration in a string; nothing to parse
        return None


def drop_comments(tree: HtmlElement) -> HtmlElement:
    """``tree`` without its comments, changed in place: the tree trafilatura's ``load_html`` builds."""
    from lxml import etree

    etree.strip_elements(tree, etree.Comment, with_tail=False)
    return tree


def parse_page(html: str) -> HtmlElement | None:
    """The page ``html`` as trafilatura and the other extractors read it (no comments), or ``None``."""
    tree = parse_commented(html)
    return drop_comments(tree) if tree is not None else None
