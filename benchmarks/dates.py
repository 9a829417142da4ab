#!/usr/bin/env python3
"""Publication-date accuracy on real pages beside htmldate's in the same run, and where newsclean overrides it.

Data: ``../shared/eval/data/{dates,dates-more}`` (news and web pages with their
known dates, from htmldate's evaluation; see ../shared/eval/README.md). For each
set and mode it prints accuracy (the right date, or none where the page has
none), and the share of wrong dates, for

  htmldate    ``find_date`` with its extensive search, as the evaluation scorer runs it
              (on the HTML; in text mode on the page text made into paragraphs)
  newsclean   ``clean_html(...).published`` / ``clean_text(...).published``

and then, for the pages where the two disagree, who was right, by the kind
of evidence newsclean's date came from ("dateline over htmldate's date",
"none over htmldate's date", ...). An override kind earns its place only if it
is right more often than not on a set it was not tuned on: read the two sets'
rows side by side.

Usage: python benchmarks/dates.py [--data DIR] [--sets dates dates-more] [--modes html text]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import sys
from collections import defaultdict
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsclean import Article
    from newsclean.config import PipelineConfig

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "data"


def _read(folder: Path, stem: str) -> bytes:
    plain = folder / stem
    return plain.read_bytes() if plain.exists() else gzip.decompress((folder / (stem + ".gz")).read_bytes())


def _as_html(text: str) -> str:
    """Plain text as the simplest page, one paragraph a line (htmldate reads HTML only)."""
    return "<html><body>" + "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip()) + \
        "</body></html>"


def _kind(article: Article | None) -> str:
    """The kind of evidence newsclean's publication date came from."""
    if article is None or article.published is None:
        return "none"
    chosen = next((c for c in article.date_candidates
                   if c.value == article.published and c.rejected is None and c.source == article.published_source),
                  None)
    text = chosen.text if chosen is not None else ""
    if text.startswith("JSON-LD"):
        return "json-ld"
    if text.startswith("found by searching"):
        return "htmldate searched"
    if str(article.published_source) == "html_metadata":
        return "htmldate stated"
    return str(article.published_source)


def _run(root: Path, mode: str, config: PipelineConfig) -> dict[str, tuple[str | None, str | None, str | None, str]]:
    """{page: (truth, htmldate's date, newsclean's date, kind of newsclean's evidence)}."""
    import htmldate

    import newsclean

    truth = json.loads(_read(root, "truth.json"))
    html = {k: _read(root / "html", f"{k}.html") for k in truth}
    text = {k: _read(root / "pagetext", f"{k}.txt").decode("utf-8") for k in truth}

    def baseline(k: str) -> str | None:
        page = html[k] if mode == "html" else _as_html(text[k])
        return htmldate.find_date(page, url=truth[k].get("url") if mode == "html" else None, original_date=True,
                                  extensive_search=True, outputformat="%Y-%m-%d")

    def cleaned(k: str) -> Article:
        if mode == "html":
            return newsclean.clean_html(html[k], url=truth[k].get("url"), config=config)
        return newsclean.clean_text(text[k], source=f"{k}.txt", config=config)

    base, articles = _each(truth, baseline), _each(truth, cleaned)
    return {k: (truth[k]["date"], base[k],
                articles[k].published.isoformat() if articles[k] is not None and articles[k].published else None,
                _kind(articles[k])) for k in truth}


def _each(pages: dict, predict: Callable) -> dict:
    results = {}
    for k in pages:
        try:
            results[k] = predict(k)
        except Exception:  # noqa: BLE001 - a failure (a rejected page) is no date, as in the scorer
            results[k] = None
    return results


def _score(rows: list[tuple[str | None, str | None]]) -> tuple[float, float]:
    """Accuracy and the share of wrong dates, counted as ``score_dates.py`` counts them (after htmldate's own
    evaluation: no date where the page has none is a true negative and a false negative at once)."""
    right = sum(got is not None and got == want for want, got in rows)
    wrong = sum(got is not None and got != want for want, got in rows)
    empty = sum(got is None for _, got in rows)
    true_negative = sum(got is None and want is None for want, got in rows)
    return (right + true_negative) / (right + wrong + empty + true_negative), wrong / len(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sets", nargs="+", default=["dates", "dates-more"])
    parser.add_argument("--modes", nargs="+", default=["html", "text"], choices=["html", "text"])
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from newsclean.config import DatesConfig, PipelineConfig

    config = PipelineConfig(dates=DatesConfig(reference_date=dt.date.today()))
    overrides: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    print(f"{'set':11} {'mode':5} {'pages':>5} {'htmldate acc':>12} {'wrong':>6} {'newsclean acc':>13} {'wrong':>6}")
    for name in args.sets:
        for mode in args.modes:
            results = _run(args.data / name, mode, config)
            hd_acc, hd_wrong = _score([(t, h) for t, h, _, _ in results.values()])
            nc_acc, nc_wrong = _score([(t, n) for t, _, n, _ in results.values()])
            print(f"{name:11} {mode:5} {len(results):5} {hd_acc:12.3f} {hd_wrong:6.3f} {nc_acc:13.3f} {nc_wrong:6.3f}")
            for want, theirs, ours, kind in results.values():
                if theirs != ours:
                    counts = overrides[f"{mode}: {kind} over htmldate's"][name]
                    counts[0 if ours == want else 1 if theirs == want else 2] += 1
    print("\nwhere newsclean and htmldate disagree: newsclean right / htmldate right / neither")
    print(f"{'kind':44} " + " ".join(f"{name:>14}" for name in args.sets))
    for kind, by_set in sorted(overrides.items()):
        print(f"{kind:44} " + " ".join(f"{'/'.join(map(str, by_set[name])):>14}" for name in args.sets))
    return 0


if __name__ == "__main__":
    sys.exit(main())
