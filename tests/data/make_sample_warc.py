"""Write ``sample.warc.gz``: a small, real-format WARC file for the WARC reader's tests.

Run from the repository root: ``python tests/data/make_sample_warc.py``.

It holds, in this order: a ``warcinfo`` record; then for three pages of
``pages.jsonl.gz`` (the smallest, by HTML size) a ``request`` record and a
``response`` record with the page as served; a PNG image response; a 301
redirect; a ``metadata`` record; and a 404 error page. So the reader sees
three documents and six records to skip (warcinfo, three requests, metadata
count as "not a response"; the image as "not HTML"; the redirect and the 404
as an HTTP status). The records are written with warcio's writer, one gzip
member per record, as Common Crawl does.
"""

from __future__ import annotations

import gzip
import json
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
PAGES = 3
FETCH_DATES = ("2019-07-04T10:15:00Z", "2020-01-16T23:59:30Z", "2021-03-02T08:00:00Z")
#: The smallest valid PNG: a 1x1 transparent pixel.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000"
                    "0500010d0a2db40000000049454e44ae426082")


def main() -> None:
    with gzip.open(HERE / "pages.jsonl.gz", "rt", encoding="utf-8") as rows:
        pages = sorted((json.loads(line) for line in rows), key=lambda row: len(row["html"]))[:PAGES]
    with open(HERE / "sample.warc.gz", "wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warcinfo_record("sample.warc.gz", {
            "software": "warcio (tests/data/make_sample_warc.py)", "description": "newsclean test sample"}))
        for page, date in zip(pages, FETCH_DATES, strict=True):
            _exchange(writer, page["url"], page["html"].encode("utf-8"), "text/html; charset=utf-8", date)
        _response(writer, "https://example.org/logo.png", PNG, "image/png", FETCH_DATES[-1])
        _response(writer, "https://example.org/old", b"", "text/html", FETCH_DATES[-1],
                  status="301 Moved Permanently", extra=[("Location", "https://example.org/new")])
        writer.write_record(writer.create_warc_record("https://example.org/new", "metadata", payload=BytesIO(
            b"fetchTimeMs: 120\n"), warc_content_type="application/warc-fields"))
        _response(writer, "https://example.org/missing", b"<html><body>Not found</body></html>", "text/html",
                  FETCH_DATES[-1], status="404 Not Found")


def _exchange(writer: WARCWriter, url: str, body: bytes, content_type: str, date: str) -> None:
    request = StatusAndHeaders("GET / HTTP/1.1", [("Host", url.split("/")[2])], is_http_request=True)
    writer.write_record(writer.create_warc_record(url, "request", http_headers=request,
                                                  warc_headers_dict={"WARC-Date": date}))
    _response(writer, url, body, content_type, date)


def _response(writer: WARCWriter, url: str, body: bytes, content_type: str, date: str,
              status: str = "200 OK", extra: list[tuple[str, str]] | None = None) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type), ("Content-Length", str(len(body))),
                                        *(extra or [])], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers,
                                                  warc_headers_dict={"WARC-Date": date}))


if __name__ == "__main__":
    main()
