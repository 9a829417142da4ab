"""The stage abstraction and the per-document runner.

A stage is any object with a ``name`` and ``__call__(doc) -> doc``. Stages hold
text logic only; this module does the rest: running them in order, turning a
:class:`~newsclean.errors.Reject` (or an unexpected error) into a
:class:`~newsclean.records.Rejection` that names the document and the stage,
and timing each stage.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from ._version import __version__
from .deadline import Clock, DocumentTimeout, time_limit
from .document import Doc, RawDocument
from .errors import Reject
from .records import Article, ContentType, Rejection, RejectReason, StageName

if TYPE_CHECKING:
    from .dedup.signature import Signature

logger = logging.getLogger(__name__)


@runtime_checkable
class Stage(Protocol):
    """One step of the pipeline: takes a document, returns the next state of it.

    A stage rejects a document by raising :class:`~newsclean.errors.Reject`;
    it never catches another stage's errors and never logs or counts. The
    built-in stages are named by :class:`~newsclean.records.StageName`; a
    user's own stage (see :class:`~newsclean.assembly.After`) by any other
    short name, which its rejections carry in their detail.
    """

    name: str

    def __call__(self, doc: Doc) -> Doc: ...


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input document, and how long each stage took (seconds).

    An outcome crosses between processes (from a worker to the writer) as its
    record's JSON, so that the record validates again on arrival; the round
    trip gives an equal record. It costs about what pickle costs (measured:
    0.17 + 1.36 ms against 0.41 + 1.34 ms, worker and writer side, for a text
    record with hundreds of removals). On arrival the outcome keeps that JSON
    (``record_json``), which is what ``record.model_dump_json()`` gives, so the
    writer need not serialise the record again.

    ``signature`` is an article's dedup signature when the worker that cleaned
    it signed it (see :mod:`newsclean.runner.workers`), so the single writing
    process does not have to.
    """

    record: Article | Rejection
    timings: tuple[tuple[str, float], ...]  # (stage name, seconds)
    signature: Signature | None = field(default=None, compare=False)
    record_json: bytes | None = field(default=None, compare=False, repr=False)

    def __reduce__(self) -> tuple[Callable[..., Outcome], tuple[Any, ...]]:
        return _outcome_from_json, (isinstance(self.record, Article), self.record.__pydantic_serializer__.to_json(
            self.record), self.timings, self.signature)


def _outcome_from_json(article: bool, record: bytes, timings: tuple[tuple[str, float], ...],
                       signature: Signature | None = None) -> Outcome:
    return Outcome((Article if article else Rejection).model_validate_json(record), timings, signature, record)


def input_bytes(raw: RawDocument) -> bytes:
    """The document's content as bytes, the form sizes and hashes are taken of."""
    return raw.data.encode("utf-8", "surrogatepass") if isinstance(raw.data, str) else raw.data


def start_document(raw: RawDocument) -> Doc:
    """The first state of a document: its size, hash and stable id."""
    data = input_bytes(raw)
    digest = hashlib.sha256(data).hexdigest()
    key = f"{raw.source}\x00{raw.index}\x00{digest}".encode("utf-8", "surrogatepass")
    return Doc(raw=raw, input_size=len(data), input_hash=digest,
               doc_id=hashlib.sha256(key).hexdigest()[:20])


def timeout_detail(seconds: float, where: str) -> str:
    """What a ``timeout`` rejection says: the limit, where the document was stopped, what to do."""
    return (f"took longer than limits.seconds_per_document={seconds:g} s ({where}); "
            f"raise the limit if documents this large are expected")


def rejection(doc: Doc, stage: StageName, reason: RejectReason, detail: str) -> Rejection:
    """The record for a document that did not become an article."""
    return Rejection(
        doc_id=doc.doc_id, source=doc.raw.source, source_index=doc.raw.index, source_id=doc.raw.source_id,
        url=doc.raw.url,
        stage=stage, reason=reason, detail=detail, input_size=doc.input_size,
        input_hash=doc.input_hash, pipeline_version=__version__,
    )


def _stage_rejection(doc: Doc, stage: Stage, reason: RejectReason, detail: str) -> Rejection:
    """A rejection at ``stage``; a user's stage is recorded as ``user``, with its name in the detail."""
    if isinstance(stage.name, StageName):
        return rejection(doc, stage.name, reason, detail)
    return rejection(doc, StageName.USER, reason, f"stage '{stage.name}': {detail}")


class Pipeline:
    """An ordered list of stages that turns raw documents into records.

    Build it once per run (or per worker process) and call :meth:`process` for
    every document: stages keep their compiled rules and models between calls.
    ``seconds_per_document`` bounds each document's time (see
    :mod:`newsclean.deadline`); a document that overstays becomes a
    ``timeout`` rejection naming the stage it was in.

    ``warm_up(content_type)`` loads what documents of a content type need
    (libraries, tables): it runs once per type, the first time the decode
    stage finds a document of that type (or when :meth:`prepare` is called),
    with that document's clock stopped. A process that only ever sees plain
    text then never loads what HTML needs.
    """

    def __init__(self, stages: Sequence[Stage], *, seconds_per_document: float | None = None,
                 warm_up: Callable[[ContentType], object] | None = None) -> None:
        names = [stage.name for stage in stages]
        if names[-1] != StageName.VALIDATE:
            raise ValueError(f"the last stage must be '{StageName.VALIDATE}', got {names}")
        self.stages = tuple(stages)
        self.seconds_per_document = seconds_per_document
        self._warm_up = warm_up
        self._prepared: set[ContentType] = set()

    def prepare(self, content_type: ContentType) -> None:
        """Load what documents of ``content_type`` need now, unless done already."""
        if content_type not in self._prepared:
            self._prepared.add(content_type)
            if self._warm_up is not None:
                self._warm_up(content_type)

    def process(self, raw: RawDocument) -> Outcome:
        """Run every stage on one document; never raises for a bad document."""
        doc = start_document(raw)
        if raw.error is not None:
            return Outcome(rejection(doc, StageName.READ, raw.error.reason, raw.error.detail), ())
        timings: list[tuple[str, float]] = []
        try:
            with time_limit(self.seconds_per_document) as clock:
                return self._run_stages(doc, timings, clock)
        except DocumentTimeout as exc:
            stage = self.stages[min(len(timings), len(self.stages) - 1)]
            logger.warning("document %s (%s): timed out in stage %s", doc.doc_id, raw.source, stage.name)
            detail = timeout_detail(exc.seconds, f"stopped in stage '{stage.name}'")
            return Outcome(_stage_rejection(doc, stage, RejectReason.TIMEOUT, detail), tuple(timings))

    def _run_stages(self, doc: Doc, timings: list[tuple[str, float]], clock: Clock) -> Outcome:
        """Every stage in turn, appending each one's time to ``timings`` as it finishes.

        Once a stage tells the document's content type, what that type needs
        is loaded (the first time only) with the document's ``clock`` stopped.
        """
        raw = doc.raw
        for stage in self.stages:
            began = time.perf_counter()
            try:
                doc = stage(doc)
            except Reject as exc:
                timings.append((str(stage.name), time.perf_counter() - began))
                return Outcome(_stage_rejection(doc, stage, exc.reason, exc.detail), tuple(timings))
            except Exception as exc:  # a bug must cost one document, never the run
                logger.exception("document %s (%s): stage %s failed", doc.doc_id, raw.source, stage.name)
                timings.append((str(stage.name), time.perf_counter() - began))
                detail = f"{type(exc).__name__}: {exc}"
                return Outcome(_stage_rejection(doc, stage, RejectReason.INTERNAL_ERROR, detail), tuple(timings))
            timings.append((str(stage.name), time.perf_counter() - began))
            if doc.content_type is not None and doc.content_type not in self._prepared:
                with clock.paused():
                    self.prepare(doc.content_type)
        if doc.article is None:  # pragma: no cover - guarded by the constructor
            raise AssertionError("the validate stage produced no article")
        return Outcome(doc.article, tuple(timings))
