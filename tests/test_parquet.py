"""The Parquet contract: schema derived from the records, round trips, atomic writes."""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from pydantic import BaseModel, Field

from newsclean._version import __version__
from newsclean.io.parquet import DICTIONARY_TYPE, ROW_GROUP_MAX_BYTES, ParquetSink, arrow_schema, to_row
from newsclean.records import (
    SCHEMA_VERSION,
    Article,
    ContentType,
    DateEvidence,
    PageStatus,
    DateSource,
    Rejection,
    RejectReason,
    Removal,
    RemovalKind,
    StageName,
)
from newsclean.stages.validate import quality_record
from newsclean.text.quality import quality_signals


def article(n: int = 0, *, published: dt.date | None = dt.date(2024, 3, 1)) -> Article:
    body = f"Paragraph one of article {n}.\n\nParagraph two."
    return Article(
        doc_id=f"doc{n:04d}", source=f"crawl/{n}.html", source_index=0, url=f"https://example.org/{n}",
        content_type=ContentType.HTML, status=PageStatus.ARTICLE, title=f"Headline {n}", subtitle=None,
        byline="By A. Writer",
        publisher="Example Times", published=published,
        published_source=DateSource.HTML_METADATA if published else DateSource.NONE,
        published_confidence=0.9 if published else None,
        updated=None, date_mentions=[],
        date_candidates=[DateEvidence(value=published, source=DateSource.HTML_METADATA, text="2024-03-01",
                                      confidence=0.9, rejected=None)] if published else [],
        language="en", text=body,
        paragraphs=body.split("\n\n"),
        removed=[Removal(kind=RemovalKind.SOCIAL, rule="social.follow_on", text="Follow us on X",
                         start=10, end=24, score=0.95)],
        word_count=9, content_hash="c" * 64, input_size=1234, input_hash="i" * 64,
        pipeline_version=__version__, warnings=[],
        quality=quality_record(quality_signals(body.split("\n\n"), None)),
    )


def rejection(n: int = 0) -> Rejection:
    return Rejection(
        doc_id=f"rej{n}", source="crawl/bad.jsonl", source_index=n, url=None, stage=StageName.READ,
        reason=RejectReason.READ_ERROR, detail=f"line {n + 1}: invalid JSON", input_size=3,
        input_hash="h" * 64, pipeline_version=__version__,
    )


# --- schema -------------------------------------------------------------------------------------

ARTICLE_SCHEMA = arrow_schema(Article)


@pytest.mark.parametrize(("name", "arrow_type", "nullable"), [
    ("doc_id", pa.string(), False),
    ("source", pa.string(), True),
    ("source_index", pa.int64(), False),
    ("content_type", DICTIONARY_TYPE, False),
    ("language", pa.dictionary(pa.int32(), pa.string()), True),
    ("publisher", DICTIONARY_TYPE, True),
    ("published", pa.date32(), True),
    ("published_source", DICTIONARY_TYPE, False),
    ("published_confidence", pa.float64(), True),
    ("text", pa.string(), False),
    ("paragraphs", pa.list_(pa.string()), False),
    ("warnings", pa.list_(pa.string()), False),
    ("word_count", pa.int64(), False),
    ("pipeline_version", DICTIONARY_TYPE, False),
])
def test_article_column_types(name: str, arrow_type: pa.DataType, nullable: bool) -> None:
    field = ARTICLE_SCHEMA.field(name)
    assert (field.type, field.nullable) == (arrow_type, nullable)


def test_removed_is_a_list_of_structs() -> None:
    removed = ARTICLE_SCHEMA.field("removed").type
    assert pa.types.is_list(removed)
    struct = removed.value_type
    assert pa.types.is_struct(struct)
    assert {struct.field(i).name: (struct.field(i).type, struct.field(i).nullable)
            for i in range(struct.num_fields)} == {
        # dictionary hints apply at the top level only: pyarrow cannot read nested dictionaries
        # back from several row groups (see test_multi_row_group_file_reads_with_every_reader)
        "kind": (pa.string(), False), "rule": (pa.string(), False), "text": (pa.string(), False),
        "start": (pa.int64(), False), "end": (pa.int64(), False), "score": (pa.float64(), False)}
    assert struct.field("kind").metadata == {b"description": b"What kind of noise this is."}


def test_columns_follow_the_model() -> None:
    assert ARTICLE_SCHEMA.names == list(Article.model_fields)
    assert arrow_schema(Rejection).names == list(Rejection.model_fields)


def test_fields_carry_their_description() -> None:
    for name, info in Article.model_fields.items():
        assert ARTICLE_SCHEMA.field(name).metadata == {b"description": info.description.encode()}


@pytest.mark.parametrize("model", [Article, Rejection])
def test_schema_metadata(model: type[BaseModel]) -> None:
    assert arrow_schema(model).metadata == {
        b"newsclean.schema_version": SCHEMA_VERSION.encode(),
        b"newsclean.model": model.__name__.encode(),
        b"newsclean.version": __version__.encode(),
    }


class Colour(enum.StrEnum):
    RED = "red"


class Inner(BaseModel):
    tags: list[str] | None = Field(description="optional list")


class Everything(BaseModel):
    flag: bool = Field(description="a bool")
    at: dt.datetime = Field(description="a timestamp")
    colour: Colour = Field(description="a plain enum column")
    inner: Inner | None = Field(description="a nullable struct")
    matrix: list[list[int]] = Field(description="nested lists")


def test_other_supported_annotations() -> None:
    schema = arrow_schema(Everything)
    assert schema.field("flag").type == pa.bool_()
    assert schema.field("at").type == pa.timestamp("us", tz="UTC")
    assert schema.field("colour").type == pa.string()
    assert schema.field("inner").type == pa.struct([pa.field("tags", pa.list_(pa.string()))])
    assert schema.field("inner").nullable and schema.field("inner").type.field("tags").nullable
    assert schema.field("matrix").type == pa.list_(pa.list_(pa.int64()))


class BadDict(BaseModel):
    mapping: dict[str, int]


class BadUnion(BaseModel):
    either: int | str


class BadHint(BaseModel):
    count: int = Field(json_schema_extra={"x-arrow": "dictionary"})


@pytest.mark.parametrize(("model", "where"), [
    (BadDict, "BadDict.mapping"), (BadUnion, "BadUnion.either"), (BadHint, "BadHint.count")])
def test_unsupported_annotations_raise_naming_the_field(model: type[BaseModel], where: str) -> None:
    with pytest.raises(TypeError, match=where):
        arrow_schema(model)


def test_rows_hold_plain_values() -> None:
    row = to_row(article())
    assert row["content_type"] == "html" and type(row["content_type"]) is str
    assert row["removed"][0]["kind"] == "social" and type(row["removed"][0]["kind"]) is str
    assert row["published"] == dt.date(2024, 3, 1)


# --- writing ------------------------------------------------------------------------------------

def write_articles(path: Path, count: int, **options: object) -> ParquetSink:
    with ParquetSink(path, Article, **options) as sink:  # type: ignore[arg-type]
        for n in range(count):
            sink.write(article(n, published=None if n % 2 else dt.date(2024, 3, 1)))
    return sink


def test_round_trip_with_pyarrow(tmp_path: Path) -> None:
    path = tmp_path / "out" / "articles.parquet"  # the parent is created
    sink = write_articles(path, 5, row_group_size=2)
    assert sink.rows_written == 5
    parquet = pq.ParquetFile(path)
    assert parquet.metadata.num_rows == 5
    assert parquet.metadata.num_row_groups == 3
    table = parquet.read()
    assert table.schema == ARTICLE_SCHEMA
    assert table.schema.metadata[b"newsclean.schema_version"] == SCHEMA_VERSION.encode()
    rows = table.to_pylist()
    assert rows[0] == to_row(article(0))
    assert [Article.model_validate(row) for row in rows] == [
        article(n, published=None if n % 2 else dt.date(2024, 3, 1)) for n in range(5)]


def test_multi_row_group_file_reads_with_every_reader(tmp_path: Path) -> None:
    path = tmp_path / "articles.parquet"
    write_articles(path, 7, row_group_size=2)
    parquet = pq.ParquetFile(path)
    assert parquet.metadata.num_row_groups == 4
    assert parquet.read().num_rows == 7
    assert sum(batch.num_rows for batch in parquet.iter_batches(batch_size=3)) == 7
    assert pq.read_table(path).num_rows == 7


def test_a_row_group_ends_at_its_byte_bound_before_its_row_count(tmp_path: Path) -> None:
    # three of these articles pass the bound, two do not: the writer must not hold a thousand of them
    text = "word " * (ROW_GROUP_MAX_BYTES // 15 + 1)
    written = [article(n).model_copy(update={"text": text}) for n in range(7)]
    path = tmp_path / "articles.parquet"
    with ParquetSink(path, Article, row_group_size=1000) as sink:
        for record in written:
            sink.write(record)
    parquet = pq.ParquetFile(path)
    assert [parquet.metadata.row_group(i).num_rows for i in range(parquet.metadata.num_row_groups)] == [3, 3, 1]
    assert [Article.model_validate(row) for row in parquet.read().to_pylist()] == written


def test_nested_string_columns_are_still_dictionary_encoded_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "articles.parquet"
    write_articles(path, 3)
    meta = pq.ParquetFile(path).metadata.row_group(0)
    columns = [meta.column(i) for i in range(meta.num_columns)]
    (kind,) = [column for column in columns if column.path_in_schema.endswith(".kind")]
    assert kind.has_dictionary_page


def test_round_trip_with_duckdb(tmp_path: Path) -> None:
    path = tmp_path / "articles.parquet"
    write_articles(path, 4)
    rows = duckdb.sql(
        f"select doc_id, content_type, published, language, removed[1].kind as kind, len(paragraphs) as n "
        f"from read_parquet('{path}') order by doc_id").fetchall()
    assert rows == [
        ("doc0000", "html", dt.date(2024, 3, 1), "en", "social", 2),
        ("doc0001", "html", None, "en", "social", 2),
        ("doc0002", "html", dt.date(2024, 3, 1), "en", "social", 2),
        ("doc0003", "html", None, "en", "social", 2),
    ]


def test_rejections_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "rejections.parquet"
    with ParquetSink(path, Rejection) as sink:
        sink.write(rejection(0))
        sink.write(rejection(7))
    counts = duckdb.sql(f"select reason, stage, count(*) from read_parquet('{path}') group by all").fetchall()
    assert counts == [("read_error", "read", 2)]
    rows = pq.read_table(path).to_pylist()
    assert [Rejection.model_validate(row) for row in rows] == [rejection(0), rejection(7)]


def test_zero_records_still_make_a_valid_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.parquet"
    with ParquetSink(path, Article) as sink:
        pass
    assert sink.rows_written == 0
    table = pq.read_table(path)
    assert table.num_rows == 0
    assert table.schema == ARTICLE_SCHEMA
    assert duckdb.sql(f"select count(*) from read_parquet('{path}')").fetchall() == [(0,)]


def test_compression_is_applied(tmp_path: Path) -> None:
    path = tmp_path / "a.parquet"
    write_articles(path, 3, compression="zstd")
    assert pq.ParquetFile(path).metadata.row_group(0).column(0).compression == "ZSTD"


def test_an_exception_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "articles.parquet"
    with pytest.raises(RuntimeError, match="boom"), ParquetSink(path, Article, row_group_size=1) as sink:
        sink.write(article(0))
        sink.write(article(1))  # a row group is already in the temporary file
        raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


def test_an_exception_keeps_the_previous_file(tmp_path: Path) -> None:
    path = tmp_path / "articles.parquet"
    write_articles(path, 2)
    before = path.read_bytes()
    with pytest.raises(RuntimeError), ParquetSink(path, Article) as sink:
        sink.write(article(9))
        raise RuntimeError("interrupted")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles.parquet"]


def test_a_successful_run_replaces_the_previous_file(tmp_path: Path) -> None:
    path = tmp_path / "articles.parquet"
    write_articles(path, 5)
    write_articles(path, 2)
    assert pq.read_metadata(path).num_rows == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles.parquet"]


def test_nothing_is_visible_at_the_target_while_writing(tmp_path: Path) -> None:
    path = tmp_path / "articles.parquet"
    with ParquetSink(path, Article, row_group_size=1) as sink:
        sink.write(article(0))
        assert not path.exists()
        (temp,) = tmp_path.iterdir()
        assert temp.name.startswith(".articles.parquet.tmp-")
    assert path.exists()


def test_wrong_record_type_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="expected Article records, got Rejection"), \
            ParquetSink(tmp_path / "a.parquet", Article) as sink:
        sink.write(rejection())  # type: ignore[arg-type]
    assert not (tmp_path / "a.parquet").exists()


def test_writing_after_close_is_an_error(tmp_path: Path) -> None:
    sink = write_articles(tmp_path / "a.parquet", 1)
    with pytest.raises(RuntimeError, match="closed"):
        sink.write(article(1))


EVERYTHING = [
    Everything(flag=True, at=dt.datetime(2024, 3, 1, 12, 30, 15, 123456, tzinfo=dt.timezone(dt.timedelta(hours=2))),
               colour=Colour.RED, inner=Inner(tags=["caf\u00e9 \U0001F600", "", "a\x00b \"quoted\" \\ \u2028"]),
               matrix=[[0, -1], [], [2**63 - 1, -2**63]]),
    Everything(flag=False, at=dt.datetime(1, 1, 1, tzinfo=dt.UTC), colour=Colour.RED, inner=None,
               matrix=[]),
    Everything(flag=False, at=dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=dt.UTC), colour=Colour.RED,
               inner=Inner(tags=None), matrix=[[1]]),
]


def test_every_supported_type_round_trips_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "everything.parquet"
    with ParquetSink(path, Everything, row_group_size=2) as sink:
        for record in EVERYTHING:
            sink.write(record)
    table = pq.read_table(path)
    assert table.to_pylist() == pa.Table.from_pylist([to_row(r) for r in EVERYTHING],
                                                     schema=arrow_schema(Everything)).to_pylist()
    assert [Everything.model_validate(row) for row in table.to_pylist()] == EVERYTHING


def test_writing_never_imports_pandas(tmp_path: Path) -> None:
    """pyarrow imports pandas (installed with the test extra) when it converts Python objects: ~40 MB for nothing."""
    import subprocess
    import sys

    script = f"""
import sys
from newsclean.io.parquet import ParquetSink
from newsclean.records import Rejection, RejectReason, StageName
with ParquetSink({str(tmp_path / "rejects.parquet")!r}, Rejection) as sink:
    sink.write(Rejection(doc_id="d", source="s", source_index=0, url=None, stage=StageName.READ,
                         reason=RejectReason.READ_ERROR, detail="bad", input_size=1, input_hash="h",
                         pipeline_version="0"))
print("pandas" in sys.modules)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
    assert pq.read_table(tmp_path / "rejects.parquet").num_rows == 1
