"""Turn the finished document into an :class:`~newsclean.records.Article`, or reject it.

A record that fails validation is rejected with the field errors; an article
whose status the run routes to the rejects (``write.reject_status``) is
rejected as ``not_article`` with its status and the warning that explains it.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from operator import attrgetter
from typing import Any

from pydantic import ValidationError

from .._version import __version__
from ..document import Doc
from ..errors import Reject
from ..records import Article, ContentType, DateSource, PageStatus, Quality, RejectReason, StageName
from ..text.mentions import date_mentions
from ..text.quality import QualitySignals, quality_signals
from ..text.shape import word_count

PARAGRAPH_SEPARATOR = "\n\n"
#: The evidence of a date candidate is cut to this many characters (a URL, a dateline).
DATE_TEXT_MAX_CHARS = 300
#: Quality shares and ratios are rounded to this many decimals: enough to compare with any threshold.
QUALITY_DECIMALS = 4


#: The fields of the quality signals, in order (the record's, one for one).
_QUALITY_FIELDS = tuple(field.name for field in dataclasses.fields(QualitySignals))
#: Where a removal stands: the record lists removals in this order.
_PLACE = attrgetter("start", "end")


def quality_fields(signals: QualitySignals) -> dict[str, Any]:
    """Quality signals as the fields of the public record, rounded (the record validates them)."""
    return {name: round(value, QUALITY_DECIMALS) if isinstance(value, float) else value
            for name in _QUALITY_FIELDS for value in (getattr(signals, name),)}


def quality_record(signals: QualitySignals) -> Quality:
    """Quality signals as the public record, rounded."""
    return Quality(**quality_fields(signals))


def build_article(doc: Doc) -> Article:
    """The public record of a finished document (raises pydantic's ValidationError when a field is bad).

    The nested records (removals, date mentions and candidates, spans, the
    quality signals) are given as plain mappings: the Article validates them
    in one pass, where building each as a model first would validate it on
    its own, one Python call per removal. The words of the text are its
    paragraphs' (no word runs over the blank line between two), counted once
    per line already.
    """
    paragraphs = doc.paragraphs
    text = PARAGRAPH_SEPARATOR.join(paragraphs)
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
        date_mentions=[{"text": m.text, "start": m.start, "end": m.end, "value": m.value, "relative": m.relative}
                       for m in date_mentions(text, published.value if published else None)],
        date_candidates=[{"value": c.value, "source": c.source, "text": c.text[:DATE_TEXT_MAX_CHARS],
                          "confidence": round(min(1.0, max(0.0, c.confidence)), 4), "rejected": c.rejected}
                         for c in doc.dates],
        language=doc.language, text=text, paragraphs=list(paragraphs),
        paragraph_spans=[{"start": s.start, "end": s.end} for s in doc.segments],
        removed=[{"kind": r.rule.kind, "rule": r.rule.id, "text": r.text, "start": r.start, "end": r.end,
                  "score": r.score} for r in sorted(doc.removals, key=_PLACE)],
        word_count=sum(map(word_count, paragraphs)),
        quality=quality_fields(doc.quality or quality_signals(paragraphs, None)),
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        input_size=doc.input_size, input_hash=doc.input_hash, pipeline_version=__version__,
        warnings=list(doc.warnings),
    )


def routed_detail(article: Article) -> str:
    """What a ``not_article`` rejection says: the status, why the page has it, and the setting that routed it."""
    why = "; ".join(article.warnings) or "no warning"
    return (f"status {article.status.value} ({why}), {article.word_count} words; routed to the rejects by "
            f"write.reject_status (--reject-status)")


class ValidateStage:
    """Validates the record; a record that fails, or whose status is in ``reject_status``, becomes a rejection."""

    name = StageName.VALIDATE

    def __init__(self, reject_status: Iterable[PageStatus] = ()) -> None:
        self.reject_status = frozenset(PageStatus(status) for status in reject_status)

    def __call__(self, doc: Doc) -> Doc:
        try:
            article = build_article(doc)
        except ValidationError as exc:
            errors = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            raise Reject(RejectReason.INVALID_RECORD, errors) from exc
        if article.status in self.reject_status:
            raise Reject(RejectReason.NOT_ARTICLE, routed_detail(article))
        return dataclasses.replace(doc, article=article)
