"""Fill the article's fields: headline, dek, byline, publisher, language, quality and status.

The noise stage has already set the header lines aside (as ``metadata``
removals, and where they stand as the Doc's ``header``); this stage reads them back, prefers what an HTML page's metadata
says, and identifies the body's language. A subtitle or byline that is no
dek or author line (a description holding the whole story) is dropped with a
warning. The body's quality signals are measured here, once its language is
known, and decide its status with the walls and teasers
(:mod:`newsclean.rules.status`).
"""

from __future__ import annotations

import dataclasses
import re

from ..config import NormalizeConfig
from ..document import Doc, Header
from ..errors import Reject
from ..records import RejectReason, StageName
from ..rules.rule import HeaderPart
from ..rules.status import byline_problem, dek_problem, page_status
from ..text.language import LanguageIdentifier, StopWords
from ..text.quality import quality_signals
from ..text.repair import normalize_text

_BYLINE_LEAD = re.compile(r"^(?:by|por|von|par|di|door)\s+", re.IGNORECASE)
#: Which parts of the header fill which field, best first.
FIELD_PARTS = {
    "title": (HeaderPart.TITLE,),
    "subtitle": (HeaderPart.DEK, HeaderPart.SCRAPER_SUMMARY),
    "byline": (HeaderPart.BYLINE,),
}


def header_field(header: Header, parts: tuple[HeaderPart, ...]) -> str | None:
    """The text of the header's first line that is one of ``parts``, the first part first."""
    return next((line.text for part in parts if (line := header.first(part)) is not None), None)


class MetadataStage:
    """Sets title, subtitle, byline, publisher and language; a document without body is rejected."""

    name = StageName.METADATA

    def __init__(self, identifier: LanguageIdentifier, normalize: NormalizeConfig,
                 stopwords: StopWords | None = None) -> None:
        self.identifier = identifier
        self.normalize = normalize
        self.stopwords = stopwords or StopWords()

    def _clean(self, text: str | None) -> str | None:
        return (normalize_text(text, self.normalize) or None) if text else None

    def __call__(self, doc: Doc) -> Doc:
        if not doc.paragraphs:
            raise Reject(RejectReason.NO_BODY, f"all {len(doc.removals)} segments were removed as noise")
        page = doc.page
        paragraphs = doc.paragraphs
        fields = {name: header_field(doc.header, parts) for name, parts in FIELD_PARTS.items()}
        byline = fields["byline"] and _BYLINE_LEAD.sub("", fields["byline"])
        language = self.identifier.identify("\n".join(paragraphs)).code
        signals = quality_signals(paragraphs, self.stopwords.own_list(language))
        warnings = list(doc.warnings)
        subtitle = self._clean((page and page.description) or fields["subtitle"])
        if subtitle and (problem := dek_problem(subtitle, paragraphs)):
            warnings.append(f"subtitle dropped: {problem}")
            subtitle = None
        byline = self._clean((page and page.author) or byline)
        if byline and (problem := byline_problem(byline)):
            warnings.append(f"byline dropped: {problem}")
            byline = None
        status, warning = (doc.status, None) if doc.status is not None else page_status(
            paragraphs, [r.text for r in doc.removals], signals, following=_removed_after(doc))
        return dataclasses.replace(
            doc, status=status, quality=signals, warnings=(*warnings, *((warning,) if warning else ())),
            title=self._clean((page and page.title) or fields["title"]), subtitle=subtitle, byline=byline,
            publisher=self._clean(page and page.sitename),
            language=language or (page.language if page else None),
        )


def _removed_after(doc: Doc) -> str | None:
    """The text of the first piece removed after the body's last paragraph, if any."""
    end = doc.segments[-1].end
    after = [r for r in doc.removals if r.start >= end]
    return min(after, key=lambda r: r.start).text if after else None
