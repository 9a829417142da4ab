#!/usr/bin/env python3
"""Where a run's CPU goes, stage by stage: py-spy samples of ``newsclean run -j 1``, sorted by stage.

The run is the command a user types, over one file per distinct dev page
(:mod:`corpus`, read from ``../shared/eval/data``), in one process so every
sample is of the pipeline. py-spy (a sampling profiler, outside the process:
nothing is added to newsclean) records each stack it sees running, idle
time excluded; each stack is charged to a bucket by its outermost frame
that tells one:

- a stage (decode ... validate): the frame ``Pipeline._run_stages`` calls,
  by the module it is in;
- read: below the readers (``io/read.py``, ``io/lines.py``, ``io/warc.py``...);
- write: below the Parquet sinks (``io/dataset.py``, ``io/parquet.py``, ``io/sinks.py``);
- start-up: imports, building the pipeline, and the one-off loading of what
  a content type needs (``Pipeline.prepare``, which cleans a sample document);
- dedup: the run's near-duplicate signatures and pass;
- run: everything else the batch run does (hashing a document, the tally, the manifest).

``--before COMMIT`` profiles that commit's ``src/`` (``git archive``) in the
same run, for a before/after table.

Usage: python benchmarks/stage_profile.py --data /work/shared/eval/data [--mode both] [--before 17ff274]
Needs py-spy (``pip install py-spy``; declared in the ``bench`` extra).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import DEFAULT_DATA, ROOT, distinct_pages, write_files

#: py-spy's samples per second (its default): 1 sample = 10 ms of CPU.
SAMPLE_RATE_HZ = 100
#: The environment variable naming the file the profiled run writes its CPU seconds to.
CPU_FILE_VARIABLE = "NEWSCLEAN_BENCH_CPU_FILE"
#: ``python -c`` program: the ``newsclean`` command, writing its own CPU seconds at exit.
CLI_REPORTING_CPU = f"""
import atexit, os, resource, runpy, sys
def report():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    with open(os.environ["{CPU_FILE_VARIABLE}"], "w") as out:
        out.write(str(usage.ru_utime + usage.ru_stime))
atexit.register(report)
sys.argv = ["newsclean", *sys.argv[1:]]
runpy.run_module("newsclean", run_name="__main__", alter_sys=True)
"""
#: Buckets in the order the table shows them.
BUCKETS = ("read", "decode", "extract", "segment", "normalize", "noise", "dates", "metadata", "validate", "write",
           "dedup", "run", "start-up")
#: The module of each stage's adapter (the frame the pipeline calls), by path suffix.
STAGE_FILES = {
    "newsclean/io/decode.py": "decode", "newsclean/stages/extract.py": "extract",
    "newsclean/stages/segment.py": "segment", "newsclean/stages/normalize.py": "normalize",
    "newsclean/stages/noise.py": "noise", "newsclean/stages/dates.py": "dates",
    "newsclean/stages/metadata.py": "metadata", "newsclean/stages/validate.py": "validate",
}
READ_FILES = ("newsclean/io/read.py", "newsclean/io/lines.py", "newsclean/io/warc.py", "newsclean/io/jsonl.py",
              "newsclean/io/stdin.py")
WRITE_FILES = ("newsclean/io/dataset.py", "newsclean/io/parquet.py", "newsclean/io/sinks.py")
DEDUP_PARTS = ("newsclean/dedup/", "newsclean/runner/deduplicate.py")
#: Frames of start-up work: imports, building the pipeline, loading what a content type needs.
START_UP_FUNCTIONS = ("_find_and_load", "build_pipeline", "default_stages", "prepare")


def frames(stack: str) -> list[tuple[str, str]]:
    """(function, file) of each frame of one py-spy raw stack, root first (``Class.method`` as ``method``)."""
    parsed = []
    for frame in stack.split(";"):
        function, _, where = frame.partition(" (")
        parsed.append((function.rsplit(".", 1)[-1], where.rsplit(":", 1)[0]))
    return parsed


def bucket(stack: list[tuple[str, str]]) -> str:
    """The bucket a sampled stack is charged to (see the module's docstring); the outermost telling frame wins."""
    for depth, (function, path) in enumerate(stack):
        if function in START_UP_FUNCTIONS:
            return "start-up"
        if function == "_run_stages" and path.endswith("newsclean/pipeline.py"):
            if depth + 1 == len(stack):
                return "run"
            child, child_path = stack[depth + 1]
            if child in START_UP_FUNCTIONS:
                return "start-up"
            return next((name for suffix, name in STAGE_FILES.items() if child_path.endswith(suffix)), "run")
        if path.endswith(WRITE_FILES):
            return "write"
        if path.endswith(READ_FILES):
            return "read"
        if any(part in path for part in DEDUP_PARTS):
            return "dedup"
    return "run"


def tally(raw: str) -> Counter[str]:
    """Samples per bucket of a py-spy ``--format raw`` file."""
    counts: Counter[str] = Counter()
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        if stack:
            counts[bucket(frames(stack))] += int(count)
    return counts


def profile_run(inputs: Path, out: Path, src: Path, raw: Path) -> tuple[Counter[str], float]:
    """Samples per bucket of ``newsclean run inputs -j 1`` (newsclean imported from ``src``), and its CPU seconds.

    py-spy counts a thread that waits for a core as running, so on a busy
    machine its samples measure shares, not time: the shares are applied to
    the CPU time the run reports for itself on exit.
    """
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(spy).exists():
        raise SystemExit("py-spy is not installed: pip install py-spy (or pip install -e '.[bench]')")
    cpu_file = raw.with_suffix(".cpu")
    env = {**os.environ, "PYTHONPATH": str(src), CPU_FILE_VARIABLE: str(cpu_file)}
    command = [spy, "record", "--format", "raw", "--full-filenames", "--rate", str(SAMPLE_RATE_HZ), "-o", str(raw),
               "--", sys.executable, "-c", CLI_REPORTING_CPU, "run", str(inputs), "-o", str(out), "-j", "1",
               "--no-progress"]
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return tally(raw.read_text(encoding="utf-8")), float(cpu_file.read_text(encoding="utf-8"))


def source_at(commit: str, folder: Path) -> Path:
    """``src/`` of ``commit`` unpacked into ``folder`` (the package and its data files)."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "src"], check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder / "src"


def table(columns: dict[str, tuple[Counter[str], float]], pages: int) -> str:
    """A Markdown table: CPU ms per page of each bucket (its share of the samples times the run's CPU)."""
    lines = ["| stage | " + " | ".join(columns) + " |", "|---|" + "---:|" * len(columns)]
    ms = {name: 1000 * cpu / pages / max(1, sum(counts.values())) for name, (counts, cpu) in columns.items()}
    for bucket_name in BUCKETS:
        lines.append(f"| {bucket_name} | " + " | ".join(
            f"{counts[bucket_name] * ms[name]:.1f}" for name, (counts, _) in columns.items()) + " |")
    lines.append("| **total** | " + " | ".join(f"**{1000 * cpu / pages:.1f}**" for _, cpu in columns.values()) + " |")
    return "\n".join(lines)


def profile(data: Path, modes: list[str], before: str | None, tmp: Path, limit: int | None = None, *,
            src: Path = ROOT / "src") -> str:
    """The stage table of every mode (and of ``before``), as Markdown, with what was profiled.

    ``src`` is the newsclean source profiled as "now" (this checkout's, or a copy of it).
    """
    pages = distinct_pages(data)[:limit]
    sources = {"now": src}
    if before:
        sources[f"at {before}"] = source_at(before, tmp / "before")
    columns: dict[str, tuple[Counter[str], float]] = {}
    for mode in modes:
        inputs = write_files(pages, mode, tmp / f"pages-{mode}")
        for label, src in sources.items():
            name = f"{mode}, {label}" if before else mode
            columns[name] = profile_run(inputs, tmp / f"out-{mode}-{len(columns)}", src,
                                        tmp / f"spy-{mode}-{len(columns)}.txt")
    return (f"CPU ms per page by stage: the run's CPU time shared out by py-spy's samples ({SAMPLE_RATE_HZ} Hz) "
            f"of `newsclean run -j 1` on {len(pages)} distinct dev pages (start-up, once per run, in its own "
            f"row):\n\n"
            + table(columns, len(pages)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--mode", choices=("text", "html", "both"), default="both")
    parser.add_argument("--before", help="also profile this commit's src/ (e.g. 17ff274)")
    parser.add_argument("--pages", type=int, help="only the first N distinct pages")
    args = parser.parse_args()
    modes = ["text", "html"] if args.mode == "both" else [args.mode]
    with tempfile.TemporaryDirectory(prefix="newsclean-profile-") as tmp:
        print(profile(args.data, modes, args.before, Path(tmp), args.pages))


if __name__ == "__main__":
    main()
