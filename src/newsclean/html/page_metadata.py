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
(:func:`author_candidates`, a superset of what its XPaths match, found from
the attribute values read at once): on a page with none, its answer is known
to be none, and it is not asked. Elsewhere :func:`author_search` takes
trafilatura's steps (``prune_unwanted_nodes``, ``extract_metainfo``,
``normalize_authors``) on the candidates alone: each XPath's test is
written out on a candidate's tag and attributes, its regular expressions the
very patterns EXSLT's ``re:test`` hands Python's ``re``; a candidate the
pruning takes away (it or an ancestor) is dropped, and the text of one it
keeps is read from a copy of the candidate, pruned as trafilatura prunes
its copy of the whole page. No copy of the page is made, and no pass over
every element in Python (about 5 ms on a page asked, 2 ms saved a page on
the dev pages). ``tests/test_page_metadata.py`` pins trafilatura's XPaths as
written, checks the candidates' selection and texts equal what they select
in trafilatura's pruned copy, and the author equal trafilatura's.

trafilatura is imported when the first page arrives, not with this module.
"""

from __future__ import annotations

import bisect
import functools
import itertools
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
    found.author = found.author or author_search(tree)
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
#: The attribute values are searched joined by this, which no piece holds: no match spans two values.
_VALUE_SEPARATOR = "\n"


def author_candidates(tree: HtmlElement) -> list[HtmlElement]:
    """The elements of ``tree`` trafilatura's author XPaths could select, in document order: an ``author``
    element, one with a ``rel`` child (its first XPath reads one's text), and one with an attribute it reads
    holding one of :data:`AUTHOR_ATTRIBUTE_PIECES`.

    Its XPaths test only an element's tag and those attributes (and a
    ``rel`` child), and pruning its copy of the tree takes elements away
    without changing any attribute: an element not found here is selected
    by none of them. The attribute values are read in one XPath, in
    document order (an element's own values stand together), and searched
    as one text; a match is mapped back to its value, and the value to
    the element holding it.
    """
    values, others = _author_queries()
    found = values(tree)
    joined = _VALUE_SEPARATOR.join(found)
    ends = list(itertools.accumulate(len(value) + len(_VALUE_SEPARATOR) for value in found))  # past each separator
    candidates: list[HtmlElement] = []
    for match in _AUTHOR_PIECE.finditer(joined):
        element = found[bisect.bisect_right(ends, match.start())].getparent()
        if not candidates or candidates[-1] is not element:
            candidates.append(element)
    rare = others(tree)
    if rare:  # an author element or a rel child (few pages): merged in document order
        order = {element: i for i, element in enumerate(tree.iter())}
        candidates = sorted({*candidates, *rare}, key=order.__getitem__)
    return candidates


@functools.cache
def _author_queries() -> tuple[Callable[[HtmlElement], list], Callable[[HtmlElement], list]]:
    """The attribute values trafilatura's author XPaths read (each knowing its element), and the author
    elements and elements with a ``rel`` child."""
    from lxml import etree

    values = etree.XPath("//@class | //@id | //@rel | //@itemprop | //@data-testid | //@data-component")
    return values, etree.XPath("//author | //*[rel]")


#: trafilatura's limit on an author's length (characters), as its ``extract_author`` passes it.
AUTHOR_MAX_CHARS = 120


def author_search(tree: HtmlElement) -> str | None:
    """trafilatura's ``extract_author`` of ``tree`` (left as it is), without copying the whole tree.

    trafilatura copies the tree, prunes the copy (comment sections,
    sidebars, quotes and the like, then every ``time`` and ``figure``) and
    takes the first element its author XPaths select in the pruned copy
    whose text is of a name's length (``extract_metainfo``). Here its
    XPaths are :func:`author_queries`, which read the elements they select
    from copies of those elements alone.
    """
    from trafilatura import metadata as pieces

    queries = author_queries(tree)
    if queries is None:
        return None
    author = pieces.extract_metainfo(tree, queries, len_limit=AUTHOR_MAX_CHARS)
    return pieces.normalize_authors(None, author) if author else author


def author_queries(tree: HtmlElement) -> list[Callable[[HtmlElement], list[HtmlElement]]] | None:
    """trafilatura's three author XPaths as queries that each give, in document order, the elements the
    XPath selects in trafilatura's pruned copy of ``tree`` (as copies of those elements, pruned alone);
    ``None`` when ``tree`` has no :func:`author_candidates`.

    The elements the XPaths could select are :func:`author_candidates`,
    judged by :func:`_author_xpaths`; one the pruning takes away
    (:func:`_pruned_away`) is dropped. The pruning changes an element's
    text only by what it takes away inside it (a removed element's tail
    joins what precedes it, within the same parent): a copy of the element
    alone, pruned as trafilatura prunes the whole (:func:`_pruned_copy`),
    holds the same text. A copy is made when a query first asks for it,
    and once: ``extract_metainfo`` asks the queries in turn until one
    gives an element with a name's text, which is usually the first.
    """
    candidates = author_candidates(tree)
    if not candidates:
        return None
    selected: tuple[list, list, list] = ([], [], [])  # per author XPath: (element, whether only rel='me' can match)
    for element in candidates:
        matched = _author_xpaths(element)
        if matched != _SELECTED_BY_NONE and not _pruned_away(element, tree):
            for xpath, by_rel in enumerate(matched):
                if by_rel is not None:
                    selected[xpath].append((element, by_rel))
    copies: dict[HtmlElement, HtmlElement] = {}

    def pruned(element: HtmlElement) -> HtmlElement:
        if element not in copies:
            copies[element] = _pruned_copy(element)
        return copies[element]

    def query(found: list[tuple[HtmlElement, bool]]) -> Callable[[HtmlElement], list[HtmlElement]]:
        # the first XPath's rel='me' reads the rel child's text as the pruning leaves it
        return lambda _tree: [pruned(element) for element, by_rel in found if not by_rel or _me(pruned(element))]

    return [query(found) for found in selected]


#: The tags each of trafilatura's author XPaths (trafilatura.xpaths) restricts its test to: the
#: discarded sections (``AUTHOR_DISCARD_XPATHS[0]``) and the first two author XPaths (the third tests any).
DISCARD_TAGS = frozenset({"a", "div", "section", "span"})
FIRST_AUTHOR_TAGS = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
SECOND_AUTHOR_TAGS = frozenset({"a", "div", "h3", "h4", "p", "span"})
#: What trafilatura's second discard XPath (``//time|//figure``) takes away, after the first's sections.
TIME_OR_FIGURE = frozenset({"time", "figure"})
#: Their ``re:test`` patterns, tested as EXSLT's ``re:test`` tests them (Python's ``re.search``).
_DISCARD_ID = re.compile("^comments|comment-?list|ProductReviews")
_DISCARD_CLASS = re.compile("^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|"
                            "article-(?:share|support)|print|category|meta-date|meta-reviewer")
_FIRST_CLASS = re.compile("author-?name|AuthorName|authorName")
_SECOND_ID = re.compile("author|zuozhe|bianji|xiaobian")
_SECOND_CLASS = re.compile("author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name")
_THIRD_ID = re.compile("[Aa]uthor")
_THIRD_CLASS = re.compile("[Aa]uthor|screenname|writer|[Bb]yline")


#: What :func:`_author_xpaths` answers for an element none of the XPaths selects.
_SELECTED_BY_NONE = (None, None, None)


def _author_xpaths(element: HtmlElement) -> tuple[bool | None, bool | None, bool | None]:
    """Which of trafilatura's three author XPaths select ``element`` by its tag and attributes: for each,
    ``None`` when it does not, else whether only its ``rel='me'`` test (a ``rel`` child's text) can.

    Each test is the XPath's written out on the element's tag and the
    attributes it reads (a missing one is "", as XPath reads it; no
    pattern matches "", so an attribute the element lacks is not searched).
    """
    tag = element.tag
    get = element.get
    ident, cls = get("id") or "", get("class") or ""
    itemprop, component = get("itemprop") or "", get("data-component") or ""
    first = second = third = None
    if tag == "author" or (tag in FIRST_AUTHOR_TAGS and (
            get("rel") == "author" or ident == "author" or cls == "author" or itemprop == "author name"
            or get("data-testid") in ("AuthorCard", "AuthorURL") or (cls and _FIRST_CLASS.search(cls)))):
        first = False
    elif tag in FIRST_AUTHOR_TAGS and any(child.tag == "rel" for child in element):
        first = True
    if tag in SECOND_AUTHOR_TAGS and (
            cls in ("byline", "username", "byl", "BBL") or "author" in itemprop
            or (ident and _SECOND_ID.search(ident)) or (cls and _SECOND_CLASS.search(cls))):
        second = False
    if ("Byline" in component or "author" in itemprop or (ident and _THIRD_ID.search(ident))
            or (cls and _THIRD_CLASS.search(cls))):
        third = False
    return first, second, third


def _discarded(element: HtmlElement) -> bool:
    """Whether trafilatura's first discard XPath selects ``element`` (a descendant of the tree's root)."""
    if element.tag not in DISCARD_TAGS:
        return False
    get = element.get
    ident, cls = get("id") or "", get("class") or ""
    return (ident == "comments" or cls in ("comments", "title", "date") or bool(ident and _DISCARD_ID.search(ident))
            or bool(cls and _DISCARD_CLASS.search(cls)) or "Figure" in (get("data-component") or ""))


def _pruned_away(element: HtmlElement, root: HtmlElement) -> bool:
    """Whether trafilatura's pruning of ``root`` takes ``element`` away: it or an ancestor is a discarded
    section (the root excepted: the XPath asks for descendants) or a ``time`` or ``figure``."""
    for node in itertools.chain((element,), element.iterancestors()):
        if node.tag in TIME_OR_FIGURE or (node is not root and _discarded(node)):
            return True
    return False


def _pruned_copy(element: HtmlElement) -> HtmlElement:
    """A copy of ``element`` (which the pruning keeps) with what trafilatura's pruning takes away inside it
    taken away as trafilatura takes it: the discarded sections, then the ``time`` and ``figure`` elements
    left, in document order, each one's tail joined to what precedes it."""
    import copy

    from lxml import etree
    from trafilatura import metadata as pieces

    subtree = copy.deepcopy(element)
    sections = [node for node in itertools.islice(subtree.iter(etree.Element), 1, None) if _discarded(node)]
    return pieces.prune_unwanted_nodes(subtree, [lambda _tree: sections, _time_or_figure()])


@functools.cache
def _time_or_figure() -> Callable[[HtmlElement], list[HtmlElement]]:
    """trafilatura's second discard XPath (no regular expression in it), compiled once."""
    from lxml import etree

    return etree.XPath("|".join(f"//{tag}" for tag in sorted(TIME_OR_FIGURE, reverse=True)))  # "//time|//figure"


def _me(element: HtmlElement) -> bool:
    """XPath's ``rel='me'`` asked of ``element``: a ``rel`` child whose text is "me"."""
    return any(child.tag == "rel" and child.xpath("string()") == "me" for child in element)
