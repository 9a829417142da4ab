"""WARC input: HTML response records become documents; every other record is skipped and counted."""

from __future__ import annotations

import datetime as dt
import gzip
import zlib
from collections import Counter
from io import BytesIO
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import DATA
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import newsclean
from newsclean.io.read import input_kind, iter_documents
from newsclean.io.warc import GzipMembers, SkipReason

SAMPLE = DATA / "sample.warc.gz"
LIMIT = 20_000_000
PARAGRAPH = ("The harbour authority said on a quiet morning that the repairs to the northern quay were finished "
             "and that ferries would call again from the first week of the season, after months of work. ")


def _page(title: str, extra_head: str = "") -> bytes:
    body = "".join(f"<p>{PARAGRAPH}Part {i}.</p>" for i in range(5))
    return (f"<html><head><title>{title}</title>{extra_head}</head><body><article><h1>{title}</h1>{body}"
            f"</article></body></html>").encode()


def _write_warc(path: Path, pages: list[tuple[str, bytes, str]], *, gzip_records: bool = True,
                content_type: str = "text/html; charset=utf-8") -> None:
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip_records)
        for url, body, date in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers,
                                                          warc_headers_dict={"WARC-Date": date}))


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz", "CC-NEWS-2021.WARC.GZ"])
def test_warc_files_are_recognised_by_name(name: str) -> None:
    assert input_kind(Path(name)) == "warc"


def test_sample_warc_yields_html_responses_and_counts_the_rest() -> None:
    skipped: Counter[str] = Counter()
    documents = list(iter_documents([SAMPLE], max_input_bytes=LIMIT, skipped=skipped))
    assert [d.index for d in documents] == [2, 4, 6]  # record positions: warcinfo, then request/response pairs
    assert all(d.url and d.url.startswith("http") for d in documents)
    assert [d.fallback_date for d in documents] == [dt.date(2019, 7, 4), dt.date(2020, 1, 16), dt.date(2021, 3, 2)]
    assert all(d.source_id and d.source_id.startswith("<urn:uuid:") for d in documents)
    assert all(d.error is None and b"<html" in d.data.lower() for d in documents)
    assert skipped == {SkipReason.NOT_A_RESPONSE: 5, SkipReason.NOT_HTML: 1, SkipReason.HTTP_STATUS: 2}


def test_run_over_a_warc_accounts_for_every_record(tmp_path: Path, config) -> None:
    summary = newsclean.run([SAMPLE], tmp_path, config=config)
    assert summary.documents == 3 and summary.articles + summary.rejects == 3
    assert summary.skipped_records == {"warc_not_response": 5, "warc_http_status": 2, "warc_not_html": 1}
    table = pq.read_table(tmp_path / "articles.parquet", columns=["url", "source_id", "source_index"])
    assert table.column("source_index").to_pylist() == [2, 4, 6][: table.num_rows]
    assert all(s.startswith("<urn:uuid:") for s in table.column("source_id").to_pylist())


@pytest.mark.parametrize(("content_type", "charset"), [
    ("text/html; charset=utf-8", "utf-8"),
    ('text/html;charset="ISO-8859-9"', "ISO-8859-9"),
    ("text/html; Charset=windows-1251; boundary=x", "windows-1251"),
    ("text/html", None),
    ("text/html; charset=", None),
])
def test_the_http_charset_travels_with_the_document(tmp_path: Path, content_type: str, charset: str | None) -> None:
    path = tmp_path / "charset.warc"
    _write_warc(path, [("https://example.org/a", _page("A"), "2021-06-30T22:00:00Z")], content_type=content_type)
    (document,) = iter_documents([path], max_input_bytes=LIMIT)
    assert document.charset == charset


def test_the_http_charset_decodes_a_page_that_declares_none(tmp_path: Path, config) -> None:
    # windows-1254 bytes under an iso-8859-9 header: browsers read the label as windows-1254
    title = "Liman kütüphanesi açıldı"
    body = _page(title).decode().replace("Part 0.", "“Şehir” 40.000 € tuttu.").encode("cp1254")
    path = tmp_path / "turkish.warc.gz"
    _write_warc(path, [("https://example.org/tr", body, "2021-06-30T22:00:00Z")],
                content_type="text/html; charset=iso-8859-9")
    newsclean.run([path], tmp_path / "out", config=config)
    (row,) = pq.read_table(tmp_path / "out" / "articles.parquet").to_pylist()
    assert row["title"] == title
    assert "“Şehir” 40.000 € tuttu." in row["text"]
    assert "encoding: cp1254 (declared by the HTTP header as 'iso-8859-9')" in row["warnings"]


def test_fetch_date_is_the_last_resort_date(tmp_path: Path, config) -> None:
    path = tmp_path / "undated.warc.gz"
    _write_warc(path, [("https://example.org/harbour", _page("Harbour reopens"), "2021-06-30T22:00:00Z")])
    summary = newsclean.run([path], tmp_path / "out", config=config)
    assert summary.articles == 1
    row = pq.read_table(tmp_path / "out" / "articles.parquet").to_pylist()[0]
    assert row["published"] == dt.date(2021, 6, 30)
    assert row["published_source"] == "warc_date"
    assert row["url"] == "https://example.org/harbour"


def test_a_better_source_beats_the_fetch_date(tmp_path: Path, config) -> None:
    path = tmp_path / "dated.warc"
    meta = "<meta property='article:published_time' content='2021-05-04T10:00:00Z'>"
    _write_warc(path, [("https://example.org/harbour", _page("Harbour reopens", meta), "2021-06-30T22:00:00Z")],
                gzip_records=False)
    newsclean.run([path], tmp_path / "out", config=config)
    row = pq.read_table(tmp_path / "out" / "articles.parquet").to_pylist()[0]
    assert (row["published"], row["published_source"]) == (dt.date(2021, 5, 4), "html_metadata")
    assert "warc_date" in {c["source"] for c in row["date_candidates"]}


def test_a_date_after_the_fetch_cannot_be_the_publication_date(tmp_path: Path, config) -> None:
    path = tmp_path / "future.warc.gz"
    meta = "<meta property='article:published_time' content='2021-09-01T10:00:00Z'>"
    _write_warc(path, [("https://example.org/harbour", _page("Harbour reopens", meta), "2021-06-30T22:00:00Z")])
    newsclean.run([path], tmp_path / "out", config=config)
    row = pq.read_table(tmp_path / "out" / "articles.parquet").to_pylist()[0]
    assert row["published"] == dt.date(2021, 6, 30)
    rejected = {c["source"]: c["rejected"] for c in row["date_candidates"]}
    assert "after the page was fetched" in rejected["html_metadata"]


def test_truncated_warc_keeps_what_was_read_and_reports_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc.gz"
    data = SAMPLE.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    documents = list(iter_documents([path], max_input_bytes=LIMIT))
    assert documents[-1].error is not None and "corrupt or truncated WARC" in documents[-1].error.detail
    assert any(d.error is None for d in documents)


def test_oversized_record_is_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    _write_warc(path, [("https://example.org/a", _page("A"), "2021-06-30T22:00:00Z")])
    [document] = iter_documents([path], max_input_bytes=100)
    assert document.error is not None and document.error.reason.value == "too_large"
    assert document.url == "https://example.org/a"


def test_whole_file_gzip_is_read_too(tmp_path: Path) -> None:
    plain = tmp_path / "plain.warc"
    _write_warc(plain, [("https://example.org/a", _page("A"), "2021-06-30T22:00:00Z")], gzip_records=False)
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(gzip.compress(plain.read_bytes()))
    [document] = iter_documents([whole], max_input_bytes=LIMIT)
    assert document.error is None and document.url == "https://example.org/a"


@pytest.mark.parametrize("fraction", [0.3, 0.5, 0.66, 0.9, 0.99])
def test_a_warc_cut_anywhere_never_passes_for_whole(tmp_path: Path, fraction: float) -> None:
    path = tmp_path / "cut.warc.gz"
    data = SAMPLE.read_bytes()
    path.write_bytes(data[: int(len(data) * fraction)])
    documents = list(iter_documents([path], max_input_bytes=LIMIT))
    failures = [d for d in documents if d.error is not None]
    assert len(failures) == 1 and failures[0] is documents[-1]
    whole = list(iter_documents([SAMPLE], max_input_bytes=LIMIT))
    assert [d.data for d in documents[:-1]] == [d.data for d in whole[: len(documents) - 1]]


def test_summary_carries_versions_configuration_and_inputs(tmp_path: Path, config) -> None:
    summary = newsclean.run([str(SAMPLE)], tmp_path, config=config)
    assert set(summary.versions) >= {"newsclean", "python", "trafilatura", "pyarrow", "warcio"}
    assert summary.versions["newsclean"] == newsclean.__version__
    assert summary.inputs == [str(SAMPLE)]
    assert newsclean.PipelineConfig.model_validate(summary.configuration).fingerprint() == summary.config_fingerprint
    assert set(summary.stage_seconds) >= {"decode", "extract", "noise", "dates", "validate"}


@pytest.mark.parametrize("size", [1, 100, 16_384, -1])
def test_gzip_members_give_the_inflated_file_whatever_the_read_size(size: int) -> None:
    data = SAMPLE.read_bytes()
    stream = GzipMembers(BytesIO(data))
    pieces = []
    while piece := stream.read(size):
        pieces.append(piece)
    assert b"".join(pieces) == gzip.decompress(data)
    assert stream.complete and stream.tell() == len(gzip.decompress(data))


def test_a_plain_warc_passes_through_unchanged() -> None:
    plain = gzip.decompress(SAMPLE.read_bytes())
    stream = GzipMembers(BytesIO(plain))
    assert stream.read(10) + stream.read() == plain and stream.complete


def test_each_record_is_inflated_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """warcio is handed the inflated stream, so it inflates nothing: zlib's output is the content, once."""
    content = len(gzip.decompress(SAMPLE.read_bytes()))
    inflated = []
    real = zlib.decompressobj

    class Counting:
        def __init__(self, *args: int, **options: int) -> None:
            self._inflater = real(*args, **options)

        def decompress(self, data: bytes, *args: int) -> bytes:
            out = self._inflater.decompress(data, *args)
            inflated.append(len(out))
            return out

        def __getattr__(self, name: str) -> object:
            return getattr(self._inflater, name)

    monkeypatch.setattr(zlib, "decompressobj", Counting)
    documents = list(iter_documents([SAMPLE], max_input_bytes=LIMIT))
    assert documents and all(d.error is None for d in documents)
    assert sum(inflated) == content
