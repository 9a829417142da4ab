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
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from .assembly import After, build_pipeline
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


def process_ordered(raws: Iterable[RawDocument], config: PipelineConfig, workers: int,
                    extra_stages: Sequence[After] = ()) -> Iterator[Outcome]:
    """The outcome of every document of ``raws``, in input order, cleaned by ``workers`` processes.

    With ``workers == 1`` no process is started: the pipeline runs here.
    ``config`` is resolved once, so every worker judges dates against the same day.
    ``extra_stages`` (a user's own stages) are pickled into every worker.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    config = config.resolved()
    if workers == 1:
        return map(build_pipeline(config, extra_stages).process, raws)
    return _process_in_pool(iter(raws), config, workers, tuple(extra_stages))


def _process_in_pool(raws: Iterator[RawDocument], config: PipelineConfig, workers: int,
                     extra_stages: tuple[After, ...]) -> Iterator[Outcome]:
    in_flight: deque[tuple[str, Future[Outcome]]] = deque()  # (which document, its outcome)
    limit = workers * IN_FLIGHT_PER_WORKER
    executor = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(START_METHOD),
                                   initializer=_start_worker, initargs=(config.model_dump_json(), extra_stages))
    try:
        for raw in raws:
            if len(in_flight) >= limit:
                yield _result(*in_flight.popleft())
            in_flight.append((f"{raw.source} (document {raw.index})", executor.submit(_process_one, raw)))
        while in_flight:
            yield _result(*in_flight.popleft())
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _result(document: str, future: Future[Outcome]) -> Outcome:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise WorkerFailed(f"a worker process died while cleaning {document} "
                           f"or a document near it: {exc}. Rerun with --workers 1 to find the document, "
                           f"or give the workers more memory.") from exc


def _start_worker(config_json: str, extra_stages: tuple[After, ...] = ()) -> None:
    """Build this worker's pipeline, once, from the run's configuration as JSON and the user's stages."""
    global _worker_pipeline
    _worker_pipeline = build_pipeline(PipelineConfig.model_validate_json(config_json), extra_stages)


def _process_one(raw: RawDocument) -> Outcome:
    """Clean one document with this worker's pipeline."""
    if _worker_pipeline is None:  # pragma: no cover - the executor always runs the initializer first
        raise RuntimeError("worker pipeline not built: _start_worker did not run in this process")
    return _worker_pipeline.process(raw)
