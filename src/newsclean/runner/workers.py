"""Cleaning documents in a pool of worker processes, with the outcomes in input order.

The pipeline is pure CPU work per document (parsing, regular expressions, the
language identifier, the line classifier), so a process per core scales it
where threads cannot. Listing the inputs and writing stay in the calling
process: the reader feeds documents in (a file of one document as its path,
read by the worker that cleans it), :func:`process_ordered` hands back their
outcomes in the order they were read, and the single writer therefore
produces the same Parquet files whatever the number of workers.

A document that stalls or kills its worker costs that document only: the pool
is pebble's, whose per-task timeout stops the one stuck worker and whose
futures fail only the task whose worker died (see :func:`_outcome`).

Memory stays flat on any corpus: at most ``workers * IN_FLIGHT_PER_WORKER``
documents are submitted and not yet consumed at any time, so a slow writer
or a huge input never piles documents up in the queue.

Log records raised in a worker (a stage's traceback, a warning) are sent to
the calling process through a queue and handed to its loggers there, so they
reach whatever logging the caller configured, as if the work ran in-process.

Where the platform has one, workers are forked from multiprocessing's fork
server, which loaded the pipeline's libraries and models once
(:mod:`~newsclean.runner.preload`): a worker, and a replacement for one that
was killed, starts without loading anything. The server lives as long as the
calling interpreter and serves its later runs too; its workers see the
environment as it was when it started.
"""

from __future__ import annotations

import dataclasses
import logging
import logging.handlers
import multiprocessing
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from concurrent.futures import TimeoutError as TaskTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

from pebble import ProcessExpired, ProcessPool

from ..config import DedupMode, PipelineConfig
from ..dedup.signature import signature
from ..document import RawDocument
from ..errors import NewscleanError
from ..io.read import UnreadFile, read_document
from ..pipeline import Outcome, Pipeline, rejection, start_document
from ..records import Article, RejectReason, StageName
from .memory import RELEASE_EVERY_DOCUMENTS, freeze_long_lived, heap_releaser

logger = logging.getLogger(__name__)

#: Documents submitted ahead per worker: enough to keep every worker busy while
#: the caller writes, few enough that memory does not grow with the corpus.
IN_FLIGHT_PER_WORKER = 8
#: How workers start: the first of these the platform offers (``multiprocessing.get_all_start_methods()``).
#: "forkserver" forks each worker from one server process per interpreter, started fresh (never forked from
#: the calling process) and single-threaded, which has loaded and warmed what every worker needs once
#: (:data:`PRELOAD_MODULE`): a worker starts in milliseconds, loads nothing, and shares those pages with the
#: others. Linux and macOS offer it. "spawn" (Windows has nothing else) starts each worker from a fresh
#: interpreter that imports and loads everything itself. Never "fork" of the calling process: it holds
#: threads (pebble's pool, the log listener, pyarrow's writer pool) that a fork would copy mid-lock, and has
#: loaded none of the pipeline (it only reads and writes), so a forked worker would still load it all.
START_METHODS = ("forkserver", "spawn")
#: The module the fork server imports before forking any worker: its one job is loading what they share.
PRELOAD_MODULE = "newsclean.runner.preload"
#: A worker still busy this many times ``limits.seconds_per_document`` after it
#: took its document, plus the grace below (seconds), is stuck where the alarm
#: cannot reach it (inside a C library): it alone is killed and replaced. The
#: clock starts when a worker takes the document, after its start-up, so a slow
#: start never counts.
HARD_LIMIT_FACTOR = 2
HARD_LIMIT_GRACE_SECONDS = 1.0
#: Documents in a row whose worker dies before the run gives up: one is a bad
#: document, several mean the workers cannot run at all (memory, installation).
MAX_DEATHS_IN_A_ROW = 3
#: A worker freezes what it holds (see :func:`~newsclean.runner.memory.freeze_long_lived`) once its
#: pipeline is built, and again after this many documents: the first document of HTML loads HTML's
#: libraries and tables (trafilatura, lxml, htmldate, jusText's stop words), which the worker then keeps.
FREEZE_AGAIN_AFTER_DOCUMENTS = 1

# The pipeline of *this worker process*, built once by `_start_worker`, or why it
# could not be built. Module state is acceptable here and nowhere else: a worker
# process exists only to run this one pipeline, the pool gives no other way to
# keep an object alive between tasks, and rebuilding it per document would
# reload the language identifier and the line model every time. In the calling
# process both stay None: `process_ordered` with one worker builds a local pipeline.
_worker_pipeline: Pipeline | None = None
_worker_start_error: str | None = None
_worker_signs = False  # whether this worker signs its articles for the dedup pass (dedup is not off)
_worker_release: Callable[[], None] | None = None  # returns the C heap's free pages (None: not glibc)
_worker_documents = 0  # documents this worker has cleaned, to release free memory every so many


class WorkerFailed(NewscleanError):
    """Worker processes cannot clean documents at all (a broken install, out of memory).

    A single document that kills its worker is rejected and the worker
    replaced; only when several documents in a row do, or a worker cannot
    build its pipeline, is the run stopped.
    """


PipelineFactory = Callable[[PipelineConfig], Pipeline]

if TYPE_CHECKING:
    from ..assembly import After, Models


def build_standard(config: PipelineConfig, extra_stages: Sequence[After] = ()) -> Pipeline:
    """The standard pipeline (:func:`~newsclean.assembly.build_pipeline`), with the stages imported here.

    The stages and the libraries they load (trafilatura, the extractors, the
    models) are imported where a pipeline is built: the calling process of a
    pool, which only reads and writes, never imports them, and starts its
    workers that much sooner.
    """
    from ..assembly import build_pipeline

    return build_pipeline(config, extra_stages, _preloaded_models())


def _preloaded_models() -> Models | None:
    """The models of the fork server this worker was forked from (see :mod:`~newsclean.runner.preload`),
    or None in any other process, which then loads its own: the preload is never imported here."""
    preload = sys.modules.get(PRELOAD_MODULE)
    return None if preload is None else preload.MODELS


def start_method() -> str:
    """The start method of :data:`START_METHODS` this platform offers first."""
    offered = multiprocessing.get_all_start_methods()
    return next(method for method in START_METHODS if method in offered)


def _pool_context() -> Any:
    """The multiprocessing context workers start from; a fork server is told to preload :data:`PRELOAD_MODULE`.

    The server is multiprocessing's, one per interpreter: started by the first pool, kept for the next ones
    (which then start at once), ended when the interpreter exits. Its preload list is set here, replacing any
    set before; a server already running keeps what it loaded, and workers then load what it lacks.
    """
    method = start_method()
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload([PRELOAD_MODULE])
    return context


def process_ordered(raws: Iterable[RawDocument | UnreadFile], config: PipelineConfig, workers: int, *,
                    build: PipelineFactory = build_standard) -> Iterator[Outcome]:
    """The outcome of every document of ``raws``, in input order, cleaned by ``workers`` processes.

    A file not read yet (:class:`~newsclean.io.read.UnreadFile`) is read by
    the process that cleans it: its page never crosses a pipe.

    With ``workers == 1`` no process is started: the pipeline runs here, and
    ``limits.seconds_per_document`` is enforced by an alarm signal (see
    :mod:`newsclean.deadline`). With more, each worker enforces it the same
    way, and a worker that overruns it anyway (stuck in a C library) is
    killed from outside and replaced, so a stall never outlives its limit
    by more than :data:`HARD_LIMIT_FACTOR` times (plus a grace).
    ``config`` is resolved once, so every worker judges dates against the same day.
    ``build`` makes each worker's pipeline, once per worker; with several
    workers it must be a module-level function (workers import it by name).
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    config = config.resolved()
    if workers == 1:
        process = build(config).process
        return (process(read_document(raw)) for raw in raws)
    return _process_in_pool(iter(raws), config, workers, build)


def hard_limit(config: PipelineConfig) -> float | None:
    """Seconds after which a worker still cleaning one document is killed (None: never)."""
    seconds = config.limits.seconds_per_document
    return None if seconds is None else seconds * HARD_LIMIT_FACTOR + HARD_LIMIT_GRACE_SECONDS


def _process_in_pool(raws: Iterator[RawDocument | UnreadFile], config: PipelineConfig, workers: int,
                     build: PipelineFactory = build_standard,
                     task: Callable[[RawDocument | UnreadFile], Outcome] | None = None) -> Iterator[Outcome]:
    """The pool's outcomes in input order; ``task`` replaces :func:`_process_one` (tests only)."""
    context = _pool_context()
    records: Any = context.Queue()
    listener = logging.handlers.QueueListener(records, _Relay())
    listener.start()
    pool = ProcessPool(max_workers=workers, initializer=_start_worker, context=context,
                       initargs=(config.model_dump_json(), build, records, _log_levels()))
    timeout = hard_limit(config)
    deaths = _Deaths()
    in_flight: deque[tuple[RawDocument | UnreadFile, Future[Outcome]]] = deque()
    limit = workers * IN_FLIGHT_PER_WORKER
    try:
        for raw in raws:
            if len(in_flight) >= limit:
                yield _outcome(*in_flight.popleft(), config, deaths)
            in_flight.append((raw, pool.schedule(task or _process_one, args=(raw,), timeout=timeout)))
        while in_flight:
            yield _outcome(*in_flight.popleft(), config, deaths)
    finally:
        pool.stop()  # every document was handed back, or the caller stopped early
        pool.join()
        listener.stop()  # after the workers are gone: every record they sent is handled first
        records.close()
        records.join_thread()  # the queue's feeder thread ends here, not after the run returns


class _Deaths:
    """Counts documents in a row whose worker died, to tell a bad document from broken workers."""

    def __init__(self) -> None:
        self.in_a_row = 0

    def survived(self) -> None:
        self.in_a_row = 0

    def died(self, raw: RawDocument | UnreadFile, error: BaseException) -> None:
        """Count a death; raise :class:`WorkerFailed` at :data:`MAX_DEATHS_IN_A_ROW`."""
        self.in_a_row += 1
        if self.in_a_row >= MAX_DEATHS_IN_A_ROW:
            raise WorkerFailed(
                f"worker processes died cleaning {self.in_a_row} documents in a row, the last {_name(raw)}: "
                f"{error}. Give the workers more memory, or rerun with --workers 1 to see the error."
            ) from error


def _outcome(raw: RawDocument | UnreadFile, future: Future[Outcome], config: PipelineConfig,
             deaths: _Deaths) -> Outcome:
    """The outcome of ``raw``, waiting for its worker; a killed or dead worker's document is rejected.

    pebble fails the one task whose worker overran its timeout (the worker is
    killed and replaced) or died (a crash in a C extension, the out-of-memory
    killer); the other documents in flight are not touched.
    """
    try:
        outcome = future.result()
    except TaskTimeout:
        logger.warning("%s: a worker overran the time limit; it was stopped and replaced", _name(raw))
        deaths.survived()
        return _worker_rejection(raw, RejectReason.TIMEOUT, (
            f"the worker cleaning it was stopped after {hard_limit(config):g} s, over "
            f"limits.seconds_per_document={config.limits.seconds_per_document:g} s "
            f"(stuck in a call the time limit cannot interrupt)"))
    except (ProcessExpired, BrokenProcessPool) as error:
        deaths.died(raw, error)
        logger.warning("%s: its worker process died; the document is rejected", _name(raw))
        return _worker_rejection(raw, RejectReason.INTERNAL_ERROR, (
            "the worker process cleaning it died (a crash in a C extension or out of memory); "
            "please report the document"))
    deaths.survived()
    return outcome


def _name(raw: RawDocument | UnreadFile) -> str:
    return f"{raw.source} (document {raw.index})"


def _worker_rejection(raw: RawDocument | UnreadFile, reason: RejectReason, detail: str) -> Outcome:
    """The outcome of a document whose worker was stopped or died: the pipeline could not say more.

    A file its worker read is read again here, so the rejection states its size and hash.
    """
    return Outcome(rejection(start_document(read_document(raw)), StageName.WORKER, reason, detail), ())


class _Relay(logging.Handler):
    """Hands a record from a worker to the calling process's logger of the same name."""

    def emit(self, record: logging.LogRecord) -> None:
        logger = logging.getLogger(record.name)
        if logger.isEnabledFor(record.levelno):
            logger.handle(record)


def _log_levels() -> dict[str, int]:
    """The calling process's effective levels, so workers send only records that would be handled."""
    return {name: logging.getLogger(name or None).getEffectiveLevel() for name in ("", "newsclean")}


def _start_worker(config_json: str, build: PipelineFactory, records: Any, levels: dict[str, int]) -> None:
    """Send this worker's log records to the caller and build its pipeline once.

    The worker process is newsclean's own, so configuring its logging here is
    not configuring the user's: its root logger only forwards to the caller.
    A pipeline that cannot be built is remembered, and every document this
    worker is given raises :class:`WorkerFailed` with the reason, which stops the run.
    """
    global _worker_pipeline, _worker_start_error, _worker_signs, _worker_release
    root = logging.getLogger()
    root.handlers[:] = [logging.handlers.QueueHandler(records)]
    for name, level in levels.items():
        logging.getLogger(name or None).setLevel(level)
    try:
        config = PipelineConfig.model_validate_json(config_json)
        _worker_signs = config.dedup.mode is not DedupMode.OFF
        _worker_pipeline = build(config)
        _worker_release = heap_releaser()
        freeze_long_lived()
    except Exception as error:  # reported to the caller with the first document
        logger.exception("a worker could not build its pipeline")
        _worker_start_error = f"{type(error).__name__}: {error}"


def _process_one(raw: RawDocument | UnreadFile) -> Outcome:
    """Clean one document (reading it first when it is a file) with this worker's pipeline, and sign it
    when it is an article and dedup is on.

    Signing here rather than in the calling process spreads that cost over the
    workers: the calling process, which lists and writes every document, is
    the one that cannot be multiplied. While it runs, a termination signal ends the worker at once, as the kill
    it stands for should, even inside a C call that holds off Python's signal
    handlers; between documents the pool's own handler exits cleanly, sending
    the last log records first.
    """
    global _worker_documents
    if _worker_pipeline is None:
        raise WorkerFailed(f"a worker process could not build its pipeline: {_worker_start_error or 'not started'}")
    graceful = signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        outcome = _worker_pipeline.process(read_document(raw))
        if _worker_signs and isinstance(outcome.record, Article):
            outcome = dataclasses.replace(outcome, signature=signature(outcome.record.text))
        _worker_documents += 1
        if _worker_documents == FREEZE_AGAIN_AFTER_DOCUMENTS:
            freeze_long_lived()
        if _worker_release is not None and _worker_documents % RELEASE_EVERY_DOCUMENTS == 0:
            _worker_release()  # a long run's freed pages go back to the system (see runner.memory)
        return outcome
    finally:
        signal.signal(signal.SIGTERM, graceful)
