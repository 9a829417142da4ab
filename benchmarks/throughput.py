#!/usr/bin/env python3
"""Throughput and memory of a batch run, beside trafilatura alone and the I/O floor, in one run.

Builds JSON Lines corpora by repeating the evaluation kit's dev pages
(``../shared/eval/data/pages``: ``pagetext`` for text mode, ``html`` for HTML
mode) to ``--docs`` documents, then measures, each in a fresh subprocess:

  newsclean text mode and HTML mode, with 1 worker and with every core;
  trafilatura ``extract`` alone on the same HTML, one process (the peer a user would pick);
  the I/O floor: reading the same inputs and writing the same Parquet, no cleaning;
  the peak RSS of a text-mode run (whole process tree, every core) on two corpus sizes, with
  each process's own peak and the tree's peak PSS (shared pages counted once, in shares).

Every ratio is against a figure measured in the same run, on the same machine.
Timings on a shared machine are noisy: the load average is printed with them.

Usage: python benchmarks/throughput.py [--docs 1000] [--rss-docs 2000,20000] [--workers N] [--data DIR]
The benchmark never runs in the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "data"
#: How often the process tree's memory is sampled (seconds).
RSS_SAMPLE_SECONDS = 0.1
#: The targets of issue 5 (2-core machine).
TARGET_TEXT_VS_TRAFILATURA = 5.0
TARGET_HTML_VS_TRAFILATURA = 0.85
TARGET_SPEEDUP = 1.7
TARGET_RSS_GROWTH = 1.2
TARGET_RSS_MB = 600


# --- corpora --------------------------------------------------------------------------------------

def build_corpus(data: Path, mode: str, docs: int, folder: Path) -> tuple[Path, int]:
    """``docs`` documents of ``mode`` (text or html) as one JSON Lines file; returns it and its content bytes."""
    pages = data / "pages"
    sources = sorted((pages / "pagetext").glob("*.txt")) if mode == "text" else sorted((pages / "html").glob("*.html"))
    if not sources:
        sys.exit(f"no dev pages under {pages}: pass --data")
    field = "text" if mode == "text" else "html"
    contents = [path.read_bytes().decode("utf-8", "replace") for path in sources]
    path = folder / f"{mode}-{docs}.jsonl"
    size = 0
    with path.open("w", encoding="utf-8") as out:
        for n in range(docs):
            content = contents[n % len(contents)]
            size += len(content.encode("utf-8"))
            out.write(json.dumps({field: content, "url": f"https://example.org/{mode}/{n}"}) + "\n")
    return path, size


# --- measurements, each run in its own subprocess --------------------------------------------------

def measure(spec: dict) -> dict:
    """Run one measurement in this process; returns seconds and this process's peak RSS."""
    kind, corpus, out = spec["kind"], spec["corpus"], spec["out"]
    began = time.perf_counter()
    if kind == "newsclean":
        import newsclean

        summary = newsclean.run([corpus], out, workers=spec["workers"])
        summary.check()
    elif kind == "trafilatura":
        import trafilatura

        with open(corpus, encoding="utf-8") as lines:
            for line in lines:
                trafilatura.extract(json.loads(line)["html"], favor_precision=True, include_comments=False,
                                    include_tables=True)
    elif kind == "floor":
        io_floor(corpus, out)
    seconds = time.perf_counter() - began
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime  # workers are joined by now
    return {"seconds": seconds, "cpu_seconds": cpu, "self_rss_mb": own.ru_maxrss / 1024}


def io_floor(corpus: str, out: str) -> None:
    """Read the inputs as newsclean does and write one Article per document, uncleaned, in the same layout."""
    from newsclean._version import __version__
    from newsclean.runner.batch import open_tables
    from newsclean.config import PipelineConfig
    from newsclean.io.read import iter_documents
    from newsclean.pipeline import start_document
    from newsclean.records import Article

    from newsclean.stages.validate import quality_record
    from newsclean.text.quality import quality_signals

    config = PipelineConfig().resolved()
    quality = quality_record(quality_signals(["floor"], None))  # the floor writes, it does not measure text
    articles, rejects = open_tables(out, config)
    with articles, rejects:
        for raw in iter_documents([corpus], max_input_bytes=config.limits.max_input_bytes):
            doc = start_document(raw)
            text = raw.data if isinstance(raw.data, str) else raw.data.decode("utf-8", "replace")
            articles.write(Article(
                doc_id=doc.doc_id, source=raw.source, source_index=raw.index, url=raw.url,
                content_type=raw.content_type or "text", status="article", title=None, subtitle=None,
                byline=None, publisher=None, published=None, published_source="none", published_confidence=None,
                updated=None, date_mentions=[], date_candidates=[], language=None, text=text, paragraphs=[text],
                removed=[], word_count=0, content_hash=doc.input_hash, input_size=doc.input_size,
                input_hash=doc.input_hash, pipeline_version=__version__, warnings=[], quality=quality))


def run_measurement(spec: dict, *, sample_tree: bool = False) -> dict:
    """Run ``spec`` in a fresh interpreter; with ``sample_tree``, also the memory of its whole process tree.

    The tree's peak RSS is the largest sum over its processes seen in one sample
    (pages shared between processes count in each, as ``ps`` shows them); its
    peak PSS counts a shared page once, split between the processes sharing it.
    Each process's own peak RSS is kept too, by role: the main process (it reads
    and writes), the workers, and any helper (multiprocessing's resource tracker).
    """
    process = subprocess.Popen([sys.executable, __file__, "--measure", json.dumps(spec)],
                               stdout=subprocess.PIPE, text=True)
    peaks = {"rss": 0, "pss": 0}
    own: dict[int, tuple[str, int]] = {}  # pid -> (role, peak RSS kB)
    done = threading.Event()

    def sample() -> None:
        while not done.wait(RSS_SAMPLE_SECONDS):
            tree = tree_memory_kb(process.pid)
            peaks["rss"] = max(peaks["rss"], sum(rss for _, rss, _ in tree.values()))
            peaks["pss"] = max(peaks["pss"], sum(pss for _, _, pss in tree.values()))
            for pid, (role, rss, _) in tree.items():
                own[pid] = (role, max(rss, own.get(pid, (role, 0))[1]))

    sampler = threading.Thread(target=sample, daemon=True)
    if sample_tree:
        sampler.start()
    stdout, _ = process.communicate()
    done.set()
    if process.returncode != 0:
        sys.exit(f"measurement {spec} failed with exit code {process.returncode}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result["tree_rss_mb"] = peaks["rss"] / 1024
    result["tree_pss_mb"] = peaks["pss"] / 1024
    result["process_rss_mb"] = sorted(((role, rss / 1024) for role, rss in own.values()), key=_role_order)
    return result


def _role_order(entry: tuple[str, float]) -> tuple[int, float]:
    return ("main", "worker", "helper").index(entry[0]), -entry[1]


def tree_memory_kb(root: int) -> dict[int, tuple[str, int, int]]:
    """Role, resident memory and proportional memory (kB) of ``root`` and each of its descendants, from /proc."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as stat:
                parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in tree]
        tree.update(children)
        frontier.extend(children)
    memory = {}
    for pid in tree:
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as rollup:
                fields = dict(line.split(":", 1) for line in rollup if line[:1].isupper())
            with open(f"/proc/{pid}/cmdline", encoding="utf-8") as cmdline:
                command = cmdline.read()
        except OSError:  # the process ended between the listing and the reading
            continue
        role = "main" if pid == root else "worker" if "spawn_main" in command else "helper"
        memory[pid] = (role, int(fields["Rss"].split()[0]), int(fields["Pss"].split()[0]))
    return memory


# --- report ---------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=1000, help="documents per timing corpus (default 1000)")
    parser.add_argument("--rss-docs", default="2000,20000", help="corpus sizes for peak RSS ('' to skip)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="'all cores' (default: cpu count)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(json.loads(args.measure))))
        return
    with tempfile.TemporaryDirectory(prefix="newsclean-bench-") as tmp:
        report(args, Path(tmp))


def report(args: argparse.Namespace, tmp: Path) -> None:
    load_before = os.getloadavg()
    corpora = {mode: build_corpus(args.data, mode, args.docs, tmp) for mode in ("text", "html")}
    print(f"corpus: {args.docs} documents per mode; text {corpora['text'][1] / 1e6:.1f} MB, "
          f"html {corpora['html'][1] / 1e6:.1f} MB; {os.cpu_count()} cores; 'all cores' = {args.workers} workers")

    cpu_ms: dict[str, float] = {}

    def rate(result: dict, mode: str, name: str) -> tuple[float, float]:
        cpu_ms[name] = 1000 * result["cpu_seconds"] / args.docs
        return args.docs / result["seconds"], corpora[mode][1] / 1e6 / result["seconds"]

    runs: dict[tuple[str, int], tuple[float, float]] = {}
    for mode in ("text", "html"):
        for workers in sorted({1, args.workers}):
            spec = {"kind": "newsclean", "corpus": str(corpora[mode][0]), "out": str(tmp / f"out-{mode}-{workers}"),
                    "workers": workers}
            name = f"newsclean {mode}, {workers} worker(s)"
            runs[mode, workers] = rate(run_measurement(spec), mode, name)
    trafilatura_name = "trafilatura extract, 1 process"
    trafilatura = rate(run_measurement({"kind": "trafilatura", "corpus": str(corpora["html"][0]), "out": ""}),
                       "html", trafilatura_name)
    floors = {mode: rate(run_measurement({"kind": "floor", "corpus": str(corpora[mode][0]),
                                          "out": str(tmp / f"floor-{mode}")}), mode, f"I/O floor, {mode} (read + write)")
              for mode in ("text", "html")}

    print(f"\n{'run':<34}{'docs/s':>9}{'MB/s':>8}{'CPU ms/doc':>12}{'vs trafilatura':>16}{'vs I/O floor':>14}")
    for (mode, workers), (docs, mb) in runs.items():
        name = f"newsclean {mode}, {workers} worker(s)"
        print(f"{name:<34}{docs:>9.1f}{mb:>8.2f}{cpu_ms[name]:>12.1f}"
              f"{docs / trafilatura[0]:>15.2f}x{docs / floors[mode][0]:>13.3f}x")
    print(f"{trafilatura_name:<34}{trafilatura[0]:>9.1f}{trafilatura[1]:>8.2f}{cpu_ms[trafilatura_name]:>12.1f}"
          f"{1:>15.2f}x")
    for mode, (docs, mb) in floors.items():
        name = f"I/O floor, {mode} (read + write)"
        print(f"{name:<34}{docs:>9.1f}{mb:>8.2f}{cpu_ms[name]:>12.1f}")
    speedups = {mode: runs[mode, args.workers][0] / runs[mode, 1][0] for mode in ("text", "html")}
    print(f"\nspeed-up with {args.workers} workers: text {speedups['text']:.2f}x, html {speedups['html']:.2f}x "
          f"(CPU per document with {args.workers} workers / with 1, start-up included: "
          + ", ".join(f"{mode} {cpu_ms[f'newsclean {mode}, {args.workers} worker(s)'] / cpu_ms[f'newsclean {mode}, 1 worker(s)']:.2f}"
                      for mode in ("text", "html")) + ")")

    rss = {}
    for size in [int(n) for n in args.rss_docs.split(",") if n.strip()]:
        corpus, _ = build_corpus(args.data, "text", size, tmp)
        result = run_measurement({"kind": "newsclean", "corpus": str(corpus), "out": str(tmp / f"rss-{size}"),
                                  "workers": args.workers}, sample_tree=True)
        rss[size] = result["tree_rss_mb"]
        processes = ", ".join(f"{role} {mb:.0f}" for role, mb in result["process_rss_mb"])
        print(f"peak RSS, text mode, {size} documents, {args.workers} workers: {result['tree_rss_mb']:.0f} MB "
              f"(process tree; each process's own peak: {processes} MB; the main process's maximum "
              f"resident set {result['self_rss_mb']:.0f} MB); peak PSS {result['tree_pss_mb']:.0f} MB; "
              f"{size / result['seconds']:.1f} docs/s")
        corpus.unlink()

    print(f"\nload average before: {load_before[0]:.2f}, after: {os.getloadavg()[0]:.2f}")
    print("targets:")
    print(f"  text mode >= {TARGET_TEXT_VS_TRAFILATURA}x trafilatura: {runs['text', 1][0] / trafilatura[0]:.2f}x")
    print(f"  html mode >= {TARGET_HTML_VS_TRAFILATURA}x trafilatura: {runs['html', 1][0] / trafilatura[0]:.2f}x")
    print(f"  speed-up >= {TARGET_SPEEDUP}x: text {speedups['text']:.2f}x, html {speedups['html']:.2f}x")
    if len(rss) >= 2:
        small, large = min(rss), max(rss)
        print(f"  RSS({large}) <= {TARGET_RSS_GROWTH}x RSS({small}) and < {TARGET_RSS_MB} MB: "
              f"{rss[large] / rss[small]:.2f}x, {rss[large]:.0f} MB")


if __name__ == "__main__":
    main()
