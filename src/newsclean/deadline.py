"""A time limit per document: an interval timer that interrupts the pipeline when a document overstays.

A thread cannot be stopped from outside, so the limit is enforced from
inside the process doing the work: ``SIGALRM`` raises :class:`DocumentTimeout`
at the next point where Python checks for signals. That is every few
bytecodes in Python code and inside regular expression matching (a
catastrophic pattern is interrupted), but not during one call into a C
library that does not check (an lxml parse): such a call finishes first, and
is bounded by the input size limits. Worker processes are, in addition,
stopped from outside if they overrun the limit anyway
(:mod:`newsclean.runner.workers`).

Signals are delivered to the main thread only, so the limit applies when the
pipeline runs there (a worker process, or a script calling ``run()``); in
any other thread, or on a platform without ``SIGALRM``, it is not enforced.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
from collections.abc import Iterator

logger = logging.getLogger(__name__)


class DocumentTimeout(BaseException):
    """A document's time is up.

    A ``BaseException``, like ``KeyboardInterrupt``: the stages and the
    libraries they call catch ``Exception`` to turn bad markup into a
    rejection, and must not swallow the timeout into another reason.
    """

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than {seconds:g} s")
        self.seconds = seconds


def can_enforce() -> bool:
    """Whether a time limit can be enforced here: a platform with ``SIGALRM``, in the main thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


class Clock:
    """The running clock of one :func:`time_limit`; it can be stopped for a while with :meth:`paused`."""

    def __init__(self, enforced: bool) -> None:
        self.enforced = enforced

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """Stop the clock in the block and restart it after with the time that was left.

        For work that is no document's own: loading what a kind of document
        needs the first time one comes.
        """
        if not self.enforced:
            yield
            return
        handler = signal.getsignal(signal.SIGALRM)
        left, _ = signal.setitimer(signal.ITIMER_REAL, 0)
        try:
            yield
        finally:
            signal.signal(signal.SIGALRM, handler)
            if left:
                signal.setitimer(signal.ITIMER_REAL, left)


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[Clock]:
    """Raise :class:`DocumentTimeout` in the block when it runs longer than ``seconds`` (None: no limit).

    The previous ``SIGALRM`` handler is put back afterwards. The exception may
    also surface just as the block ends; callers catch it around the block.
    """
    if seconds is None or not can_enforce():
        if seconds is not None:
            logger.debug("time limit of %g s not enforced: not in the main thread", seconds)
        yield Clock(enforced=False)
        return

    def expire(_signum: int, _frame: object) -> None:
        raise DocumentTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield Clock(enforced=True)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
