#!/usr/bin/env python3
"""Train newsclean's body classifier and write ``src/newsclean/rules/line_model.json``.

Data: every labelled source of the evaluation kit (``../shared/eval/data``)
and the seed articles with their hand labels:

- ``pages`` and ``pages-readability``: naive page text with the published
  article body. A line is body when most of its 4-word shingles occur in the
  published body (full labels).
- ``snippets``: a few passages per page that must be in the body, and a few
  that must not. A line holding (or held in) a "with" passage is body, one
  holding a "without" passage is not, the rest is unlabelled (sparse labels).
- the seeds: their hand-labelled body paragraphs and noise lines.

Pages that ``training/heldout.py`` holds out (about one in five of every set)
are never trained on: the quality gate in ``tests/`` scores them. Lines are
weighted by their share of the page's labelled words, so each page counts the
same, as in the benchmark's metric.

Two logistic regressions (Newton's method with an L2 penalty, numpy only):
stage one on each line's own features, stage two adding the stage-one
probabilities around the line, trained on out-of-fold stage-one outputs so it
learns how far to trust them. Grouped cross-validation by page (no page is in
its own training set) reports how the model does on pages it has not seen,
and picks the decision threshold.

Leave-one-source-out: for every source, a model trained on the others cleans
that source's pages through the whole pipeline, beside the model trained on
all; the gap between the two is what the hidden halves of the sets are likely
to show, where in-sample figures are not.

Usage: python training/train_line_model.py [--data DIR] [--out FILE] [--folds 5] [--l2 3.0] [--no-loso]
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

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # small matrices: threads only contend with other work
import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "training"))

from newsclean.assembly import default_stages  # noqa: E402
from newsclean.config import DatesConfig, NoiseConfig, PipelineConfig  # noqa: E402
from newsclean.document import RawDocument  # noqa: E402
from newsclean.text.feature_arrays import context_feature_array, open_line_array  # noqa: E402
from newsclean.text.features import BASE_FEATURES, CONTEXT_FEATURES  # noqa: E402
from newsclean.text.language import StopWords  # noqa: E402
from newsclean.text.linemodel import LineModel, LogisticModel  # noqa: E402
from newsclean.pipeline import start_document  # noqa: E402
from heldout import is_held_out  # noqa: E402
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
    truth: str | None  # published body (None for hand-labelled seeds and snippet pages)
    source: str = ""


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
    verdicts, language = noise.rule_verdicts(doc, repeats=False)  # as the classifier sees a page
    # the very arrays the classifier computes when it scores a page
    rows, kept = open_line_array(doc.segments, [v is not None for v in verdicts], stopwords.for_language(language))
    return [doc.segments[i] for i in kept], rows.reshape(len(kept), len(BASE_FEATURES))


def _weights(segments, known: np.ndarray) -> np.ndarray:
    counts = np.array([max(1, len(_TOKEN.findall(s.norm))) for s in segments], dtype=float) * known
    return counts / max(counts.sum(), 1.0)


def load_pages(data: Path, set_name: str, stages, noise, stopwords) -> list[Page]:
    """A set with published bodies: every line labelled by its shingles' share in the body."""
    import evalsets  # the evaluation kit's reader (plain or gzipped files)

    pages = []
    for page_id, truth_record in evalsets.truths(data / set_name).items():
        if is_held_out(set_name, page_id):
            continue
        truth = truth_record.get("articleBody") or ""
        segments, base = _prepare(evalsets.pagetext(data / set_name, page_id), page_id, stages, noise, stopwords)
        tokens = _TOKEN.findall(truth)
        joined = f" {' '.join(tokens)} "
        labels = np.array([_label(s.norm, tokens, _shingles(tokens), joined) for s in segments])
        pages.append(Page(f"{set_name}/{page_id}", base, labels, _weights(segments, np.ones(len(segments))),
                          [s.norm for s in segments], truth, set_name))
    return pages


#: A line held inside a snippet labels it only when it has at least this many words (a lone
#: "More" inside a "without" passage says nothing about the line).
SNIPPET_LINE_MIN_WORDS = 4


def _fold_text(text: str) -> str:
    import unicodedata

    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _snippet_label(line: str, withs: list[str], withouts: list[str]) -> int | None:
    """1 for a line of a passage that must be kept, 0 for one of a passage that must go, None if neither
    (or both)."""
    folded = _fold_text(line)
    long_enough = len(_TOKEN.findall(line)) >= SNIPPET_LINE_MIN_WORDS
    touches = lambda passage: passage in folded or (long_enough and folded in passage)  # noqa: E731
    body, noise = any(map(touches, withs)), any(map(touches, withouts))
    return None if body == noise else int(body)


def load_snippets(data: Path, stages, noise, stopwords) -> list[Page]:
    """trafilatura's evaluation pages: sparse labels from their must-keep and must-drop passages."""
    import evalsets

    pages = []
    for page_id, truth in evalsets.truths(data / "snippets").items():
        if is_held_out("snippets", page_id):
            continue
        segments, base = _prepare(evalsets.pagetext(data / "snippets", page_id), page_id, stages, noise, stopwords)
        withs = [_fold_text(w) for w in truth["with"] if w.strip()]
        withouts = [_fold_text(w) for w in truth["without"] if w.strip()]
        found = [_snippet_label(s.norm, withs, withouts) for s in segments]
        known = np.array([f is not None for f in found], dtype=float)
        if not known.any():
            continue
        pages.append(Page(f"snippets/{page_id}", base, np.array([f or 0 for f in found]), _weights(segments, known),
                          [s.norm for s in segments], None, "snippets"))
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
        pages.append(Page(row["file"], base, labels, _weights(segments, known), [s.norm for s in segments], None,
                          "seeds"))
    return pages


def fit_logistic(x: np.ndarray, y: np.ndarray, w: np.ndarray, names: tuple[str, ...], l2: float) -> LogisticModel:
    """Weighted L2-penalised logistic regression by Newton's method on standardised features.

    Rows of weight zero (unlabelled lines of sparsely labelled pages) are dropped first: they change
    nothing but the cost.
    """
    labelled = w > 0
    x, y, w = x[labelled], y[labelled], w[labelled]
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
    return np.hstack([page.base, context_feature_array(list(first), page.base[:, 0])])


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


#: The sources a model is trained on and judged by, in the order the tables print them.
SOURCES = ("pages", "pages-readability", "snippets", "seeds")


def _pipeline(model: LineModel):
    """newsclean's own pipeline, as users get it, with ``model`` as its line classifier."""
    from newsclean.pipeline import Pipeline

    # built without the shipped classifier (which may be the very file being retrained), then given ``model``
    config = PipelineConfig(dates=DatesConfig(reference_date=dt.date(2030, 1, 1)),
                            noise=NoiseConfig(classifier=False)).resolved()
    return Pipeline([s.with_model(model) if isinstance(s, NoiseStage) else s for s in default_stages(config)])


def _cleaned(pipeline, text: str, name: str) -> str:
    outcome = pipeline.process(RawDocument(source=name, data=text))
    return getattr(outcome.record, "text", "") or ""


def pipeline_f1(model: LineModel, source: str, args, evaluate, held_out: bool) -> tuple[float, int]:
    """F1 of the whole pipeline, cleaning ``source``'s page text with ``model``: the benchmark's
    shingle metric on published bodies, trafilatura's passage metric on snippets, the seeds' gold body.
    ``held_out`` picks the pages the training leaves out, else the others. Returns (F1, pages)."""
    import evalsets

    pipeline = _pipeline(model)
    if source == "seeds":
        if held_out:
            return float("nan"), 0
        with gzip.open(args.gold, "rt", encoding="utf-8") as f:
            gold = [json.loads(line) for line in f]
        truth = {row["file"]: "\n\n".join(row["body"]) for row in gold}
        pred = {name: _cleaned(pipeline, (args.seeds / name).read_text(encoding="utf-8"), name) for name in truth}
        return evaluate(truth, pred, n_bootstrap=1)[0]["f1"], len(truth)
    root = args.data / source
    ids = [i for i in evalsets.truths(root) if is_held_out(source, i) == held_out]
    if source == "snippets":
        truths = evalsets.truths(root)
        tp = fp = fn = 0
        for page_id in ids:
            text = evalsets.pagetext(root, page_id)
            page, out = _fold_text(text), _fold_text(_cleaned(pipeline, text, page_id))
            withs = [w for w in map(_fold_text, truths[page_id]["with"]) if w in page]
            found = sum(w in out for w in withs)
            tp, fn = tp + found, fn + len(withs) - found
            fp += sum(w in out for w in map(_fold_text, truths[page_id]["without"]))
        precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        return 2 * precision * recall / max(precision + recall, 1e-9), len(ids)
    truths = evalsets.truths(root)
    truth = {i: truths[i].get("articleBody") or "" for i in ids}
    pred = {i: _cleaned(pipeline, evalsets.pagetext(root, i), i) for i in ids}
    return evaluate(truth, pred, n_bootstrap=1)[0]["f1"], len(ids)


def leave_one_source_out(pages: list[Page], model: LineModel, args, evaluate) -> dict[str, dict[str, float]]:
    """Per source: the whole pipeline's F1 on its training pages with the model trained on every source
    (in-sample), with a model trained on the other sources only (LOSO), and on its held-out pages."""
    table = {}
    for source in SOURCES:
        others = [p for p in pages if p.source != source]
        base, context = train(others, args.folds, args.l2)
        loso = LineModel(base, context, model.threshold, {})
        in_sample, n = pipeline_f1(model, source, args, evaluate, held_out=False)
        left_out, _ = pipeline_f1(loso, source, args, evaluate, held_out=False)
        held, n_held = pipeline_f1(model, source, args, evaluate, held_out=True)
        table[source] = {"pages": n, "in_sample": round(in_sample, 4), "loso": round(left_out, 4),
                         "held_out_pages": n_held, "held_out": round(held, 4) if n_held else None}
        print(f"{source:18} {n:4d} pages  in-sample F1 {in_sample:.3f}  leave-one-source-out {left_out:.3f} "
              f"({left_out - in_sample:+.3f})  held-out pages ({n_held}) "
              + (f"{held:.3f}" if n_held else "none"), flush=True)
    return table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval" / "data")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--gold", type=Path, default=ROOT / "tests" / "data" / "seeds-gold.jsonl.gz")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "newsclean" / "rules" / "line_model.json")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--l2", type=float, default=3.0, help="L2 penalty (in units of one page's weight)")
    parser.add_argument("--repeats", type=int, default=3, help="cross-validation repeats over different splits")
    parser.add_argument("--no-loso", action="store_true", help="skip the leave-one-source-out table")
    args = parser.parse_args()
    sys.path.insert(0, str(args.data.parent))
    from shingle_metric import evaluate  # the evaluation kit's metric

    config = PipelineConfig(dates=DatesConfig(reference_date=dt.date(2030, 1, 1)),
                            noise=NoiseConfig(classifier=False)).resolved()
    stages = default_stages(config)
    noise = next(s for s in stages if s.name is StageName.NOISE)
    stopwords = StopWords()
    pages = (load_pages(args.data, "pages", stages, noise, stopwords)
             + load_pages(args.data, "pages-readability", stages, noise, stopwords)
             + load_snippets(args.data, stages, noise, stopwords)
             + load_seeds(args.seeds, args.gold, stages, noise, stopwords))
    for source in SOURCES:
        mine = [p for p in pages if p.source == source]
        print(f"{source:18} {len(mine):4d} pages, {sum(len(p.labels) for p in mine):6d} lines, "
              f"{int(sum((p.labels * (p.weights > 0)).sum() for p in mine)):5d} labelled body, "
              f"{int(sum(((1 - p.labels) * (p.weights > 0)).sum() for p in mine)):5d} labelled not")
    results = cross_validate(pages, args.folds, args.l2, evaluate, args.repeats)
    best = max(results, key=lambda t: results[t]["f1"])
    for threshold in THRESHOLDS:
        m = results[threshold]
        mark = "  <- chosen" if threshold == best else ""
        print(f"threshold {threshold:.2f}: P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f}{mark}")
    base, context = train(pages, args.folds, args.l2)
    counts = {source: sum(p.source == source for p in pages) for source in SOURCES}
    info = {
        "trained_on": f"{len(pages)} pages (" + ", ".join(f"{n} {s}" for s, n in counts.items()) + "); "
                      "held-out pages of every set left out (training/heldout.py)",
        "cross_validated": {k: round(v, 4) for k, v in results[best].items() if isinstance(v, float)},
        "folds": args.folds, "repeats": args.repeats, "l2": args.l2, "label_min_share": LABEL_MIN_SHARE,
    }
    model = LineModel(base, context, best, info)
    if not args.no_loso:
        info["leave_one_source_out"] = leave_one_source_out(pages, model, args, evaluate)
    args.out.write_text(json.dumps(LineModel(base, context, best, info).to_json(), indent=1) + "\n",
                        encoding="utf-8")
    print(f"wrote {args.out} (threshold {best}, cross-validated F1 {results[best]['f1']:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
