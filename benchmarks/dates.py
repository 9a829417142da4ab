#!/usr/bin/env python3
"""Publication-date accuracy on real pages, beside the htmldate baselines computed in the same run.

Data: ``../shared/eval/data/dates`` (151 news pages with their dates, from
htmldate's evaluation set). For each mode it prints accuracy (right date, or
null where the page has none), the share of wrong dates, and pages per second:

  text   htmldate extensive search on the page text   vs newsclean.clean_text(...).published
  html   trafilatura's metadata date (htmldate)        vs newsclean.clean_html(...).published

Usage: python benchmarks/dates.py [--data DIR] [--show-wrong]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from html import escape
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "data"


def _score(pages: dict, predict: Callable[[str, dict], str | None], show_wrong: bool) -> tuple[float, float, float]:
    right = wrong = 0
    began = time.perf_counter()
    for doc_id, page in pages.items():
        try:
            got = predict(doc_id, page)
        except Exception:  # a failure is no date, as in the scorer
            got = None
        if got == page["date"]:
            right += 1
        elif got is not None:
            wrong += 1
            if show_wrong:
                print(f"    wrong {doc_id}: got {got} want {page['date']}")
    seconds = time.perf_counter() - began
    return right / len(pages), wrong / len(pages), len(pages) / seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--show-wrong", action="store_true")
    args = parser.parse_args()
    import htmldate
    import trafilatura

    import newsclean
    from newsclean.config import DatesConfig, PipelineConfig

    today = dt.date.today()
    config = PipelineConfig(dates=DatesConfig(reference_date=today))
    root = args.data / "dates"
    pages = json.loads((root / "truth.json").read_text(encoding="utf-8"))
    text = lambda k: (root / "pagetext" / f"{k}.txt").read_text(encoding="utf-8")  # noqa: E731
    html = lambda k: (root / "html" / f"{k}.html").read_bytes()  # noqa: E731

    def as_html(page_text: str) -> str:  # htmldate reads documents, so the text goes in as paragraphs
        return "<html><body>" + "".join(f"<p>{escape(line)}</p>" for line in page_text.splitlines()) + "</body></html>"

    def metadata_date(page: bytes, url: str | None) -> str | None:
        metadata = trafilatura.extract_metadata(page.decode("utf-8", "replace"), default_url=url)
        return metadata.date if metadata is not None else None

    def published(article: newsclean.Article) -> str | None:
        return article.published.isoformat() if article.published else None

    systems = [
        ("text", "htmldate on the page text",
         lambda k, p: htmldate.find_date(as_html(text(k)), extensive_search=True, original_date=True,
                                         max_date=today.isoformat())),
        ("text", "newsclean.clean_text", lambda k, p: published(newsclean.clean_text(text(k), config=config))),
        ("html", "trafilatura metadata date", lambda k, p: metadata_date(html(k), p.get("url"))),
        ("html", "newsclean.clean_html",
         lambda k, p: published(newsclean.clean_html(html(k), url=p.get("url"), config=config))),
    ]
    print(f"{len(pages)} pages from {root}\n")
    print(f"{'mode':5} {'system':28} {'accuracy':>8} {'wrong':>6} {'pages/s':>8}")
    for mode, name, predict in systems:
        accuracy, wrong, speed = _score(pages, predict, args.show_wrong and name.startswith("newsclean"))
        print(f"{mode:5} {name:28} {accuracy:8.3f} {wrong:6.3f} {speed:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
