"""A pipeline stage that stalls where no alarm reaches it, or kills its process, on request.

For the worker pool's fault tests (and ``benchmarks/workers.py``). Real
documents cannot reliably hang a C library or crash the interpreter, so this
stage stands in for the two faults the pool must survive, inside the worker's
pipeline where real faults happen; every other document goes through the real
pipeline of the worker.
"""

from __future__ import annotations

import os
import signal
import time

from newsclean.assembly import build_pipeline
from newsclean.config import PipelineConfig
from newsclean.document import Doc
from newsclean.pipeline import Pipeline
from newsclean.records import StageName

#: Marks in a document's content that ask for a fault.
STALL = b"<<stall where the alarm cannot reach>>"
CRASH = b"<<kill the worker>>"
#: An environment variable naming a file where every run of the stage appends the document's
#: index, to count task runs, when :func:`faulty_pipeline` is given none. Set it before the first
#: pool of the process starts: workers forked from the fork server see the environment it started
#: with, not the caller's of a later pool.
RUNS_LOG = "NEWSCLEAN_TEST_FAULT_RUNS"
#: Longer than any test waits: the pool must stop it, not wait for it (seconds).
STALL_SECONDS = 600


class Fault:
    """Stalls (the alarm blocked, as during a long call into C) or dies when the document asks."""

    name = StageName.DECODE

    def __init__(self, runs_log: str | None = None) -> None:
        self.runs_log = runs_log

    def __call__(self, doc: Doc) -> Doc:
        log = self.runs_log or os.environ.get(RUNS_LOG)
        if log:
            with open(log, "a", encoding="utf-8") as f:  # one short line per write: appends do not interleave
                f.write(f"{doc.raw.index}\n")
        data = doc.raw.data.encode() if isinstance(doc.raw.data, str) else doc.raw.data
        if STALL in data:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # as a long call into C would
            time.sleep(STALL_SECONDS)
        if CRASH in data:
            os.kill(os.getpid(), signal.SIGKILL)
        return doc


def faulty_pipeline(config: PipelineConfig, runs_log: str | None = None) -> Pipeline:
    """The real pipeline with :class:`Fault` first, appending to the file ``runs_log`` (default: the one
    :data:`RUNS_LOG` names, if any). Module level: workers import it by name (``functools.partial``
    of it with ``runs_log`` too)."""
    pipeline = build_pipeline(config)
    return Pipeline([Fault(runs_log), *pipeline.stages], seconds_per_document=config.limits.seconds_per_document)
