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
from ..html.agreement import agreed_text, pair_outputs, seconded, settled
from ..html.blocks import block_lines
from ..html.extractors import extract_all, extract_justext, extract_pair, trafilatura_text
from ..html.jsonld import published_date
from ..html.page_metadata import read_page_metadata
from ..html.parse import drop_comments, parse_commented, parse_page
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


def main_text(tree: HtmlElement, html: str, *, url: str | None, config: ExtractConfig,
              last_reader: bool = False) -> str | None:
    """The main text of the page ``html``, parsed as ``tree``, one block per line; ``None`` if none.

    ``config.extractor`` says who decides: the extractors' agreement
    (:func:`~newsclean.html.agreement.agreed_text`; jusText is asked only
    where trafilatura and resiliparse have not
    :func:`~newsclean.html.agreement.settled` the page, readability only
    where jusText has not :func:`~newsclean.html.agreement.seconded`
    trafilatura's output either), or trafilatura alone,
    asked for precision first. Either way trafilatura asked for recall is
    the last resort. The extractors work on copies of ``tree`` or leave it
    as it is, unless ``last_reader`` says the caller reads ``tree`` no
    more: the last of them (readability) then reads it in place, and the
    last resort, asked on a page whose vote is empty (a few in a thousand),
    reads the page parsed again (:func:`parse_page`: the same tree). The
    metadata is read apart, once, by
    :func:`~newsclean.html.page_metadata.read_page_metadata`. ``url`` only
    resolves links and images, which are not kept.
    """
    changed = False  # whether readability read ``tree`` in place
    if config.extractor == "agreement":
        found = extract_pair(tree, html, url=url, config=config)
        first_two = pair_outputs(found)  # read by both: their shingles are built once
        if not settled(found, first_two):
            found = extract_justext(tree, found)
            if not seconded(found, first_two[0]):
                found = extract_all(tree, html, url=url, config=config, pair=found, last_reader=last_reader,
                                    pair_words=(len(first_two[0].words), len(first_two[1].words)))
                changed = last_reader
        text = agreed_text(found, first_two)
    else:
        text = trafilatura_text(tree, url=url, config=config, precision=config.favor_precision)
    if not text.strip():
        whole = parse_page(html) if changed else tree
        text = trafilatura_text(whole, url=url, config=config, recall=True) if whole is not None else ""
    return text if text.strip() else None


def extract_html(html: str, *, url: str | None, config: ExtractConfig,
                 reference_date: dt.date) -> tuple[str, PageMetadata, PageDates]:
    """The main text of an HTML page (one block per line), what the page says about itself, and its dates.

    The page is parsed once (:mod:`~newsclean.html.parse`): htmldate reads
    the tree with the page's comments, then everything else reads it without
    them (trafilatura's metadata, the JSON-LD, the extractors), and the
    page's visible text is read from it last, when it is needed (on a page
    whose markup states a date, only when the extractors find no text: the
    extractors then read the tree last, and the visible text is read from
    the page parsed again). When the
    extractors find no main text at all, that visible text is returned for
    the plain-text cleaner to judge (``PageMetadata.from_page_text``), so
    that a page with a body never ends up empty. The dates are every source's
    evidence, for the dates stage to weigh; the visible lines that say when
    the page was published are read only from a page whose markup states no
    date (the dates stage weighs them below any date the markup states, and
    reading them costs about a millisecond a page). Raises
    :class:`~newsclean.errors.Reject` when the page has no visible text
    either.
    """
    try:
        tree = parse_commented(html)
        if tree is None:  # markup no extractor reads as a page (a fragment): its visible text alone
            page, text, visible = PageMetadata(), None, visible_text(html)
            dates = PageDates(publication_lines=publication_lines(visible))
        else:
            stated, searched = htmldate_dates(tree, url=url, reference_date=reference_date)
            drop_comments(tree)
            page = read_page_metadata(tree, url)
            structured = published_date(tree)
            undated = stated is None and structured is None
            # the extractors read the tree last on a dated page: the visible text is read only when they find none
            text = main_text(tree, html, url=url or page.url, config=config, last_reader=not undated)
            if text is None and not undated and (again := parse_page(html)) is not None:
                tree = again  # readability may have changed it
            visible = block_lines(tree) if text is None or undated else ""  # the tree's last reader: changes it
            dates = PageDates(metadata=_stated(stated, html), searched=_stated(searched, html),
                              structured=structured,
                              publication_lines=publication_lines(visible))
    except Exception as exc:  # trafilatura and lxml raise many types on broken markup
        raise Reject(RejectReason.EXTRACT_ERROR, f"extraction failed: {type(exc).__name__}: {exc}") from exc
    if text is not None:
        return text, page, dates
    if not visible.strip():
        limit = parser_limit(html)
        if limit is not None:
            raise Reject(RejectReason.TOO_LARGE, f"the HTML parser stopped at a resource limit ({limit}) "
                                                 f"before any visible text: the page nests elements too deep")
        raise Reject(RejectReason.NO_BODY, "the HTML has no visible text")
    return visible, dataclasses.replace(page, from_page_text=True), dates


def _stated(date: str | None, html: str) -> StatedDate | None:
    """htmldate's ISO ``date`` as a day, with whether the page ``html`` writes that day out."""
    value = iso_day(date) if date else None
    return StatedDate(value, date, written=writes_date(html, value)) if value is not None and date else None


#: A page's visible text is searched for at most this many lines saying when it was published.
PUBLICATION_LINES_KEPT = 5


def publication_lines(visible: str) -> tuple[str, ...]:
    """The lines of a page's ``visible`` text that hold a date and say it is the publication's
    ("Posted on …", "wurde am … gepostet"), first ones first; the dates stage judges them."""
    found = (line for line in visible.splitlines() if PUBLISHED_MARKER.search(line) and find_dates(line))
    return tuple(itertools.islice(found, PUBLICATION_LINES_KEPT))


def htmldate_dates(tree: HtmlElement, *, url: str | None, reference_date: dt.date) -> tuple[str | None, str | None]:
    """The date htmldate reads from the metadata of the page parsed as ``tree``, and, only when there is
    none, the one it finds by searching the page's text.

    htmldate reads the page with its comments, as its authors evaluate it
    (a blog engine writes a post's date in one); both searches share the
    tree, which htmldate leaves as it is (it prunes a copy). A searched date
    is a guess (a copyright year, a comment's date); the dates stage trusts
    it less than a stated one.
    """
    import htmldate

    options = {"url": url, "original_date": True, "max_date": reference_date.isoformat()}
    try:
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
