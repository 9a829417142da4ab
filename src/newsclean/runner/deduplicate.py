"""The dedup pass of a batch run: after every document is written, before the run is published.

It reads the signatures the run kept beside its articles parts (the
interrupted run's too, when resuming), finds the clusters and overlaps
(:mod:`newsclean.dedup.matching`) and writes the tables with their dedup
columns filled (:mod:`newsclean.dedup.apply`). Its state is the signatures,
544 bytes per article, and what it found; texts are only streamed through,
a row group at a time.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..config import DedupMode, PipelineConfig
from ..dedup import matching, store
from ..dedup.apply import DedupColumns, Tables, fill
from ..records import Rejection, StageName
from .summary import Tally

logger = logging.getLogger(__name__)


def deduplicate(staging: Path, config: PipelineConfig, tables: Sequence[str], parts: Sequence[dict[str, Any]],
                tally: Tally) -> dict[str, int]:
    """Run the dedup pass over a run staged in ``staging``; returns its counts for the summary.

    ``tables`` are the articles' and rejects' table names; ``parts`` the
    manifest entries of every committed part (interrupted run included). The
    run's ``tally`` follows the duplicates a ``drop`` moves to the rejects.
    """
    began = time.perf_counter()
    articles = sorted((part for part in parts if part["table"] == "articles"), key=lambda part: part["part"])
    table = store.load(staging / part["signatures"] for part in articles if part.get("signatures"))
    pairs = matching.unique_pairs(matching.local_candidates(table.minhashes, table.sizes), len(table))
    found = matching.match(pairs, table.minhashes, table.sizes, threshold=config.dedup.threshold,
                           min_overlap=config.dedup.min_overlap)
    write = config.write
    layout = Tables(staging=staging, articles=tables[0], rejects=tables[1], fmt=write.format,
                    compression=write.compression, row_group_size=write.row_group_size,
                    rows_per_file=write.rows_per_file, partition_by=write.partition_by)

    def dropped(article: dict[str, Any], rejection: Rejection) -> None:
        tally.reclassify(article, rejection)

    next_part = max((part["part"] for part in parts), default=-1) + 1
    drops = fill(layout, [part["file"] for part in articles], DedupColumns(table, found),
                 drop=config.dedup.mode is DedupMode.DROP, next_part=next_part, on_dropped=dropped)
    counts = {"articles_signed": len(table), "candidate_pairs": len(pairs), **found.counts(), "dropped": drops}
    tally.stage_seconds[StageName.DEDUP.value] += time.perf_counter() - began
    logger.info("dedup: %s", counts)
    return counts
