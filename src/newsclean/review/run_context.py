"""What a run found about one document: its near-duplicate cluster and its overlaps, for ``inspect --run``.

``newsclean inspect FILE`` cleans one document on its own, and a document
alone has no duplicates. With ``--run OUT`` the inspection looks the document
up in that run's articles (by ``doc_id``, else by its input's hash and index,
since a path given another way changes the id), and reads the articles it
duplicates or overlaps, so the terminal can name them and mark the
paragraphs they share (:func:`newsclean.dedup.passages.shared_paragraphs`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..dedup.passages import shared_paragraphs
from ..errors import NewscleanError
from ..records import Article

#: Columns read of the articles the inspected one duplicates or overlaps.
OTHER_COLUMNS = ("doc_id", "title", "source", "source_index", "paragraphs")


class RunNotReadable(NewscleanError):
    """The folder given to ``--run`` holds no articles table."""


@dataclass(frozen=True, slots=True)
class RunContext:
    """The inspected article as the run saw it: the first of its cluster, its overlaps, and what they share."""

    found: bool  # whether the run holds this document as an article
    duplicate_of: dict[str, Any] | None = None  # the first article of its cluster (OTHER_COLUMNS)
    overlaps: list[tuple[dict[str, Any], float]] = field(default_factory=list)  # (other article, share)
    shared: dict[str, list[str]] = field(default_factory=dict)  # kept paragraph (single-spaced) -> doc_ids holding it


def run_context(out: str | Path, article: Article) -> RunContext:
    """What the run in ``out`` found about ``article``; raises :class:`RunNotReadable` when it has no articles."""
    import pyarrow.compute as pc

    dataset = _articles(Path(out))
    names = dataset.schema.names
    if "overlaps" not in names:
        return RunContext(found=False)
    columns = ["doc_id", "duplicate_of", "overlaps"]
    rows = dataset.to_table(columns=columns, filter=pc.field("doc_id") == article.doc_id).to_pylist()
    if not rows:
        same_input = (pc.field("input_hash") == article.input_hash) & (
            pc.field("source_index") == article.source_index)
        rows = dataset.to_table(columns=columns, filter=same_input).to_pylist()
    if not rows:
        return RunContext(found=False)
    row = rows[0]
    wanted = {entry["doc_id"] for entry in row["overlaps"] or []} | ({row["duplicate_of"]} - {None})
    others = {other["doc_id"]: other for other in dataset.to_table(
        columns=list(OTHER_COLUMNS), filter=pc.field("doc_id").isin(sorted(wanted))).to_pylist()} if wanted else {}
    texts = {doc_id: "\n".join(other["paragraphs"] or []) for doc_id, other in others.items()
             if any(entry["doc_id"] == doc_id for entry in row["overlaps"] or [])}
    shared = dict(zip((" ".join(p.split()) for p in article.paragraphs), shared_paragraphs(article.paragraphs, texts),
                      strict=True))
    unknown = {"title": None, "source": None, "source_index": None}
    return RunContext(
        found=True,
        duplicate_of={"doc_id": row["duplicate_of"], **unknown, **others.get(row["duplicate_of"], {})}
        if row["duplicate_of"] else None,
        overlaps=[({"doc_id": entry["doc_id"], **unknown, **others.get(entry["doc_id"], {})}, entry["share"])
                  for entry in row["overlaps"] or []],
        shared={paragraph: ids for paragraph, ids in shared.items() if ids})


def _articles(out: Path) -> Any:
    import pyarrow.dataset as ds

    for name, fmt in (("articles.parquet", "parquet"), ("articles.jsonl", "json")):
        path = out / name
        if path.exists():
            return ds.dataset(path, format=fmt, partitioning="hive" if path.is_dir() else None)
    raise RunNotReadable(f"{out}: no articles.parquet or articles.jsonl here; give --run a folder "
                         f"`newsclean run --out` wrote")
