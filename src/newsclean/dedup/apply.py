"""Filling the dedup columns: the run's article parts rewritten with ``duplicate_of`` and ``overlaps``.

The cleaning pass writes its parts as records arrive, before any duplicate
can be known. Once every document is written, each committed articles part is
read back one row group at a time and written again, with the same relative
path and layout, into ``STAGING/deduplicated/``, its two dedup columns filled
from the :class:`~newsclean.dedup.matching.Matches`; with ``--dedup drop`` a
near-duplicate leaves the articles and becomes a rejection (reason
``duplicate``, naming the document it duplicates) in a new rejects part. The
rejects of the cleaning pass are linked into the same folder, and the run
publishes the tables from there. The cleaning pass's parts stay untouched
until the run is published, so a run killed during this pass simply does it
again when resumed.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import numpy as np
import pyarrow as pa
import pyarrow.json as pa_json
import pyarrow.parquet as pq

from ..io.dataset import HIVE_NULL, DatasetSink, partition_columns
from ..io.sinks import OutputFormat
from ..records import Article, Rejection, RejectReason, StageName
from . import DEDUPLICATED_DIR
from .matching import Matches
from .store import SignatureTable

logger = logging.getLogger(__name__)

#: The columns this pass fills.
DEDUP_COLUMNS = ("duplicate_of", "overlaps")
#: The Article columns of a dropped duplicate that its rejection and the run's counts need.
DROPPED_COLUMNS = ("doc_id", "source", "source_index", "source_id", "url", "input_size", "input_hash",
                   "pipeline_version", "removed", "published_source", "language")


@dataclass(frozen=True, slots=True)
class DedupColumns:
    """Looks up an article's dedup columns by its ``doc_id``."""

    table: SignatureTable
    matches: Matches
    _ids: np.ndarray = field(init=False)
    _rows: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        rows = np.argsort(self.table.doc_ids, kind="stable")
        object.__setattr__(self, "_rows", rows)
        object.__setattr__(self, "_ids", self.table.doc_ids[rows])

    def rows(self, doc_ids: Sequence[str]) -> np.ndarray:
        """The table row of every ``doc_id`` (-1 for an article that has no signature)."""
        keys = np.asarray([doc_id.encode("ascii") for doc_id in doc_ids], dtype=self._ids.dtype)
        at = np.minimum(np.searchsorted(self._ids, keys), max(len(self._ids) - 1, 0))
        if not len(self._ids):
            return np.full(len(keys), -1, dtype=np.int64)
        return np.where(self._ids[at] == keys, self._rows[at], -1)

    def duplicate_of(self, row: int) -> str | None:
        """The ``doc_id`` of the first article of ``row``'s cluster, or None."""
        if row < 0 or self.matches.duplicate_of[row] < 0:
            return None
        return self.table.doc_ids[self.matches.duplicate_of[row]].decode("ascii")

    def overlaps(self, row: int) -> list[dict[str, Any]]:
        """``row``'s overlapping articles as ``{doc_id, share}``, largest share first."""
        if row < 0:
            return []
        return [{"doc_id": self.table.doc_ids[other].decode("ascii"), "share": share}
                for other, share in self.matches.overlaps(row)]


@dataclass(frozen=True, slots=True)
class Tables:
    """Where the run's tables are and how they are laid out."""

    staging: Path
    articles: str  # the articles table's name (``articles.parquet``)
    rejects: str
    fmt: OutputFormat
    compression: str
    row_group_size: int
    rows_per_file: int
    partition_by: tuple[str, ...]


def fill(tables: Tables, part_files: Sequence[str], columns: DedupColumns, *, drop: bool, next_part: int,
         on_dropped: Callable[[dict[str, Any], Rejection], None]) -> int:
    """Write the dedup tables into ``STAGING/deduplicated/``; returns how many duplicates were dropped.

    ``part_files`` are the committed articles parts, relative to the staging
    folder. ``on_dropped`` is told of every dropped duplicate (its article's
    columns and its rejection), so the run's counts can follow.
    """
    target = tables.staging / DEDUPLICATED_DIR
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir()
    _link(tables.staging / tables.rejects, target / tables.rejects)
    (target / tables.articles).parent.mkdir(parents=True, exist_ok=True)
    dropped = 0
    sink = _rejects_sink(tables, target, next_part) if drop else None
    try:
        for relative in part_files:
            source = _part_path(tables.staging, relative)
            destination = target / source.relative_to(tables.staging)
            partition = _partition_values(source.relative_to(tables.staging / tables.articles)
                                          if source != tables.staging / tables.articles else Path())
            rewrite = _rewrite_parquet if tables.fmt is OutputFormat.PARQUET else _rewrite_jsonl
            for row in rewrite(source, destination, columns, tables, drop=drop):
                row.update(partition)
                rejection = duplicate_rejection(row, row["duplicate_of"])
                assert sink is not None
                sink.write(rejection)
                on_dropped(row, rejection)
                dropped += 1
        if sink is not None:
            if dropped:
                sink.close()
            else:
                sink.abort()
    except BaseException:
        if sink is not None:
            sink.abort()
        raise
    return dropped


def _rejects_sink(tables: Tables, target: Path, next_part: int) -> DatasetSink:
    return DatasetSink(target / tables.rejects, Rejection, fmt=tables.fmt, rows_per_file=tables.rows_per_file,
                       row_group_size=tables.row_group_size, compression=tables.compression,
                       partition_by=partition_columns(Rejection, tables.partition_by), first_part=next_part,
                       replace=False)


def duplicate_rejection(article: Article | dict[str, Any], first: str) -> Rejection:
    """The rejection a dropped near-duplicate becomes: the article's identity, and the ``doc_id`` it duplicates."""
    row = article.model_dump() if isinstance(article, Article) else article
    return Rejection(doc_id=row["doc_id"], source=row["source"], source_index=row["source_index"],
                     source_id=row.get("source_id"), url=row.get("url"), stage=StageName.DEDUP,
                     reason=RejectReason.DUPLICATE,
                     detail=f"a near-duplicate of {first}, the first article of its cluster in input order",
                     input_size=row["input_size"], input_hash=row["input_hash"],
                     pipeline_version=row["pipeline_version"])


def _rewrite_parquet(source: Path, destination: Path, columns: DedupColumns, tables: Tables, *,
                     drop: bool) -> list[dict[str, Any]]:
    """Rewrite one Parquet part with its dedup columns; the dropped rows' columns, when dropping.

    The part is read a row group at a time, in this thread, without pre-buffering,
    and the allocator hands back each row group's memory before the next is read:
    reading by batches with Arrow's defaults kept the freed row groups, and the
    writing process grew with the number of row groups (534 MB at the end of the
    pass on 20,000 articles in 20 row groups, against 273 MB this way).
    """
    parquet = pq.ParquetFile(source, pre_buffer=False)
    schema = parquet.schema_arrow
    temporary = destination.with_name(f".{destination.name}.tmp-{os.getpid()}")
    destination.parent.mkdir(parents=True, exist_ok=True)
    dropped: list[dict[str, Any]] = []
    with pq.ParquetWriter(temporary, schema, compression=tables.compression) as writer:
        for group in range(parquet.num_row_groups):
            table = parquet.read_row_group(group, use_threads=False)
            if not table.num_rows:
                continue
            rows = columns.rows(table.column("doc_id").to_pylist())
            filled = _filled_columns(columns, rows, schema)
            for name in DEDUP_COLUMNS:
                index = schema.get_field_index(name)
                table = table.set_column(index, schema.field(index), filled.column(name))
            if drop:
                import pyarrow.compute as pc  # here only: the module costs the writing process 9 MB

                is_duplicate = pc.is_valid(table.column("duplicate_of"))
                wanted = [name for name in (*DROPPED_COLUMNS, "duplicate_of") if name in schema.names]
                dropped.extend(table.filter(is_duplicate).select(wanted).to_pylist())
                table = table.filter(pc.invert(is_duplicate))
            writer.write_table(table, row_group_size=tables.row_group_size)
            del table
            pa.default_memory_pool().release_unused()
    os.replace(temporary, destination)
    return dropped


def _filled_columns(columns: DedupColumns, rows: np.ndarray, schema: pa.Schema) -> pa.Table:
    """The dedup columns of ``rows`` as Arrow, typed as ``schema`` says.

    Built through Arrow's JSON reader, as the Parquet sink builds its rows:
    converting Python objects would make pyarrow import pandas into the
    writing process (see :mod:`newsclean.io.parquet`).
    """
    lines = "\n".join(json.dumps({"duplicate_of": columns.duplicate_of(int(row)),
                                  "overlaps": columns.overlaps(int(row))}) for row in rows).encode()
    wanted = pa.schema([schema.field(name) for name in DEDUP_COLUMNS])
    options = pa_json.ReadOptions(use_threads=False, block_size=len(lines) + 1)
    return pa_json.read_json(pa.BufferReader(lines), read_options=options,
                             parse_options=pa_json.ParseOptions(explicit_schema=wanted)).cast(wanted)


def _rewrite_jsonl(source: Path, destination: Path, columns: DedupColumns, tables: Tables, *,
                   drop: bool) -> list[dict[str, Any]]:
    """Rewrite one JSON Lines part with its dedup columns; the dropped rows' columns, when dropping."""
    temporary = destination.with_name(f".{destination.name}.tmp-{os.getpid()}")
    destination.parent.mkdir(parents=True, exist_ok=True)
    dropped: list[dict[str, Any]] = []
    with open(source, encoding="utf-8") as lines, open(temporary, "w", encoding="utf-8") as out:
        for line in lines:
            if not line.strip():
                continue
            article = json.loads(line)
            row = int(columns.rows([article["doc_id"]])[0])
            article["duplicate_of"] = columns.duplicate_of(row)
            article["overlaps"] = columns.overlaps(row)
            if drop and article["duplicate_of"] is not None:
                dropped.append({name: article.get(name) for name in (*DROPPED_COLUMNS, "duplicate_of")})
                continue
            out.write(json.dumps(article, ensure_ascii=False, separators=(",", ":")) + "\n")
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, destination)
    return dropped


def _part_path(staging: Path, relative: str) -> Path:
    """Where a committed part is now: a table left as one file became its folder's ``part-00000`` when a
    resumed run added parts (see :class:`~newsclean.io.dataset.DatasetSink`)."""
    path = staging / relative
    if path.is_dir():
        return path / f"part-00000{path.suffix}"
    return path


def _partition_values(relative: Path) -> dict[str, Any]:
    """The Hive partition values in a part's folders (``language=en/...``): columns the file leaves out."""
    values: dict[str, Any] = {}
    for folder in relative.parts[:-1]:
        name, _, value = folder.partition("=")
        if name and value:
            values[name] = None if value == HIVE_NULL else unquote(value)
    return values


def _link(source: Path, destination: Path) -> None:
    """Hard-link a table (a file or a folder of parts) to a second name, copying where links are refused."""
    if source.is_dir():
        for path in sorted(source.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                _link(path, destination / path.relative_to(source))
        destination.mkdir(parents=True, exist_ok=True)
        return
    if not source.exists():
        return
    destination.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)
