"""Extract the main text and the page metadata from HTML with trafilatura.

Plain text passes through untouched. trafilatura is imported when the first
HTML page arrives, so a text-only run never pays for it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from typing import Any

from ..config import ExtractConfig, LimitsConfig
from ..document import Doc, PageMetadata
from ..errors import Reject
from ..jsonld import published_date
from ..records import ContentType, RejectReason, StageName
from ..rules.dates import url_date, writes_date

logger = logging.getLogger(__name__)


#: Elements whose text is no page text.
_INVISIBLE = ("script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas", "head")
#: Elements that start a new line of page text.
_BLOCKS = frozenset(
    ["address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"]
)


def visible_text(html: str) -> str:
    """The page's visible text, one block-level element per line (menus, footers and all)."""
    import lxml.html
    from lxml import etree

    tree = lxml.html.fromstring(html)
    etree.strip_elements(tree, *_INVISIBLE, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in tree.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


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


def _bare(html: str, url: str | None, config: ExtractConfig, reference_date: dt.date, *, recall: bool) -> Any:
    import trafilatura

    return trafilatura.bare_extraction(
        html, url=url, with_metadata=True, favor_precision=config.favor_precision and not recall,
        favor_recall=recall, include_comments=config.include_comments, include_tables=config.include_tables,
        deduplicate=False,
        date_extraction_params={"max_date": reference_date.isoformat(), "original_date": True,
                                "extensive_search": False},
    )


def _page(result: Any, *, from_page_text: bool = False) -> PageMetadata:
    return PageMetadata(
        title=result.title or None, author=result.author or None, date=result.date or None,
        sitename=result.sitename or None, description=result.description or None,
        language=result.language or None, url=result.url or None, from_page_text=from_page_text,
    )


def extract_html(html: str, *, url: str | None, config: ExtractConfig, reference_date: dt.date) -> tuple[str, PageMetadata]:
    """The main text of an HTML page (one block per line) and what its metadata says.

    trafilatura is asked for precision first, then for recall; when it finds
    no main text at all, the page's visible text is returned for the plain-text
    cleaner to judge (``PageMetadata.from_page_text``), so that a page with a
    body never ends up empty. Raises :class:`~newsclean.errors.Reject` when
    the page has no visible text either.
    """
    import trafilatura

    try:
        for recall in (False, True):
            result = _bare(html, url, config, reference_date, recall=recall)
            if result is not None and (result.text or "").strip():
                return result.text, _page(result)
        text = visible_text(html)
        metadata = trafilatura.extract_metadata(html, default_url=url, date_config={
            "max_date": reference_date.isoformat(), "original_date": True, "extensive_search": False})
    except Exception as exc:  # trafilatura and lxml raise many types on broken markup
        raise Reject(RejectReason.EXTRACT_ERROR, f"trafilatura failed: {type(exc).__name__}: {exc}") from exc
    if not text.strip():
        limit = parser_limit(html)
        if limit is not None:
            raise Reject(RejectReason.TOO_LARGE, f"the HTML parser stopped at a resource limit ({limit}) "
                                                 f"before any visible text: the page nests elements too deep")
        raise Reject(RejectReason.NO_BODY, "the HTML has no visible text")
    page = _page(metadata, from_page_text=True) if metadata is not None else PageMetadata(from_page_text=True)
    return text, page


def page_dates(html: str, *, url: str | None, reference_date: dt.date) -> tuple[str | None, str | None]:
    """The date htmldate reads from the page's metadata, and, only when there is none, the one it finds by
    searching the page's text.

    htmldate runs on the raw page, as its authors evaluate it; a searched date
    is a guess (a copyright year, a comment's date) and is trusted less than
    a stated one.
    """
    import htmldate

    options = {"url": url, "original_date": True, "max_date": reference_date.isoformat()}
    try:
        stated = htmldate.find_date(html, extensive_search=False, **options)
        return (stated, None) if stated else (None, htmldate.find_date(html, extensive_search=True, **options))
    except Exception:  # a date search is a bonus: a page it trips over keeps its other candidates
        logger.debug("htmldate failed on the page", exc_info=True)
        return None, None


def unwritten(date: str | None, html: str, url: str | None) -> bool:
    """Whether htmldate's ``date`` is written nowhere in the page or its address.

    htmldate fills in what a page leaves out: "2019-02" (or an impossible
    "2019-02-30") comes back as a whole date, its day taken from the first of
    the month or from today. A date the page really states is written in it.
    """
    if not date or (value := _iso_day(date)) is None:
        return False
    return not ((url and url_date(url) == value) or writes_date(html, value))


def _iso_day(date: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(date[:10])
    except ValueError:
        return None


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
        text, page = extract_html(doc.html, url=doc.raw.url, config=self.config,
                                  reference_date=self.reference_date)
        if (stated := published_date(doc.html)) is not None:
            page = dataclasses.replace(page, structured_date=stated[1])
        stated_date, searched = page_dates(doc.html, url=doc.raw.url, reference_date=self.reference_date)
        page = dataclasses.replace(page, date=stated_date, searched_date=searched, unwritten_dates=tuple(
            date for date in (stated_date, searched) if unwritten(date, doc.html, doc.raw.url)))
        if len(text) > self.limits.max_chars:
            raise Reject(RejectReason.TOO_LARGE, f"{len(text)} characters of extracted text exceed "
                                                 f"limits.max_chars={self.limits.max_chars}")
        return dataclasses.replace(doc, text=text, page=page, html=None)
