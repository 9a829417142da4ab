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
from ..records import ContentType, RejectReason, StageName

logger = logging.getLogger(__name__)


def extract_html(html: str, *, url: str | None, config: ExtractConfig, reference_date: dt.date) -> tuple[str, PageMetadata]:
    """The main text of an HTML page (one block per line) and what its metadata says.

    Raises :class:`~newsclean.errors.Reject` when trafilatura finds no main text.
    """
    import trafilatura

    try:
        result: Any = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, favor_precision=config.favor_precision,
            include_comments=config.include_comments, include_tables=config.include_tables,
            deduplicate=False,
            date_extraction_params={"max_date": reference_date.isoformat(), "original_date": True,
                                    "extensive_search": True},
        )
    except Exception as exc:  # trafilatura and lxml raise many types on broken markup
        raise Reject(RejectReason.EXTRACT_ERROR, f"trafilatura failed: {type(exc).__name__}: {exc}") from exc
    if result is None or not (result.text or "").strip():
        raise Reject(RejectReason.NO_BODY, "trafilatura found no main text in the HTML")
    page = PageMetadata(
        title=result.title or None, author=result.author or None, date=result.date or None,
        sitename=result.sitename or None, description=result.description or None,
        language=result.language or None, url=result.url or None,
    )
    return result.text, page


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
        if len(text) > self.limits.max_chars:
            raise Reject(RejectReason.TOO_LARGE, f"{len(text)} characters of extracted text exceed "
                                                 f"limits.max_chars={self.limits.max_chars}")
        return dataclasses.replace(doc, text=text, page=page, html=None)
