"""JSON Lines input: one document per line, for files and standard input alike.

What a line holds (its ``html`` field, else its ``text`` field, with an
optional address and identifier) and how lines are streamed without holding
an oversized one in memory. :mod:`newsclean.io.read` and
:mod:`newsclean.io.stdin` both read JSON Lines through here.
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..document import RawDocument, ReadFailure
from ..records import ContentType, RejectReason

logger = logging.getLogger(__name__)

#: How much is read at a time when skipping the rest of an oversized line (bytes).
SKIP_CHUNK_BYTES = 1 << 20
#: Errors zlib and gzip raise for a corrupt or truncated compressed stream.
GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)


@dataclass(frozen=True, slots=True)
class JsonFields:
    """The names of the JSON Lines fields that hold a document's HTML, text, address and identifier."""

    text: str = "text"
    html: str = "html"
    url: str = "url"
    id: str = "id"


def read_lines(stream: io.BufferedIOBase, limit: int) -> Iterator[tuple[bytes | None, int]]:
    """Each line without its line break, with its size; ``None`` for a line over ``limit`` bytes.

    An oversized line is skipped in chunks, never held in memory whole.
    """
    while line := stream.readline(limit + 1):
        if line.endswith(b"\n") or len(line) <= limit:
            content = line.rstrip(b"\r\n")
            yield content, len(content)
            continue
        size = len(line)
        while not line.endswith(b"\n") and (line := stream.readline(SKIP_CHUNK_BYTES)):
            size += len(line)
        yield None, size - (1 if line.endswith(b"\n") else 0)


def parse_jsonl_line(line: bytes, *, source: str, index: int,
                     fields: JsonFields = JsonFields()) -> RawDocument:
    """The document one JSON line holds: its ``html`` field, else its ``text`` field.

    A line that is no JSON object, or has neither field as a string, becomes a
    read failure whose detail names the line (1-based, as editors count).
    """
    where = f"line {index + 1}"
    try:
        record = json.loads(line)
    except (ValueError, RecursionError) as exc:
        return failed_document(source, index, RejectReason.READ_ERROR, f"{where}: invalid JSON: {exc}", line)
    if not isinstance(record, dict):
        return failed_document(source, index, RejectReason.READ_ERROR,
                       f"{where}: expected a JSON object, got {_json_type(record)}", line)
    url = record.get(fields.url)
    url = url if isinstance(url, str) else None
    record_id = record.get(fields.id)
    record_id = str(record_id) if isinstance(record_id, (str, int)) and not isinstance(record_id, bool) else None
    for name, content_type in ((fields.html, ContentType.HTML), (fields.text, ContentType.TEXT)):
        value = record.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            return failed_document(source, index, RejectReason.READ_ERROR,
                           f"{where}: field '{name}' is {_json_type(value)}, not a string", line, url)
        return RawDocument(source=source, data=value, index=index, url=url, content_type=content_type,
                           source_id=record_id)
    return failed_document(source, index, RejectReason.READ_ERROR,
                   f"{where}: no '{fields.html}' or '{fields.text}' field with a string value", line, url)


def failed_document(source: str, index: int, reason: RejectReason, detail: str,
            data: bytes = b"", url: str | None = None) -> RawDocument:
    logger.debug("%s#%d: %s", source, index, detail)
    return RawDocument(source=source, data=data, index=index, url=url, error=ReadFailure(reason, detail))


def _json_type(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return "null" if value is None else "a string"
