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

trafilatura's author search (``extract_author``) copies the whole tree and
asks it three XPaths whose regular expressions call Python for every element:
6 ms on each page without a meta author (half the dev pages), the dearest
field by far. It can only find an element whose tag or attributes name an
author (:func:`may_name_author`, a superset of what its XPaths match, asked
of the attribute values at once): on a page with none, its answer is known
to be none, and it is not asked.

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
    found.author = found.author or (pieces.extract_author(tree) if may_name_author(tree) else None)
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
