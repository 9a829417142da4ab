"""One inspected document drawn for the terminal with rich: metadata on top, then the page.

Kept lines are plain; removed pieces are dimmed and struck through, with
their kind and rule beside them. A gutter mark (``│`` kept, ``✗`` removed)
tells them apart where the terminal shows no styles (a pipe, a log).
"""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..records import Article, Rejection
from .inspection import Inspection
from .run_context import RunContext

#: The colour of each removal kind's label (rich colour names).
KIND_COLOURS = {
    "navigation": "blue", "related": "cyan", "caption": "magenta", "media": "bright_magenta",
    "advertising": "red", "social": "bright_blue", "promo": "yellow", "sidebar": "green",
    "comments": "bright_green", "duplicate": "bright_black", "metadata": "bright_cyan", "other": "white",
}
KEPT_MARK = "│ "
REMOVED_MARK = "✗ "
SHARED_MARK = "≡ "
SHARED_COLOUR = "yellow"


def render_inspection(inspection: Inspection, context: RunContext | None = None) -> RenderableType:
    """The metadata table, then every line of the page, kept or removed; with a run's ``context``, the
    document's near-duplicate cluster and overlaps too, and its paragraphs they share marked."""
    parts: list[RenderableType] = [metadata_table(inspection)]
    if context is not None:
        parts.append(dedup_table(context))
    return Group(*parts, Text(""), page_grid(inspection, context))


def dedup_table(context: RunContext) -> Table:
    """What the run found: the first article of the document's cluster, and the articles overlapping it."""
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    if not context.found:
        table.add_row("in the run", Text("not found among the run's articles (or the run has no dedup columns)"))
        return table
    table.add_row("duplicate of", Text(_other(context.duplicate_of) if context.duplicate_of else "none"))
    for other, share in context.overlaps:
        table.add_row("overlaps", Text(f"{share:.0%} of this text is in {_other(other)}"))
    if not context.overlaps:
        table.add_row("overlaps", Text("none"))
    return table


def _other(other: dict[str, Any]) -> str:
    where = f" ({other['source']} #{other['source_index']})" if other.get("source") else ""
    return f"{other['doc_id']} {other.get('title') or ''}{where}".replace("  ", " ")


def metadata_table(inspection: Inspection) -> Table:
    """What was detected: title, date with its source and confidence, language, status, and more."""
    record, doc = inspection.record, inspection.doc
    table = Table(show_header=False, box=None, pad_edge=False, title=doc.raw.source, title_justify="left")
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    rows: list[tuple[str, str | None]]
    if isinstance(record, Rejection):
        rows = [("rejected", f"at stage {record.stage.value}: {record.reason.value}"), ("detail", record.detail)]
    else:
        rows = _article_rows(record)
    rows += [("url", doc.raw.url or (doc.page.url if doc.page else None)), ("source id", doc.raw.source_id),
             ("input", f"{doc.content_type.value if doc.content_type else 'unknown'}, {doc.input_size} bytes, "
                       f"index {doc.raw.index}")]
    for label, value in rows:
        if value:
            table.add_row(label, Text(value))
    return table


def _article_rows(article: Article) -> list[tuple[str, str | None]]:
    date = "none found"
    if article.published is not None:
        date = (f"{article.published.isoformat()} (from {article.published_source.value}, "
                f"confidence {article.published_confidence:.2f})")
    rejected_dates = [c for c in article.date_candidates if c.rejected]
    return [
        ("title", article.title), ("subtitle", article.subtitle), ("byline", article.byline),
        ("publisher", article.publisher), ("date", date),
        ("updated", article.updated.isoformat() if article.updated else None),
        ("dates set aside", "; ".join(f"{c.value} ({c.source.value}): {c.rejected}" for c in rejected_dates)),
        ("language", article.language or "undetermined"), ("status", article.status.value),
        ("quality", quality_line(article)),
        ("words", f"{article.word_count} kept, {len(article.removed)} pieces removed"),
        ("warnings", "; ".join(article.warnings)),
    ]


#: The quality signals shown on the inspect screen, with short labels: those that decide a status.
QUALITY_SHOWN = (("mean_word_length", "word length"), ("alpha_word_share", "words with letters"),
                 ("symbol_word_ratio", "symbols/word"), ("punctuated_char_share", "punctuated"),
                 ("ellipsis_char_share", "cut with …"), ("duplicate_paragraph_char_share", "repeated paragraphs"),
                 ("duplicate_line_char_share", "repeated lines"), ("top_2gram_char_share", "top 2-gram"),
                 ("top_3gram_char_share", "top 3-gram"), ("top_4gram_char_share", "top 4-gram"),
                 ("stop_words", "stop words"))


def quality_line(article: Article) -> str | None:
    """The deciding quality signals in one line (those not measured are left out)."""
    if article.quality is None:
        return None
    values = article.quality.model_dump()
    shown = [f"{label} {values[name]:.3g}" if isinstance(values[name], float) else f"{label} {values[name]:,}"
             for name, label in QUALITY_SHOWN if values[name] is not None]
    return " · ".join(shown)


def page_grid(inspection: Inspection, context: RunContext | None = None) -> RenderableType:
    """One row per kept or removed piece, in page order: gutter mark, text, and the removal's label (or, for
    a kept paragraph another article of the run holds, ``shared`` and that article's ``doc_id``)."""
    pieces = inspection.pieces
    if not pieces:
        return Text("(nothing was segmented: the document stopped before the segment stage)", style="italic")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_column(no_wrap=True)
    for piece in pieces:
        text = " ".join(piece.text.split())
        shared = context.shared.get(text) if context is not None and not piece.removed else None
        if shared:
            grid.add_row(Text(SHARED_MARK.strip(), style=SHARED_COLOUR), Text(text, style="on grey15"),
                         Text(f"shared · {', '.join(shared)}", style=f"bold {SHARED_COLOUR}"))
            continue
        if not piece.removed:
            grid.add_row(Text(KEPT_MARK.strip(), style="dim"), Text(text), Text(""))
            continue
        colour = KIND_COLOURS.get(piece.kind or "", "white")
        grid.add_row(Text(REMOVED_MARK.strip(), style=colour), Text.assemble((text, "dim strike")),  # styled span only, not the cell's padding
                     Text(f"{piece.kind} · {piece.rule}", style=f"bold {colour}"))
    return grid
