"""Log records raised in worker processes reach the calling process's logging."""

from __future__ import annotations

import logging
import os

from newsclean.assembly import build_pipeline
from newsclean.document import Doc, RawDocument
from newsclean.pipeline import Pipeline
from newsclean.records import RejectReason, StageName
from newsclean.runner.workers import process_ordered

stage_logger = logging.getLogger("newsclean.tests.stage")


class Exploding:
    """A stage with a bug on one kind of document, and a warning on another (built in every worker)."""

    name = StageName.DECODE

    def __call__(self, doc: Doc) -> Doc:
        data = doc.raw.data if isinstance(doc.raw.data, bytes) else doc.raw.data.encode()
        if b"EXPLODE" in data:
            raise RuntimeError(f"boom in {doc.raw.source}")
        if b"WARN" in data:
            stage_logger.warning("suspicious document %s", doc.raw.source)
        stage_logger.debug("looked at %s", doc.raw.source)
        return doc


def exploding_pipeline(config):  # module level: workers import it by name
    return Pipeline([Exploding(), *build_pipeline(config).stages])


def _documents():
    return [RawDocument(source=f"doc-{n}", index=n, data=text.encode())
            for n, text in enumerate(["fine text", "EXPLODE here", "WARN here", "fine again"])]


def _run(config, workers, caplog):
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="newsclean"):
        outcomes = list(process_ordered(_documents(), config, workers, build=exploding_pipeline))
    return outcomes, [r for r in caplog.records if r.name.startswith("newsclean")]


def test_a_workers_traceback_reaches_the_callers_logging(config, caplog):
    outcomes, records = _run(config, 2, caplog)
    assert outcomes[1].record.reason is RejectReason.INTERNAL_ERROR
    (error,) = [r for r in records if r.levelno == logging.ERROR]
    assert error.name == "newsclean.pipeline"
    assert error.process != os.getpid()
    message = error.getMessage()
    assert "doc-1" in message and "stage decode failed" in message
    assert "Traceback" in message and "RuntimeError: boom in doc-1" in message


def test_worker_records_match_the_in_process_ones(config, caplog):
    _, in_pool = _run(config, 2, caplog)
    _, in_process = _run(config, 1, caplog)
    assert in_process, "the in-process run logged nothing"
    summary = lambda records: sorted((r.name, r.levelno, r.getMessage().splitlines()[0]) for r in records)  # noqa: E731
    assert summary(in_pool) == summary(in_process)
    assert ("newsclean.tests.stage", logging.WARNING, "suspicious document doc-2") in summary(in_pool)
    assert not any(r.levelno == logging.DEBUG for r in in_pool)  # below the caller's level: never sent


#: Longer than the hard limit of a 0.5 s document limit (2 s): a start-up as slow as a busy machine's.
SLOW_START_SECONDS = 3.0


def slow_starting_pipeline(config):  # module level: workers import it by name
    import time

    time.sleep(SLOW_START_SECONDS)
    return build_pipeline(config)


def test_a_slow_worker_start_is_no_documents_time(config):
    from newsclean.config import LimitsConfig
    from newsclean.records import Article

    limited = config.model_copy(update={"limits": LimitsConfig(seconds_per_document=0.5)})
    raws = [RawDocument(source=f"doc-{n}", index=n, data=b"Fine text.\n\n" + b"A sentence of the story. " * 20)
            for n in range(3)]
    outcomes = list(process_ordered(raws, limited, 2, build=slow_starting_pipeline))
    assert all(isinstance(o.record, Article) for o in outcomes), [o.record for o in outcomes]
