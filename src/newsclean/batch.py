"""The batch run: read inputs, clean every document, write articles and rejects, account for all.

This is what ``newsclean run`` calls. Every document read ends in exactly one
of ``articles.parquet`` and ``rejects.parquet``; the run checks that before
it reports success, and writes its summary next to the data. Documents may be
cleaned in worker processes (:mod:`newsclean.workers`), but reading and
writing happen here, in input order, so the output does not depend on the
number of workers.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from ._version import __version__
from .config import PipelineConfig
from .io.parquet import ParquetSink
from .io.read import iter_documents
from .records import Article, Rejection
from .summary import RunSummary, Tally
from .workers import process_ordered

logger = logging.getLogger(__name__)

ARTICLES_FILE = "articles.parquet"
REJECTS_FILE = "rejects.parquet"
SUMMARY_FILE = "run_summary.json"


def run(
    inputs: Iterable[str | Path],
    out_dir: str | Path = "output",
    *,
    config: PipelineConfig | None = None,
    on_record: Callable[[Article | Rejection], None] | None = None,
    workers: int = 1,
) -> RunSummary:
    """Clean every document under ``inputs`` into ``out_dir`` and return the run's summary.

    ``inputs`` are files, folders (searched recursively) or glob patterns.
    ``on_record`` is called after each document, in input order, e.g. to draw progress.
    ``workers`` is the number of processes that clean documents; the default,
    1, starts none (pass ``os.cpu_count()`` to use every core). The output is
    the same for any number of workers.
    Raises :class:`~newsclean.io.read.InputNotFound` for an input that does
    not exist; a bad *document* never raises, it becomes a rejection.
    """
    config = (config or PipelineConfig()).resolved()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tally = Tally()
    began = time.perf_counter()
    sink_options = {"compression": config.write.compression, "row_group_size": config.write.row_group_size}
    with ParquetSink(out / ARTICLES_FILE, Article, **sink_options) as articles, \
            ParquetSink(out / REJECTS_FILE, Rejection, **sink_options) as rejects:
        raws = iter_documents(inputs, max_input_bytes=config.limits.max_input_bytes)
        for outcome in process_ordered(raws, config, workers):
            record = outcome.record
            (articles if isinstance(record, Article) else rejects).write(record)
            tally.add(outcome)
            if isinstance(record, Rejection):
                logger.info("rejected %s at %s: %s (%s)", record.source, record.stage.value,
                            record.reason.value, record.detail)
            if on_record is not None:
                on_record(record)
    summary = tally.summary(
        seconds=round(time.perf_counter() - began, 6), articles_path=str(out / ARTICLES_FILE),
        rejects_path=str(out / REJECTS_FILE), pipeline_version=__version__,
        config_fingerprint=config.fingerprint(), reference_date=config.dates.reference_date,
    )
    summary.check()
    _write_atomic(out / SUMMARY_FILE, summary.model_dump_json(indent=2))
    return summary


def _write_atomic(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    temporary.write_text(text + "\n", encoding="utf-8")
    os.replace(temporary, path)
