"""Turn the finished document into an :class:`~newsclean.records.Article`, or reject it with the field errors."""

from __future__ import annotations

import dataclasses
import hashlib

from pydantic import ValidationError

from .._version import __version__
from ..document import Doc
from ..errors import Reject
from ..text.mentions import date_mentions
from ..records import (Article, ContentType, DateEvidence, DateMention, DateSource, PageStatus, RejectReason, Removal,
                       Span, StageName)
from ..text.shape import word_count

PARAGRAPH_SEPARATOR = "\n\n"
#: The evidence of a date candidate is cut to this many characters (a URL, a dateline).
DATE_TEXT_MAX_CHARS = 300


def build_article(doc: Doc) -> Article:
    """The public record of a finished document (raises pydantic's ValidationError when a field is bad)."""
    text = PARAGRAPH_SEPARATOR.join(doc.paragraphs)
    published = doc.published
    return Article(
        doc_id=doc.doc_id, source=doc.raw.source, source_index=doc.raw.index, source_id=doc.raw.source_id,
        url=doc.raw.url or (doc.page.url if doc.page else None),
        content_type=doc.content_type or ContentType.TEXT, status=doc.status or PageStatus.ARTICLE,
        title=doc.title, subtitle=doc.subtitle, byline=doc.byline, publisher=doc.publisher,
        published=published.value if published else None,
        published_source=published.source if published else DateSource.NONE,
        published_confidence=round(published.confidence, 4) if published else None,
        updated=doc.updated.value if doc.updated else None,
        date_mentions=[DateMention(text=m.text, start=m.start, end=m.end, value=m.value, relative=m.relative)
                       for m in date_mentions(text, published.value if published else None)],
        date_candidates=[DateEvidence(value=c.value, source=c.source, text=c.text[:DATE_TEXT_MAX_CHARS],
                                      confidence=round(min(1.0, max(0.0, c.confidence)), 4), rejected=c.rejected)
                         for c in doc.dates],
        language=doc.language, text=text, paragraphs=list(doc.paragraphs),
        paragraph_spans=[Span(start=s.start, end=s.end) for s in doc.segments],
        removed=[Removal(kind=r.kind, rule=r.rule, text=r.text, start=r.start, end=r.end, score=r.score)
                 for r in sorted(doc.removals, key=lambda r: (r.start, r.end))],
        word_count=word_count(text), content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        input_size=doc.input_size, input_hash=doc.input_hash, pipeline_version=__version__,
        warnings=list(doc.warnings),
    )


class ValidateStage:
    """Validates the record; a record that fails becomes a rejection listing the field errors."""

    name = StageName.VALIDATE

    def __call__(self, doc: Doc) -> Doc:
        try:
            article = build_article(doc)
        except ValidationError as exc:
            errors = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            raise Reject(RejectReason.INVALID_RECORD, errors) from exc
        return dataclasses.replace(doc, article=article)
