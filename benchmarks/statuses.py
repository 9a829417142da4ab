#!/usr/bin/env python3
"""Page statuses and header fields on every dev page set: which real pages are not called ``article``, and why.

Cleans every page of the evaluation kit's sets (pages, pages-readability,
snippets, dates, dates-more) in both modes (the HTML, and the page dumped to
text) and writes one JSON line per page: status, warnings, word count, the
quality signals, and the headline, subtitle and byline with their word
counts and whether each repeats the body. Then prints a table of statuses per
set and mode, and lists every page whose status was decided by a quality
signal or a cut (``not_prose``, ``repetitive``, a teaser), so a person can
judge whether a real article lost ``article``. Last, the cost of the quality
signals: each article's signals are measured again on their own, and their
time is given per article and as a share of the whole pipeline's time in the
same run.

Usage: python benchmarks/statuses.py [--data DIR] [--out FILE.jsonl] [--sets S,...] [--modes html,text]
The data folder is the evaluation kit's; the benchmark never runs in the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "data"  # beside the project; pass --data from a worktree
SETS = ("pages", "pages-readability", "snippets", "dates", "dates-more")
#: The reference date is pinned so reruns compare.
REFERENCE_DATE = dt.date(2026, 1, 1)


def _row(record, name: str, mode: str, doc_id: str, seconds: float) -> dict:
    from newsclean.records import Article
    from newsclean.text.shape import word_count

    row = {"set": name, "mode": mode, "id": doc_id, "ms": round(seconds * 1000, 2)}
    if not isinstance(record, Article):
        return {**row, "status": f"rejected:{record.reason.value}", "detail": record.detail[:200]}
    body = record.text
    first = record.paragraphs[0] if record.paragraphs else ""
    fields = {}
    for field in ("title", "subtitle", "byline"):
        value = getattr(record, field)
        fields[field] = value
        fields[f"{field}_words"] = word_count(value) if value else 0
        fields[f"{field}_in_body"] = bool(value) and " ".join(value.split()) in " ".join(body.split())
    quality = getattr(record, "quality", None)
    return {**row, "status": record.status.value, "warnings": record.warnings, "words": record.word_count,
            "last": record.paragraphs[-1][-80:] if record.paragraphs else "", "first": first[:200],
            "quality": quality.model_dump() if quality is not None else None, **fields}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=Path("statuses.jsonl"))
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--modes", default="html,text")
    args = parser.parse_args()
    sys.path.insert(0, str(args.data.parent))
    import evalsets  # the evaluation kit's reader of its sets, plain or gzipped

    from newsclean.assembly import build_pipeline
    from newsclean.config import DatesConfig, PipelineConfig
    from newsclean.document import RawDocument
    from newsclean.records import Article, ContentType
    from newsclean.rules.quality import judge_quality
    from newsclean.text.language import StopWords
    from newsclean.text.quality import quality_signals

    stopwords = StopWords()
    signal_seconds: list[float] = []
    pipeline = build_pipeline(PipelineConfig(dates=DatesConfig(reference_date=REFERENCE_DATE)))
    counts: dict[tuple[str, str], Counter[str]] = {}
    flagged: list[dict] = []
    seconds: list[float] = []
    with args.out.open("w", encoding="utf-8") as out:
        for name in args.sets.split(","):
            root = args.data / name
            for mode in args.modes.split(","):
                tally = counts.setdefault((name, mode), Counter())
                for doc_id in evalsets.truths(root):
                    data = evalsets.html(root, doc_id) if mode == "html" else evalsets.pagetext(root, doc_id)
                    raw = RawDocument(source=f"{name}/{doc_id}", data=data,
                                      content_type=ContentType.HTML if mode == "html" else ContentType.TEXT)
                    began = time.perf_counter()
                    record = pipeline.process(raw).record
                    spent = time.perf_counter() - began
                    seconds.append(spent)
                    if isinstance(record, Article):
                        lists = stopwords.own_list(record.language)
                        began = time.perf_counter()
                        judge_quality(quality_signals(record.paragraphs, lists), record.word_count)
                        signal_seconds.append(time.perf_counter() - began)
                    row = _row(record, name, mode, doc_id, spent)
                    tally[row["status"]] += 1
                    out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
                    if row["status"] in {"not_prose", "repetitive"} or any(
                            w.startswith("teaser") for w in row.get("warnings", ())):
                        flagged.append(row)
    statuses = sorted({status for tally in counts.values() for status in tally})
    print("set/mode".ljust(26) + "".join(s[:14].rjust(15) for s in statuses))
    for (name, mode), tally in counts.items():
        print(f"{name}/{mode}".ljust(26) + "".join(str(tally[s]).rjust(15) for s in statuses))
    print(f"\n{len(flagged)} pages judged by a quality signal or a cut:")
    for row in flagged:
        print(f"  {row['set']}/{row['mode']}/{row['id']}: {row['status']} {row['words']} words; "
              f"{'; '.join(row['warnings'])}; ends {row['last'][-50:]!r}")
    print(f"\n{len(seconds)} pages, {sum(seconds) / max(1, len(seconds)) * 1000:.1f} ms per page on average; "
          f"quality signals {sum(signal_seconds) / max(1, len(signal_seconds)) * 1000:.2f} ms per article "
          f"({sum(signal_seconds) / max(sum(seconds), 1e-9):.1%} of the pipeline's time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
