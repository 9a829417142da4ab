#!/usr/bin/env python3
"""Train newsclean's body classifier and write ``src/newsclean/rules/line_model.json``.

Data: the evaluation kit's pages (naive page text with the published article
body, ``../shared/eval/data/pages``) and the seed articles with their hand
labels, less the held-out pages (``training/heldout.py``: the quality gate
and the leave-out figures score those, so no model may see them). A line is
labelled body when most of its 4-word shingles occur in the published body;
lines are weighted by their share of the page's words, so each page counts
the same, as in the benchmark's metric.

Two logistic regressions (Newton's method with an L2 penalty, numpy only):
stage one on each line's own features, stage two adding the stage-one
probabilities around the line, trained on out-of-fold stage-one outputs so it
learns how far to trust them. Grouped cross-validation by page (no page is in
its own training set) reports how the model does on pages it has not seen,
and picks the decision threshold.

Usage: python training/train_line_model.py [--data DIR] [--out FILE] [--folds 5] [--l2 1.0]
Deterministic: the same data gives the same file.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import gzip
import hashlib
import json
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from heldout import is_held_out  # noqa: E402

from newsclean.assembly import default_stages  # noqa: E402
from newsclean.config import DatesConfig, NoiseConfig, PipelineConfig  # noqa: E402
from newsclean.document import RawDocument  # noqa: E402
from newsclean.text.features import BASE_FEATURES, CONTEXT_FEATURES, context_features, open_lines  # noqa: E402
from newsclean.text.language import StopWords  # noqa: E402
from newsclean.text.linemodel import LineModel, LogisticModel  # noqa: E402
from newsclean.pipeline import start_document  # noqa: E402
from newsclean.records import StageName  # noqa: E402
from newsclean.stages.noise import NoiseStage  # noqa: E402

_TOKEN = re.compile(r"\w+")
#: A line is body when at least this share of its shingles is in the published body.
LABEL_MIN_SHARE = 0.5
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.2, 0.81, 0.02))


@dataclasses.dataclass
class Page:
    name: str
    base: np.ndarray  # stage-one features, one row per line no rule removed
    labels: np.ndarray
    weights: np.ndarray
    lines: list[str]
    truth: str | None  # published body (None for hand-labelled seeds)


def _shingles(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i:i + 4]) for i in range(max(1, len(tokens) - 3))}


def _label(line: str, truth_tokens: list[str], truth_shingles: set, truth_joined: str) -> int:
    tokens = _TOKEN.findall(line)
    if not tokens:
        return 0
    if len(tokens) < 4:
        return int(f" {' '.join(tokens)} " in truth_joined)
    shingles = [tuple(tokens[i:i + 4]) for i in range(len(tokens) - 3)]
    return int(sum(s in truth_shingles for s in shingles) / len(shingles) >= LABEL_MIN_SHARE)


def _prepare(text: str, name: str, stages, noise: NoiseStage, stopwords: StopWords):
    doc = start_document(RawDocument(source=name, data=text))
    for stage in stages:
        if stage.name in (StageName.NOISE, StageName.METADATA, StageName.VALIDATE):
            break
        doc = stage(doc)
    verdicts, language = noise.rule_verdicts(doc)
    rows, kept = open_lines(doc.segments, [v is not None for v in verdicts], stopwords.for_language(language))
    return [doc.segments[i] for i in kept], np.array(rows, dtype=float).reshape(len(kept), len(BASE_FEATURES))


def load_pages(data: Path, stages, noise, stopwords) -> list[Page]:
    pages = []
    for truth_path in sorted((data / "pages" / "truth").glob("*.json")):
        if is_held_out("pages", truth_path.stem):
            continue
        truth = json.loads(truth_path.read_text(encoding="utf-8")).get("articleBody") or ""
        text = (data / "pages" / "pagetext" / f"{truth_path.stem}.txt").read_text(encoding="utf-8")
        segments, base = _prepare(text, truth_path.stem, stages, noise, stopwords)
        tokens = _TOKEN.findall(truth)
        joined = f" {' '.join(tokens)} "
        labels = np.array([_label(s.norm, tokens, _shingles(tokens), joined) for s in segments])
        counts = np.array([max(1, len(_TOKEN.findall(s.norm))) for s in segments], dtype=float)
        pages.append(Page(truth_path.stem, base, labels, counts / max(counts.sum(), 1.0),
                          [s.norm for s in segments], truth))
    return pages


def load_seeds(seeds: Path, gold_file: Path, stages, noise, stopwords) -> list[Page]:
    with gzip.open(gold_file, "rt", encoding="utf-8") as f:
        gold = [json.loads(line) for line in f]
    fold = lambda t: " ".join(t.split())  # noqa: E731
    pages = []
    for row in gold:
        segments, base = _prepare((seeds / row["file"]).read_text(encoding="utf-8"), row["file"],
                                          stages, noise, stopwords)
        body = {fold(p) for p in row["body"]}
        noise_lines = {fold(n["text"]) for n in row["noise"]}
        labels = np.array([1 if fold(s.norm) in body else 0 for s in segments])
        known = np.array([fold(s.norm) in body or fold(s.norm) in noise_lines for s in segments], dtype=float)
        counts = np.array([max(1, len(_TOKEN.findall(s.norm))) for s in segments], dtype=float) * known
        pages.append(Page(row["file"], base, labels, counts / max(counts.sum(), 1.0),
                          [s.norm for s in segments], None))
    return pages


def fit_logistic(x: np.ndarray, y: np.ndarray, w: np.ndarray, names: tuple[str, ...], l2: float) -> LogisticModel:
    """Weighted L2-penalised logistic regression by Newton's method on standardised features."""
    mean = np.average(x, axis=0, weights=w)
    scale = np.sqrt(np.average((x - mean) ** 2, axis=0, weights=w))
    scale[scale < 1e-9] = 1.0
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
    beta = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ beta, -60, 60)))
        gradient = z.T @ (w * (p - y)) + penalty * beta
        hessian = (z * (w * p * (1 - p))[:, None]).T @ z + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return LogisticModel(names, tuple(mean.round(8)), tuple(scale.round(8)), tuple(beta[1:].round(8)),
                         float(beta[0].round(8)))


def _stack(pages: list[Page], attr: str) -> np.ndarray:
    return np.concatenate([getattr(p, attr) for p in pages])


def _probabilities(model: LogisticModel, rows: np.ndarray) -> np.ndarray:
    if len(rows) == 0:
        return np.zeros(0)
    z = model.bias + ((rows - np.array(model.mean)) / np.array(model.scale)) @ np.array(model.weights)
    return 1.0 / (1.0 + np.exp(-np.clip(z, -60, 60)))


def _context_rows(page: Page, first: np.ndarray) -> np.ndarray:
    return np.hstack([page.base, np.array(context_features(list(first), page.base.tolist())).reshape(len(first), -1)])


def _folds(pages: list[Page], k: int, salt: str = "") -> list[int]:
    return [int(hashlib.sha256((salt + p.name).encode()).hexdigest(), 16) % k for p in pages]


def train(pages: list[Page], folds: int, l2: float) -> tuple[LogisticModel, LogisticModel]:
    """Stage one on every page; stage two on out-of-fold stage-one probabilities."""
    y, w = _stack(pages, "labels"), _stack(pages, "weights")
    base = fit_logistic(_stack(pages, "base"), y, w, BASE_FEATURES, l2)
    assignment = _folds(pages, folds)
    context_rows = []
    for page, fold in zip(pages, assignment):
        inner = [p for p, f in zip(pages, assignment) if f != fold]
        inner_model = fit_logistic(_stack(inner, "base"), _stack(inner, "labels"), _stack(inner, "weights"),
                                   BASE_FEATURES, l2) if folds > 1 else base
        context_rows.append(_context_rows(page, _probabilities(inner_model, page.base)))
    context = fit_logistic(np.vstack(context_rows), y, w, BASE_FEATURES + CONTEXT_FEATURES, l2)
    return base, context


def predict(base: LogisticModel, context: LogisticModel, page: Page) -> np.ndarray:
    return _probabilities(context, _context_rows(page, _probabilities(base, page.base)))


def cross_validate(pages: list[Page], folds: int, l2: float, evaluate, repeats: int) -> dict[float, dict]:
    """Shingle P/R/F1 on held-out pages for each threshold (pages with a published body only).

    Averaged over ``repeats`` different splits of the pages into folds, so
    that the figure (and the threshold chosen by it) does not hang on one split.
    """
    scored = [p for p in pages if p.truth is not None]
    truth = {p.name: p.truth for p in scored}
    totals: dict[float, dict[str, float]] = {t: {"precision": 0.0, "recall": 0.0, "f1": 0.0} for t in THRESHOLDS}
    for repeat in range(repeats):
        assignment = _folds(pages, folds, salt=f"repeat-{repeat}:")
        held_out: dict[str, np.ndarray] = {}
        for fold in range(folds):
            training = [p for p, f in zip(pages, assignment) if f != fold]
            base, context = train(training, folds - 1, l2)
            for page, f in zip(pages, assignment):
                if f == fold:
                    held_out[page.name] = predict(base, context, page)
        for threshold in THRESHOLDS:
            predictions = {p.name: "\n".join(line for line, q in zip(p.lines, held_out[p.name]) if q >= threshold)
                           for p in scored}
            metrics, _ = evaluate(truth, predictions, n_bootstrap=0)
            for key in totals[threshold]:
                totals[threshold][key] += metrics[key] / repeats
    return totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval" / "data")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--gold", type=Path, default=ROOT / "tests" / "data" / "seeds-gold.jsonl.gz")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "newsclean" / "rules" / "line_model.json")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--l2", type=float, default=3.0, help="L2 penalty (in units of one page's weight)")
    parser.add_argument("--repeats", type=int, default=3, help="cross-validation repeats over different splits")
    args = parser.parse_args()
    sys.path.insert(0, str(args.data.parent))
    from shingle_metric import evaluate  # the evaluation kit's metric

    config = PipelineConfig(dates=DatesConfig(reference_date=dt.date(2030, 1, 1)),
                            noise=NoiseConfig(classifier=False)).resolved()
    stages = default_stages(config)
    noise = next(s for s in stages if s.name is StageName.NOISE)
    stopwords = StopWords()
    pages = load_pages(args.data, stages, noise, stopwords) + load_seeds(args.seeds, args.gold, stages, noise,
                                                                          stopwords)
    print(f"{len(pages)} pages, {sum(len(p.labels) for p in pages)} lines, "
          f"{int(sum(p.labels.sum() for p in pages))} labelled body")
    results = cross_validate(pages, args.folds, args.l2, evaluate, args.repeats)
    best = max(results, key=lambda t: results[t]["f1"])
    for threshold in THRESHOLDS:
        m = results[threshold]
        mark = "  <- chosen" if threshold == best else ""
        print(f"threshold {threshold:.2f}: P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f}{mark}")
    base, context = train(pages, args.folds, args.l2)
    info = {
        "trained_on": f"{len(pages)} pages ({sum(p.truth is not None for p in pages)} evaluation-kit pages, "
                      f"{sum(p.truth is None for p in pages)} hand-labelled seeds)",
        "cross_validated": {k: round(v, 4) for k, v in results[best].items() if isinstance(v, float)},
        "folds": args.folds, "repeats": args.repeats, "l2": args.l2, "label_min_share": LABEL_MIN_SHARE,
    }
    model = LineModel(base, context, best, info)
    args.out.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out} (threshold {best}, cross-validated F1 {results[best]['f1']:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
