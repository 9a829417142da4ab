"""The Parquet contract: an Arrow schema derived from the record models, and an atomic writer.

The schema is never inferred from the data: it is derived once from the
Pydantic models in :mod:`newsclean.records`, so every file has the same
columns, types and nullability whatever its rows, a file with no rows
included. Column descriptions travel in the field metadata, and the schema
version in the file metadata, so a file explains itself.

The writer streams row groups to a temporary file next to the target and
renames it into place only when every record has been written: a reader
never sees a half-written file, and a failed run leaves the previous output
untouched.

Records reach Arrow through their JSON form: Pydantic serialises them (in
Rust) and Arrow's JSON reader parses the lines (in C++) against the explicit
schema. That is faster than building Python dictionaries for
``RecordBatch.from_pylist``, and it keeps pandas out of the writing process:
pyarrow imports pandas, when it is installed, the first time it converts
Python objects (some 40 MB of memory for nothing).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import os
import types
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any, Union

import pyarrow as pa
import pyarrow.json as pa_json
import pyarrow.parquet as pq
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .._version import __version__
from ..records import SCHEMA_VERSION
from .sinks import SinkLifecycle

#: The ``json_schema_extra`` entry that asks for a dictionary-encoded column.
ARROW_HINT_KEY = "x-arrow"
ARROW_DICTIONARY = "dictionary"
#: Dictionary columns hold few distinct strings; 32-bit indices are plenty.
#: Only top-level string columns get this type. pyarrow cannot read a dictionary
#: nested in a list or struct back from a file with several row groups
#: (ParquetFile.read and iter_batches fail with "Nested data conversions not
#: implemented for chunked array outputs", apache/arrow#32723), and nothing is lost:
#: Parquet dictionary-encodes the pages of nested string columns all the same.
DICTIONARY_TYPE = pa.dictionary(pa.int32(), pa.string())

_SCALAR_TYPES: dict[Any, pa.DataType] = {
    str: pa.string(),
    int: pa.int64(),
    float: pa.float64(),
    bool: pa.bool_(),
    dt.date: pa.date32(),
    dt.datetime: pa.timestamp("us", tz="UTC"),
}


def arrow_schema(model: type[BaseModel]) -> pa.Schema:
    """The Arrow schema of a record model, with descriptions and the schema version as metadata.

    Raises :class:`TypeError` naming the field when an annotation has no Arrow
    equivalent, so a new field cannot silently change a column's type.
    """
    metadata = {
        "newsclean.schema_version": SCHEMA_VERSION,
        "newsclean.model": model.__name__,
        "newsclean.version": __version__,
    }
    return pa.schema(_fields(model, top_level=True), metadata=metadata)


def _fields(model: type[BaseModel], *, top_level: bool) -> list[pa.Field]:
    return [_field(name, info, where=f"{model.__name__}.{name}", top_level=top_level)
            for name, info in model.model_fields.items()]


def _field(name: str, info: FieldInfo, *, where: str, top_level: bool) -> pa.Field:
    """One column (or struct member); the dictionary hint is honoured at the top level only."""
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    hinted = extra.get(ARROW_HINT_KEY) == ARROW_DICTIONARY
    if hinted and not _is_string(_strip_optional(info.annotation)):
        raise TypeError(f"{where}: '{ARROW_HINT_KEY}: {ARROW_DICTIONARY}' needs a string field, "
                        f"not {info.annotation!r}")
    arrow_type, nullable = _arrow_type(info.annotation, where=where)
    if hinted and top_level:
        arrow_type = DICTIONARY_TYPE
    metadata = {"description": info.description} if info.description else None
    return pa.field(name, arrow_type, nullable=nullable, metadata=metadata)


def _arrow_type(annotation: Any, *, where: str) -> tuple[pa.DataType, bool]:
    """The Arrow type of an annotation, and whether it admits null (``X | None``)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _arrow_type(typing.get_args(annotation)[0], where=where)
    if origin in (Union, types.UnionType):
        members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(members) != 1 or len(members) == len(typing.get_args(annotation)):
            raise TypeError(f"{where}: unsupported union {annotation!r}: only 'X | None' maps to Arrow")
        return _arrow_type(members[0], where=where)[0], True
    if origin is list:
        (item,) = typing.get_args(annotation)
        return pa.list_(_arrow_type(item, where=f"{where}[]")[0]), False
    return _leaf_type(annotation, where=where), False


def _leaf_type(annotation: Any, *, where: str) -> pa.DataType:
    """The Arrow type of a non-generic annotation: a scalar, a string enum or a nested model."""
    if _is_string(annotation):
        return pa.string()
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return pa.struct(_fields(annotation, top_level=False))
    if annotation in _SCALAR_TYPES:
        return _SCALAR_TYPES[annotation]
    raise TypeError(f"{where}: no Arrow type for annotation {annotation!r}")


def _strip_optional(annotation: Any) -> Any:
    """``X`` for ``X | None``; anything else unchanged."""
    if typing.get_origin(annotation) in (Union, types.UnionType):
        members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return members[0] if len(members) == 1 else annotation
    return annotation


def _is_string(annotation: Any) -> bool:
    """``str`` or a string enum (``StrEnum``), both stored as their text."""
    return annotation is str or (isinstance(annotation, type) and issubclass(annotation, enum.Enum)
                                 and issubclass(annotation, str))


def json_read_schema(schema: pa.Schema) -> pa.Schema:
    """The schema Arrow's JSON reader parses record lines with, before they are cast to ``schema``.

    The reader cannot build dictionary columns, nor dates from their ISO text:
    those columns are read as strings, at any depth, and cast afterwards.
    """
    return pa.schema([field.with_type(_json_read_type(field.type)) for field in schema], metadata=schema.metadata)


def _json_read_type(arrow_type: pa.DataType) -> pa.DataType:
    if pa.types.is_dictionary(arrow_type) or pa.types.is_date(arrow_type):
        return pa.string()
    if pa.types.is_list(arrow_type):
        return pa.list_(arrow_type.value_field.with_type(_json_read_type(arrow_type.value_type)))
    if pa.types.is_struct(arrow_type):
        return pa.struct([field.with_type(_json_read_type(field.type)) for field in arrow_type])
    return arrow_type


def to_row(record: BaseModel) -> dict[str, Any]:
    """A record as plain Python values for Arrow: enums become their string values."""
    row: dict[str, Any] = _plain(record.model_dump(mode="python"))
    return row


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


#: Records converted to Arrow at a time while a row group is gathered, so that a row
#: group is held once (in Arrow form), not twice; fewer when their JSON passes the size
#: below (bytes), which bounds the buffer when articles are very long.
CONVERT_BATCH_ROWS = 64
CONVERT_BATCH_BYTES = 32 * 1024 * 1024
#: A row group is written once its records' JSON reaches this size (bytes), even short of
#: ``row_group_size`` rows: the writing process holds a row group in Arrow form, and a
#: thousand articles with their removed segments are some 30 MB of it (the main process's
#: largest buffer in a run, and about as much again while a group is encoded). 4 MB is some
#: 100-150 news articles with their removals, a column chunk of about 1 MB of compressed text.
ROW_GROUP_MAX_BYTES = 4 * 1024 * 1024


def _row_group_pool() -> pa.MemoryPool:
    """The allocator a sink gathers and writes its row groups with: the system's (malloc).

    Arrow's default (mimalloc) kept freed row groups: writing 2,000 text
    articles in row groups of 1,000, the writing process peaked 85-88 MB above
    its start with it, 64 MB with this one, and took no more time (1.38-1.45 s
    of CPU against 1.53-1.57, their validation included). The pool is the
    sink's own choice, not the process's default.
    """
    return pa.system_memory_pool()


class ParquetSink(SinkLifecycle):
    """Writes records of one model to a Parquet file, atomically, in row groups.

    ``exclude`` names columns left out of the file (a partitioned layout keeps
    them in the folder names). Use it as a context manager::

        with ParquetSink(path, Article) as sink:
            for article in articles:
                sink.write(article)

    The file appears at ``path`` only when the block ends without an
    exception; otherwise the temporary file is removed and whatever was at
    ``path`` before stays as it was.
    """

    def __init__(self, path: str | Path, model: type[BaseModel], *,
                 compression: str = "zstd", row_group_size: int = 1000, exclude: Sequence[str] = ()) -> None:
        if row_group_size < 1:
            raise ValueError(f"{path}: row_group_size must be at least 1, got {row_group_size}")
        self.path = Path(path)
        self.model = model
        schema = arrow_schema(model)
        # Columns a partitioned layout keeps in folder names (Hive style) are not repeated in the file.
        self.schema = pa.schema([field for field in schema if field.name not in set(exclude)],
                                metadata=schema.metadata)
        self.compression = compression
        self.row_group_size = row_group_size
        self._read_schema = json_read_schema(self.schema)
        self._exclude = set(exclude) or None
        self._temp = self.path.with_name(f".{self.path.name}.tmp-{os.getpid()}")
        self._pool = _row_group_pool()
        self._lines: list[bytes] = []  # records not yet converted to Arrow, as JSON
        self._line_bytes = 0  # the size of _lines
        self._batches: list[pa.RecordBatch] = []  # the row group being gathered, in Arrow form
        self._buffered = 0  # rows in _lines and _batches
        self._buffered_bytes = 0  # the JSON size of those rows
        self._rows_written = 0
        self._file: IO[bytes] | None = None
        self._writer: pq.ParquetWriter | None = None
        self._finished = False

    def _begin(self) -> None:
        self._open()

    def write(self, record: BaseModel, serialized: bytes | None = None) -> None:
        """Buffer one record; a full row group is written to the temporary file.

        ``serialized``: the record's ``model_dump_json()``, when the caller has it
        (used unless a partitioned layout leaves columns out).
        """
        self._accept(record)
        line = serialized if serialized is not None and self._exclude is None else \
            record.model_dump_json(exclude=self._exclude).encode()
        self._lines.append(line)
        self._line_bytes += len(line)
        self._rows_written += 1
        self._buffered += 1
        self._buffered_bytes += len(line)
        if len(self._lines) >= CONVERT_BATCH_ROWS or self._line_bytes >= CONVERT_BATCH_BYTES:
            self._convert()
        if self._buffered >= self.row_group_size or self._buffered_bytes >= ROW_GROUP_MAX_BYTES:
            self._flush()

    def _complete(self) -> None:
        """Write the buffered rows, sync the file to disk and rename it onto ``path``."""
        self._flush()
        writer, handle = self._open()
        writer.close()
        self._rename_synced(handle, self._temp)

    def abort(self) -> None:
        """Discard everything written: remove the temporary file, leave ``path`` alone."""
        self._finished = True
        for closable in (self._writer, self._file):
            if closable is not None:
                with contextlib.suppress(Exception):  # already failing: the first error is what matters
                    closable.close()
        self._temp.unlink(missing_ok=True)

    def _open(self) -> tuple[pq.ParquetWriter, IO[bytes]]:
        if self._finished:
            raise RuntimeError(f"{self.path}: the sink is closed")
        if self._writer is None or self._file is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = open(self._temp, "wb")  # noqa: SIM115 - closed by close() or abort()
            self._writer = pq.ParquetWriter(self._file, self.schema, compression=self.compression,
                                            memory_pool=self._pool)
        return self._writer, self._file

    def _convert(self) -> None:
        """Turn the buffered records into Arrow, typed and laid out as the schema says."""
        if not self._lines:
            return
        data = b"\n".join(self._lines)
        # one block holds every line (a line may not span blocks); one block needs no threads
        options = pa_json.ReadOptions(use_threads=False, block_size=len(data) + 1)
        table = pa_json.read_json(pa.BufferReader(data), read_options=options, parse_options=pa_json.ParseOptions(
            explicit_schema=self._read_schema, unexpected_field_behavior="error"), memory_pool=self._pool)
        self._batches.extend(table.cast(self.schema).to_batches())
        self._lines = []
        self._line_bytes = 0

    def _flush(self) -> None:
        self._convert()
        if not self._batches:
            return
        writer, _ = self._open()
        # one row group; its chunks share one dictionary per dictionary column
        table = pa.Table.from_batches(self._batches, schema=self.schema).unify_dictionaries(memory_pool=self._pool)
        writer.write_table(table, row_group_size=self.row_group_size)
        self._batches = []
        self._buffered = 0
        self._buffered_bytes = 0
        del table
        for pool in (self._pool, pa.default_memory_pool()):  # (casts allocate from the default pool)
            pool.release_unused()  # the allocator keeps freed row groups otherwise
