"""A worker task that stalls where no alarm reaches it, or dies, on request: for the worker pool's fault tests.

Real documents cannot reliably hang a C library or crash the interpreter, so
these stand in for the two faults the pool must survive; every other
document goes through the real pipeline of the worker.
"""

from __future__ import annotations

import os
import signal
import time

from newsclean.runner import workers
from newsclean.document import RawDocument
from newsclean.pipeline import Outcome

#: Marks in a document's content that ask for a fault.
STALL = b"<<stall where the alarm cannot reach>>"
CRASH = b"<<kill the worker>>"
#: Longer than any test waits: the pool must stop it, not wait for it (seconds).
STALL_SECONDS = 600


def clean_or_fail(raw: RawDocument) -> Outcome:
    """Clean ``raw`` in this worker, unless it asks to stall or to crash."""
    data = raw.data.encode() if isinstance(raw.data, str) else raw.data
    if STALL in data:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # as a long call into C would
        time.sleep(STALL_SECONDS)
    if CRASH in data:
        os.kill(os.getpid(), signal.SIGKILL)
    return workers._process_one(raw)
