"""How fast documents are read from WARC, beside JSON Lines of the same pages (the baseline, same run).

    python benchmarks/read_formats.py [--copies 20]

Builds, in a temporary folder, the 90 pages of ``tests/data/pages.jsonl.gz``
repeated ``--copies`` times as a gzipped JSON Lines file and as a WARC file
gzipped per record (a request and a response per page, as Common Crawl
writes), then reads both with ``iter_documents`` and prints documents per
second and MB of HTML per second for each, and the WARC/JSONL ratio. Reading
is a small part of a run: the pipeline cleans some 20-70 documents a second
per core (benchmarks/quality.py), so a reader far faster than that is never
the bottleneck.
"""

from __future__ import annotations

import argparse
import gzip
import json
import tempfile
import time
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20, help="times the 90 pages are repeated")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        jsonl, warc, documents, html_bytes = build(Path(folder), args.copies)
        results = {"jsonl.gz (baseline)": best_seconds(jsonl, documents), "warc.gz": best_seconds(warc, documents)}
    print(f"{documents} documents, {html_bytes / 1e6:.1f} MB of HTML, best of {REPEATS}")
    print("| input | docs/s | MB/s |\n|---|---|---|")
    for name, seconds in results.items():
        print(f"| {name} | {documents / seconds:,.0f} | {html_bytes / 1e6 / seconds:,.1f} |")
    print(f"warc.gz / jsonl.gz time ratio: {results['warc.gz'] / results['jsonl.gz (baseline)']:.2f}")


if __name__ == "__main__":
    main()
