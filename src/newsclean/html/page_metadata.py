"""What a page's markup says about itself: title, author, publisher, description and address.

These are the fields of trafilatura's ``extract_metadata`` that newsclean
keeps, read by the same trafilatura functions in the same order, without the
work whose results newsclean never uses: the date (the extract stage asks
htmldate itself, with its own settings), categories, tags and licence. On
the 90 dev pages the public ``extract_metadata`` costs 4.1 ms a page, these
functions 2.2 and htmldate's date 0.3: the saving is worth the fence. The
functions are outside ``trafilatura.metadata.__all__``, so pyproject.toml
pins trafilatura's range, and ``tests/test_page_metadata.py`` checks their
signatures and that every kept field equals trafilatura's own on real
pages, so a release that renames them or changes its recipe shows up there.

trafilatura's author search (``extract_author``) copies the whole tree,
prunes the copy by two XPaths and asks it three more: 5.5 ms on each page
without a meta author (half the dev pages), the dearest field by far, nearly
all of it libxml2 evaluating the XPaths' many attribute tests on every
element. It can only find an element whose tag or attributes name an author
(:func:`may_name_author`, a superset of what its XPaths match, asked of the
attribute values at once): on a page with none, its answer is known to be
none, and it is not asked. Elsewhere :func:`author_search` takes
trafilatura's steps (the copy, ``prune_unwanted_nodes``, ``extract_metainfo``,
``normalize_authors``) with the elements its XPaths select found in one
pass over the copy (:class:`_AuthorMatches`), each XPath's test written out
on the element's tag and attributes, its regular expressions the very
patterns EXSLT's ``re:test`` hands Python's ``re``. ``tests/test_page_metadata.py``
pins trafilatura's XPaths as written and checks the pass selects what they
select.

trafilatura is imported when the first page arrives, not with this module.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..document import PageMetadata

if TYPE_CHECKING:
    from lxml.html import HtmlElement

logger = logging.getLogger(__name__)


def read_page_metadata(tree: HtmlElement, url: str | None) -> PageMetadata:
    """Title, author, site name, description and canonical address that ``tree``'s markup states.

    Meta tags first, then JSON-LD, then the page's headings and bylines, as
    trafilatura's ``extract_metadata`` does; ``url`` is the address to fall
    back on when the page names no canonical one. Leaves ``tree`` unchanged.
    """
    from trafilatura import metadata as pieces

    found = pieces.examine_meta(tree)
    if found.author and " " not in found.author:  # a single word is a handle, not a name
        found.author = None
    try:
        found = pieces.extract_meta_json(tree, found)
    except Exception:  # trafilatura's JSON-LD reader trips over odd markup; the meta tags still count
        logger.debug("trafilatura could not read the page's JSON-LD", exc_info=True)
    found.title = found.title or pieces.extract_title(tree)
    found.author = found.author or (author_search(tree) if may_name_author(tree) else None)
    found.url = found.url or pieces.extract_url(tree, url)
    found.sitename = _sitename(found.sitename or pieces.extract_sitename(tree), found.url)
    found.clean_and_trim()
    return PageMetadata(title=found.title or None, author=found.author or None, sitename=found.sitename or None,
                        description=found.description or None, url=found.url or None)


def _sitename(stated: str | None, url: str | None) -> str | None:
    """The site's name as trafilatura settles it: a Twitter handle unprefixed and capitalized, else the host."""
    from trafilatura.metadata import META_URL

    if stated:
        name = stated.lstrip("@")
        return name.title() if name and "." not in name and not name[0].isupper() else name
    host = META_URL.match(url) if url else None
    return host[1] if host else stated


#: What trafilatura's author XPaths test an element's attributes for (``trafilatura.xpaths.AUTHOR_XPATHS``:
#: equal to, containing, or matching a pattern of, case as written), each as a piece its matches contain:
#: "uthor" covers "author", "Author", "authorName", "AuthorCard"; "yline" "byline" and "Byline".
AUTHOR_ATTRIBUTE_PIECES = ("uthor", "yline", "byl", "BBL", "username", "screenname", "writer", "channel-name",
                           "submitted-by", "posted-by", "journalist-name", "zuozhe", "bianji", "xiaobian")
_AUTHOR_PIECE = re.compile("|".join(map(re.escape, AUTHOR_ATTRIBUTE_PIECES)))


def may_name_author(tree: HtmlElement) -> bool:
    """Whether trafilatura's author search could find anything in ``tree``: an ``author`` element, a
    ``rel`` element (its first XPath reads one's text), or an attribute it reads holding one of
    :data:`AUTHOR_ATTRIBUTE_PIECES`.

    Its XPaths test only an element's tag and those attributes (and a
    ``rel`` child), and pruning its copy of the tree takes elements away
    without changing any attribute: where this is false, none of them
    matches, and trafilatura finds no author. The attribute values are read
    in one XPath and searched as one text (no piece holds a line break).
    """
    values, elements = _author_queries()
    return bool(elements(tree)) or _AUTHOR_PIECE.search("\n".join(values(tree))) is not None


@functools.cache
def _author_queries() -> tuple[Callable[[HtmlElement], list[str]], Callable[[HtmlElement], object]]:
    """The attribute values trafilatura's author XPaths read, and whether an author or rel element exists."""
    from lxml import etree

    values = etree.XPath("//@class | //@id | //@rel | //@itemprop | //@data-testid | //@data-component",
                         smart_strings=False)
    return values, etree.XPath("boolean(//author | //rel)")


#: trafilatura's limit on an author's length (characters), as its ``extract_author`` passes it.
AUTHOR_MAX_CHARS = 120


def author_search(tree: HtmlElement) -> str | None:
    """trafilatura's ``extract_author`` of ``tree`` (left as it is): its steps, with what its XPaths
    select found by :class:`_AuthorMatches`."""
    import copy

    from trafilatura import metadata as pieces

    subtree = copy.deepcopy(tree)
    matches = _AuthorMatches(subtree)
    pieces.prune_unwanted_nodes(subtree, [matches.discarded, matches.time_or_figure])
    author = pieces.extract_metainfo(subtree, matches.authors(), len_limit=AUTHOR_MAX_CHARS)
    return pieces.normalize_authors(None, author) if author else author


#: The tags each of trafilatura's author XPaths (trafilatura.xpaths) restricts its test to: the
#: discarded sections (``AUTHOR_DISCARD_XPATHS[0]``) and the first two author XPaths (the third tests any).
DISCARD_TAGS = frozenset({"a", "div", "section", "span"})
FIRST_AUTHOR_TAGS = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
SECOND_AUTHOR_TAGS = frozenset({"a", "div", "h3", "h4", "p", "span"})
#: Their ``re:test`` patterns, tested as EXSLT's ``re:test`` tests them (Python's ``re.search``).
_DISCARD_ID = re.compile("^comments|comment-?list|ProductReviews")
_DISCARD_CLASS = re.compile("^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|"
                            "article-(?:share|support)|print|category|meta-date|meta-reviewer")
_FIRST_CLASS = re.compile("author-?name|AuthorName|authorName")
_SECOND_ID = re.compile("author|zuozhe|bianji|xiaobian")
_SECOND_CLASS = re.compile("author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name")
_THIRD_ID = re.compile("[Aa]uthor")
_THIRD_CLASS = re.compile("[Aa]uthor|screenname|writer|[Bb]yline")


class _AuthorMatches:
    """What trafilatura's author XPaths select in a copy of a page, found in one pass over it.

    The pass reads each element's tag and the attributes the XPaths test
    (a missing one is "", as XPath reads it). The discarded sections are
    those of the copy as it is; the author elements are asked for after
    the pruning, as trafilatura asks: those the pass found, in document
    order, less those the pruning took away (with an ancestor), and the
    first XPath's test of a ``rel`` child's text (``rel='me'``) is made
    then, on what the pruning left of it.
    """

    __slots__ = ("_found", "deleted", "discarded_elements")

    def __init__(self, root: HtmlElement) -> None:
        from lxml import etree

        self.discarded_elements: list[HtmlElement] = []
        self.deleted: list[HtmlElement] = []
        found: tuple[list, list, list] = ([], [], [])  # per author XPath: (element, whether only rel='me' can match)
        with_rel = {rel.getparent() for rel in root.iter("rel")}
        for element in root.iter(etree.Element):
            tag = element.tag
            get = element.get
            ident, cls = get("id") or "", get("class") or ""
            itemprop, component = get("itemprop") or "", get("data-component") or ""
            # no pattern matches "": an attribute the element lacks is not searched
            if tag == "author" or (tag in FIRST_AUTHOR_TAGS and (
                    get("rel") == "author" or ident == "author" or cls == "author" or itemprop == "author name"
                    or get("data-testid") in ("AuthorCard", "AuthorURL") or (cls and _FIRST_CLASS.search(cls)))):
                found[0].append((element, False))
            elif tag in FIRST_AUTHOR_TAGS and element in with_rel:
                found[0].append((element, True))
            if not (ident or cls or itemprop or component):
                continue  # the other XPaths test only these
            if tag in DISCARD_TAGS and element is not root and (
                    ident == "comments" or cls in ("comments", "title", "date") or (ident and _DISCARD_ID.search(ident))
                    or (cls and _DISCARD_CLASS.search(cls)) or "Figure" in component):
                self.discarded_elements.append(element)
            if tag in SECOND_AUTHOR_TAGS and (
                    cls in ("byline", "username", "byl", "BBL") or "author" in itemprop
                    or (ident and _SECOND_ID.search(ident)) or (cls and _SECOND_CLASS.search(cls))):
                found[1].append((element, False))
            if ("Byline" in component or "author" in itemprop or (ident and _THIRD_ID.search(ident))
                    or (cls and _THIRD_CLASS.search(cls))):
                found[2].append((element, False))
        self._found = found

    def discarded(self, tree: HtmlElement) -> list[HtmlElement]:
        """The first discard XPath's selection (asked first, of the copy as it is)."""
        self.deleted += self.discarded_elements
        return self.discarded_elements

    def time_or_figure(self, tree: HtmlElement) -> list[HtmlElement]:
        """The second discard XPath's selection, asked after the first's elements are gone."""
        found = _time_or_figure()(tree)
        self.deleted += found
        return found

    def authors(self) -> list[Callable[[HtmlElement], list[HtmlElement]]]:
        """Each author XPath's selection in the pruned copy, as a query of it (what ``extract_metainfo`` asks)."""
        gone = set(self.deleted)
        kept = [[element for element, by_rel in found if self._kept(element, gone) and (not by_rel or _me(element))]
                for found in self._found]
        return [lambda tree, elements=elements: elements for elements in kept]

    def _kept(self, element: HtmlElement, gone: set[HtmlElement]) -> bool:
        """Whether the pruning left ``element`` in the copy (neither it nor an ancestor taken away)."""
        return element not in gone and not any(ancestor in gone for ancestor in element.iterancestors())


@functools.cache
def _time_or_figure() -> Callable[[HtmlElement], list[HtmlElement]]:
    """trafilatura's second discard XPath (no regular expression in it), compiled once."""
    from lxml import etree

    return etree.XPath("//time|//figure")


def _me(element: HtmlElement) -> bool:
    """XPath's ``rel='me'`` asked of ``element``: a ``rel`` child whose text is "me"."""
    return any(child.tag == "rel" and child.xpath("string()") == "me" for child in element)
