#!/usr/bin/env python3
"""Body-extraction quality on real pages, beside the baselines, computed in the same run.

Runs newsclean in both modes on ``../shared/eval/data/pages`` and prints a
table of 4-word-shingle precision / recall / F1 and documents per second for:

  text   no cleaning (the page text as is)       vs newsclean.clean_text
  html   trafilatura alone (favor_precision)      vs newsclean.clean_html

Usage: python benchmarks/quality.py [--data DIR] [--per-doc FILE.tsv]
The data folder is the evaluation kit's; the benchmark never runs in the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "data"


def _load(data: Path) -> list[tuple[str, str, str, bytes, str | None]]:
    pages = data / "pages"
    rows = []
    for truth_path in sorted((pages / "truth").glob("*.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        doc_id = truth_path.stem
        rows.append((doc_id, truth.get("articleBody") or "",
                     (pages / "pagetext" / f"{doc_id}.txt").read_text(encoding="utf-8"),
                     (pages / "html" / f"{doc_id}.html").read_bytes(), truth.get("url")))
    return rows


def _measure(rows, predict: Callable[[tuple], str]) -> tuple[dict[str, str], float, int]:
    predictions: dict[str, str] = {}
    failures = 0
    began = time.perf_counter()
    for row in rows:
        try:
            predictions[row[0]] = predict(row)
        except Exception:  # a failure is an empty prediction, as in the scorer
            predictions[row[0]] = ""
            failures += 1
    return predictions, len(rows) / (time.perf_counter() - began), failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--per-doc", type=Path, help="write newsclean's per-page scores (both modes) here")
    args = parser.parse_args()
    sys.path.insert(0, str(args.data.parent))
    from shingle_metric import evaluate  # the evaluation kit's scorer

    import trafilatura

    import newsclean
    from newsclean.config import DatesConfig, PipelineConfig

    config = PipelineConfig(dates=DatesConfig(reference_date=dt.date.today()))
    rows = _load(args.data)
    truth = {row[0]: row[1] for row in rows}
    systems: list[tuple[str, str, Callable[[tuple], str]]] = [
        ("text", "no cleaning", lambda r: r[2]),
        ("text", "newsclean.clean_text", lambda r: newsclean.clean_text(r[2], source=r[0], config=config).text),
        ("html", "trafilatura alone", lambda r: trafilatura.extract(r[3], url=r[4], favor_precision=True) or ""),
        ("html", "newsclean.clean_html", lambda r: newsclean.clean_html(r[3], url=r[4], config=config).text),
    ]
    print(f"{len(rows)} pages from {args.data / 'pages'}\n")
    print(f"{'mode':5} {'system':24} {'precision':>9} {'recall':>7} {'F1':>6} {'docs/s':>8} {'failed':>6}")
    per_doc: list[str] = []
    for mode, name, predict in systems:
        predictions, speed, failures = _measure(rows, predict)
        metrics, doc_rows = evaluate(truth, predictions, n_bootstrap=0)
        print(f"{mode:5} {name:24} {metrics['precision']:9.3f} {metrics['recall']:7.3f} {metrics['f1']:6.3f} "
              f"{speed:8.1f} {failures:6d}")
        if name.startswith("newsclean"):
            per_doc += [f"{mode}\t{r[0]}\t{r[1]:.4f}\t{r[2]:.4f}\t{r[3]:.4f}" for r in doc_rows]
    if args.per_doc:
        args.per_doc.write_text("mode\tid\tprecision\trecall\tf1\n" + "\n".join(per_doc) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
