"""Running one document through the pipeline and keeping its final state, to show what happened to it.

:meth:`~newsclean.pipeline.Pipeline.process` keeps only the record; a person
asking "what did it remove, and why?" also wants the segmented text, the
kept lines with their offsets and the date candidates, which live on the
pipeline's internal document. :func:`inspect_raw` runs the same stages and
keeps that document, even when a stage rejects it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..config import PipelineConfig
from ..document import Doc, RawDocument
from ..errors import NewscleanError, Reject
from ..io.read import iter_documents
from ..pipeline import Pipeline, rejection, start_document
from ..records import Article, Rejection, RejectReason, StageName
from .page import Piece, lay_out


class DocumentNotFound(NewscleanError):
    """The input holds no document at the requested index."""


@dataclass(frozen=True, slots=True)
class Inspection:
    """A document as the last stage that ran left it, and the record it became."""

    doc: Doc
    record: Article | Rejection

    @property
    def pieces(self) -> list[Piece]:
        """The page: kept lines and removed pieces, in the order they stood."""
        kept = [Piece(s.start, s.end, s.norm or s.text) for s in self.doc.segments]
        removed = [Piece(r.start, r.end, r.text, r.kind.value, r.rule.id, r.score) for r in self.doc.removals]
        return lay_out(kept, removed)


def inspect_raw(raw: RawDocument, pipeline: Pipeline) -> Inspection:
    """Run ``pipeline``'s stages on one document, keeping the document's last state."""
    doc = start_document(raw)
    if raw.error is not None:
        return Inspection(doc, rejection(doc, StageName.READ, raw.error.reason, raw.error.detail))
    for stage in pipeline.stages:
        name = stage.name if isinstance(stage.name, StageName) else StageName.USER
        try:
            doc = stage(doc)
        except Reject as exc:
            return Inspection(doc, rejection(doc, name, exc.reason, exc.detail))
        except Exception as exc:  # noqa: BLE001 - shown to the user like the runner records it
            return Inspection(doc, rejection(doc, name, RejectReason.INTERNAL_ERROR, f"{type(exc).__name__}: {exc}"))
    assert doc.article is not None, "the validate stage produced no article"
    return Inspection(doc, doc.article)


def find_document(path: str | Path, index: int, config: PipelineConfig) -> RawDocument:
    """The document at ``index`` in ``path`` (its ``source_index``: a JSONL line, a WARC record), streamed.

    Raises :class:`DocumentNotFound` naming the indexes the file does hold
    when none is at ``index``.
    """
    count, first, last = 0, None, None
    for raw in _documents(path, config):
        if raw.index == index:
            return raw
        count, first, last = count + 1, raw.index if first is None else first, raw.index
    held = f"indexes {first} to {last}" if count else "no documents"
    raise DocumentNotFound(f"{path}: no document at index {index} ({count} documents, {held}); "
                           f"use --index with a source_index from the output")


def _documents(path: str | Path, config: PipelineConfig) -> Iterator[RawDocument]:
    fields = config.input
    return iter_documents([path], max_input_bytes=config.limits.max_input_bytes, text_field=fields.text_field,
                          html_field=fields.html_field, url_field=fields.url_field, id_field=fields.id_field)
