"""What a record sink is, and the file formats records can be written in.

A sink takes records of one model, one at a time, and makes them durable in
one file. It streams (a bounded number of rows is buffered, never the whole
output), writes to a temporary name and renames the file into place when it
is closed, so a reader never sees a half-written file. The dataset layout
(:mod:`newsclean.io.dataset`) builds folders of part files out of these.
"""

from __future__ import annotations

import os
import types
from enum import StrEnum
from pathlib import Path
from typing import IO, Any, Protocol, Self, runtime_checkable

from pydantic import BaseModel


class OutputFormat(StrEnum):
    """The file formats of the output; the value is also the file suffix."""

    PARQUET = "parquet"  # columnar, typed, compressed: what analytics tools read best
    JSONL = "jsonl"  # one JSON object per line, for people and tools that want lines


@runtime_checkable
class RecordSink(Protocol):
    """One output file being written: ``write`` records, then ``close`` (commit) or ``abort``."""

    @property
    def path(self) -> Path:
        """Where the file appears once closed."""
        ...

    @property
    def rows_written(self) -> int:
        """Records accepted by ``write`` so far."""
        ...

    def write(self, record: BaseModel, serialized: bytes | None = None) -> None:
        """Accept one record (buffered; a full batch goes to the temporary file).

        ``serialized`` is the record's JSON as ``record.model_dump_json()`` gives
        it, when the caller has it already (a worker sent the record so): the
        sink then need not serialise the record again.
        """
        ...

    def close(self) -> None:
        """Write what is buffered, sync, and rename the file onto ``path``."""
        ...

    def abort(self) -> None:
        """Discard the temporary file; whatever was at ``path`` stays."""
        ...


class SinkLifecycle:
    """What every sink shares: the row count, the type and state checks on ``write``, and the
    context manager that commits on success and aborts on an exception.

    A subclass sets ``path``, ``model``, ``_rows_written`` and ``_finished``,
    and defines ``_complete`` (make the output durable) and ``abort``;
    ``_begin`` runs on entering the block.
    """

    path: Path
    model: type[BaseModel]
    _rows_written: int
    _finished: bool

    @property
    def rows_written(self) -> int:
        """Records accepted by ``write`` so far."""
        return self._rows_written

    def _begin(self) -> None:
        """Open what the sink writes to, on entering the ``with`` block (nothing by default)."""

    def __enter__(self) -> Self:
        self._begin()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: types.TracebackType | None) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()

    def close(self) -> None:
        """Make what was written durable at ``path``; on any failure, abort and re-raise."""
        if self._finished:
            return
        try:
            self._complete()
        except BaseException:
            self.abort()
            raise
        self._finished = True

    def _complete(self) -> None:  # pragma: no cover - every sink defines it
        raise NotImplementedError

    def abort(self) -> None:  # pragma: no cover - every sink defines it
        raise NotImplementedError

    def _rename_synced(self, handle: IO[Any], temporary: Path) -> None:
        """Sync ``handle`` to disk, close it and rename ``temporary`` onto ``path``: the commit of one file."""
        handle.flush()
        os.fsync(handle.fileno())
        handle.close()
        os.replace(temporary, self.path)

    def _accept(self, record: BaseModel) -> None:
        """Raise unless ``record`` is of this sink's model and the sink is still open."""
        if not isinstance(record, self.model):
            raise TypeError(f"{self.path}: expected {self.model.__name__} records, got {type(record).__name__}")
        if self._finished:
            raise RuntimeError(f"{self.path}: the sink is closed")
