"""How fast documents are read from WARC, beside JSON Lines of the same pages (the baseline, same run).

    python benchmarks/read_formats.py [--copies 20]

Builds, in a temporary folder, the 90 pages of ``tests/data/pages.jsonl.gz``
repeated ``--copies`` times as a gzipped JSON Lines file and as a WARC file
gzipped per record (a request and a response per page, as Common Crawl
writes), then reads both with ``iter_documents`` and prints documents per
second and MB of HTML per second for each, and the WARC/JSONL ratio. Reading
is a small part of a run: the pipeline cleans some 20-70 documents a second
per core (benchmarks/quality.py), so a reader far faster than that is never
the bottleneck. It also counts the bytes zlib inflates while the WARC file is
read, against the file's content: 1.00x means each record is decompressed
once (warcio, handed the inflated stream by ``io/warc.py``, inflates nothing).
"""

from __future__ import annotations

import argparse
import gzip
import json
import tempfile
import time
import zlib
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsclean.io.read import iter_documents

PAGES = Path(__file__).resolve().parent.parent / "tests" / "data" / "pages.jsonl.gz"
LIMIT = 20_000_000
REPEATS = 3


def build(folder: Path, copies: int) -> tuple[Path, Path, int, int]:
    with gzip.open(PAGES, "rt", encoding="utf-8") as rows:
        pages = [json.loads(line) for line in rows] * copies
    jsonl = folder / "pages.jsonl.gz"
    with gzip.open(jsonl, "wt", encoding="utf-8") as out:
        for page in pages:
            out.write(json.dumps({"html": page["html"], "url": page["url"]}) + "\n")
    warc = folder / "pages.warc.gz"
    with open(warc, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for page in pages:
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
            writer.write_record(writer.create_warc_record(page["url"], "request", http_headers=request))
            body = page["html"].encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(page["url"], "response", payload=BytesIO(body),
                                                          http_headers=headers))
    return jsonl, warc, len(pages), sum(len(p["html"].encode("utf-8")) for p in pages)


def best_seconds(path: Path, expected: int) -> float:
    times = []
    for _ in range(REPEATS):
        began = time.perf_counter()
        count = sum(1 for _ in iter_documents([path], max_input_bytes=LIMIT))
        times.append(time.perf_counter() - began)
        assert count == expected, (path, count, expected)
    return min(times)


def inflated_ratio(path: Path, expected: int) -> float:
    """Bytes zlib inflates while ``path`` (a .warc.gz) is read, over the bytes of its content."""
    inflated = [0]
    real = zlib.decompressobj

    class Counting:  # every decompressor made while reading counts what it hands out
        def __init__(self, *args: int, **options: int) -> None:
            self._inflater = real(*args, **options)

        def decompress(self, data: bytes, *args: int) -> bytes:
            out = self._inflater.decompress(data, *args)
            inflated[0] += len(out)
            return out

        def __getattr__(self, name: str) -> object:
            return getattr(self._inflater, name)

    zlib.decompressobj = Counting  # type: ignore[assignment]
    try:
        assert sum(1 for _ in iter_documents([path], max_input_bytes=LIMIT)) == expected
    finally:
        zlib.decompressobj = real
    with gzip.open(path, "rb") as content:
        return inflated[0] / len(content.read())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20, help="times the 90 pages are repeated")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        jsonl, warc, documents, html_bytes = build(Path(folder), args.copies)
        results = {"jsonl.gz (baseline)": best_seconds(jsonl, documents), "warc.gz": best_seconds(warc, documents)}
        inflated = inflated_ratio(warc, documents)
    print(f"{documents} documents, {html_bytes / 1e6:.1f} MB of HTML, best of {REPEATS}")
    print("| input | docs/s | MB/s |\n|---|---|---|")
    for name, seconds in results.items():
        print(f"| {name} | {documents / seconds:,.0f} | {html_bytes / 1e6 / seconds:,.1f} |")
    print(f"warc.gz / jsonl.gz time ratio: {results['warc.gz'] / results['jsonl.gz (baseline)']:.2f}")
    print(f"bytes inflated reading the warc.gz / its content: {inflated:.2f}x")


if __name__ == "__main__":
    main()
