"""Reading WARC files (Common Crawl News and most crawlers save them) into documents.

A WARC file is a sequence of records; the ones that hold pages are
``response`` records with an HTTP response whose payload is HTML. Each such
record becomes one document, with the record's target URI as its address, the
``charset`` of its HTTP ``Content-Type`` as the declared encoding, its
``WARC-Date`` (when the crawler fetched it) as a last-resort date, and its
``WARC-Record-ID`` as its identifier. Every other record (requests, metadata,
``warcinfo``, revisits, images, scripts, redirects and error pages) is skipped
and counted by :class:`SkipReason`, so a run can say what it did not look at.

Records are streamed with warcio, one at a time, and no payload is read past
``limits.max_input_bytes``: memory stays flat whatever the file's size.
Gzip-compressed files (``.warc.gz``, one gzip member per record, or the
whole file in one) are recognised by their content and inflated once, by
:class:`GzipMembers`, which also tells a file cut inside a member from a whole one.
"""

from __future__ import annotations

import datetime as dt
import logging
import zlib
from collections import Counter
from collections.abc import Iterator
from enum import StrEnum
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..document import RawDocument, ReadFailure
from ..records import ContentType, RejectReason

logger = logging.getLogger(__name__)

#: Payload media types that hold a web page.
HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: HTTP status codes of a page that was served (2xx); redirects and errors hold no article.
HTTP_OK_RANGE = range(200, 300)
GZIP_MAGIC = b"\x1f\x8b"
#: Added to zlib's window bits, it asks for a gzip header and trailer.
GZIP_WBITS_FLAG = 16
#: How much compressed input is read from the file at a time (bytes).
INFLATE_CHUNK_BYTES = 1 << 16
#: How much of a record is read at a time when skipping the rest of it (bytes).
DRAIN_CHUNK_BYTES = 1 << 16
#: Errors warcio and zlib raise for a corrupt or truncated archive (warcio fails with an
#: AttributeError on a record header cut in the middle).
_ARCHIVE_ERRORS = (ArchiveLoadFailed, EOFError, ValueError, OSError, AttributeError, zlib.error)


class SkipReason(StrEnum):
    """Why a WARC record was not read as a document (counted in the run summary)."""

    NOT_A_RESPONSE = "warc_not_response"  # request, metadata, warcinfo, revisit, resource... records
    NOT_HTML = "warc_not_html"  # a response whose payload is no web page (image, PDF, script, JSON)
    HTTP_STATUS = "warc_http_status"  # a redirect or an error page (status outside 2xx)


def read_warc(stream: IO[bytes], *, source: str, max_input_bytes: int,
              skipped: Counter[str] | None = None) -> Iterator[RawDocument]:
    """One document per HTML response record of the WARC ``stream``, in file order.

    ``index`` is the record's position in the file (all records counted), so
    it finds the record again. Records that are not pages are counted in
    ``skipped`` under their :class:`SkipReason`. A corrupt or truncated
    archive ends the file with one read failure naming the record where
    reading broke off (a file cut exactly between two records cannot be told
    from a whole one: WARC has no end marker).
    """
    skipped = Counter() if skipped is None else skipped
    index = 0
    checked = GzipMembers(stream)
    try:
        for index, record in enumerate(ArchiveIterator(checked, arc2warc=True)):
            if record.rec_type is None:
                raise ArchiveLoadFailed("a record without a WARC-Type")
            reason = skip_reason(record)
            document = None if reason is not None else _document(record, source, index, max_input_bytes)
            if _unread_bytes(record):
                raise ArchiveLoadFailed(f"record {index + 1} ends before its Content-Length")
            if document is None:
                skipped[reason.value] += 1  # type: ignore[union-attr]
            else:
                yield document
        if not checked.complete:  # warcio ends quietly on a gzip member cut short
            index += 1
            raise ArchiveLoadFailed("the last gzip member is cut short")
    except _ARCHIVE_ERRORS as exc:
        yield RawDocument(source=source, data=b"", index=index, error=ReadFailure(
            RejectReason.READ_ERROR, f"corrupt or truncated WARC file from record {index + 1} on, "
                                     f"the rest is lost: {type(exc).__name__}: {exc}"))


class GzipMembers:
    """A binary stream of ``stream``'s content with its gzip members inflated, each byte once.

    warcio inflates a ``.warc.gz`` itself but stops without a word at a gzip
    member cut short, which would pass a truncated download for a whole one.
    This stream does the inflating instead, member after member, and knows
    whether the last one ended; warcio, handed plain WARC bytes, inflates
    nothing. A stream that does not start with the gzip magic is passed
    through as it is. A member that is corrupt raises ``zlib.error``.
    """

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self._inflater: zlib._Decompress | None = None
        self._input = b""  # compressed bytes read from the stream and not yet inflated
        self._pending = False  # bytes of a member have been seen, its end not yet
        self._gzip: bool | None = None
        self._position = 0  # bytes handed out

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` bytes of inflated content (all that is left when ``size`` < 0); b"" at the end."""
        if self._gzip is None:
            self._input = self.stream.read(INFLATE_CHUNK_BYTES)
            self._gzip = self._input[:2] == GZIP_MAGIC
        if self._gzip:
            data = self._inflate(size)
        elif self._input:  # a plain stream: the bytes read to look for the magic go out first
            data, self._input = (self._input + self.stream.read(), b"") if size < 0 else \
                (self._input[:size], self._input[size:])
        else:
            data = self.stream.read(size)
        self._position += len(data)
        return data

    def tell(self) -> int:
        return self._position

    def _inflate(self, size: int) -> bytes:
        pieces: list[bytes] = []
        wanted = size  # negative: everything
        while wanted != 0:
            if not self._input:
                self._input = self.stream.read(INFLATE_CHUNK_BYTES)
                if not self._input:
                    break
            if self._inflater is None:
                self._inflater = zlib.decompressobj(zlib.MAX_WBITS | GZIP_WBITS_FLAG)
            self._pending = True
            piece = self._inflater.decompress(self._input, max(0, wanted))
            self._input = self._inflater.unconsumed_tail
            if self._inflater.eof:  # the member ended: what follows it starts the next one
                self._input, self._inflater, self._pending = self._inflater.unused_data, None, False
            pieces.append(piece)
            if wanted > 0:
                wanted -= len(piece)
        return b"".join(pieces)

    @property
    def complete(self) -> bool:
        """No gzip member was left unfinished (always true of a plain stream)."""
        return not self._pending


def _unread_bytes(record: object) -> int:
    """Read the rest of a record's block; the bytes its Content-Length promised but the file lacks."""
    raw = record.raw_stream  # type: ignore[attr-defined]
    while raw.read(DRAIN_CHUNK_BYTES):
        pass
    return int(getattr(raw, "limit", 0) or 0)


def skip_reason(record: object) -> SkipReason | None:
    """Why a warcio record is not a page, or None when it is one."""
    if getattr(record, "rec_type", None) != "response" or getattr(record, "http_headers", None) is None:
        return SkipReason.NOT_A_RESPONSE
    headers = record.http_headers  # type: ignore[attr-defined]
    try:
        status = int(headers.get_statuscode())
    except (TypeError, ValueError):
        return SkipReason.HTTP_STATUS
    if status not in HTTP_OK_RANGE:
        return SkipReason.HTTP_STATUS
    media_type = (headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    return None if media_type in HTML_MEDIA_TYPES else SkipReason.NOT_HTML


def _document(record: object, source: str, index: int, max_input_bytes: int) -> RawDocument:
    headers = record.rec_headers  # type: ignore[attr-defined]
    url = headers.get_header("WARC-Target-URI") or None
    record_id = headers.get_header("WARC-Record-ID") or None
    try:
        data = record.content_stream().read(max_input_bytes + 1)  # type: ignore[attr-defined]
    except (OSError, ValueError, zlib.error) as exc:  # a payload whose content encoding is broken
        return RawDocument(source=source, data=b"", index=index, url=url, source_id=record_id,
                           error=ReadFailure(RejectReason.READ_ERROR, (
                               f"WARC record {index + 1} ({url}): unreadable payload: {exc}")))
    if len(data) > max_input_bytes:
        return RawDocument(source=source, data=b"", index=index, url=url, source_id=record_id,
                           error=ReadFailure(RejectReason.TOO_LARGE, (
                               f"WARC record {index + 1} ({url}): payload exceeds "
                               f"limits.max_input_bytes={max_input_bytes}")))
    return RawDocument(source=source, data=data, index=index, url=url, content_type=ContentType.HTML,
                       fallback_date=warc_date(headers.get_header("WARC-Date")), source_id=record_id,
                       charset=http_charset(record.http_headers.get_header("Content-Type")))  # type: ignore[attr-defined]


def http_charset(content_type: str | None) -> str | None:
    """The ``charset`` parameter of an HTTP ``Content-Type`` header (``text/html; charset="utf-8"``), as written."""
    for parameter in (content_type or "").split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip("\"'").strip() or None
    return None


def warc_date(value: str | None) -> dt.date | None:
    """The calendar day of a ``WARC-Date`` header (``2021-05-04T10:00:00Z``), None when unreadable."""
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        logger.debug("unreadable WARC-Date %r", value)
        return None
