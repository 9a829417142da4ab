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
from ..text.language import LanguageIdentifier
from ..records import PageStatus, RejectReason, RemovalKind, StageName
from ..text.shape import word_count
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


#: A body of fewer words than this is no story (a brief, a stub, a teaser).
SHORT_BODY_WORDS = 50
#: Walls stand in front of short bodies; a long article that mentions cookies is an article.
WALL_MAX_BODY_WORDS = 150
PAYWALL = re.compile(r"\b(?:subscribe (?:now )?to (?:continue|keep) reading|(?:this|the) (?:article|story|content) is "
                     r"(?:only )?(?:for|available to) (?:subscribers|members)|already a (?:subscriber|member)\?|"
                     r"subscriber[- ]only|to continue reading|create a free account to (?:continue|read))",
                     re.IGNORECASE)
COOKIE_WALL = re.compile(r"\b(?:we (?:and our partners )?use cookies|accept (?:all )?cookies|cookie (?:settings|consent|"
                         r"preferences)|manage (?:your )?consent|your privacy choices)", re.IGNORECASE)


def page_status(doc: Doc) -> tuple[PageStatus, str | None]:
    """What the page looks like (article, wall, short, no clear body), with a warning when it is no article."""
    if doc.status is not None:
        return doc.status, None
    words = sum(word_count(p) for p in doc.paragraphs)
    everything = "\n".join([*doc.paragraphs, *(r.text for r in doc.removals)])
    if words < WALL_MAX_BODY_WORDS and PAYWALL.search(everything):
        return PageStatus.PAYWALL, f"paywall: only {words} words of the story are visible"
    if words < WALL_MAX_BODY_WORDS and COOKIE_WALL.search(everything):
        return PageStatus.COOKIE_WALL, f"cookie wall: only {words} words of text behind a consent prompt"
    if words < SHORT_BODY_WORDS:
        return PageStatus.SHORT, f"short body: {words} words"
    return PageStatus.ARTICLE, None


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
        status, warning = page_status(doc)
        return dataclasses.replace(
            doc, status=status, warnings=doc.warnings + ((warning,) if warning else ()),
            title=self._clean((page and page.title) or fields["title"]),
            subtitle=self._clean((page and page.description) or fields["subtitle"]),
            byline=self._clean((page and page.author) or byline),
            publisher=self._clean(page and page.sitename),
            language=language or (page.language if page else None),
        )
