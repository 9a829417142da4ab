"""Running the pipeline on a Ray cluster with Ray Data (``pip install newsclean[ray]``).

The same pipeline as a local run, spread over a cluster:

1. the driver lists the input files (:func:`newsclean.io.read.input_files`),
   and Ray Data reads them on the workers with the local run's own reader
   (:func:`newsclean.io.read.read_file`: files, JSON Lines, and any format
   that reader learns), so a document is read the same way everywhere;
2. ``map_batches`` cleans Arrow batches of documents with a callable class
   (:class:`CleanBatch`) that builds the pipeline once per actor;
3. articles and rejects are written with ``write_parquet`` to their own
   datasets, with the explicit Arrow schema of the records
   (:func:`newsclean.io.parquet.arrow_schema`), into a hidden folder renamed
   into place at the end, so a failed run leaves the previous output;
4. with dedup on (the default), the articles' signatures are grouped on their
   LSH band keys with Ray Data's ``groupby``; each group yields its candidate
   pairs with the local run's own function
   (:func:`newsclean.dedup.matching.candidate_pairs`), and the driver scores
   them and finds the clusters and overlaps as a local run does
   (:func:`newsclean.dedup.matching.match`), then the articles are written
   with their ``duplicate_of`` and ``overlaps`` (near-duplicates to the
   rejects with ``drop``). Input order is (file's place in the listing,
   document's index in the file), the order a local run reads them in, so the
   clusters and their first articles are the same;
5. the per-batch counts are merged into a :class:`~newsclean.runner.summary.RunSummary`,
   whose totals are checked against the rows actually written.

The cleaned records are materialised once between steps 2 and 3 (Ray keeps
them in its object store and spills to disk past it), so each document is
cleaned exactly once although it feeds two outputs. Input files and the output
folder must be reachable under the same path from every node (a shared file
system), as for any Ray Data job reading local paths. Row order within the
output follows Ray's scheduling, not the input order; records are identical to
a local run's.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import time
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import ray
import ray.data
from pydantic import BaseModel
from ray.data.datasource import FilenameProvider
from ray.data.expressions import col

from ..assembly import After, build_pipeline
from ..runner.batch import SUMMARY_FILE, table_path, write_atomic
from ..config import DedupMode, PipelineConfig
from ..dedup import matching, store
from ..dedup.apply import DedupColumns, duplicate_rejection
from ..dedup.signature import signature
from ..document import RawDocument, ReadFailure
from ..errors import ConfigError
from ..io.dataset import clear_table
from ..io.parquet import arrow_schema, to_row
from ..io.read import JsonFields, SkippedPaths, input_files, read_file
from ..io.sinks import OutputFormat
from ..pipeline import input_bytes
from ..records import Article, ContentType, Overlap, Rejection, RejectReason, StageName
from ..runner.summary import RunSummary, Tally, close_account

logger = logging.getLogger(__name__)

#: Documents per batch handed to a cleaning actor: big enough that Ray's
#: per-batch overhead is small against ~10 ms of cleaning per document, small
#: enough that batches spread evenly over the actors.
CLEAN_BATCH_DOCUMENTS = 32
#: Documents per Arrow table the reader yields, so a huge JSON Lines file
#: streams out in pieces instead of one table of the whole file.
READ_CHUNK_DOCUMENTS = 256
#: The transport schema of a raw document between the reader and the cleaners.
RAW_SCHEMA = pa.schema([
    ("source", pa.string()), ("index", pa.int64()), ("data", pa.binary()), ("is_text", pa.bool_()),
    ("url", pa.string()), ("content_type", pa.string()), ("fallback_date", pa.date32()),
    ("source_id", pa.string()), ("error_reason", pa.string()), ("error_detail", pa.string()),
    ("charset", pa.string()),
    ("skipped", pa.string()),  # not a document: a file's skipped WARC records by reason, as JSON
    ("order", pa.uint64()),  # place in the input order: the file's place in the listing, then the index
])
#: The table of a row that is no document (a file's skipped records).
SKIPPED = "skipped"
#: What a cleaning actor returns per row: which table it goes to, the record
#: as JSON, and counts (the batch's on its first document; skipped records on their row).
CLEANED_SCHEMA = pa.schema([("table", pa.string()), ("record", pa.string()), ("tally", pa.string()),
                            ("order", pa.uint64()), ("doc_id", pa.string()),
                            ("shingles", pa.uint32()), ("minhash", pa.binary())])  # an article's signature
#: Bits of the input order that hold a document's index within its file; the file's place is above them.
ORDER_INDEX_BITS = 32
_MODELS: dict[str, type[BaseModel]] = {"articles": Article, "rejects": Rejection}


def run(
    inputs: Iterable[str | Path],
    out_dir: str | Path = "output",
    *,
    config: PipelineConfig | None = None,
    address: str | None = None,
    concurrency: int | None = None,
    extra_stages: Sequence[After] = (),
) -> RunSummary:
    """Clean every document under ``inputs`` on a Ray cluster into ``out_dir``; return the summary.

    ``address`` is the cluster to connect to (``"auto"`` for the one this
    machine belongs to, or ``ray://host:10001``); without it the Ray
    instance already initialised in this process is used, or a local one is
    started. ``concurrency`` is the number of cleaning actors (default: one
    per CPU of the cluster). ``extra_stages`` are a user's own stages, as
    for :func:`newsclean.run`. Writes ``OUT/articles.parquet/`` and
    ``OUT/rejects.parquet/`` (folders of ``part-*.parquet``) and
    ``OUT/run_summary.json``.
    """
    config = (config or PipelineConfig()).resolved()
    if config.write.format is not OutputFormat.PARQUET or config.write.partition_by:
        raise ConfigError("the ray engine writes unpartitioned Parquet only: drop write.format and "
                          "write.partition_by (--format, --partition-by), or run with the local engine")
    inputs = [str(item) for item in inputs]
    passed_over: SkippedPaths = {}
    items = [{"path": str(item), "rank": rank} if isinstance(item, Path) else
             {"failed": {**_raw_row(item), "order": rank << ORDER_INDEX_BITS}, "rank": rank}
             for rank, item in enumerate(input_files(inputs, passed_over))]
    _connect(address)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    fields = config.input
    reading = {"max_input_bytes": config.limits.max_input_bytes,
               "fields": JsonFields(text=fields.text_field, html=fields.html_field, url=fields.url_field,
                                    id=fields.id_field)}
    documents = ray.data.from_items(items).map_batches(_read_files, fn_kwargs=reading, batch_format="pyarrow",
                                                       batch_size=1)
    dedup = config.dedup.mode is not DedupMode.OFF
    cleaned = documents.map_batches(
        CleanBatch, fn_constructor_kwargs={"config_json": config.model_dump_json(),
                                           "extra_stages": tuple(extra_stages), "sign": dedup},
        batch_format="pyarrow", batch_size=CLEAN_BATCH_DOCUMENTS, concurrency=concurrency or _cluster_cpus(),
        num_cpus=1,
    ).materialize()
    tally, skipped = _counts(cleaned)
    found: dict[str, int] = {}
    columns: Any = None
    if dedup:
        dedup_began = time.perf_counter()
        columns, found = _deduplicate(cleaned, config, tally)
        tally.stage_seconds[StageName.DEDUP.value] += time.perf_counter() - dedup_began
    written = {name: _write_table(cleaned, name, out, config, columns) for name in _MODELS}
    summary = close_account(
        tally, config=config, inputs=inputs, seconds=time.perf_counter() - began,
        articles_path=str(table_path(out, "articles")), rejects_path=str(table_path(out, "rejects")),
        written=written, skipped_records=skipped, skipped_paths=passed_over, extra_stages=extra_stages,
        dedup=found,
    )
    write_atomic(out / SUMMARY_FILE, summary.model_dump_json(indent=2))
    return summary


class CleanBatch:
    """The Ray Data callable that cleans Arrow batches of documents; one pipeline per actor."""

    def __init__(self, config_json: str, extra_stages: Sequence[After] = (), sign: bool = False) -> None:
        self.pipeline = build_pipeline(PipelineConfig.model_validate_json(config_json), extra_stages)
        self.sign = sign  # compute the articles' dedup signatures

    def __call__(self, batch: pa.Table) -> pa.Table:
        """One output row per input row: its table, its record as JSON, counts, and an article's signature."""
        tally = Tally()
        columns: dict[str, list[Any]] = {name: [] for name in CLEANED_SCHEMA.names}
        first_document = None
        for row in batch.to_pylist():
            signed = None
            if row["skipped"] is not None:
                values = {"table": SKIPPED, "record": None, "tally": row["skipped"], "doc_id": None}
            else:
                outcome = self.pipeline.process(_raw_document(row))
                tally.add(outcome)
                first_document = len(columns["table"]) if first_document is None else first_document
                article = isinstance(outcome.record, Article)
                values = {"table": "articles" if article else "rejects", "record": outcome.record.model_dump_json(),
                          "tally": None, "doc_id": outcome.record.doc_id}
                if article and self.sign:
                    signed = signature(outcome.record.text)  # type: ignore[union-attr]
            values.update(order=row["order"], shingles=signed.shingles if signed else None,
                          minhash=signed.minhash.tobytes() if signed else None)
            for name, value in values.items():
                columns[name].append(value)
        if first_document is not None:
            columns["tally"][first_document] = tally.to_json()
        return pa.table(columns, schema=CLEANED_SCHEMA)


class _PartNames(FilenameProvider):
    """Names Ray's output files ``part-00000-0.parquet``, …, like the local layout's parts."""

    def get_filename_for_task(self, write_uuid: str, task_index: int) -> str:
        return f"part-{task_index:05d}"


def _counts(cleaned: Any) -> tuple[Tally, Counter[str]]:
    """The cleaning actors' counts merged: outcomes, and skipped input records by reason."""
    tally, skipped = Tally(), Counter[str]()
    for batch in cleaned.select_columns(["table", "tally"]).iter_batches(batch_format="pyarrow"):
        for table, counts in zip(batch.column("table").to_pylist(), batch.column("tally").to_pylist(), strict=True):
            if counts is None:
                continue
            if table == SKIPPED:
                skipped.update(json.loads(counts))
            else:
                tally.merge(Tally.from_json(counts))
    return tally, skipped


def _write_table(cleaned: Any, name: str, out: Path, config: PipelineConfig, columns: Any = None) -> int:
    """Write one table's records to ``OUT/<name>.parquet/``; return the rows written.

    ``columns`` (a :class:`_DedupColumns`) fills the dedup columns, when dedup is on.
    """
    model = _MODELS[name]
    target = table_path(out, name)
    staging = out / f".{target.name}.ray-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    records = cleaned.map_batches(_to_records, fn_kwargs={"table": name, "columns": columns},
                                  batch_format="pyarrow")
    records.write_parquet(
        str(staging), schema=arrow_schema(model), compression=config.write.compression,
        row_group_size=config.write.row_group_size, max_rows_per_file=config.write.rows_per_file,
        filename_provider=_PartNames(), mode="overwrite",
    )
    staging.mkdir(parents=True, exist_ok=True)  # a table with no rows is an empty folder
    rows = sum(pq.read_metadata(path).num_rows for path in staging.glob("*.parquet"))
    clear_table(target)
    os.replace(staging, target)
    return rows


def _to_records(batch: pa.Table, table: str, columns: Any = None) -> pa.Table:
    """The rows of ``batch`` that belong to ``table``, as that table's Arrow schema, with the dedup columns
    filled from ``columns`` (a :class:`_DedupColumns`); a dropped duplicate becomes a rejection."""
    model = _MODELS[table]
    rows = []
    for kind, record in zip(batch.column("table").to_pylist(), batch.column("record").to_pylist(), strict=True):
        if kind not in _MODELS:
            continue
        parsed: Article | Rejection = _MODELS[kind].model_validate_json(record)  # type: ignore[assignment]
        if isinstance(parsed, Article) and columns is not None:
            parsed = columns.fill(parsed)
        if isinstance(parsed, _MODELS[table]):
            rows.append(to_row(parsed))
    return pa.Table.from_pylist(rows, schema=arrow_schema(model))


class _DedupColumns:
    """What the driver found, shipped to the writers: each marked article's dedup columns, by ``doc_id``."""

    def __init__(self, marks: dict[str, tuple[str | None, list[tuple[str, float]]]], drop: bool) -> None:
        self.marks = marks
        self.drop = drop

    def fill(self, article: Article) -> Article | Rejection:
        """``article`` with its dedup columns, or, dropping, the rejection of a near-duplicate."""
        first, overlaps = self.marks.get(article.doc_id, (None, []))
        if first is not None and self.drop:
            return duplicate_rejection(article, first)
        return article.model_copy(update={"duplicate_of": first, "overlaps": [
            Overlap(doc_id=doc_id, share=share) for doc_id, share in overlaps]})


def _deduplicate(cleaned: Any, config: PipelineConfig, tally: Tally) -> tuple[Any, dict[str, int]]:
    """Find the run's near-duplicates and overlaps: band keys grouped on the cluster, pairs scored on the driver.

    Returns the :class:`_DedupColumns` (the writing tasks receive it with their arguments) and the counts for the summary; ``tally``
    follows the duplicates a ``drop`` moves to the rejects.
    """
    signed = cleaned.filter(expr=col("table") == "articles").select_columns(["order", "doc_id", "shingles", "minhash"])
    table = _signature_table(signed)
    grouped = signed.map_batches(_band_rows, batch_format="pyarrow").groupby("key").map_groups(
        _group_pairs, batch_format="numpy")
    orders = table.records["order"]
    batches = (np.searchsorted(orders, np.stack([batch["first"], batch["second"]], axis=1))
               for batch in grouped.iter_batches(batch_format="numpy") if len(batch["first"]))
    pairs = matching.unique_pairs(batches, len(table))
    found = matching.match(pairs, table.minhashes, table.sizes, threshold=config.dedup.threshold,
                           min_overlap=config.dedup.min_overlap)
    lookup = DedupColumns(table, found)
    marks = {}
    for row in np.flatnonzero((found.duplicate_of >= 0) | (np.diff(found.offsets) > 0)).tolist():
        marks[table.doc_ids[row].decode("ascii")] = (lookup.duplicate_of(row), [
            (entry["doc_id"], entry["share"]) for entry in lookup.overlaps(row)])
    drop = config.dedup.mode is DedupMode.DROP
    dropped = {doc_id for doc_id, (first, _) in marks.items() if first is not None} if drop else set()
    if dropped:
        for batch in cleaned.filter(expr=col("table") == "articles").select_columns(["doc_id", "record"]).iter_batches(
                batch_format="pyarrow"):
            for doc_id, record in zip(batch.column("doc_id").to_pylist(), batch.column("record").to_pylist(),
                                      strict=True):
                if doc_id in dropped:
                    article = Article.model_validate_json(record)
                    tally.reclassify(article.model_dump(mode="json"),
                                     duplicate_rejection(article, marks[doc_id][0] or ""))
    counts = {"articles_signed": len(table), "candidate_pairs": len(pairs), **found.counts(), "dropped": len(dropped)}
    return _DedupColumns(marks, drop), counts


def _signature_table(signed: Any) -> store.SignatureTable:
    """The articles' signatures gathered on the driver, in input order (544 bytes an article)."""
    parts = []
    for batch in signed.iter_batches(batch_format="pyarrow"):
        records = np.zeros(batch.num_rows, dtype=store.RECORD)
        records["order"] = batch.column("order").to_numpy()
        records["doc_id"] = np.asarray(batch.column("doc_id").to_pylist(), dtype=f"S{store.DOC_ID_BYTES}")
        records["shingles"] = batch.column("shingles").to_numpy()
        records["minhash"] = np.frombuffer(b"".join(batch.column("minhash").to_pylist()),
                                           dtype=np.uint32).reshape(batch.num_rows, -1)
        parts.append(records)
    return store.load_records(parts)


def _band_rows(batch: pa.Table) -> pa.Table:
    """Every article's LSH band keys (one row per article and band), with its input order."""
    minhashes = np.frombuffer(b"".join(batch.column("minhash").to_pylist()), dtype=np.uint32).reshape(
        batch.num_rows, -1)
    orders = batch.column("order").to_numpy()
    keep = batch.column("shingles").to_numpy() > 0
    minhashes, orders = minhashes[keep], orders[keep]
    keys = np.concatenate([matching.band_keys(minhashes[:, band], band) for band in range(minhashes.shape[1])]) \
        if len(orders) else np.empty(0, np.uint64)
    return pa.table({"key": keys, "order": np.tile(orders, minhashes.shape[1])})


def _group_pairs(group: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The candidate pairs of one band-key group, by input order (the local run's own function)."""
    pairs = matching.candidate_pairs(group["key"], group["order"].astype(np.uint64))
    return {"first": pairs[:, 0], "second": pairs[:, 1]}


def _read_files(batch: pa.Table, max_input_bytes: int, fields: JsonFields) -> Iterator[pa.Table]:
    """The documents of the files in ``batch``, read with the local reader, in tables of a bounded size."""
    rows: list[dict[str, Any]] = []
    for item in batch.to_pylist():
        skipped: Counter[str] = Counter()
        base = item["rank"] << ORDER_INDEX_BITS
        if item.get("failed"):
            rows.append(item["failed"])
        else:
            path = item["path"]
            for raw in read_file(Path(path), max_input_bytes=max_input_bytes, fields=fields, skipped=skipped):
                rows.append({**_raw_row(raw), "order": base + raw.index})
                if len(rows) >= READ_CHUNK_DOCUMENTS:
                    yield pa.Table.from_pylist(rows, schema=RAW_SCHEMA)
                    rows = []
        if skipped:
            rows.append({"source": item["path"], "index": 0, "data": b"", "is_text": False,
                         "skipped": json.dumps(skipped), "order": base})
    if rows:
        yield pa.Table.from_pylist(rows, schema=RAW_SCHEMA)


def _raw_row(raw: RawDocument) -> dict[str, Any]:
    """A raw document as one row of :data:`RAW_SCHEMA` (bytes travel as they hash, text keeps its type)."""
    return {"source": raw.source, "index": raw.index, "data": input_bytes(raw), "is_text": isinstance(raw.data, str),
            "url": raw.url, "content_type": raw.content_type.value if raw.content_type else None,
            "fallback_date": raw.fallback_date, "source_id": raw.source_id, "charset": raw.charset,
            "error_reason": raw.error.reason.value if raw.error else None,
            "error_detail": raw.error.detail if raw.error else None}


def _raw_document(row: dict[str, Any]) -> RawDocument:
    """The raw document :func:`_raw_row` sent."""
    data: bytes | str = row["data"].decode("utf-8", "surrogatepass") if row["is_text"] else row["data"]
    error = ReadFailure(RejectReason(row["error_reason"]), row["error_detail"]) if row["error_reason"] else None
    fallback: dt.date | None = row["fallback_date"]
    return RawDocument(source=row["source"], data=data, index=row["index"], url=row["url"],
                       content_type=ContentType(row["content_type"]) if row["content_type"] else None,
                       fallback_date=fallback, source_id=row["source_id"], error=error, charset=row["charset"])


def _connect(address: str | None) -> None:
    if ray.is_initialized():
        return
    if address is None:
        ray.init(include_dashboard=False)
    else:
        ray.init(address=address)


def _cluster_cpus() -> int:
    return max(1, int(ray.cluster_resources().get("CPU", 1)))
