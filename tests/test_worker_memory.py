"""A worker hands its C heap's free pages back to the system (glibc's malloc_trim), and keeps what it loaded
out of the garbage collector's walks (gc.freeze)."""

from __future__ import annotations

import gc
import platform
import weakref

import pytest

from newsclean.runner.memory import freeze_long_lived, heap_releaser


def _resident_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


@pytest.mark.skipif(platform.system() != "Linux" or platform.libc_ver()[0] != "glibc", reason="glibc only")
def test_freed_memory_below_a_live_block_goes_back_to_the_system():
    release = heap_releaser()
    assert release is not None
    blocks = [b"x" * 65_536 for _ in range(800)]  # 50 MB on the heap, below glibc's mmap threshold
    pinned = b"y" * 65_536  # allocated last, so the freed blocks lie below it and free() cannot return them
    del blocks
    before = _resident_kb()
    release()
    after = _resident_kb()
    assert before - after > 30_000, (before, after)
    assert pinned[:1] == b"y"


class _Node:
    """An object the collector tracks."""


def test_freezing_collects_the_garbage_first_and_exempts_what_is_left():
    garbage = _Node()
    garbage.cycle = garbage  # freed only by a collection
    collected = weakref.ref(garbage)
    del garbage
    held = _Node()
    try:
        freeze_long_lived()
        assert collected() is None  # collected, not frozen for good
        assert gc.get_freeze_count() > 0
        assert not any(obj is held for obj in gc.get_objects())  # out of every generation the collector walks
    finally:
        gc.unfreeze()
