"""JSON Lines output: one record per line, written atomically like the Parquet files."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from pydantic import BaseModel

from .sinks import SinkLifecycle


class JsonlSink(SinkLifecycle):
    """Writes records of one model as JSON Lines to ``path``, through a temporary file.

    Each line is the record's JSON form (the same as ``record.model_dump_json()``:
    dates as ISO strings, enums as their values), so a line validates back into
    the model. ``batch_size`` lines are buffered before they are written.
    """

    def __init__(self, path: str | Path, model: type[BaseModel], *, batch_size: int = 1000,
                 exclude: Sequence[str] = ()) -> None:
        if batch_size < 1:
            raise ValueError(f"{path}: batch_size must be at least 1, got {batch_size}")
        self._path = Path(path)
        self.model = model
        self.batch_size = batch_size
        self._exclude = set(exclude) or None
        self._temp = self._path.with_name(f".{self._path.name}.tmp-{os.getpid()}")
        self._lines: list[str] = []
        self._rows_written = 0
        self._file: IO[str] | None = None
        self._finished = False

    @property
    def path(self) -> Path:
        """Where the file appears once closed."""
        return self._path

    def _begin(self) -> None:
        self._open()

    def write(self, record: BaseModel, serialized: bytes | None = None) -> None:
        """Buffer one record as a line; a full batch is written to the temporary file.

        ``serialized``: the record's ``model_dump_json()``, when the caller has it
        (used unless a partitioned layout leaves columns out).
        """
        self._accept(record)
        self._lines.append(serialized.decode() if serialized is not None and self._exclude is None
                           else record.model_dump_json(exclude=self._exclude))
        self._rows_written += 1
        if len(self._lines) >= self.batch_size:
            self._flush()

    def _complete(self) -> None:
        """Write the buffered lines, sync the file and rename it onto ``path``."""
        self._flush()
        self._rename_synced(self._open(), self._temp)

    def abort(self) -> None:
        """Discard everything written: remove the temporary file, leave ``path`` alone."""
        self._finished = True
        if self._file is not None:
            with contextlib.suppress(Exception):  # already failing: the first error is what matters
                self._file.close()
        self._temp.unlink(missing_ok=True)

    def _open(self) -> IO[str]:
        if self._finished:
            raise RuntimeError(f"{self._path}: the sink is closed")
        if self._file is None:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            self._file = open(self._temp, "w", encoding="utf-8")  # noqa: SIM115 - closed by close() or abort()
        return self._file

    def _flush(self) -> None:
        if self._lines:
            self._open().write("\n".join(self._lines) + "\n")
            self._lines = []
