"""The output layout: one file while it fits, a folder of part files past that, Hive folders on request.

Up to ``rows_per_file`` records, a table is one file, ``OUT/articles.parquet``.
Past that, the same path becomes a dataset folder of part files,
``OUT/articles.parquet/part-00000.parquet``, ``part-00001.parquet``, … as Spark
and Ray write them, which pyarrow, polars and DuckDB read as one dataset.
With ``partition_by`` the folder is split Hive style,
``OUT/articles.parquet/published_year=2024/language=en/part-00003.parquet``;
the partition columns live in the folder names only (Hive convention, which
all three readers expect), and a missing value is ``__HIVE_DEFAULT_PARTITION__``.

Every part is written under a hidden temporary name and renamed into place
only once complete, so a killed run leaves whole parts and nothing a reader
chokes on (readers skip names that start with a dot). Each rename is
reported to ``on_commit`` with a :class:`CommittedPart`: the hook a resume
manifest uses to record which documents are durable. ``write`` returns the
number of the part a record went into, so a caller can map its documents
to parts, and a part's documents are durable once that part is committed.

The first part is held back (complete, under a hidden name) until a record
arrives that does not fit in it: only then is it known whether the table is
one file or a folder. So the single-file layout keeps its old guarantee, a
failed run leaves the previous output untouched, while a folder is built part
by part and a failed run keeps the parts committed so far.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import re
import shutil
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from pydantic import BaseModel

from ..errors import NewscleanError
from .sinks import OutputFormat, RecordSink, SinkLifecycle

#: Columns derived from a record for partitioning: the field each is computed from, and how.
DERIVED_COLUMNS: dict[str, tuple[str, Callable[[BaseModel], object]]] = {
    "published_year": ("published", lambda record: record.published.year if record.published else None),  # type: ignore[attr-defined]
}
#: The folder-name value of a missing partition value, as Hive, Spark and pyarrow write it.
HIVE_NULL = "__HIVE_DEFAULT_PARTITION__"
#: Part files of one table open at once (partitioned output): each holds up to a row
#: group of rows in memory, so this bounds memory; the least recently used is committed
#: when another partition needs a file.
MAX_OPEN_PARTS = 32
#: File names this layout writes inside a dataset folder.
PART_NAME = re.compile(r"part-\d{5,}(-\d+)?\.(parquet|jsonl)")  # Ray adds "-N" per file of a task


class OutputLayoutError(NewscleanError):
    """The output path holds something this layout did not write; nothing is deleted."""


@dataclass(frozen=True, slots=True)
class CommittedPart:
    """A part file that is complete and in its final place.

    ``part`` is the number :meth:`DatasetSink.write` returned for the records
    in it; ``path`` is where it now is (the table's own path when the table is
    a single file); ``partition`` holds the Hive (column, value) pairs of its folder.
    """

    table: str
    part: int
    path: Path
    rows: int
    partition: tuple[tuple[str, str], ...] = ()


def partition_columns(model: type[BaseModel], requested: Sequence[str]) -> tuple[str, ...]:
    """The requested partition columns that ``model`` records have (rejections have no date or language)."""
    fields = model.model_fields
    return tuple(name for name in requested
                 if name in fields or (name in DERIVED_COLUMNS and DERIVED_COLUMNS[name][0] in fields))


@dataclass(slots=True)
class _OpenPart:
    number: int
    sink: RecordSink
    partition: tuple[tuple[str, str], ...]
    held: bool = False  # the first part of a table that may stay a single file
    rows: int = 0


class DatasetSink(SinkLifecycle):
    """Writes one table (articles or rejects) in the layout described in the module docstring.

    ``target`` is the table's path (``OUT/articles.parquet``). ``first_part``
    and ``replace=False`` let a resumed run add parts to a folder that holds
    committed parts already; by default the previous output is replaced.
    """

    def __init__(
        self, target: str | Path, model: type[BaseModel], *,
        fmt: OutputFormat = OutputFormat.PARQUET, rows_per_file: int = 100_000, row_group_size: int = 1000,
        compression: str = "zstd", partition_by: Sequence[str] = (),
        on_commit: Callable[[CommittedPart], None] | None = None, first_part: int = 0, replace: bool = True,
    ) -> None:
        if rows_per_file < 1:
            raise ValueError(f"{target}: rows_per_file must be at least 1, got {rows_per_file}")
        self.path = Path(target)
        self.table = self.path.name.split(".")[0]
        self.model = model
        self.fmt = OutputFormat(fmt)
        self.rows_per_file = rows_per_file
        self.partition_by = tuple(partition_by)
        self._options = {"compression": compression, "row_group_size": row_group_size,
                         "exclude": [name for name in self.partition_by if name in model.model_fields]}
        self._on_commit = on_commit
        self._next_part = first_part
        self._parts_started = 0
        self._replace = replace
        self._folder = bool(self.partition_by) or not replace  # a folder from the start
        self._folder_ready = False
        self._open: OrderedDict[tuple[tuple[str, str], ...], _OpenPart] = OrderedDict()
        self._held: CommittedPart | None = None  # the complete first part, not yet in place
        self._rows_written = 0
        self._finished = False

    def write(self, record: BaseModel, serialized: bytes | None = None) -> int:
        """Write one record; returns the number of the part it is in.

        ``serialized``: the record's ``model_dump_json()``, when the caller has it
        (see :meth:`~newsclean.io.sinks.RecordSink.write`).
        """
        if self._finished:
            raise RuntimeError(f"{self.path}: the sink is closed")
        key = self._partition(record)
        part = self._open.get(key)
        if part is not None and part.rows >= self.rows_per_file:
            self._finish(self._open.pop(key))
            part = None
        if part is None:
            part = self._start(key)
        part.sink.write(record, serialized)
        part.rows += 1
        self._rows_written += 1
        self._open.move_to_end(key)
        if len(self._open) > MAX_OPEN_PARTS:
            self._finish(self._open.popitem(last=False)[1])
        return part.number

    def _complete(self) -> None:
        """Commit every open part; a table with no records is still one valid (empty) file."""
        if not self._folder and self._parts_started == 0:
            self._start(())  # nothing was written: an empty file still says "no rows"
        while self._open:
            self._finish(self._open.popitem(last=False)[1])
        if self._held is not None:  # everything fitted in one file
            self._clear_previous()
            os.replace(self._held.path, self.path)
            self._commit(CommittedPart(self.table, self._held.part, self.path, self._held.rows))
            self._held = None
        elif self._folder and not (self._parts_started == 0 and self._left_as_one_file()):
            self._prepare_folder()

    def abort(self) -> None:
        """Discard the parts not yet committed; committed parts stay (a resumed run keeps them)."""
        self._finished = True
        for part in self._open.values():
            part.sink.abort()
        self._open.clear()
        if self._held is not None:
            self._held.path.unlink(missing_ok=True)
            self._held = None

    def _partition(self, record: BaseModel) -> tuple[tuple[str, str], ...]:
        return tuple((name, _folder_value(DERIVED_COLUMNS[name][1](record) if name in DERIVED_COLUMNS
                                          else getattr(record, name)))
                     for name in self.partition_by)

    def _start(self, key: tuple[tuple[str, str], ...]) -> _OpenPart:
        number = self._next_part
        self._next_part += 1
        held = not self._folder and self._parts_started == 0
        self._parts_started += 1
        if held:  # one file or a folder? Not known until a record does not fit in this part.
            path = self.path.with_name(f".{self.path.name}.first")
        else:
            if self._held is not None:
                self._release_held()
            self._folder = True
            self._prepare_folder()
            path = self.path.joinpath(*(f"{name}={value}" for name, value in key), self._part_name(number))
        sink = open_sink(path, self.model, self.fmt, **self._options)  # type: ignore[arg-type]
        part = _OpenPart(number, sink, key, held)
        self._open[key] = part
        return part

    def _finish(self, part: _OpenPart) -> None:
        part.sink.close()
        if part.held:
            self._held = CommittedPart(self.table, part.number, part.sink.path, part.rows)
        else:
            self._commit(CommittedPart(self.table, part.number, part.sink.path, part.rows, part.partition))

    def _release_held(self) -> None:
        """The table outgrew one file: the held-back first part becomes ``part-00000``."""
        assert self._held is not None
        self._prepare_folder()
        final = self.path / self._part_name(self._held.part)
        os.replace(self._held.path, final)
        self._commit(CommittedPart(self.table, self._held.part, final, self._held.rows))
        self._held = None

    def _commit(self, part: CommittedPart) -> None:
        if self._on_commit is not None:
            self._on_commit(part)

    def _part_name(self, number: int) -> str:
        return f"part-{number:05d}.{self.fmt.value}"

    def _prepare_folder(self) -> None:
        if self._folder_ready:
            return
        if self._replace:
            self._clear_previous()
        elif self._left_as_one_file():
            # the interrupted run finished this table as one file: its only part, which a fresh run
            # numbers 0 (a resumed run writes folders from the start). More parts come now, so it
            # becomes the folder's first part.
            moving = self.path.with_name(f".{self.path.name}.resumed")
            os.replace(self.path, moving)
            self.path.mkdir()
            os.replace(moving, self.path / self._part_name(0))
        self.path.mkdir(parents=True, exist_ok=True)
        self._folder_ready = True

    def _left_as_one_file(self) -> bool:
        """Whether the run this one resumes left the table as a single file."""
        return not self._replace and self.path.is_file() and not self.path.is_symlink()

    def _clear_previous(self) -> None:
        clear_table(self.path)


def clear_table(path: Path) -> None:
    """Remove a previous run's table at ``path`` (a file, or a folder this layout wrote).

    Raises :class:`OutputLayoutError`, deleting nothing, when the folder holds
    anything else.
    """
    if path.is_dir() and not path.is_symlink():
        foreign = _foreign_entries(path)
        if foreign:
            raise OutputLayoutError(
                f"{path}: the folder holds files newsclean did not write ({', '.join(foreign[:3])}); "
                f"move them away or choose another --out folder")
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _foreign_entries(folder: Path) -> list[str]:
    """Entries under a dataset folder that are neither parts, Hive folders nor hidden temporary files."""
    foreign = []
    for entry in folder.iterdir():
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and "=" in entry.name:
            foreign.extend(f"{entry.name}/{name}" for name in _foreign_entries(entry))
        elif not (entry.is_file() and PART_NAME.fullmatch(entry.name)):
            foreign.append(entry.name)
    return sorted(foreign)


def _folder_value(value: object) -> str:
    """A partition value as it appears in a Hive folder name (URI-escaped, like pyarrow writes it)."""
    if value is None or value == "":
        return HIVE_NULL
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, dt.date):
        value = value.isoformat()
    return quote(str(value), safe="")


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
