"""What a record sink is, and the file formats records can be written in.

A sink takes records of one model, one at a time, and makes them durable in
one file. It streams (a bounded number of rows is buffered, never the whole
output), writes to a temporary name and renames the file into place when it
is closed, so a reader never sees a half-written file. The dataset layout
(:mod:`newsclean.io.dataset`) builds folders of part files out of these.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Protocol, runtime_checkable

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

    def write(self, record: BaseModel) -> None:
        """Accept one record (buffered; a full batch goes to the temporary file)."""
        ...

    def close(self) -> None:
        """Write what is buffered, sync, and rename the file onto ``path``."""
        ...

    def abort(self) -> None:
        """Discard the temporary file; whatever was at ``path`` stays."""
        ...


def open_sink(path: Path, model: type[BaseModel], fmt: OutputFormat, *, compression: str,
              row_group_size: int, exclude: Sequence[str] = ()) -> RecordSink:
    """A sink of ``fmt`` writing ``model`` records to ``path``, without the columns in ``exclude``.

    ``exclude`` names the columns that a partitioned layout stores in folder
    names instead (Hive style), so they are not repeated inside the files.
    """
    if fmt is OutputFormat.JSONL:
        from .jsonl import JsonlSink

        return JsonlSink(path, model, batch_size=row_group_size, exclude=exclude)
    from .parquet import ParquetSink

    return ParquetSink(path, model, compression=compression, row_group_size=row_group_size, exclude=exclude)
