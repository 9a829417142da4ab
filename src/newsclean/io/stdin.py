"""Reading documents from standard input (``newsclean run -``), streamed.

Standard input has no name to judge its format by, so its first bytes
decide: a gzip stream is decompressed first, ``WARC/`` starts a WARC file,
``{`` starts JSON Lines (one document per line), and anything else is one
plain-text or HTML document (the decode stage tells which by content).
"""

from __future__ import annotations

import gzip
import io
from collections import Counter
from collections.abc import Iterator
from typing import IO

from ..document import RawDocument, ReadFailure
from ..records import RejectReason
from .lines import GZIP_ERRORS, JsonFields, parse_jsonl_line, read_lines
from .warc import read_warc

#: The source name documents read from standard input carry.
STDIN_SOURCE = "<stdin>"
#: Bytes looked at to tell the format: enough to skip leading blank lines.
SNIFF_BYTES = 4096
GZIP_MAGIC = b"\x1f\x8b"
WARC_MAGIC = b"WARC/"


def read_stdin(stream: IO[bytes], *, max_input_bytes: int, fields: JsonFields = JsonFields(),
               skipped: Counter[str] | None = None) -> Iterator[RawDocument]:
    """The documents of a byte stream whose format is told by its first bytes."""
    buffered = _buffered(stream)
    try:
        if buffered.peek(len(GZIP_MAGIC))[: len(GZIP_MAGIC)] == GZIP_MAGIC:
            buffered = _buffered(gzip.GzipFile(fileobj=buffered, mode="rb"))
        head = buffered.peek(SNIFF_BYTES)[:SNIFF_BYTES].lstrip()
        if head.startswith(WARC_MAGIC):
            yield from read_warc(buffered, source=STDIN_SOURCE, max_input_bytes=max_input_bytes, skipped=skipped)
        elif head.startswith(b"{"):
            yield from _jsonl(buffered, max_input_bytes, fields)
        else:
            yield _single(buffered, max_input_bytes)
    except GZIP_ERRORS as exc:
        yield _failure(0, RejectReason.READ_ERROR, f"corrupt or truncated gzip stream on standard input: {exc}")


def _buffered(stream: IO[bytes]) -> io.BufferedReader:
    if isinstance(stream, io.BufferedReader):
        return stream
    return io.BufferedReader(stream, buffer_size=SNIFF_BYTES * 16)  # type: ignore[arg-type]


def _jsonl(stream: io.BufferedReader, max_input_bytes: int, fields: JsonFields) -> Iterator[RawDocument]:
    for index, (line, size) in enumerate(read_lines(stream, max_input_bytes)):
        if line is None:
            yield _failure(index, RejectReason.TOO_LARGE, f"line {index + 1} is {size} bytes, which exceeds "
                                                          f"limits.max_input_bytes={max_input_bytes}")
        elif line.strip():
            yield parse_jsonl_line(line, source=STDIN_SOURCE, index=index, fields=fields)


def _single(stream: io.BufferedReader, max_input_bytes: int) -> RawDocument:
    data = stream.read(max_input_bytes + 1)
    if len(data) > max_input_bytes:
        return _failure(0, RejectReason.TOO_LARGE, f"standard input exceeds limits.max_input_bytes="
                                                   f"{max_input_bytes} (stopped reading at {len(data)} bytes)")
    return RawDocument(source=STDIN_SOURCE, data=data, index=0)


def _failure(index: int, reason: RejectReason, detail: str) -> RawDocument:
    return RawDocument(source=STDIN_SOURCE, data=b"", index=index, error=ReadFailure(reason, detail))
