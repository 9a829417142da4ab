"""The batch run: read inputs, clean every document, write articles and rejects, account for all.

This is what ``newsclean run`` calls. Every document read ends in exactly one
of the articles and the rejects tables (``articles.parquet`` and
``rejects.parquet``, or folders of part files past ``write.rows_per_file``
rows, see :mod:`newsclean.io.dataset`); the run checks that before
it reports success, and writes its summary next to the data. Documents may be
cleaned in worker processes (:mod:`newsclean.workers`), but reading and
writing happen here, in input order, so the output does not depend on the
number of workers.
"""

from __future__ import annotations

import logging
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path

from ._version import __version__
from .assembly import After, build_pipeline
from .config import PipelineConfig
from .io.dataset import CommittedPart, DatasetSink, partition_columns
from .io.read import iter_documents
from .io.sinks import OutputFormat
from .records import Article, Rejection
from .summary import RunSummary, Tally, runtime_versions
from .workers import process_ordered

logger = logging.getLogger(__name__)

ARTICLES_FILE = "articles.parquet"
REJECTS_FILE = "rejects.parquet"
SUMMARY_FILE = "run_summary.json"


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
) -> RunSummary:
    """Clean every document under ``inputs`` into ``out_dir`` and return the run's summary.

    ``inputs`` are files, folders (searched recursively) or glob patterns.
    ``on_record`` is called after each document, in input order, e.g. to draw progress.
    ``workers`` is the number of processes that clean documents; the default,
    1, starts none (pass ``os.cpu_count()`` to use every core). The output is
    the same for any number of workers. ``on_commit`` is called each time an
    output file is complete and in place (see :mod:`newsclean.io.dataset`).
    ``extra_stages`` adds a user's own stages to the pipeline, each after the
    built-in stage it names (:class:`~newsclean.assembly.After`).
    Raises :class:`~newsclean.io.read.InputNotFound` for an input that does
    not exist; a bad *document* never raises, it becomes a rejection.
    """
    config = (config or PipelineConfig()).resolved()
    inputs = [str(item) for item in inputs]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tally = Tally()
    began = time.perf_counter()
    articles, rejects = open_tables(out, config, on_commit=on_commit)
    with articles, rejects:
        skipped: Counter[str] = Counter()
        fields = config.input
        raws = iter_documents(inputs, max_input_bytes=config.limits.max_input_bytes, text_field=fields.text_field,
                              html_field=fields.html_field, url_field=fields.url_field, id_field=fields.id_field,
                              skipped=skipped)
        build = partial(build_pipeline, extra_stages=tuple(extra_stages))  # pickled into every worker
        for outcome in process_ordered(raws, config, workers, build=build):
            record = outcome.record
            (articles if isinstance(record, Article) else rejects).write(record)
            tally.add(outcome)
            if isinstance(record, Rejection):
                logger.info("rejected %s at %s: %s (%s)", record.source, record.stage.value,
                            record.reason.value, record.detail)
            if on_record is not None:
                on_record(record)
    summary = tally.summary(
        seconds=round(time.perf_counter() - began, 6), articles_path=str(articles.path),
        rejects_path=str(rejects.path), pipeline_version=__version__, inputs=inputs,
        skipped_records=dict(skipped.most_common()), versions=runtime_versions(),
        config_fingerprint=config.fingerprint(), configuration=config.model_dump(mode="json"),
        reference_date=config.dates.reference_date,
        extra_stages=[f"{position.stage.name} (after {position.builtin})" for position in extra_stages],
    )
    summary.check()
    write_atomic(out / SUMMARY_FILE, summary.model_dump_json(indent=2))
    return summary


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (and a final newline) to ``path`` through a temporary file and a rename."""
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    temporary.write_text(text + "\n", encoding="utf-8")
    os.replace(temporary, path)
