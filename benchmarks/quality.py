#!/usr/bin/env python3
"""The quality matrix: every evaluation set, both modes, newsclean beside its baselines in the same run.

Reads the evaluation kit in ``../shared/eval`` (its data, and its scorers' code:
``evalsets.py`` reads a set, ``systems.py`` runs newsclean or a baseline,
``shingle_metric.py`` and ``score_snippets.fold`` are the metrics), so every
figure is what the kit's scorers print, all from one run:

  pages, pages-readability  body: 4-word-shingle precision / recall / F1
  snippets                  body: passages that must be in / must not be in the output (precision / recall / F1)
  dates, dates-more         publication date: accuracy and the share of wrong dates
  clean-bodies              each page set's true bodies fed to clean_text: recall (1.0 = nothing real removed),
                            and the rules that removed the most words

Systems, per mode: html: newsclean, trafilatura's three presets (default,
favor_precision, favor_recall; comments excluded, tables included),
htmldate and trafilatura's metadata date; text: newsclean, the uncleaned page
text, htmldate on the text. Each row gives the time per page of its system
(one process, wall clock, on whatever else the machine runs). Each row also
scores the held-out pages alone (``training/heldout.py``: one page in five,
which no model may train on), the figure that predicts unseen sources.

Usage: python benchmarks/quality.py [--eval DIR] [--sets a,b] [--systems a,b] [--modes html,text]
       [--limit N] [--json FILE]
The whole matrix took 8.1 minutes on the shared 2-core development machine
(load average 9-11; snippets and dates-more in HTML mode are most of it);
``--sets``, ``--systems``, ``--modes`` and ``--limit`` run part of it.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import platform
import sys
import time
from collections import Counter
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "training"))
from heldout import is_held_out  # the held-out rule: one place for training, the gate and this benchmark

DEFAULT_EVAL = ROOT.parent / "shared" / "eval"
DEFAULT_JSON = ROOT / "output" / "quality-matrix.json"
BODY_SETS = ("pages", "pages-readability", "snippets")
DATE_SETS = ("dates", "dates-more")
CLEAN_BODIES = "clean-bodies"
ALL_SETS = BODY_SETS + DATE_SETS + (CLEAN_BODIES,)
#: Which systems run in which mode (the names are systems.py's).
BODY_SYSTEMS = {"html": ("newsclean", "trafilatura", "trafilatura-precision", "trafilatura-recall"),
                "text": ("newsclean", "uncleaned")}
DATE_SYSTEMS = {"html": ("newsclean", "htmldate", "trafilatura-meta"), "text": ("newsclean", "htmldate")}
#: How many rules removing the most words from clean bodies are listed per set.
TOP_RULES = 6


@dataclasses.dataclass
class Page:
    id: str
    truth: dict
    html: bytes
    text: str
    held_out: bool  # one of the pages no model may train on


@dataclasses.dataclass
class Row:
    set: str
    mode: str
    system: str
    pages: int
    raised: int
    ms_per_page: float
    precision: float | None = None
    recall: float | None = None
    f1: float | None = None
    accuracy: float | None = None
    wrong: float | None = None
    held_out_pages: int = 0
    held_out_f1: float | None = None  # F1, date accuracy or clean-body recall on the held-out pages alone
    held_out_wrong: float | None = None


def load(kit, root: Path, limit: int | None) -> list[Page]:
    truths = list(kit.evalsets.truths(root).items())[:limit]
    return [Page(i, t, kit.evalsets.html(root, i), kit.evalsets.pagetext(root, i), is_held_out(root.name, i))
            for i, t in truths]


def run(pages: list[Page], call: Callable[[Page], object]) -> tuple[dict[str, object], int, float]:
    """Each page's output (None where the system raised), the number raised, ms per page.

    One untimed call first, so that loading a system's models is not counted as a page's time."""
    outputs: dict[str, object] = {}
    raised = 0
    if pages:
        try:
            call(pages[0])
        except Exception:  # reported below, when the page is run for its figure
            pass
    began = time.perf_counter()
    for page in pages:
        try:
            outputs[page.id] = call(page)
        except Exception as exc:  # a crash counts as an empty output, as in the scorers, and is reported
            outputs[page.id] = None
            raised += 1
            print(f"  {page.id}: {type(exc).__name__}: {exc}", file=sys.stderr)
    return outputs, raised, 1000 * (time.perf_counter() - began) / max(len(pages), 1)


def score_shingles(kit, pages: list[Page], outputs: dict) -> dict[str, float]:
    truth = {p.id: p.truth.get("articleBody") or "" for p in pages}
    metrics, _ = kit.evaluate(truth, {k: outputs[k] or "" for k in truth}, n_bootstrap=0)
    return {k: metrics[k] for k in ("precision", "recall", "f1")}


def score_snippets(kit, pages: list[Page], outputs: dict, mode: str) -> dict[str, float]:
    """score_snippets.py's counting: passages summed over pages; in text mode, only passages the page text holds."""
    fold = kit.fold
    tp = fp = fn = 0
    for page in pages:
        withs = page.truth["with"]
        if mode == "text":
            text = fold(page.text)
            withs = [w for w in withs if fold(w) in text]
        out = fold(outputs[page.id] or "")
        found = sum(fold(w) in out for w in withs)
        tp, fn = tp + found, fn + len(withs) - found
        fp += sum(fold(w) in out for w in page.truth["without"])
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return {"precision": precision, "recall": recall, "f1": 2 * precision * recall / max(precision + recall, 1e-9)}


def score_dates(pages: list[Page], outputs: dict) -> dict[str, float]:
    """score_dates.py's counting: a page with no date is a false negative, and also a true negative where
    the truth is null; wrong = the share of pages given a date that is not the truth."""
    tp = fp = fn = tn = 0
    for page in pages:
        got, want = outputs[page.id], page.truth["date"]
        if got is None:
            fn += 1
            tn += want is None
        elif got == want:
            tp += 1
        else:
            fp += 1
    return {"accuracy": (tp + tn) / max(tp + tn + fp + fn, 1), "wrong": fp / max(len(pages), 1)}


def clean_bodies(kit, pages: list[Page]) -> tuple[Row, list[tuple[str, int, float]]]:
    """score_clean_bodies.py: the true bodies through clean_text; recall, and the rules taking the most words."""
    import newsclean

    removed: dict[str, Counter[str]] = {}  # per page, so that a page run twice counts once

    def call(page: Page) -> str:
        body = page.truth.get("articleBody") or ""
        words = removed[page.id] = Counter()
        try:
            article = newsclean.clean_text(body, source=f"{page.id}.txt")
        except Exception as exc:  # a rejected clean body loses all of it
            words[f"rejected:{type(exc).__name__}"] += len(body.split())
            return ""
        for removal in article.removed:
            words[removal.rule] += len((removal.text or "").split())
        return article.text or ""

    outputs, raised, ms = run(pages, call)
    words = sum(removed.values(), Counter())
    recall = {}
    for name, scored in (("all", pages), ("held out", [p for p in pages if p.held_out])):
        if not scored:
            recall[name] = None
            continue
        truth = {p.id: p.truth.get("articleBody") or "" for p in scored}
        metrics, _ = kit.evaluate(truth, {k: outputs[k] or "" for k in truth}, n_bootstrap=0)
        recall[name] = metrics["recall"]
    total = max(sum(len((p.truth.get("articleBody") or "").split()) for p in pages), 1)
    return (Row("", "clean", "newsclean", len(pages), raised, ms, recall=recall["all"],
                held_out_pages=sum(p.held_out for p in pages), held_out_f1=recall["held out"]),
            [(rule, n, n / total) for rule, n in words.most_common(TOP_RULES)])


def score(kit, set_name: str, mode: str, pages: list[Page], outputs: dict) -> dict[str, float]:
    """The set's own metric over ``pages`` (nothing for no pages)."""
    if not pages:
        return {}
    if set_name in DATE_SETS:
        return score_dates(pages, outputs)
    if set_name == "snippets":
        return score_snippets(kit, pages, outputs, mode)
    return score_shingles(kit, pages, outputs)


def matrix(kit, args) -> tuple[list[Row], dict[str, list]]:
    rows: list[Row] = []
    rules: dict[str, list] = {}
    for set_name in args.sets:
        if set_name == CLEAN_BODIES:
            for page_set in ("pages", "pages-readability"):
                if "newsclean" in args.systems and "text" in args.modes:
                    row, rules[page_set] = clean_bodies(kit, load(kit, args.eval / "data" / page_set, args.limit))
                    rows.append(dataclasses.replace(row, set=f"{CLEAN_BODIES} ({page_set})"))
                    report(rows[-1])
            continue
        pages = load(kit, args.eval / "data" / set_name, args.limit)
        table = DATE_SYSTEMS if set_name in DATE_SETS else BODY_SYSTEMS
        for mode in args.modes:
            for system in (s for s in table[mode] if s in args.systems):
                fn = kit.systems.date if set_name in DATE_SETS else kit.systems.body
                outputs, raised, ms = run(pages, lambda p, fn=fn, system=system, mode=mode: fn(
                    system, mode, p.html, p.text, p.truth.get("url"), f"{p.id}.txt"))
                scores, held = (score(kit, set_name, mode, scored, outputs)
                                for scored in (pages, [p for p in pages if p.held_out]))
                rows.append(Row(set_name, mode, system, len(pages), raised, ms, **scores,
                                held_out_pages=sum(p.held_out for p in pages),
                                held_out_f1=held.get("f1", held.get("accuracy")), held_out_wrong=held.get("wrong")))
                report(rows[-1])
    return rows, rules


def report(row: Row) -> None:
    print(f"  done: {row.set} {row.mode} {row.system} ({row.ms_per_page:.0f} ms/page)", file=sys.stderr)


def _cell(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def markdown(rows: list[Row], rules: dict[str, list]) -> str:
    lines = [("| set | mode | system | pages | precision | recall | F1 | date accuracy | wrong dates | ms/page "
              "| held out: pages | F1, accuracy or recall | wrong |"),
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        raised = f" ({r.raised} raised)" if r.raised else ""
        lines.append(f"| {r.set} | {r.mode} | {r.system} | {r.pages}{raised} | {_cell(r.precision)} | "
                     f"{_cell(r.recall)} | {_cell(r.f1)} | {_cell(r.accuracy)} | {_cell(r.wrong)} | "
                     f"{r.ms_per_page:.1f} | {r.held_out_pages} | {_cell(r.held_out_f1)} | {_cell(r.held_out_wrong)} |")
    for page_set, top in rules.items():
        lines.append(f"\nRules removing the most words from {page_set}'s clean bodies: "
                     + ("; ".join(f"`{rule}` {share:.1%}" for rule, _, share in top) or "none"))
    return "\n".join(lines)


class Kit:
    """The evaluation kit's modules, imported from its folder (the benchmark reads ../shared/eval)."""

    def __init__(self, folder: Path) -> None:
        if not (folder / "evalsets.py").exists():
            raise SystemExit(f"no evaluation kit in {folder}: give it with --eval")
        sys.path.insert(0, str(folder))
        import evalsets
        import systems
        from score_snippets import fold
        from shingle_metric import evaluate

        self.evalsets, self.systems, self.fold, self.evaluate = evalsets, systems, fold, evaluate


def _names(value: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    names = tuple(v.strip() for v in value.split(",") if v.strip())
    unknown = [n for n in names if n not in allowed]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown {', '.join(unknown)}; one of {', '.join(allowed)}")
    return names


def main() -> int:
    every_system = tuple(dict.fromkeys(s for t in (BODY_SYSTEMS, DATE_SYSTEMS) for m in t.values() for s in m))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="the evaluation kit (scorers and data/)")
    parser.add_argument("--sets", type=lambda v: _names(v, ALL_SETS), default=ALL_SETS)
    parser.add_argument("--systems", type=lambda v: _names(v, every_system), default=every_system)
    parser.add_argument("--modes", type=lambda v: _names(v, ("html", "text")), default=("html", "text"))
    parser.add_argument("--limit", type=int, help="only the first N pages of each set (a quick look, not a figure)")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help=f"write the matrix here ({DEFAULT_JSON})")
    args = parser.parse_args()
    kit = Kit(args.eval)
    began = time.perf_counter()
    rows, rules = matrix(kit, args)
    seconds = time.perf_counter() - began
    print(markdown(rows, rules))
    print(f"\n{seconds / 60:.1f} minutes")
    versions = {name: metadata.version(name) for name in ("newsclean", "trafilatura", "htmldate")}
    result = {"run": {"date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "seconds": seconds,
                      "eval": str(args.eval), "limit": args.limit, "python": platform.python_version(), **versions},
              "rows": [dataclasses.asdict(r) for r in rows],
              "clean_bodies_rules": {k: [{"rule": r, "words": n, "share": s} for r, n, s in v]
                                     for k, v in rules.items()}}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
