"""Extract the main text and the page metadata from HTML.

Plain text passes through untouched. trafilatura is imported when the first
HTML page arrives, so a text-only run never pays for it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import logging
from typing import TYPE_CHECKING

from ..config import ExtractConfig, LimitsConfig
from ..document import Doc, PageDates, PageMetadata, StatedDate
from ..errors import Reject
from ..html.agreement import agreed_text
from ..html.blocks import block_lines
from ..html.extractors import extract_all, trafilatura_text
from ..html.jsonld import published_date
from ..html.page_metadata import parse_page, read_page_metadata
from ..records import ContentType, RejectReason, StageName
from ..rules.dates import PUBLISHED_MARKER, find_dates, iso_day, writes_date

if TYPE_CHECKING:
    from lxml.html import HtmlElement

logger = logging.getLogger(__name__)


def visible_text(html: str) -> str:
    """The page's visible text, one block-level element per line (menus, footers and all)."""
    import lxml.html

    return block_lines(lxml.html.fromstring(html))


def parser_limit(html: str) -> str | None:
    """The message of the resource limit libxml2 hit parsing ``html`` (e.g. nesting depth), or ``None``.

    The parser stops reading at its limits rather than using unbounded memory
    and time; what lies beyond is lost, and a rejection should say so.
    """
    import lxml.html

    parser = lxml.html.HTMLParser()
    lxml.html.fromstring(html, parser=parser)
    errors = [e.message for e in parser.error_log if e.type_name == "ERR_RESOURCE_LIMIT"]
    return errors[0] if errors else None


def main_text(tree: HtmlElement, html: str, *, url: str | None, config: ExtractConfig) -> str | None:
    """The main text of the page ``html``, parsed as ``tree``, one block per line; ``None`` if none.

    ``config.extractor`` says who decides: the extractors' agreement
    (:func:`~newsclean.html.agreement.agreed_text`), or trafilatura alone,
    asked for precision first. Either way trafilatura asked for recall is
    the last resort. The extractors work on copies of ``tree`` or leave it
    as it is; the metadata is read apart, once, by
    :func:`~newsclean.html.page_metadata.read_page_metadata`. ``url`` only
    resolves links and images, which are not kept.
    """
    if config.extractor == "agreement":
        text = agreed_text(extract_all(tree, html, url=url, config=config))
    else:
        text = trafilatura_text(tree, url=url, config=config, precision=config.favor_precision)
    if not text.strip():
        text = trafilatura_text(tree, url=url, config=config, recall=True)
    return text if text.strip() else None


def extract_html(html: str, *, url: str | None, config: ExtractConfig,
                 reference_date: dt.date) -> tuple[str, PageMetadata, PageDates]:
    """The main text of an HTML page (one block per line), what the page says about itself, and its dates.

    The page is parsed once, for trafilatura's text and metadata alike. When
    trafilatura finds no main text at all, the page's visible text is
    returned for the plain-text cleaner to judge
    (``PageMetadata.from_page_text``), so that a page with a body never ends
    up empty. The dates are every source's evidence (:func:`page_dates`),
    for the dates stage to weigh. Raises :class:`~newsclean.errors.Reject`
    when the page has no visible text either.
    """
    try:
        tree = parse_page(html)
        page = read_page_metadata(tree, url) if tree is not None else PageMetadata()
        text = main_text(tree, html, url=url or page.url, config=config) if tree is not None else None
        if text is not None:
            return text, page, page_dates(html, url=url, reference_date=reference_date)
        text = visible_text(html)
    except Exception as exc:  # trafilatura and lxml raise many types on broken markup
        raise Reject(RejectReason.EXTRACT_ERROR, f"extraction failed: {type(exc).__name__}: {exc}") from exc
    if not text.strip():
        limit = parser_limit(html)
        if limit is not None:
            raise Reject(RejectReason.TOO_LARGE, f"the HTML parser stopped at a resource limit ({limit}) "
                                                 f"before any visible text: the page nests elements too deep")
        raise Reject(RejectReason.NO_BODY, "the HTML has no visible text")
    return (text, dataclasses.replace(page, from_page_text=True),
            page_dates(html, url=url, reference_date=reference_date, visible=text))


def page_dates(html: str, *, url: str | None, reference_date: dt.date, visible: str | None = None) -> PageDates:
    """What the page ``html`` says about its dates: htmldate's stated or searched date, JSON-LD's
    ``datePublished`` and the visible lines that say when it was published.

    ``visible`` is the page's visible text when it was read already.
    """
    structured = published_date(html)
    stated, searched = htmldate_dates(html, url=url, reference_date=reference_date)
    metadata, searched = _stated(stated, html), _stated(searched, html)
    marked = publication_lines(html, visible) if metadata is None and structured is None else ()
    return PageDates(metadata=metadata, searched=searched,
                     structured=StatedDate(*structured) if structured else None,  # written by definition
                     publication_lines=marked)


def _stated(date: str | None, html: str) -> StatedDate | None:
    """htmldate's ISO ``date`` as a day, with whether the page ``html`` writes that day out."""
    value = iso_day(date) if date else None
    return StatedDate(value, date, written=writes_date(html, value)) if value is not None and date else None


#: A page's visible text is searched for at most this many lines saying when it was published.
PUBLICATION_LINES_KEPT = 5


def publication_lines(html: str, visible: str | None = None) -> tuple[str, ...]:
    """The lines of the visible page (``visible``, when read already) that hold a date and say it is the
    publication's ("Posted on …", "wurde am … gepostet"), first ones first; the dates stage judges them."""
    try:
        text = visible if visible is not None else visible_text(html)
    except ValueError:  # nothing lxml can read as a page
        return ()
    found = (line for line in text.splitlines() if PUBLISHED_MARKER.search(line) and find_dates(line))
    return tuple(itertools.islice(found, PUBLICATION_LINES_KEPT))


def htmldate_dates(html: str, *, url: str | None, reference_date: dt.date) -> tuple[str | None, str | None]:
    """The date htmldate reads from the page's metadata, and, only when there is none, the one it finds by
    searching the page's text.

    htmldate runs on the raw page, as its authors evaluate it (comments
    included: its own parse, not trafilatura's); both searches share that one
    parse. A searched date is a guess (a copyright year, a comment's date);
    the dates stage trusts it less than a stated one.
    """
    import htmldate
    from htmldate.utils import load_html

    if html.startswith("http") and " " not in html:
        # htmldate's load_html downloads such a string as an address: a page never makes newsclean fetch
        return None, None
    options = {"url": url, "original_date": True, "max_date": reference_date.isoformat()}
    try:
        tree = load_html(html)
        if tree is None:
            return None, None
        # given a tree, htmldate prunes a copy of it, so the second search sees the page intact
        stated = htmldate.find_date(tree, extensive_search=False, **options)
        return (stated, None) if stated else (None, htmldate.find_date(tree, extensive_search=True, **options))
    except Exception:  # a date search is a bonus: a page it trips over keeps its other candidates
        logger.debug("htmldate failed on the page", exc_info=True)
        return None, None


class ExtractStage:
    """Turns an HTML document into text plus page metadata; plain text passes through."""

    name = StageName.EXTRACT

    def __init__(self, config: ExtractConfig, limits: LimitsConfig, reference_date: dt.date) -> None:
        self.config = config
        self.limits = limits
        self.reference_date = reference_date

    def __call__(self, doc: Doc) -> Doc:
        if doc.content_type is not ContentType.HTML or doc.html is None:
            return doc
        text, page, dates = extract_html(doc.html, url=doc.raw.url, config=self.config,
                                         reference_date=self.reference_date)
        if len(text) > self.limits.max_chars:
            raise Reject(RejectReason.TOO_LARGE, f"{len(text)} characters of extracted text exceed "
                                                 f"limits.max_chars={self.limits.max_chars}")
        return dataclasses.replace(doc, text=text, page=page, page_dates=dates, html=None)
