"""A whole run over the seeds plus bad inputs: Parquet read back with pyarrow and DuckDB."""

from __future__ import annotations

import datetime as dt
import gzip
import json

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import newsclean
from conftest import SEEDS
from newsclean.records import SCHEMA_VERSION


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory, config):
    inputs = tmp_path_factory.mktemp("inputs")
    for path in SEEDS.glob("*.txt"):
        (inputs / path.name).write_bytes(path.read_bytes())
    (inputs / "empty.txt").write_text("   \n\n", encoding="utf-8")
    (inputs / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with gzip.open(inputs / "batch.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"text": (SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0]).read_text(),
                            "url": "https://example.org/2018/07/27/story"}) + "\n")
        f.write("{not json\n")
    out = tmp_path_factory.mktemp("out")
    summary = newsclean.run([inputs], out, config=config)
    return out, summary


def test_every_document_is_accounted_for(run_dir):
    out, summary = run_dir
    articles = pq.read_table(out / "articles.parquet")
    rejects = pq.read_table(out / "rejects.parquet")
    assert summary.documents == 5 + 1 + 1 + 2
    assert summary.articles == articles.num_rows == 6
    assert summary.rejects == rejects.num_rows == 3
    assert summary.documents == articles.num_rows + rejects.num_rows
    assert sorted(rejects.column("reason").to_pylist()) == ["empty", "not_text", "read_error"]
    for counts in summary.per_source.values():
        assert counts["documents"] == counts["articles"] + counts["rejects"]


def test_parquet_columns_and_types(run_dir):
    out, _ = run_dir
    schema = pq.read_schema(out / "articles.parquet")
    assert schema.field("published").type == pa.date32()
    assert schema.field("paragraphs").type == pa.list_(pa.string())
    removed = schema.field("removed").type
    assert pa.types.is_list(removed) and pa.types.is_struct(removed.value_type)
    assert {removed.value_type.field(i).name for i in range(removed.value_type.num_fields)} >= {
        "kind", "rule", "text", "start", "end"}
    assert pa.types.is_dictionary(schema.field("language").type)
    assert not schema.field("text").nullable
    assert schema.metadata[b"newsclean.schema_version"].decode() == SCHEMA_VERSION
    assert set(schema.names) == set(newsclean.Article.model_fields)


def test_duckdb_reads_the_output(run_dir):
    out, _ = run_dir
    path = (out / "articles.parquet").as_posix()
    rows = duckdb.sql(
        f"select source, published, language, word_count, len(removed) as n_removed "
        f"from read_parquet('{path}') order by source, source_index"
    ).fetchall()
    assert len(rows) == 6
    by_name = {r[0].rsplit("/", 1)[-1]: r for r in rows}
    assert by_name["001_08de569413689543.txt"][1] == dt.date(2018, 7, 27)
    assert all(r[2] == "en" and r[3] > 100 and r[4] >= 1 for r in rows)
    kinds = dict(duckdb.sql(
        f"select r.kind, count(*) from (select unnest(removed) as r from read_parquet('{path}')) group by 1"
    ).fetchall())
    assert kinds["sidebar"] >= 12 and kinds["social"] >= 3


def test_jsonl_document_keeps_its_url_and_position(run_dir):
    out, _ = run_dir
    table = pq.read_table(out / "articles.parquet").to_pylist()
    from_jsonl = [r for r in table if r["source"].endswith("batch.jsonl.gz")]
    assert len(from_jsonl) == 1
    assert from_jsonl[0]["url"] == "https://example.org/2018/07/27/story"
    assert from_jsonl[0]["source_index"] == 0
    rejects = pq.read_table(out / "rejects.parquet").to_pylist()
    broken = [r for r in rejects if r["source"].endswith("batch.jsonl.gz")]
    assert broken[0]["source_index"] == 1 and broken[0]["stage"] == "read"


def test_summary_is_written_next_to_the_data(run_dir):
    out, summary = run_dir
    written = json.loads((out / "run_summary.json").read_text())
    assert written["documents"] == summary.documents
    assert written["reference_date"] == "2024-01-01"


def test_two_runs_give_identical_records(tmp_path, config):
    first = newsclean.run([SEEDS], tmp_path / "a", config=config)
    second = newsclean.run([SEEDS], tmp_path / "b", config=config)
    columns = ["doc_id", "source", "text", "published", "title", "content_hash"]
    a = pq.read_table(tmp_path / "a" / "articles.parquet", columns=columns).to_pylist()
    b = pq.read_table(tmp_path / "b" / "articles.parquet", columns=columns).to_pylist()
    assert first.articles == second.articles == 5
    assert a == b
    assert len({row["doc_id"] for row in a}) == 5


def test_a_missing_input_fails_before_touching_previous_output(run_dir, tmp_path, config):
    from newsclean.io.read import InputNotFound

    out, _ = run_dir
    before = (out / "articles.parquet").read_bytes()
    with pytest.raises(InputNotFound):
        newsclean.run([tmp_path / "does-not-exist"], out, config=config)
    assert (out / "articles.parquet").read_bytes() == before
