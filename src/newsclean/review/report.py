"""The review report: one self-contained HTML page about a run's output.

``newsclean report OUT --html report.html`` answers "what did it remove, and
why?" for a whole run: the run's counts with small charts, then one section
per document with its page laid out again, kept text plain and every removed
piece highlighted by kind with its rule, and the extracted fields. A search
box and kind filters (a few lines of plain JavaScript) narrow it down.

The page needs nothing but itself: styles, script and charts (inline SVG) are
in the file, and a Content-Security-Policy forbids it to load anything, so it
can be mailed, archived or opened offline. The output is read with
``pyarrow.dataset``, so a single file and a folder of part files (partitioned
or not) both work, and it is streamed a batch at a time: only the documents
shown are ever held, at most ``max_documents`` of them.

An article that is a near-duplicate names the first article of its cluster;
one with overlaps lists them with their shares, and its paragraphs that an
overlapping article also holds are highlighted as shared
(:func:`newsclean.dedup.passages.shared_paragraphs`). Those other articles
are read once, by ``doc_id``, for the documents shown only.
"""

from __future__ import annotations

import html
import logging
import os
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .._version import __version__
from ..dedup.passages import shared_paragraphs
from ..errors import NewscleanError
from ..records import RemovalKind
from ..runner.summary import RunSummary
from .page import Piece, pieces_of_record
from .report_assets import KIND_COLOURS, SCRIPT, STYLE

logger = logging.getLogger(__name__)

SUMMARY_FILE = "run_summary.json"
#: Documents (and rejects) shown by default: enough to review a run, small enough for any browser.
DEFAULT_MAX_DOCUMENTS = 200
#: Rows read from the Parquet output at a time.
BATCH_ROWS = 64
#: Bars drawn per chart; the rest are summed into one "other" bar.
CHART_MAX_BARS = 12
#: Paths skipped by a folder walk listed by name at most; the count covers them all.
MAX_PATHS_LISTED = 50
#: Chart geometry (SVG user units, about pixels).
CHART_WIDTH, CHART_LABEL_WIDTH, CHART_BAR_HEIGHT, CHART_GAP = 330, 130, 16, 4
ARTICLE_COLUMNS = ("doc_id", "source", "source_index", "source_id", "url", "status", "title", "subtitle", "byline",
                   "publisher", "published", "published_source", "published_confidence", "updated", "language",
                   "paragraphs", "paragraph_spans", "removed", "word_count", "warnings", "date_candidates", "quality",
                   "duplicate_of", "overlaps")
REJECT_COLUMNS = ("source", "source_index", "url", "stage", "reason", "detail")


class ReportError(NewscleanError):
    """The folder holds no output the report can read."""


@dataclass(frozen=True, slots=True)
class ReportStats:
    """What a report shows: documents and rejects written into the page, and how many exist."""

    path: Path
    documents_shown: int
    documents_total: int
    rejects_shown: int
    rejects_total: int


def write_report(out_dir: str | Path, html_path: str | Path, *,
                 max_documents: int = DEFAULT_MAX_DOCUMENTS) -> ReportStats:
    """Write the review page of the run in ``out_dir`` to ``html_path`` (atomically) and say what it holds.

    Raises :class:`ReportError` when ``out_dir`` holds no Parquet output.
    """
    out = Path(out_dir)
    articles = _dataset(out, "articles")
    rejects = _dataset(out, "rejects", required=False)
    summary = _summary(out, articles, rejects)
    target = Path(html_path)
    temporary = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        with open(temporary, "w", encoding="utf-8") as page:
            shown, rejects_shown = _write_page(page, out, summary, articles, rejects, max_documents)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return ReportStats(target, shown, summary.articles, rejects_shown, summary.rejects)


# -- reading the output ------------------------------------------------------------------------------------


def _dataset(out: Path, table: str, *, required: bool = True) -> Any:
    import pyarrow.dataset as ds

    path = out / f"{table}.parquet"
    if not path.exists():
        if not required:
            return None
        other = out / f"{table}.jsonl"
        hint = " (the report reads Parquet; rerun with --format parquet)" if other.exists() else ""
        raise ReportError(f"{out}: no {path.name} here{hint}; give the folder a `newsclean run --out` wrote")
    return ds.dataset(path, format="parquet", partitioning="hive" if path.is_dir() else None,
                      exclude_invalid_files=False)


def _batches(dataset: Any, wanted: tuple[str, ...]) -> Iterator[dict[str, Any]]:
    """The rows of ``dataset`` as dicts of the ``wanted`` columns it has, a batch at a time."""
    columns = [name for name in wanted if name in dataset.schema.names]
    for batch in dataset.to_batches(columns=columns, batch_size=BATCH_ROWS):
        yield from batch.to_pylist()


def _summary(out: Path, articles: Any, rejects: Any) -> RunSummary:
    """The run's summary as written next to the data, or counted from the data when it is missing."""
    path = out / SUMMARY_FILE
    if path.exists():
        try:
            return RunSummary.model_validate_json(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            logger.warning("%s is unreadable (%s); counting from the data instead", path, exc)
    return _counted_summary(articles, rejects)


def _counted_summary(articles: Any, rejects: Any) -> RunSummary:
    import pyarrow.compute as pc

    counters: dict[str, Counter[str]] = {name: Counter() for name in ("languages", "date_sources", "removals",
                                                                       "statuses")}
    n_articles = 0
    columns = [c for c in ("language", "published_source", "removed", "status") if c in articles.schema.names]
    for batch in articles.to_batches(columns=columns):
        n_articles += batch.num_rows
        names = batch.schema.names
        if "language" in names:
            counters["languages"].update(v or "und" for v in batch.column("language").to_pylist())
        if "published_source" in names:
            counters["date_sources"].update(batch.column("published_source").to_pylist())
        if "removed" in names:
            counters["removals"].update(pc.list_flatten(batch.column("removed")).field("kind").to_pylist())
        if "status" in names:
            counters["statuses"].update(batch.column("status").to_pylist())
    reasons: Counter[str] = Counter()
    if rejects is not None:
        for batch in rejects.to_batches(columns=["reason"]):
            reasons.update(batch.column("reason").to_pylist())
    total_rejects = sum(reasons.values())
    return RunSummary(documents=n_articles + total_rejects, articles=n_articles, rejects=total_rejects,
                      rejects_by_reason=dict(reasons.most_common()),
                      removals_by_kind=dict(counters["removals"].most_common()),
                      date_sources=dict(counters["date_sources"].most_common()),
                      languages=dict(counters["languages"].most_common()),
                      statuses=dict(counters["statuses"].most_common()))


# -- writing the page --------------------------------------------------------------------------------------


def _write_page(page: IO[str], out: Path, summary: RunSummary, articles: Any, rejects: Any,
                max_documents: int) -> tuple[int, int]:
    title = f"newsclean report: {out.name or out}"
    page.write(f"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
               f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
               f"style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
               f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
               f"<title>{_e(title)}</title><style>{STYLE}</style></head><body>\n")
    page.write(f"<header class=\"top\"><h1>{_e(title)}</h1><p class=\"meta\">{_e(str(out))} · newsclean "
               f"{_e(summary.pipeline_version or __version__)}"
               f"{' · configuration ' + _e(summary.config_fingerprint) if summary.config_fingerprint else ''}"
               f"</p></header>\n<main>\n")
    page.write(_summary_section(summary))
    page.write(_controls(summary))
    page.write("<section id=\"documents\" aria-label=\"documents\">\n")
    related = _related(articles, max_documents)
    shown = 0
    for row in _batches(articles, ARTICLE_COLUMNS):
        if shown >= max_documents:
            break
        page.write(_document(row, shown, related))
        shown += 1
    if summary.articles > shown:
        page.write(f"<p class=\"more\">{shown} of {summary.articles} articles shown "
                   f"(raise --max-documents to see more).</p>\n")
    page.write("<p id=\"no-match\" hidden>No document matches.</p></section>\n")
    rejects_shown = _write_rejects(page, rejects, summary.rejects, max_documents)
    page.write(f"</main><script>{SCRIPT}</script></body></html>\n")
    return shown, rejects_shown


def _summary_section(summary: RunSummary) -> str:
    cards = [("documents in", summary.documents), ("articles", summary.articles), ("rejects", summary.rejects),
             ("records skipped", sum(summary.skipped_records.values())),
             ("pieces removed", sum(summary.removals_by_kind.values()))]
    card_html = "".join(f"<div class=\"card\"><b>{value:,}</b><span>{_e(label)}</span></div>"
                        for label, value in cards)
    if summary.seconds:
        card_html += f"<div class=\"card\"><b>{summary.seconds:,.1f} s</b><span>run time</span></div>"
    charts = "".join([
        _chart("Removals by kind", summary.removals_by_kind, KIND_COLOURS),
        _chart("Rejects by reason", summary.rejects_by_reason),
        _chart("Articles by status", summary.statuses),
        _chart("Publication date from", summary.date_sources),
        _chart("Languages", summary.languages),
    ])
    inputs = ""
    if summary.inputs:
        listed = "".join(f"<li><code>{_e(item)}</code></li>" for item in summary.inputs[:20])
        more = f"<li>… and {len(summary.inputs) - 20} more</li>" if len(summary.inputs) > 20 else ""
        inputs = f"<details class=\"inputs\"><summary>Inputs ({len(summary.inputs)})</summary><ul>{listed}{more}</ul></details>"
    skipped = ""
    if summary.skipped_records:
        skipped = "<p class=\"skipped\">Skipped records: " + ", ".join(
            f"{_e(reason)} {count:,}" for reason, count in summary.skipped_records.items()) + "</p>"
    if summary.skipped_paths:
        listed = "".join(f"<li><code>{_e(path)}</code> {_e(reason)}</li>"
                         for path, reason in list(summary.skipped_paths.items())[:MAX_PATHS_LISTED])
        more = len(summary.skipped_paths) - MAX_PATHS_LISTED
        listed += f"<li>… and {more:,} more</li>" if more > 0 else ""
        skipped += (f"<details class=\"skipped\"><summary>Paths skipped ({len(summary.skipped_paths):,})</summary>"
                    f"<ul>{listed}</ul></details>")
    return (f"<section id=\"summary\" aria-label=\"run summary\"><div class=\"cards\">{card_html}</div>"
            f"{inputs}{skipped}<div class=\"charts\">{charts}</div></section>\n")


def _chart(title: str, counts: Mapping[str, int], colours: Mapping[str, str] | None = None) -> str:
    """A horizontal bar chart in inline SVG; the bars past ``CHART_MAX_BARS`` are summed as "other"."""
    items = sorted(counts.items(), key=lambda item: -item[1])
    if len(items) > CHART_MAX_BARS:
        items = items[: CHART_MAX_BARS - 1] + [("(others)", sum(count for _, count in items[CHART_MAX_BARS - 1:]))]
    if not items:
        return f"<figure class=\"chart\"><figcaption>{_e(title)}</figcaption><p class=\"empty\">none</p></figure>"
    top = max(count for _, count in items) or 1
    span = CHART_WIDTH - CHART_LABEL_WIDTH - 50
    height = len(items) * (CHART_BAR_HEIGHT + CHART_GAP)
    rows = []
    for i, (label, count) in enumerate(items):
        y = i * (CHART_BAR_HEIGHT + CHART_GAP)
        width = max(1.0, span * count / top)
        colour = (colours or {}).get(label, "#6b7fa8")
        rows.append(f"<text x=\"{CHART_LABEL_WIDTH - 6}\" y=\"{y + 12}\" text-anchor=\"end\">{_e(label)}</text>"
                    f"<rect x=\"{CHART_LABEL_WIDTH}\" y=\"{y}\" width=\"{width:.1f}\" height=\"{CHART_BAR_HEIGHT}\" "
                    f"rx=\"2\" fill=\"{colour}\"><title>{_e(label)}: {count:,}</title></rect>"
                    f"<text x=\"{CHART_LABEL_WIDTH + width + 5:.1f}\" y=\"{y + 12}\">{count:,}</text>")
    return (f"<figure class=\"chart\"><figcaption>{_e(title)}</figcaption>"
            f"<svg role=\"img\" aria-label=\"{_e(title)}\" viewBox=\"0 0 {CHART_WIDTH} {height}\" "
            f"width=\"{CHART_WIDTH}\" height=\"{height}\">{''.join(rows)}</svg></figure>")


def _controls(summary: RunSummary) -> str:
    kinds = [kind.value for kind in RemovalKind]
    chips = "".join(
        f"<button type=\"button\" class=\"chip\" data-kind=\"{kind}\" aria-pressed=\"false\" "
        f"style=\"--kind:{KIND_COLOURS[kind]}\">{kind} <small>{summary.removals_by_kind.get(kind, 0):,}</small>"
        f"</button>" for kind in kinds)
    return ("<section id=\"controls\" aria-label=\"filters\"><input id=\"search\" type=\"search\" "
            "placeholder=\"Search titles, text, URLs…\" aria-label=\"search documents\">"
            f"<div class=\"chips\" role=\"group\" aria-label=\"removal kinds\">{chips}"
            "<button type=\"button\" id=\"clear\" class=\"chip clear\">show all</button></div>"
            "<p id=\"count\" aria-live=\"polite\"></p></section>\n")


def _related(articles: Any, max_documents: int) -> dict[str, dict[str, Any]]:
    """The articles the shown ones duplicate or overlap, by ``doc_id``: title, source and paragraphs."""
    import pyarrow.compute as pc

    if "overlaps" not in articles.schema.names:  # an output written before dedup existed
        return {}
    wanted: set[str] = set()
    for number, row in enumerate(_batches(articles, ("duplicate_of", "overlaps"))):
        if number >= max_documents:
            break
        wanted.update(entry["doc_id"] for entry in row.get("overlaps") or [])
        if row.get("duplicate_of"):
            wanted.add(row["duplicate_of"])
    if not wanted:
        return {}
    table = articles.to_table(columns=["doc_id", "title", "source", "source_index", "paragraphs"],
                              filter=pc.field("doc_id").isin(sorted(wanted)))
    return {row["doc_id"]: row for row in table.to_pylist()}


def _document(row: Mapping[str, Any], number: int, related: Mapping[str, Mapping[str, Any]] | None = None) -> str:
    related = related or {}
    pieces = pieces_of_record(row)
    kinds = sorted({piece.kind for piece in pieces if piece.kind})
    title = row.get("title") or "(no headline found)"
    subtitle = f"<p class=\"dek\">{_e(row['subtitle'])}</p>" if row.get("subtitle") else ""
    others = {entry["doc_id"]: "\n".join(related[entry["doc_id"]]["paragraphs"] or [])
              for entry in row.get("overlaps") or [] if entry["doc_id"] in related}
    kept = [piece for piece in pieces if not piece.removed]
    shared = dict(zip((id(piece) for piece in kept), shared_paragraphs([piece.text for piece in kept], others),
                      strict=True)) if others else {}
    marked = " data-overlaps" if row.get("overlaps") else ""
    return (f"<article class=\"doc\" id=\"doc-{number}\" data-kinds=\"{' '.join(kinds)}\"{marked}>"
            f"<h2>{_e(title)}</h2>{subtitle}{_fields(row)}{_dedup_fields(row, related)}"
            f"<div class=\"page\">{''.join(_piece(piece, shared.get(id(piece)), related) for piece in pieces)}</div>"
            f"{_quality(row)}{_date_candidates(row)}</article>\n")


def _dedup_fields(row: Mapping[str, Any], related: Mapping[str, Mapping[str, Any]]) -> str:
    """The near-duplicate's first article, and the overlapping articles with their shares."""
    items = []
    if row.get("duplicate_of"):
        items.append(f"<dt>duplicate of</dt><dd>{_other(row['duplicate_of'], related)}</dd>")
    for entry in row.get("overlaps") or []:
        items.append(f"<dt>overlaps</dt><dd>{entry['share']:.0%} of this text is in "
                     f"{_other(entry['doc_id'], related)}</dd>")
    return f"<dl class=\"fields dedup\">{''.join(items)}</dl>" if items else ""


def _other(doc_id: str, related: Mapping[str, Mapping[str, Any]]) -> str:
    other = related.get(doc_id)
    if other is None:
        return f"<code>{_e(doc_id)}</code>"
    return (f"<code>{_e(doc_id)}</code> {_e(other.get('title') or '(no headline)')} "
            f"<span class=\"muted\">{_e(other.get('source'))} #{other.get('source_index')}</span>")


def _fields(row: Mapping[str, Any]) -> str:
    published = "none found"
    if row.get("published") is not None:
        confidence = row.get("published_confidence")
        published = (f"{row['published']} <span class=\"muted\">from {_e(row.get('published_source'))}"
                     f"{f', confidence {confidence:.2f}' if confidence is not None else ''}</span>")
    url = row.get("url")
    fields = [
        ("published", published),
        ("updated", _e(row.get("updated"))),
        ("language", _e(row.get("language") or "undetermined")),
        ("status", _e(row.get("status"))),
        ("byline", _e(row.get("byline"))),
        ("publisher", _e(row.get("publisher"))),
        ("words", f"{row.get('word_count', 0):,} kept · {len(row.get('removed') or []):,} pieces removed"),
        ("url", f"<a href=\"{_e(url)}\" rel=\"noreferrer noopener\">{_e(url)}</a>" if url else ""),
        ("source", f"{_e(row.get('source'))} <span class=\"muted\">#{row.get('source_index')}"
                   f"{' · ' + _e(row['source_id']) if row.get('source_id') else ''}</span>"),
        ("warnings", _e("; ".join(row.get("warnings") or []))),
    ]
    items = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in fields if value and value != "None")
    return f"<dl class=\"fields\">{items}</dl>"


def _piece(piece: Piece, shared_with: list[str] | None = None,
           related: Mapping[str, Mapping[str, Any]] | None = None) -> str:
    text = _e(piece.text.strip())
    if not piece.removed and shared_with:
        names = "; ".join(f"{doc_id} {(related or {}).get(doc_id, {}).get('title') or ''}".strip()
                          for doc_id in shared_with)
        return (f"<p class=\"kept shared\" title=\"also in {_e(names)}\"><span class=\"tag\">shared · "
                f"{len(shared_with)}</span>{text}</p>")
    if not piece.removed:
        return f"<p class=\"kept\">{text}</p>"
    score = f", score {piece.score:.2f}" if piece.score is not None else ""
    return (f"<p class=\"rm\" data-kind=\"{_e(piece.kind)}\" style=\"--kind:{KIND_COLOURS.get(piece.kind or '', '#888')}\" "
            f"title=\"{_e(piece.kind)} · {_e(piece.rule)}{score}\"><span class=\"tag\">{_e(piece.kind)} · "
            f"{_e(piece.rule)}</span><span class=\"txt\">{text}</span></p>")


def _quality(row: Mapping[str, Any]) -> str:
    """The body's quality signals as a table; the warnings say which one set the status."""
    signals = row.get("quality")
    if not signals:
        return ""
    rows = "".join(f"<tr><td>{_e(name)}</td><td>{_e(_signal(value))}</td></tr>" for name, value in signals.items())
    return (f"<details class=\"quality\"><summary>Quality signals</summary><table>"
            f"<thead><tr><th>signal</th><th>value</th></tr></thead><tbody>{rows}</tbody></table></details>")


def _signal(value: Any) -> str:
    if value is None:
        return "not measured"
    return f"{value:.3g}" if isinstance(value, float) else f"{value:,}"


def _date_candidates(row: Mapping[str, Any]) -> str:
    candidates = row.get("date_candidates") or []
    if not candidates:
        return ""
    rows = "".join(f"<tr><td>{_e(c['value'])}</td><td>{_e(c['source'])}</td><td>{c['confidence']:.2f}</td>"
                   f"<td>{_e(c['rejected'] or 'eligible')}</td><td><code>{_e(c['text'])}</code></td></tr>"
                   for c in candidates)
    return (f"<details class=\"dates\"><summary>Date candidates ({len(candidates)})</summary><table>"
            f"<thead><tr><th>date</th><th>source</th><th>confidence</th><th>verdict</th><th>evidence</th></tr>"
            f"</thead><tbody>{rows}</tbody></table></details>")


def _write_rejects(page: IO[str], rejects: Any, total: int, max_rows: int) -> int:
    if rejects is None or not total:
        return 0
    page.write("<section id=\"rejects\" aria-label=\"rejects\"><h2>Rejects</h2><table><thead><tr><th>source</th>"
               "<th>stage</th><th>reason</th><th>detail</th></tr></thead><tbody>\n")
    shown = 0
    for row in _batches(rejects, REJECT_COLUMNS):
        if shown >= max_rows:
            break
        where = f"{row.get('source')} #{row.get('source_index')}"
        page.write(f"<tr><td>{_e(where)}</td><td>{_e(row.get('stage'))}</td><td>{_e(row.get('reason'))}</td>"
                   f"<td>{_e(row.get('detail'))}</td></tr>\n")
        shown += 1
    page.write("</tbody></table>")
    if total > shown:
        page.write(f"<p class=\"more\">{shown} of {total} rejects shown.</p>")
    page.write("</section>\n")
    return shown


def _e(value: object) -> str:
    """HTML-escaped text of a value (None as the empty string)."""
    return "" if value is None else html.escape(str(value), quote=True)

