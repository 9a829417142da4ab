#!/usr/bin/env python3
"""HTML body extraction on every evaluation source, beside trafilatura's three presets, in one run.

For each of ``pages``, ``pages-readability`` (4-word-shingle precision /
recall / F1, the article-extraction benchmark's metric) and ``snippets``
(passages that must and must not be in the body, as trafilatura scores
itself) it scores, on the same pages and in the same process:

  newsclean            clean_html with the default extract.extractor ("agreement")
  newsclean-trafilatura clean_html with extract.extractor = "trafilatura"
  trafilatura[-precision|-recall]  trafilatura.extract alone (comments excluded, tables included)
  --extractors         also each of the five extractors the agreement asks, alone

and prints F1 (precision / recall) and CPU milliseconds per page. Reads the
evaluation kit in ``../shared/eval`` (its sets and scorers); never runs in the
test suite.

Usage: python benchmarks/html_extraction.py [--eval DIR] [--sets pages,...] [--extractors] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVAL = ROOT.parent / "shared" / "eval"
SETS = ("pages", "pages-readability", "snippets")

Page = tuple[str, bytes, str | None]  # id, html, url
System = Callable[[bytes, str | None], str]


def _systems(extractors: bool) -> dict[str, System]:
    import trafilatura

    import newsclean
    from newsclean.config import ExtractConfig, PipelineConfig
    from newsclean.html.extractors import extract_all
    from newsclean.html.parse import parse_page
    from newsclean.io.decode import decode_bytes

    def clean(config: PipelineConfig | None) -> System:
        def run(html: bytes, url: str | None) -> str:
            try:
                return newsclean.clean_html(html, url=url, config=config).text
            except newsclean.CleaningRejected:
                return ""
        return run

    def preset(precision: bool, recall: bool) -> System:
        return lambda html, url: trafilatura.extract(
            html, url=url, include_comments=False, include_tables=True, favor_precision=precision,
            favor_recall=recall) or ""

    systems: dict[str, System] = {
        "newsclean": clean(None),
        "newsclean-trafilatura": clean(PipelineConfig(extract=ExtractConfig(extractor="trafilatura"))),
        "trafilatura": preset(False, False),
        "trafilatura-precision": preset(True, False),
        "trafilatura-recall": preset(False, True),
    }
    if extractors:
        def alone(index: int) -> System:
            def run(html: bytes, url: str | None) -> str:
                text = decode_bytes(html).text
                tree = parse_page(text)
                return extract_all(tree, text, url=url, config=ExtractConfig()).outputs()[index] if tree is not None \
                    else ""
            return run
        for i, name in enumerate(("trafilatura", "resiliparse", "readability", "justext")):
            systems[f"extractor:{name}"] = alone(i)
    return systems


def _score(kit: Path, name: str, truth: dict[str, dict], predictions: dict[str, str]) -> tuple[float, float, float]:
    sys.path.insert(0, str(kit))
    if name != "snippets":
        from shingle_metric import evaluate

        metrics, _ = evaluate({k: t.get("articleBody") or "" for k, t in truth.items()}, predictions, n_bootstrap=0)
        return metrics["precision"], metrics["recall"], metrics["f1"]
    from score_snippets import fold

    tp = fp = fn = 0
    for doc_id, t in truth.items():
        out = fold(predictions.get(doc_id, ""))
        found = [fold(w) in out for w in t["with"]]
        tp, fn = tp + sum(found), fn + len(found) - sum(found)
        fp += sum(fold(w) in out for w in t["without"])
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-9)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="the evaluation kit (scorers and data/)")
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--extractors", action="store_true", help="also score each extractor alone")
    parser.add_argument("--json", type=Path, help="write the table here as JSON")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # trafilatura and jusText log every odd page
    sys.path.insert(0, str(args.eval))
    import evalsets

    systems = _systems(args.extractors)
    table: dict[str, dict[str, dict[str, float]]] = {name: {} for name in systems}
    for set_name in args.sets.split(","):
        root = args.eval / "data" / set_name
        truth = evalsets.truths(root)
        pages: list[Page] = [(k, evalsets.html(root, k), t.get("url")) for k, t in truth.items()]
        for name, system in systems.items():
            predictions: dict[str, str] = {}
            began = time.process_time()  # CPU time: steadier than wall time on a shared machine
            for doc_id, html, url in pages:
                predictions[doc_id] = system(html, url)
            ms = 1000 * (time.process_time() - began) / len(pages)
            precision, recall, f1 = _score(args.eval, set_name, truth, predictions)
            table[name][set_name] = {"precision": precision, "recall": recall, "f1": f1, "ms_per_page": ms}
            print(f"{set_name:18} {name:24} F1 {f1:.3f} ({precision:.3f}/{recall:.3f}) {ms:7.1f} ms/page",
                  flush=True)
    print()
    names = args.sets.split(",")
    print(f"{'system':24}" + "".join(f"{n:>24}" for n in names) + f"{'mean F1':>9}")
    for name, row in table.items():
        cells = "".join(f"{row[n]['f1']:>10.3f} ({row[n]['precision']:.3f}/{row[n]['recall']:.3f})" for n in names)
        print(f"{name:24}{cells}{sum(row[n]['f1'] for n in names) / len(names):>9.3f}")
    if args.json:
        args.json.write_text(json.dumps(table, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
