"""Cleaning documents in a pool of worker processes, with the outcomes in input order.

The pipeline is pure CPU work per document (parsing, regular expressions, the
language identifier, the line classifier), so a process per core scales it
where threads cannot. Reading and writing stay in the calling process: the
reader feeds documents in, :func:`process_ordered` hands back their outcomes
in the order they were read, and the single writer therefore produces the
same Parquet files whatever the number of workers.

A document that stalls or kills its worker costs that document only: see
:class:`_Pool`.

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
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..assembly import build_pipeline
from ..config import PipelineConfig
from ..document import RawDocument
from ..errors import NewscleanError
from ..pipeline import Outcome, Pipeline, rejection, start_document
from ..records import RejectReason, StageName

logger = logging.getLogger(__name__)

#: Documents submitted ahead per worker: enough to keep every worker busy while
#: the caller writes, few enough that memory does not grow with the corpus.
IN_FLIGHT_PER_WORKER = 8
#: Workers start from a fresh interpreter, never a fork: the calling process
#: may hold threads (pyarrow's writer pool) that a fork would copy mid-lock,
#: and "spawn" behaves the same on Linux, macOS and Windows.
START_METHOD = "spawn"
#: A worker still busy this many times ``limits.seconds_per_document`` after its
#: document came up, plus the grace below (seconds), is stuck where the alarm
#: cannot reach it (inside a C library): it is killed and replaced. The clock
#: starts when the document is the oldest in flight and the workers have started,
#: so it never runs short.
HARD_LIMIT_FACTOR = 2
HARD_LIMIT_GRACE_SECONDS = 1.0
#: Documents in a row whose worker dies before the run gives up: one is a bad
#: document, several mean the workers cannot run at all (memory, installation).
MAX_DEATHS_IN_A_ROW = 3
#: How long fresh worker processes may take to start and build their pipelines
#: (seconds). Start-up is no document's time: the hard limit's clock waits for it.
WORKER_START_LIMIT_SECONDS = 300.0
#: How often the pool looks whether its fresh workers are ready (seconds).
READY_POLL_SECONDS = 0.01

# The pipeline of *this worker process*, built once by `_start_worker`.
# Module state is acceptable here and nowhere else: a worker process exists
# only to run this one pipeline, the executor gives no other way to keep an
# object alive between tasks, and rebuilding it per document would reload the
# language identifier and the line model every time. In the calling process
# it stays None: `process_ordered` with one worker builds a local pipeline.
_worker_pipeline: Pipeline | None = None


class WorkerFailed(NewscleanError):
    """Worker processes keep dying whatever document they clean (out of memory, a broken install).

    A single document that kills its worker is rejected and the worker
    replaced; only when several documents in a row do is the run stopped.
    """


PipelineFactory = Callable[[PipelineConfig], Pipeline]


def process_ordered(raws: Iterable[RawDocument], config: PipelineConfig, workers: int, *,
                    build: PipelineFactory = build_pipeline) -> Iterator[Outcome]:
    """The outcome of every document of ``raws``, in input order, cleaned by ``workers`` processes.

    With ``workers == 1`` no process is started: the pipeline runs here, and
    ``limits.seconds_per_document`` is enforced by an alarm signal (see
    :mod:`newsclean.deadline`). With more, each worker enforces it the same
    way, and a worker that overruns it anyway (stuck in a C library) is
    stopped from outside and replaced, so a stall never outlives its limit
    by more than :data:`HARD_LIMIT_FACTOR` times.
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
                     build: PipelineFactory = build_pipeline,
                     task: Callable[[RawDocument], Outcome] | None = None) -> Iterator[Outcome]:
    """The pool's outcomes in input order; ``task`` replaces :func:`_process_one` (tests only)."""
    context = multiprocessing.get_context(START_METHOD)
    records: Any = context.Queue()
    listener = logging.handlers.QueueListener(records, _Relay())
    listener.start()
    ready: Any = context.Value("i", 0)  # workers of the current pool whose pipeline is built
    pool = _Pool(config, workers, task or _process_one, context, ready,
                 initargs=(config.model_dump_json(), build, records, _log_levels(), ready))
    in_flight: deque[tuple[RawDocument, Future[Outcome]]] = deque()
    limit = workers * IN_FLIGHT_PER_WORKER
    try:
        for raw in raws:
            if len(in_flight) >= limit:
                yield pool.next_outcome(in_flight)
            in_flight.append((raw, pool.submit(raw)))
        while in_flight:
            yield pool.next_outcome(in_flight)
    finally:
        pool.close()
        listener.stop()  # after the workers are gone: every record they sent is handled first
        records.close()
        records.join_thread()  # the queue's feeder thread ends here, not after the run returns


class _Pool:
    """A process pool whose workers can be stopped and replaced without losing a document.

    A worker that overruns the time limit is killed with the others (a
    ``ProcessPoolExecutor`` cannot lose one worker alone), its document
    rejected as a timeout, and every other document in flight submitted again
    to a fresh pool. A worker that dies (a crash in a C extension, the
    out-of-memory killer) takes no document down with it but the one that
    killed it, found by cleaning the documents in flight one at a time.
    """

    def __init__(self, config: PipelineConfig, workers: int, task: Callable[[RawDocument], Outcome],
                 context: Any, ready: Any, initargs: tuple[Any, ...]) -> None:
        self.config = config
        self.workers = workers
        self.task = task
        self.context = context
        self.ready = ready
        self.initargs = initargs
        seconds = config.limits.seconds_per_document
        self.hard_limit = None if seconds is None else seconds * HARD_LIMIT_FACTOR + HARD_LIMIT_GRACE_SECONDS
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        with self.ready.get_lock():
            self.ready.value = 0
        return ProcessPoolExecutor(self.workers, mp_context=self.context, initializer=_start_worker,
                                   initargs=self.initargs)

    def _await_start(self, future: Future[Outcome]) -> None:
        """Wait until the pool's started workers have built their pipelines (or ``future`` is done).

        The hard limit measures a document's time, not a fresh interpreter's
        imports and model loading, which on a busy machine take seconds.
        """
        deadline = time.monotonic() + WORKER_START_LIMIT_SECONDS
        while not future.done():
            started = len(getattr(self._executor, "_processes", None) or {})  # no public way to them
            if self.ready.value >= started:
                return
            if time.monotonic() > deadline:
                raise WorkerFailed(f"worker processes did not start within {WORKER_START_LIMIT_SECONDS:g} s; "
                                   f"the machine may be out of memory, or the installation broken")
            time.sleep(READY_POLL_SECONDS)

    def submit(self, raw: RawDocument) -> Future[Outcome]:
        return self._executor.submit(self.task, raw)

    def next_outcome(self, in_flight: deque[tuple[RawDocument, Future[Outcome]]]) -> Outcome:
        """The outcome of the oldest document in flight, taken off ``in_flight``."""
        raw, future = in_flight[0]
        try:
            self._await_start(future)
            outcome = future.result(timeout=self.hard_limit)
        except FutureTimeout:
            in_flight.popleft()
            logger.warning("%s: a worker overran the time limit; stopping and replacing the workers",
                           _name(raw))
            self._replace(in_flight)
            return _worker_rejection(raw, RejectReason.TIMEOUT, (
                f"the worker cleaning it was stopped after {self.hard_limit:g} s, over "
                f"limits.seconds_per_document={self.config.limits.seconds_per_document:g} s "
                f"(stuck in a call the time limit cannot interrupt)"))
        except BrokenProcessPool:
            self._isolate(in_flight)
            return self.next_outcome(in_flight)
        in_flight.popleft()
        return outcome

    def _replace(self, in_flight: deque[tuple[RawDocument, Future[Outcome]]]) -> None:
        """Stop every worker, start fresh ones and submit again what had not finished."""
        self._kill()
        for position, (raw, future) in enumerate(in_flight):
            if not _succeeded(future):
                in_flight[position] = (raw, self.submit(raw))

    def _isolate(self, in_flight: deque[tuple[RawDocument, Future[Outcome]]]) -> None:
        """After a worker died: clean the unfinished documents in flight one at a time.

        The one whose worker dies again alone is rejected; the others get
        their outcomes. Raises :class:`WorkerFailed` when documents keep
        killing workers, which is the machine's fault, not the documents'.
        """
        self._kill()
        deaths = 0
        for position, (raw, future) in enumerate(in_flight):
            if _succeeded(future):
                continue
            alone = self.submit(raw)
            try:
                self._await_start(alone)
                outcome = alone.result(timeout=self.hard_limit)
                deaths = 0
            except FutureTimeout:
                self._kill()
                outcome = _worker_rejection(raw, RejectReason.TIMEOUT, (
                    f"the worker cleaning it was stopped after {self.hard_limit:g} s"))
            except BrokenProcessPool as exc:
                deaths += 1
                if deaths >= MAX_DEATHS_IN_A_ROW:
                    raise WorkerFailed(
                        f"worker processes died cleaning {deaths} documents in a row, the last {_name(raw)}: "
                        f"{exc}. Give the workers more memory, or rerun with --workers 1 to see the error."
                    ) from exc
                logger.warning("%s: its worker process died; the document is rejected", _name(raw))
                self._kill()
                outcome = _worker_rejection(raw, RejectReason.INTERNAL_ERROR, (
                    "the worker process cleaning it died (a crash in a C extension or out of memory); "
                    "please report the document"))
            in_flight[position] = (raw, _done(outcome))

    def _kill(self) -> None:
        """Kill every worker process and start a fresh pool."""
        processes = list((getattr(self._executor, "_processes", None) or {}).values())  # no public way to them
        for process in processes:
            process.kill()
        for process in processes:
            process.join()
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._executor = self._start()

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def _succeeded(future: Future[Outcome]) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


def _done(outcome: Outcome) -> Future[Outcome]:
    future: Future[Outcome] = Future()
    future.set_result(outcome)
    return future


def _name(raw: RawDocument) -> str:
    return f"{raw.source} (document {raw.index})"


def _worker_rejection(raw: RawDocument, reason: RejectReason, detail: str) -> Outcome:
    """The outcome of a document whose worker was stopped or died: the pipeline could not say more."""
    return Outcome(rejection(start_document(raw), StageName.WORKER, reason, detail), ())


class _Relay(logging.Handler):
    """Hands a record from a worker to the calling process's logger of the same name."""

    def emit(self, record: logging.LogRecord) -> None:
        logger = logging.getLogger(record.name)
        if logger.isEnabledFor(record.levelno):
            logger.handle(record)


def _log_levels() -> dict[str, int]:
    """The calling process's effective levels, so workers send only records that would be handled."""
    return {name: logging.getLogger(name or None).getEffectiveLevel() for name in ("", "newsclean")}


def _start_worker(config_json: str, build: PipelineFactory, records: Any, levels: dict[str, int],
                  ready: Any) -> None:
    """Send this worker's log records to the caller, build its pipeline once, and say it is ready.

    The worker process is newsclean's own, so configuring its logging here is
    not configuring the user's: its root logger only forwards to the caller.
    """
    global _worker_pipeline
    root = logging.getLogger()
    root.handlers[:] = [logging.handlers.QueueHandler(records)]
    for name, level in levels.items():
        logging.getLogger(name or None).setLevel(level)
    _worker_pipeline = build(PipelineConfig.model_validate_json(config_json))
    with ready.get_lock():
        ready.value += 1


def _process_one(raw: RawDocument) -> Outcome:
    """Clean one document with this worker's pipeline."""
    if _worker_pipeline is None:  # pragma: no cover - the executor always runs the initializer first
        raise RuntimeError("worker pipeline not built: _start_worker did not run in this process")
    return _worker_pipeline.process(raw)
