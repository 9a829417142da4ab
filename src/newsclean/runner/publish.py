"""Where a run's output is built and how it is put in place: all at once, or not at all.

A run writes its tables into a hidden staging folder, ``OUT/.incomplete/``
(readers and globs skip names starting with a dot), together with its
manifest. Only when every document is written and counted does it write its
summary there, which marks the staged output complete, and then move the
tables, the manifest and the summary into ``OUT``. So a run killed at any
point leaves ``OUT`` as the previous run left it (or empty): never a
truncated file, never a mix of parts from two runs. The staged parts stay for
``--resume`` to go on from.

Moving into place is a handful of renames, not one; a kill among them is
finished by the next run, which finds the staged summary and completes the
move before doing anything else. While it is unfinished, ``OUT`` has no
summary, which is how a reader can tell.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

from ..dedup import DEDUPLICATED_DIR
from ..io.dataset import clear_table
from .manifest import MANIFEST_FILE

logger = logging.getLogger(__name__)

#: The staging folder inside the output folder; hidden, so no reader sees a partial table.
STAGING_DIR = ".incomplete"
SUMMARY_FILE = "run_summary.json"


def staging_dir(out: Path) -> Path:
    return out / STAGING_DIR


def is_complete(staging: Path) -> bool:
    """Whether the staged output is finished (its summary is written) and only waits to be moved."""
    return (staging / SUMMARY_FILE).exists()


def publish(staging: Path, out: Path, tables: Sequence[str]) -> None:
    """Move a complete staged output into ``out``: the summary last, so its presence means "complete".

    The tables are taken from ``staging/deduplicated/`` when the run had a
    dedup pass (:mod:`newsclean.runner.deduplicate`), else from ``staging``.

    ``tables`` are the tables' file or folder names (``articles.parquet``...).
    Safe to call again after a kill part way: what was moved already is not
    looked for again.
    """
    (out / SUMMARY_FILE).unlink(missing_ok=True)
    _sync(out)
    deduplicated = staging / DEDUPLICATED_DIR  # when the run had a dedup pass, its tables are there, and only there
    source = deduplicated if deduplicated.is_dir() else staging
    for name in tables:
        staged = source / name
        if staged.exists():
            clear_table(out / name)
            os.replace(staged, out / name)
    for name in (MANIFEST_FILE, SUMMARY_FILE):
        if (staging / name).exists():
            os.replace(staging / name, out / name)
    _sync(out)
    shutil.rmtree(staging, ignore_errors=True)
    logger.debug("published %s into %s", staging, out)


def finish_interrupted_publish(out: Path, tables: Sequence[str]) -> None:
    """Complete a move into place that a kill cut short, if there is one."""
    staging = staging_dir(out)
    if is_complete(staging):
        logger.info("%s: completing the previous run's move into place", out)
        publish(staging, out, tables)


def fresh_staging(out: Path) -> Path:
    """An empty staging folder; whatever an interrupted run staged there is discarded."""
    staging = staging_dir(out)
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    return staging


def remove_temporary_files(staging: Path) -> None:
    """Delete the hidden files an interrupted run was writing: parts that were never committed."""
    for path in sorted(staging.rglob(".*"), reverse=True):
        if path.is_file() or path.is_symlink():
            path.unlink()


def _sync(folder: Path) -> None:
    """Make the renames in ``folder`` durable (where the platform allows opening a folder)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
