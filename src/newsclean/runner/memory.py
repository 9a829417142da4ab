"""Handing a long-lived worker's free heap memory back to the system.

A worker cleans thousands of documents, each of which allocates and frees
megabytes (the page, its lines, the extractors' trees, the language model's
temporary arrays). glibc's allocator keeps freed memory for reuse and returns
only what lies at the very top of its heap, so a few long-lived objects (the
bounded caches' newest entries) pin freed pages in the middle and the
worker's resident memory creeps up over a long run. ``malloc_trim`` returns
every free page wherever it lies. It costs about 0.75 ms per call on a worker's
heap, so it is called once every :data:`RELEASE_EVERY_DOCUMENTS` documents.

Other C libraries (musl, macOS) have no ``malloc_trim``: there this does nothing.
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Callable

logger = logging.getLogger(__name__)

#: Documents a worker cleans between two releases of its free heap memory: often enough that the
#: free pages never pile up (a document frees at most some megabytes), rarely enough that the
#: 0.75 ms a release costs is under 0.01 ms a document.
RELEASE_EVERY_DOCUMENTS = 100


def heap_releaser() -> Callable[[], None] | None:
    """A function that returns the C heap's free pages to the system, or None where the C library has none."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc
        logger.debug("no malloc_trim in this C library: free heap memory is left to the allocator")
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int

    def release() -> None:
        trim(0)

    return release
