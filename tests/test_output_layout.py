"""The output layout: one file, a folder of parts, Hive partitions, JSON Lines; read by pyarrow, polars, DuckDB."""

from __future__ import annotations

import datetime as dt
import json

import duckdb
import pandas as pd
import polars as pl
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import newsclean
from conftest import SEEDS
from newsclean.cli import app
from newsclean.config import PipelineConfig, WriteConfig
from newsclean.errors import ConfigError
from newsclean.io import dataset as dataset_module
from newsclean.io.dataset import HIVE_NULL, CommittedPart, DatasetSink, OutputLayoutError
from newsclean.records import Article, Rejection
from newsclean.stages.validate import quality_record
from newsclean.text.quality import quality_signals

ROWS_PER_FILE = 2
TABLES = {"articles": Article, "rejects": Rejection}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """The seeds, twice (as files and as JSON lines), and five bad documents: several parts of each table."""
    folder = tmp_path_factory.mktemp("inputs")
    seeds = sorted(SEEDS.glob("*.txt"))
    for path in seeds:
        (folder / path.name).write_bytes(path.read_bytes())
    for n in range(3):
        (folder / f"empty-{n}.txt").write_text("  \n", encoding="utf-8")
    lines = [json.dumps({"text": path.read_text(encoding="utf-8"), "url": f"https://example.org/{n}"})
             for n, path in enumerate(seeds)]
    (folder / "batch.jsonl").write_text("\n".join([*lines, "{broken", "[1]"]) + "\n", encoding="utf-8")
    return folder


def _config(config: PipelineConfig, **write: object) -> PipelineConfig:
    return config.model_copy(update={"write": WriteConfig(**write)})


@pytest.fixture(scope="module")
def runs(inputs, tmp_path_factory, config):
    """The same inputs written as one file, as parts, partitioned, and as JSON Lines."""
    out = tmp_path_factory.mktemp("out")
    settings = {
        "single": {},
        "parts": {"rows_per_file": ROWS_PER_FILE},
        "partitioned": {"rows_per_file": ROWS_PER_FILE, "partition_by": ("published_year", "language")},
        "jsonl": {"format": "jsonl"},
        "jsonl-parts": {"format": "jsonl", "rows_per_file": ROWS_PER_FILE},
    }
    commits: dict[str, list[CommittedPart]] = {}
    for name, write in settings.items():
        commits[name] = []
        newsclean.run([inputs], out / name, config=_config(config, **write), on_commit=commits[name].append)
    return out, commits


def _single(out, table):
    return pq.read_table(out / "single" / f"{table}.parquet")


@pytest.mark.parametrize("table", TABLES)
def test_parts_hold_the_same_records_as_one_file(runs, table):
    out, _ = runs
    folder = out / "parts" / f"{table}.parquet"
    names = sorted(path.name for path in folder.iterdir())
    single = _single(out, table)
    assert len(names) == -(-single.num_rows // ROWS_PER_FILE) > 1
    assert names[0] == "part-00000.parquet"
    parts = ds.dataset(folder, format="parquet").to_table()
    assert parts.schema == single.schema
    assert parts.to_pylist() == single.to_pylist()  # parts are numbered in input order


@pytest.mark.parametrize("table", TABLES)
def test_polars_reads_the_parts_as_one_dataset(runs, table):
    out, _ = runs
    parts = pl.read_parquet(out / "parts" / f"{table}.parquet")
    single = pl.read_parquet(out / "single" / f"{table}.parquet")
    assert parts.height == single.height > ROWS_PER_FILE
    assert parts.to_dicts() == single.to_dicts()


@pytest.mark.parametrize("table", TABLES)
def test_pandas_reads_one_file_and_the_parts_alike(runs, table):
    out, _ = runs
    single = pd.read_parquet(out / "single" / f"{table}.parquet")
    parts = pd.read_parquet(out / "parts" / f"{table}.parquet")
    assert len(parts) == len(single) > ROWS_PER_FILE
    assert list(parts.columns) == list(TABLES[table].model_fields)
    assert parts["doc_id"].tolist() == single["doc_id"].tolist()
    assert parts.drop(columns=["doc_id"]).astype(str).equals(single.drop(columns=["doc_id"]).astype(str))


def test_pandas_reads_partitioned_output(runs):
    # pandas asks pyarrow for dictionary-typed partition columns, which cannot hold the null of a
    # __HIVE_DEFAULT_PARTITION__ folder; a plain Hive partitioning reads them (the README says so)
    out, _ = runs
    frame = pd.read_parquet(out / "partitioned" / "articles.parquet", partitioning=ds.partitioning(flavor="hive"))
    single = {row["doc_id"]: row for row in _single(out, "articles").to_pylist()}
    assert sorted(frame["doc_id"]) == sorted(single)
    for doc_id, year, language in zip(frame["doc_id"], frame["published_year"], frame["language"], strict=True):
        published = single[doc_id]["published"]
        assert (year == published.year) if published else pd.isna(year)
        assert language == single[doc_id]["language"]


@pytest.mark.parametrize("table", TABLES)
def test_duckdb_reads_the_parts_as_one_dataset(runs, table):
    out, _ = runs
    query = "select * exclude (source) from read_parquet('{}') order by doc_id"
    parts = duckdb.sql(query.format(out / "parts" / f"{table}.parquet" / "*.parquet")).fetchall()
    single = duckdb.sql(query.format(out / "single" / f"{table}.parquet")).fetchall()
    assert len(parts) > ROWS_PER_FILE
    assert parts == single


def test_every_part_is_reported_once_committed(runs):
    out, commits = runs
    for table in TABLES:
        committed = [part for part in commits["parts"] if part.table == table]
        assert sorted(part.path.name for part in committed) == sorted(
            path.name for path in (out / "parts" / f"{table}.parquet").iterdir())
        assert [part.part for part in committed] == list(range(len(committed)))
        assert sum(part.rows for part in committed) == _single(out, table).num_rows
        assert all(pq.read_metadata(part.path).num_rows == part.rows for part in committed)
    single = [(part.table, part.part, part.path.name) for part in commits["single"]]
    assert sorted(single) == [("articles", 0, "articles.parquet"), ("rejects", 0, "rejects.parquet")]


def test_no_temporary_file_is_left_behind(runs):
    out, _ = runs
    hidden = [path for path in out.rglob(".*")]
    assert hidden == []


def _by_doc_id(rows):
    return {row["doc_id"]: row for row in rows}


@pytest.mark.parametrize("reader", ["pyarrow", "polars", "duckdb"])
def test_partitioned_output_reads_back_with_hive_partitioning(runs, reader):
    out, _ = runs
    folder = out / "partitioned" / "articles.parquet"
    if reader == "pyarrow":
        rows = ds.dataset(folder, format="parquet", partitioning="hive").to_table().to_pylist()
    elif reader == "polars":
        rows = pl.read_parquet(folder, hive_partitioning=True).to_dicts()
    else:
        relation = duckdb.sql(f"select * from read_parquet('{folder}/**/*.parquet', hive_partitioning=true)")
        rows = [dict(zip(relation.columns, row)) for row in relation.fetchall()]
    single = _by_doc_id(_single(out, "articles").to_pylist())
    got = _by_doc_id(rows)
    assert got.keys() == single.keys()
    for doc_id, row in got.items():
        published = single[doc_id]["published"]
        assert row["published_year"] == (published.year if published else None)
        assert row["language"] == single[doc_id]["language"]
        assert row["title"] == single[doc_id]["title"]


def test_partition_folders_are_hive_style(runs):
    out, commits = runs
    folder = out / "partitioned" / "articles.parquet"
    single = _single(out, "articles").to_pylist()
    expected = {(f"published_year={row['published'].year if row['published'] else HIVE_NULL}",
                 f"language={row['language'] or HIVE_NULL}") for row in single}
    found = {path.relative_to(folder).parts[:2] for path in folder.rglob("part-*.parquet")}
    assert found == expected
    one = next(folder.rglob("part-*.parquet"))
    assert "language" not in pq.read_schema(one).names  # kept in the folder name only, as Hive does
    assert pq.read_schema(one).field("title").metadata == {b"description": b"The headline."}
    # rejects have neither a date nor a language: they are parts, not partitions
    assert all(path.parent.name == "rejects.parquet"
               for path in (out / "partitioned" / "rejects.parquet").rglob("part-*.parquet"))
    partitions = {part.partition for part in commits["partitioned"] if part.table == "articles"}
    assert {tuple(f"{k}={v}" for k, v in p) for p in partitions} == expected


@pytest.mark.parametrize(("name", "suffix"), [("jsonl", ".jsonl"), ("jsonl-parts", ".jsonl")])
@pytest.mark.parametrize("table", TABLES)
def test_jsonl_holds_the_same_records(runs, name, suffix, table):
    out, _ = runs
    path = out / name / f"{table}{suffix}"
    files = sorted(path.glob("part-*.jsonl")) if path.is_dir() else [path]
    assert (len(files) > 1) == (name == "jsonl-parts")
    lines = [line for file in files for line in file.read_text(encoding="utf-8").splitlines()]
    model = TABLES[table]
    records = [model.model_validate_json(line) for line in lines]
    assert records == [model.model_validate(row) for row in _single(out, table).to_pylist()]


def test_duckdb_and_polars_read_jsonl(runs):
    out, _ = runs
    path = out / "jsonl" / "articles.jsonl"
    count = _single(out, "articles").num_rows
    assert duckdb.sql(f"select count(*) from read_json_auto('{path}')").fetchall() == [(count,)]
    assert pl.read_ndjson(path).height == count


# --- the sink itself ----------------------------------------------------------------------------

def _article(n: int, *, language: str | None = "en", year: int | None = 2024) -> Article:
    body = f"Paragraph of article {n}."
    return Article(
        doc_id=f"doc{n:04d}", source=f"crawl/{n}.html", source_index=0, url=None, content_type="text",
        status="article", title=f"Headline {n}", subtitle=None, byline=None, publisher=None,
        published=dt.date(year, 1, 1) if year else None, published_source="scraper_header" if year else "none",
        published_confidence=None, updated=None, date_mentions=[], date_candidates=[], language=language,
        text=body, paragraphs=[body], removed=[], word_count=4, content_hash="c" * 64, input_size=10,
        input_hash="i" * 64, pipeline_version=newsclean.__version__, warnings=[],
        quality=quality_record(quality_signals([body], None)))


def _write(target, records, **options):
    commits: list[CommittedPart] = []
    with DatasetSink(target, Article, on_commit=commits.append, **options) as sink:
        numbers = [sink.write(record) for record in records]
    return numbers, commits


def test_write_returns_the_part_each_record_is_in(tmp_path):
    numbers, commits = _write(tmp_path / "articles.parquet", [_article(n) for n in range(5)], rows_per_file=2)
    assert numbers == [0, 0, 1, 1, 2]
    assert [(part.part, part.rows) for part in commits] == [(0, 2), (1, 2), (2, 1)]


def test_exactly_one_file_of_rows_stays_a_single_file(tmp_path):
    target = tmp_path / "articles.parquet"
    _write(target, [_article(n) for n in range(2)], rows_per_file=2)
    assert target.is_file() and pq.read_metadata(target).num_rows == 2


def test_a_failed_run_keeps_committed_parts_and_no_temporary_file(tmp_path):
    target = tmp_path / "articles.parquet"
    commits: list[CommittedPart] = []
    with pytest.raises(RuntimeError, match="killed"), \
            DatasetSink(target, Article, rows_per_file=2, row_group_size=1, on_commit=commits.append) as sink:
        for n in range(5):
            sink.write(_article(n))
        raise RuntimeError("killed")
    assert sorted(path.name for path in tmp_path.rglob("*")) == [
        "articles.parquet", "part-00000.parquet", "part-00001.parquet"]
    assert [part.path for part in commits] == [target / "part-00000.parquet", target / "part-00001.parquet"]
    assert ds.dataset(target).count_rows() == 4


def test_a_failed_single_file_run_leaves_the_previous_output(tmp_path):
    target = tmp_path / "articles.parquet"
    _write(target, [_article(n) for n in range(5)], rows_per_file=2)  # a folder from a previous run
    with pytest.raises(RuntimeError), DatasetSink(target, Article, rows_per_file=2) as sink:
        sink.write(_article(9))
        raise RuntimeError("interrupted")
    assert ds.dataset(target).count_rows() == 5
    assert sorted(path.name for path in tmp_path.iterdir()) == ["articles.parquet"]


@pytest.mark.parametrize(("first", "second"), [(5, 1), (1, 5), (5, 3)])
def test_a_new_run_replaces_the_previous_layout(tmp_path, first, second):
    target = tmp_path / "articles.parquet"
    _write(target, [_article(n) for n in range(first)], rows_per_file=2)
    _write(target, [_article(n) for n in range(second)], rows_per_file=2)
    assert ds.dataset(target).count_rows() == second
    assert target.is_dir() == (second > 2)
    if target.is_dir():
        assert len(list(target.iterdir())) == -(-second // 2)


def test_foreign_files_in_the_folder_are_never_deleted(tmp_path):
    target = tmp_path / "articles.parquet"
    _write(target, [_article(n) for n in range(5)], rows_per_file=2)
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputLayoutError, match="notes.txt"):
        _write(target, [_article(n) for n in range(5)], rows_per_file=2)
    assert (target / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_resumed_run_adds_parts_after_the_committed_ones(tmp_path):
    target = tmp_path / "articles.parquet"
    _write(target, [_article(n) for n in range(4)], rows_per_file=2)
    numbers, commits = _write(target, [_article(n) for n in range(4, 7)], rows_per_file=2, first_part=2,
                              replace=False)
    assert numbers == [2, 2, 3]
    assert sorted(path.name for path in target.iterdir()) == [f"part-0000{n}.parquet" for n in range(4)]
    assert ds.dataset(target).to_table().column("doc_id").to_pylist() == [f"doc{n:04d}" for n in range(7)]


def test_a_resumed_run_turns_a_table_left_as_one_file_into_the_first_part(tmp_path):
    # the interrupted run finished this table as one file (its part 0), then was killed before publishing
    target = tmp_path / "rejects.parquet"
    _write(target, [_article(n) for n in range(2)], rows_per_file=2)
    assert target.is_file()
    numbers, commits = _write(target, [_article(n) for n in range(2, 5)], rows_per_file=2, first_part=3,
                              replace=False)
    assert numbers == [3, 3, 4]
    assert sorted(path.name for path in target.iterdir()) == ["part-00000.parquet", "part-00003.parquet",
                                                              "part-00004.parquet"]
    assert ds.dataset(target).to_table().column("doc_id").to_pylist() == [f"doc{n:04d}" for n in range(5)]


def test_a_resumed_run_with_nothing_more_for_a_table_leaves_its_one_file(tmp_path):
    target = tmp_path / "rejects.parquet"
    _write(target, [_article(n) for n in range(2)], rows_per_file=2)
    numbers, commits = _write(target, [], rows_per_file=2, first_part=3, replace=False)
    assert (numbers, commits) == ([], [])
    assert target.is_file() and pq.read_metadata(target).num_rows == 2


def test_open_partitions_are_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(dataset_module, "MAX_OPEN_PARTS", 2)
    records = [_article(n, language=["en", "de", "fr"][n % 3]) for n in range(9)]
    numbers, commits = _write(tmp_path / "articles.parquet", records, rows_per_file=100,
                              partition_by=("language",))
    assert len(commits) == 9  # every third record finds its partition's file already committed
    assert len(set(numbers)) == 9
    table = ds.dataset(tmp_path / "articles.parquet", partitioning="hive").to_table()
    assert sorted(table.column("doc_id").to_pylist()) == [record.doc_id for record in records]


def test_null_partition_values_use_the_hive_default(tmp_path):
    _write(tmp_path / "a.parquet", [_article(0, language=None, year=None)], partition_by=("published_year",
                                                                                          "language"))
    (path,) = (tmp_path / "a.parquet").rglob("*.parquet")
    assert path.relative_to(tmp_path / "a.parquet").parts[:2] == (
        f"published_year={HIVE_NULL}", f"language={HIVE_NULL}")


def test_unknown_partition_columns_are_refused():
    with pytest.raises(ConfigError, match="cannot partition by paragraphs"):
        PipelineConfig.from_mapping({"write": {"partition_by": ["paragraphs"]}})


def test_cli_output_options(tmp_path):
    settings = tmp_path / "newsclean.toml"
    settings.write_text("[dates]\nreference_date = 2024-01-01\n", encoding="utf-8")
    result = CliRunner().invoke(app, [
        "run", str(SEEDS), "--out", str(tmp_path / "out"), "--config", str(settings), "--no-progress", "-j", "1",
        "--format", "jsonl", "--rows-per-file", "2", "--partition-by", "language"])
    assert result.exit_code == 0, result.output
    parts = sorted((tmp_path / "out" / "articles.jsonl").rglob("part-*.jsonl"))
    assert [path.parent.name for path in parts] == ["language=en"] * 3
    bad = CliRunner().invoke(app, ["run", str(SEEDS), "--out", str(tmp_path / "o2"), "--format", "csv"])
    assert bad.exit_code == 2 and "format" in bad.output
