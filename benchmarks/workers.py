#!/usr/bin/env python3
"""The worker pool (pebble) against the hand-built pool it replaced, in one run.

Three scenarios, each on 2 workers and the seeds' articles, with
``limits.seconds_per_document = 1`` (so a stuck worker is killed at 3 s):

- ``stuck 16``: 16 documents, the fourth stalls where the alarm cannot reach
  (the alarm blocked, as inside a C call), as issue 17 measured;
- ``stuck 96``: the same with 96 documents, so cleaning goes on after the stall;
- ``crash 96``: 96 documents, the fourth kills its worker;
- ``clean 96``: 96 documents and no fault: what the pool costs when nothing goes wrong.

Each scenario runs both pools, alternately, ``--repeats`` times; it reports
the median wall-clock seconds (the workers' start included: both pools start
two fresh interpreters) and how many times the pipeline ran (task runs: 16 is
every document once; the old pool cleaned again the documents in flight
around a fault). The old pool is read from git at :data:`OLD_POOL_COMMIT` (the
last commit that had it) into a temporary folder, so both run on this
checkout's pipeline. The faults come from ``tests/stalls.py``.

Usage: python benchmarks/workers.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import importlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from stalls import CRASH, RUNS_LOG, STALL, faulty_pipeline

from newsclean.config import LimitsConfig, PipelineConfig
from newsclean.document import RawDocument
from newsclean.runner import workers as new_pool

#: The last commit with the hand-built pool (concurrent.futures, kill-all-and-resubmit, isolate one by one).
OLD_POOL_COMMIT = "f444813"
WORKERS = 2
LIMIT_SECONDS = 1.0
#: Documents in the issue's scenario (16, one stuck), and in the longer ones.
FEW_DOCUMENTS = 16
MANY_DOCUMENTS = 96
#: The faulty document's place: early, so documents after it are in flight when it fails.
FAULT_AT = 3


def old_pool(folder: Path) -> ModuleType:
    """The old ``newsclean/runner/workers.py`` as the importable module ``old_workers`` (workers import it too)."""
    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{OLD_POOL_COMMIT}:src/newsclean/runner/workers.py"],
                            check=True, capture_output=True, text=True).stdout
    (folder / "old_workers.py").write_text(source.replace("from ..", "from newsclean."), encoding="utf-8")
    sys.path.insert(0, str(folder))  # spawned workers get the caller's sys.path
    return importlib.import_module("old_workers")


def documents(count: int, fault: bytes | None) -> list[RawDocument]:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    raws = [RawDocument(source=seeds[i % len(seeds)].name, data=seeds[i % len(seeds)].read_bytes(), index=i)
            for i in range(count)]
    if fault is not None:
        raws[FAULT_AT] = RawDocument(source="fault.txt", data=fault, index=FAULT_AT)
    return raws


def run_once(pool: ModuleType, raws: list[RawDocument], config: PipelineConfig, log: Path) -> tuple[float, int]:
    """Seconds to get every outcome, and the task runs counted by the fault stage."""
    log.write_text("", encoding="utf-8")
    began = time.perf_counter()
    outcomes = list(pool.process_ordered(iter(raws), config, WORKERS, build=faulty_pipeline))
    seconds = time.perf_counter() - began
    assert [o.record.source_index for o in outcomes] == [raw.index for raw in raws]
    return seconds, len(log.read_text(encoding="utf-8").split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    config = PipelineConfig(limits=LimitsConfig(seconds_per_document=LIMIT_SECONDS)).resolved()
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "runs.log"
        os.environ[RUNS_LOG] = str(log)
        pools = {"old pool": old_pool(Path(folder)), "pebble": new_pool}
        scenarios = {"stuck 16": documents(FEW_DOCUMENTS, STALL), "stuck 96": documents(MANY_DOCUMENTS, STALL),
                     "crash 96": documents(MANY_DOCUMENTS, CRASH), "clean 96": documents(MANY_DOCUMENTS, None)}
        print(f"{WORKERS} workers, limits.seconds_per_document={LIMIT_SECONDS:g}, median of {args.repeats}")
        print(f"{'scenario':9} {'pool':9} {'seconds':>8} {'task runs':>9} {'ratio':>6}")
        for name, raws in scenarios.items():
            times: dict[str, list[float]] = {pool: [] for pool in pools}
            runs: dict[str, list[int]] = {pool: [] for pool in pools}
            for repeat in range(args.repeats):
                order = list(pools) if repeat % 2 == 0 else list(reversed(pools))  # alternate who goes first
                for pool in order:
                    seconds, count = run_once(pools[pool], raws, config, log)
                    times[pool].append(seconds)
                    runs[pool].append(count)
            baseline = statistics.median(times["old pool"])
            for pool in pools:
                median = statistics.median(times[pool])
                print(f"{name:9} {pool:9} {median:8.2f} {statistics.median(runs[pool]):9g} {median / baseline:6.2f}")


if __name__ == "__main__":
    main()
