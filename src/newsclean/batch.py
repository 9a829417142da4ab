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
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from ._version import __version__
from .assembly import After
from .config import PipelineConfig
from .io.parquet import ParquetSink
from .io.read import iter_documents
from .records import Article, Rejection
from .summary import RunSummary, Tally, runtime_versions
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
    extra_stages: Sequence[After] = (),
) -> RunSummary:
    """Clean every document under ``inputs`` into ``out_dir`` and return the run's summary.

    ``inputs`` are files, folders (searched recursively) or glob patterns.
    ``on_record`` is called after each document, in input order, e.g. to draw progress.
    ``workers`` is the number of processes that clean documents; the default,
    1, starts none (pass ``os.cpu_count()`` to use every core). The output is
    the same for any number of workers. ``extra_stages`` adds a user's own
    stages to the pipeline, each after the built-in stage it names
    (:class:`~newsclean.assembly.After`).
    Raises :class:`~newsclean.io.read.InputNotFound` for an input that does
    not exist; a bad *document* never raises, it becomes a rejection.
    """
    config = (config or PipelineConfig()).resolved()
    inputs = [str(item) for item in inputs]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tally = Tally()
    began = time.perf_counter()
    sink_options = {"compression": config.write.compression, "row_group_size": config.write.row_group_size}
    with ParquetSink(out / ARTICLES_FILE, Article, **sink_options) as articles, \
            ParquetSink(out / REJECTS_FILE, Rejection, **sink_options) as rejects:
        skipped: Counter[str] = Counter()
        fields = config.input
        raws = iter_documents(inputs, max_input_bytes=config.limits.max_input_bytes, text_field=fields.text_field,
                              html_field=fields.html_field, url_field=fields.url_field, id_field=fields.id_field,
                              skipped=skipped)
        for outcome in process_ordered(raws, config, workers, extra_stages):
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
        rejects_path=str(out / REJECTS_FILE), pipeline_version=__version__, inputs=inputs,
        skipped_records=dict(skipped.most_common()), versions=runtime_versions(),
        config_fingerprint=config.fingerprint(), configuration=config.model_dump(mode="json"),
        reference_date=config.dates.reference_date,
        extra_stages=[f"{position.stage.name} (after {position.builtin})" for position in extra_stages],
    )
    summary.check()
    _write_atomic(out / SUMMARY_FILE, summary.model_dump_json(indent=2))
    return summary


def _write_atomic(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    temporary.write_text(text + "\n", encoding="utf-8")
    os.replace(temporary, path)
