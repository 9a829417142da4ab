"""Fill the article's fields: headline, dek, byline, publisher, language.

The noise stage has already set the header lines aside (as ``metadata``
removals); this stage reads them back, prefers what an HTML page's metadata
says, and identifies the body's language.
"""

from __future__ import annotations

import dataclasses
import re

from ..config import NormalizeConfig
from ..document import Doc, Removal
from ..errors import Reject
from ..language import LanguageIdentifier
from ..records import RejectReason, RemovalKind, StageName
from .normalize import normalize_text

_BYLINE_LEAD = re.compile(r"^(?:by|por|von|par|di|door)\s+", re.IGNORECASE)
#: Which metadata removal fills which field, best first.
FIELD_RULES = {
    "title": ("metadata.headline",),
    "subtitle": ("metadata.dek", "metadata.scraper_summary"),
    "byline": ("metadata.byline",),
}


def header_field(removals: tuple[Removal, ...], rules: tuple[str, ...]) -> str | None:
    """The text of the first metadata removal made by one of ``rules``."""
    for rule in rules:
        for removal in removals:
            if removal.kind is RemovalKind.METADATA and removal.rule == rule:
                return removal.text
    return None


class MetadataStage:
    """Sets title, subtitle, byline, publisher and language; a document without body is rejected."""

    name = StageName.METADATA

    def __init__(self, identifier: LanguageIdentifier, normalize: NormalizeConfig) -> None:
        self.identifier = identifier
        self.normalize = normalize

    def _clean(self, text: str | None) -> str | None:
        return (normalize_text(text, self.normalize) or None) if text else None

    def __call__(self, doc: Doc) -> Doc:
        if not doc.paragraphs:
            raise Reject(RejectReason.NO_BODY, f"all {len(doc.removals)} segments were removed as noise")
        page = doc.page
        fields = {name: header_field(doc.removals, rules) for name, rules in FIELD_RULES.items()}
        byline = fields["byline"] and _BYLINE_LEAD.sub("", fields["byline"])
        language = self.identifier.identify("\n".join(doc.paragraphs)).code
        return dataclasses.replace(
            doc,
            title=self._clean((page and page.title) or fields["title"]),
            subtitle=self._clean((page and page.description) or fields["subtitle"]),
            byline=self._clean((page and page.author) or byline),
            publisher=self._clean(page and page.sitename),
            language=language or (page.language if page else None),
        )
