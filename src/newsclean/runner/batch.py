"""The batch run: read inputs, clean every document, write articles and rejects, account for all.

This is what ``newsclean run`` calls. Every document read ends in exactly one
of the articles and the rejects tables (``articles.parquet`` and
``rejects.parquet``, or folders of part files past ``write.rows_per_file``
rows, see :mod:`newsclean.io.dataset`); the run checks that before
it reports success, and writes its summary next to the data. Documents may be
cleaned in worker processes (:mod:`newsclean.runner.workers`), but listing the
inputs and writing happen here, in input order, so the output does not depend
on the number of workers. A file holding one document is read by the process
that cleans it (the page never crosses a pipe); JSON Lines, WARC files and
standard input are read here, one document after another.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._version import __version__
from ..config import DedupMode, PipelineConfig
from ..dedup import store as signatures
from ..dedup.signature import signature
from ..document import RawDocument
from ..errors import AccountingError
from ..io.dataset import CommittedPart, DatasetSink, partition_columns
from ..io.read import SkippedPaths, UnreadFile, iter_documents
from ..io.sinks import OutputFormat
from .manifest import MANIFEST_FILE, ManifestState, ManifestWriter, check_resumable, file_sha256, run_entry, to_ranges
from .manifest import load as load_manifest
from ..pipeline import Outcome
from .publish import (SUMMARY_FILE, finish_interrupted_publish, fresh_staging, publish, remove_temporary_files,
                      staging_dir)
from ..records import Article, PageStatus, Rejection, StageName
from .deduplicate import deduplicate
from .summary import RunSummary, Tally, close_account
from .workers import build_standard, process_ordered

if TYPE_CHECKING:
    from ..assembly import After

logger = logging.getLogger(__name__)

ARTICLES_FILE = "articles.parquet"
REJECTS_FILE = "rejects.parquet"


def table_path(out_dir: str | Path, table: str, fmt: OutputFormat = OutputFormat.PARQUET) -> Path:
    """Where a run writes a table (``articles`` or ``rejects``): a file, or a folder of parts."""
    return Path(out_dir) / f"{table}.{OutputFormat(fmt).value}"


def open_tables(out_dir: str | Path, config: PipelineConfig, *,
                on_commit: Callable[[CommittedPart], None] | None = None,
                first_part: int = 0, replace: bool = True) -> tuple[DatasetSink, DatasetSink]:
    """The sinks of a run's two tables, articles and rejects, laid out as ``config.write`` says.

    ``on_commit``, ``first_part`` and ``replace`` are passed to both sinks
    (see :class:`~newsclean.io.dataset.DatasetSink`); part numbers are per table.
    """
    write = config.write
    options = {"fmt": write.format, "rows_per_file": write.rows_per_file, "row_group_size": write.row_group_size,
               "compression": write.compression, "on_commit": on_commit, "first_part": first_part,
               "replace": replace}
    return tuple(  # type: ignore[return-value]
        DatasetSink(table_path(out_dir, name, write.format), model,
                    partition_by=partition_columns(model, write.partition_by), **options)  # type: ignore[arg-type]
        for name, model in (("articles", Article), ("rejects", Rejection)))


def run(
    inputs: Iterable[str | Path],
    out_dir: str | Path = "output",
    *,
    config: PipelineConfig | None = None,
    on_record: Callable[[Article | Rejection], None] | None = None,
    workers: int = 1,
    on_commit: Callable[[CommittedPart], None] | None = None,
    extra_stages: Sequence[After] = (),
    resume: bool = False,
    reject_status: Iterable[PageStatus | str] | None = None,
    dedup: DedupMode | str | None = None,
) -> RunSummary:
    """Clean every document under ``inputs`` into ``out_dir`` and return the run's summary.

    ``inputs`` are files, folders (searched recursively) or glob patterns.
    ``on_record`` is called after each document, in input order, e.g. to draw progress.
    ``workers`` is the number of processes that clean documents; the default,
    1, starts none (pass ``os.cpu_count()`` to use every core). The output is
    the same for any number of workers. ``on_commit`` is called each time an
    output file is complete and durable, with the path it has once the run
    ends (see :mod:`newsclean.io.dataset` and :mod:`newsclean.runner.publish`).
    ``extra_stages`` adds a user's own stages to the pipeline, each after the
    built-in stage it names (:class:`~newsclean.assembly.After`).
    ``reject_status`` (e.g. ``{"not_prose", "repetitive", "paywall"}``) sends
    the articles of those page statuses to the rejects, as ``not_article``
    with the status and its warning in the detail; it replaces the
    configuration's ``write.reject_status``.

    The output appears in ``out_dir`` only when the run completes: a run that
    is killed leaves the previous output as it was. ``resume=True`` goes on
    from where a killed run over the same inputs and configuration stopped:
    documents already written are not cleaned again, and the output holds the
    same records as an uninterrupted run (in parts, so the order of rows may
    differ). Without an interrupted run to resume, it runs from the start.
    ``dedup`` (``"mark"``, ``"drop"`` or ``"off"``) overrides the
    configuration's ``dedup.mode``: once every document is written, a pass
    over the articles' signatures fills ``duplicate_of`` and ``overlaps``
    (``mark``, the default), or also moves every near-duplicate but the first
    of its cluster to the rejects (``drop``; see :mod:`newsclean.dedup`).
    Raises :class:`~newsclean.io.read.InputNotFound` for an input that does
    not exist, :class:`~newsclean.runner.manifest.ResumeError` when the interrupted
    run cannot be resumed; a bad *document* never raises, it becomes a rejection.
    """
    inputs = [str(item) for item in inputs]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    config = config or PipelineConfig()
    if reject_status is not None:
        config = _routing(config, reject_status)
    if dedup is not None:
        config = config.model_copy(update={"dedup": config.dedup.model_copy(update={"mode": DedupMode(dedup)})})
    tables = [table_path(out, name, config.write.format).name for name in ("articles", "rejects")]
    finish_interrupted_publish(out, tables)
    state = _interrupted_run(out, config) if resume else None
    config = _resolved(config, state)
    fingerprint = config.fingerprint()
    if state is not None:
        check_resumable(state, fingerprint, inputs)
        staging = staging_dir(out)
        remove_temporary_files(staging)
        logger.info("resuming: %d parts and %d documents are done", len(state.parts),
                    sum(map(len, state.done.values())))
    else:
        staging = fresh_staging(out)
    tally = Tally()
    for part in state.parts if state else ():
        tally.merge(Tally.from_json(json.dumps(part["tally"])))
    began = time.perf_counter()
    manifest = ManifestWriter(staging / MANIFEST_FILE, fresh=state is None)
    if state is None:
        manifest.append(run_entry(config.model_dump(mode="json"), fingerprint, inputs, __version__))
    deduplicating = config.dedup.mode is not DedupMode.OFF
    parts = _PartLedger(manifest, staging, out, on_commit,
                        signatures.SignatureLog(staging) if deduplicating else None)
    read: Counter[str] = Counter()
    orders: deque[tuple[int, bool]] = deque()  # of each document in flight, oldest first: (input order, whole file)
    files: list[str] = []
    passed_over: SkippedPaths = {}
    try:
        articles, rejects = open_tables(staging, config, on_commit=parts.committed,
                                        first_part=state.next_part if state else 0, replace=state is None)
        with articles, rejects:
            skipped: Counter[str] = Counter()
            fields = config.input
            raws = iter_documents(inputs, max_input_bytes=config.limits.max_input_bytes,
                                  text_field=fields.text_field, html_field=fields.html_field,
                                  url_field=fields.url_field, id_field=fields.id_field, skipped=skipped,
                                  files=files, skipped_paths=passed_over, defer_files=True)
            build = partial(build_standard, extra_stages=tuple(extra_stages))  # pickled into every worker
            for outcome in process_ordered(_not_done(raws, state, read, orders), config, workers, build=build):
                record = outcome.record
                table = articles if isinstance(record, Article) else rejects
                parts.add(table.table, table.write(record, outcome.record_json), outcome, *orders.popleft())
                tally.add(outcome)
                if isinstance(record, Rejection):
                    logger.info("rejected %s at %s: %s (%s)", record.source, record.stage.value,
                                record.reason.value, record.detail)
                if on_record is not None:
                    on_record(record)
    finally:
        manifest.close()
        parts.close()
    parts.check_all_committed()
    found = deduplicate(staging, config, tables, [*(state.parts if state else ()), *parts.entries], tally) \
        if deduplicating else {}
    written = _rows_by_table([*(state.parts if state else ()), *parts.entries])
    written.update({"articles": -found.get("dropped", 0), "rejects": found.get("dropped", 0)})  # the dedup moves
    summary = close_account(
        tally, config=config, inputs=inputs, seconds=time.perf_counter() - began,
        articles_path=str(out / articles.path.name), rejects_path=str(out / rejects.path.name),
        written=written, skipped_records=skipped, skipped_paths=passed_over, extra_stages=extra_stages,
        read=read, files=files, dedup=found,
    )
    write_atomic(staging / SUMMARY_FILE, summary.model_dump_json(indent=2))  # marks the staged output complete
    publish(staging, out, tables)
    return summary


def _routing(config: PipelineConfig, reject_status: Iterable[PageStatus | str]) -> PipelineConfig:
    """``config`` with ``write.reject_status`` replaced (a bad status raises ConfigError, naming it).

    A string is read as the command line's comma-separated list.
    """
    if isinstance(reject_status, str):
        reject_status = [name.strip() for name in reject_status.split(",") if name.strip()]
    data = config.model_dump(mode="json")
    data["write"]["reject_status"] = [PageStatus(s).value if isinstance(s, PageStatus) else s for s in reject_status]
    return PipelineConfig.from_mapping(data, origin="reject_status")


def _interrupted_run(out: Path, config: PipelineConfig) -> ManifestState | None:
    """What the interrupted run in ``out`` made durable, or None when there is none to resume."""
    path = staging_dir(out) / MANIFEST_FILE
    if not path.exists():
        logger.info("%s: no interrupted run to resume; running from the start", out)
        return None
    state = load_manifest(path)
    if not state.run:
        return None
    return state


def _resolved(config: PipelineConfig, state: ManifestState | None) -> PipelineConfig:
    """``config`` with its reference date fixed: the interrupted run's, when resuming one, else today."""
    if state is not None and config.dates.reference_date is None:
        day = state.run.get("configuration", {}).get("dates", {}).get("reference_date")
        if day:
            return config.resolved(dt.date.fromisoformat(day))
    return config.resolved()


def _not_done(raws: Iterable[RawDocument | UnreadFile], state: ManifestState | None, read: Counter[str],
              orders: deque[tuple[int, bool]]) -> Iterator[RawDocument | UnreadFile]:
    """The documents still to clean: all of them, but those the interrupted run wrote. Counts every read,
    and queues, for each one it yields, its input order (the count of documents read before it) and
    whether it is a whole file as stored (an uncompressed file of one document: the file's hash is then
    the document's ``input_hash``, once it is read)."""
    for order, raw in enumerate(raws):
        read[raw.source] += 1
        if state is None or not state.is_done(raw.source, raw.index):
            orders.append((order, isinstance(raw, UnreadFile) and not raw.compressed))
            yield raw


class _PartLedger:
    """The documents and counts of every open part, written to the manifest when the part is committed."""

    def __init__(self, manifest: ManifestWriter, staging: Path, out: Path,
                 on_commit: Callable[[CommittedPart], None] | None,
                 signatures: signatures.SignatureLog | None = None) -> None:
        self.manifest = manifest
        self.staging = staging
        self.out = out
        self.on_commit = on_commit
        self.signatures = signatures  # None when dedup is off
        self.open: dict[tuple[str, int], tuple[dict[str, list[int]], Tally]] = {}
        self.hashes: dict[str, str | None] = {}
        self.entries: list[dict[str, Any]] = []  # the manifest lines of the parts committed

    def add(self, table: str, part: int, outcome: Outcome, order: int, whole_file: bool = False) -> None:
        """Note a document written to a part; ``whole_file``: its record's ``input_hash`` is its file's hash
        (an uncompressed file of one document), unless reading the file failed."""
        documents, tally = self.open.setdefault((table, part), ({}, Tally()))
        record = outcome.record
        if self.signatures is not None and isinstance(record, Article):
            signed = outcome.signature or signature(record.text)  # a worker signs its articles; one process does not
            self.signatures.add(part, signatures.record(order, record.doc_id, signed))
        source = record.source or "<unknown>"
        documents.setdefault(source, []).append(record.source_index)
        tally.add(outcome)
        if source not in self.hashes:
            read = whole_file and not (isinstance(record, Rejection) and record.stage is StageName.READ)
            self.hashes[source] = record.input_hash if read else file_sha256(source)

    def committed(self, part: CommittedPart) -> None:
        documents, tally = self.open.pop((part.table, part.part), ({}, Tally()))
        if tally.outcomes != part.rows:
            raise AccountingError(f"{part.path}: {part.rows} rows committed, {tally.outcomes} documents sent to it")
        entry = {
            "kind": "part", "table": part.table, "part": part.part, "rows": part.rows,
            "file": part.path.relative_to(self.staging).as_posix(),
            "documents": {source: to_ranges(indices) for source, indices in documents.items()},
            "sources": {source: self.hashes[source] for source in documents}, "tally": json.loads(tally.to_json()),
        }
        if self.signatures is not None and part.table == "articles":
            entry["signatures"] = self.signatures.commit(part.part)  # durable before the manifest names it
        self.manifest.append(entry)
        self.entries.append(entry)
        if self.on_commit is not None:
            final = self.out / part.path.relative_to(self.staging)
            self.on_commit(dataclasses.replace(part, path=final))

    def close(self) -> None:
        if self.signatures is not None:
            self.signatures.close()

    def check_all_committed(self) -> None:
        if self.open:
            raise AccountingError(f"parts written but never committed: {sorted(self.open)}")


def _rows_by_table(parts: Iterable[dict[str, Any]]) -> Counter[str]:
    """Rows per table (``articles``, ``rejects``) in the committed parts' manifest entries."""
    rows: Counter[str] = Counter()
    for part in parts:
        rows[part["table"]] += part["rows"]
    return rows


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (and a final newline) to ``path`` through a temporary file and a rename."""
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    temporary.write_text(text + "\n", encoding="utf-8")
    os.replace(temporary, path)
