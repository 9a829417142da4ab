"""Cleaning documents in a pool of worker processes, with the outcomes in input order.

The pipeline is pure CPU work per document (parsing, regular expressions, the
language identifier, the line classifier), so a process per core scales it
where threads cannot. Reading and writing stay in the calling process: the
reader feeds documents in, :func:`process_ordered` hands back their outcomes
in the order they were read, and the single writer therefore produces the
same Parquet files whatever the number of workers.

Memory stays flat on any corpus: at most ``workers * IN_FLIGHT_PER_WORKER``
documents are submitted and not yet consumed at any time, so a slow writer
or a huge input never piles documents up in the queue.

Log records raised in a worker (a stage's traceback, a warning) are sent to
the calling process through a queue and handed to its loggers there, so they
reach whatever logging the caller configured, as if the work ran in-process.
"""

from __future__ import annotations

import logging
import logging.handlers
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from .assembly import build_pipeline
from .config import PipelineConfig
from .document import RawDocument
from .errors import NewscleanError
from .pipeline import Outcome, Pipeline

#: Documents submitted ahead per worker: enough to keep every worker busy while
#: the caller writes, few enough that memory does not grow with the corpus.
IN_FLIGHT_PER_WORKER = 8
#: Workers start from a fresh interpreter, never a fork: the calling process
#: may hold threads (pyarrow's writer pool) that a fork would copy mid-lock,
#: and "spawn" behaves the same on Linux, macOS and Windows.
START_METHOD = "spawn"

# The pipeline of *this worker process*, built once by `_start_worker`.
# Module state is acceptable here and nowhere else: a worker process exists
# only to run this one pipeline, the executor gives no other way to keep an
# object alive between tasks, and rebuilding it per document would reload the
# language identifier and the line model every time. In the calling process
# it stays None: `process_ordered` with one worker builds a local pipeline.
_worker_pipeline: Pipeline | None = None


class WorkerFailed(NewscleanError):
    """A worker process died (killed, out of memory, a crash in a C extension).

    A bad document never causes this, it becomes a rejection; the documents in
    flight cannot be accounted for, so the run stops instead of losing them.
    """


PipelineFactory = Callable[[PipelineConfig], Pipeline]


def process_ordered(raws: Iterable[RawDocument], config: PipelineConfig, workers: int, *,
                    build: PipelineFactory = build_pipeline) -> Iterator[Outcome]:
    """The outcome of every document of ``raws``, in input order, cleaned by ``workers`` processes.

    With ``workers == 1`` no process is started: the pipeline runs here.
    ``config`` is resolved once, so every worker judges dates against the same day.
    ``build`` makes each worker's pipeline, once per worker; with several
    workers it must be a module-level function (workers import it by name).
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    config = config.resolved()
    if workers == 1:
        return map(build(config).process, raws)
    return _process_in_pool(iter(raws), config, workers, build)


def _process_in_pool(raws: Iterator[RawDocument], config: PipelineConfig, workers: int,
                     build: PipelineFactory) -> Iterator[Outcome]:
    in_flight: deque[tuple[str, Future[Outcome]]] = deque()  # (which document, its outcome)
    limit = workers * IN_FLIGHT_PER_WORKER
    context = multiprocessing.get_context(START_METHOD)
    records: Any = context.Queue()
    listener = logging.handlers.QueueListener(records, _Relay())
    listener.start()
    executor = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                   initargs=(config.model_dump_json(), build, records, _log_levels()))
    try:
        for raw in raws:
            if len(in_flight) >= limit:
                yield _result(*in_flight.popleft())
            in_flight.append((f"{raw.source} (document {raw.index})", executor.submit(_process_one, raw)))
        while in_flight:
            yield _result(*in_flight.popleft())
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
        listener.stop()  # after the workers are gone: every record they sent is handled first
        records.close()


class _Relay(logging.Handler):
    """Hands a record from a worker to the calling process's logger of the same name."""

    def emit(self, record: logging.LogRecord) -> None:
        logger = logging.getLogger(record.name)
        if logger.isEnabledFor(record.levelno):
            logger.handle(record)


def _log_levels() -> dict[str, int]:
    """The calling process's effective levels, so workers send only records that would be handled."""
    return {name: logging.getLogger(name or None).getEffectiveLevel() for name in ("", "newsclean")}


def _result(document: str, future: Future[Outcome]) -> Outcome:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise WorkerFailed(f"a worker process died while cleaning {document} "
                           f"or a document near it: {exc}. Rerun with --workers 1 to find the document, "
                           f"or give the workers more memory.") from exc


def _start_worker(config_json: str, build: PipelineFactory, records: Any, levels: dict[str, int]) -> None:
    """Send this worker's log records to the caller, and build its pipeline, once.

    The worker process is newsclean's own, so configuring its logging here is
    not configuring the user's: its root logger only forwards to the caller.
    """
    global _worker_pipeline
    root = logging.getLogger()
    root.handlers[:] = [logging.handlers.QueueHandler(records)]
    for name, level in levels.items():
        logging.getLogger(name or None).setLevel(level)
    _worker_pipeline = build(PipelineConfig.model_validate_json(config_json))


def _process_one(raw: RawDocument) -> Outcome:
    """Clean one document with this worker's pipeline."""
    if _worker_pipeline is None:  # pragma: no cover - the executor always runs the initializer first
        raise RuntimeError("worker pipeline not built: _start_worker did not run in this process")
    return _worker_pipeline.process(raw)
