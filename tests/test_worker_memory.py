"""A worker hands its C heap's free pages back to the system (glibc's malloc_trim)."""

from __future__ import annotations

import platform

import pytest

from newsclean.runner.memory import heap_releaser


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
