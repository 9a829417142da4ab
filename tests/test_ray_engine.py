"""The Ray engine on a real local Ray cluster: the same records as a local run, the same schema, all accounted for."""

from __future__ import annotations

import gzip
import json

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
import ray
from typer.testing import CliRunner

import newsclean
from conftest import DATA, SEEDS
from newsclean.cli import app
from newsclean.config import DedupConfig, DedupMode, WriteConfig
from newsclean.engines import ray as ray_engine
from newsclean.errors import ConfigError

#: Dev pages from tests/data taken as HTML and as page text: enough to exercise
#: extraction, both modes and several batches, few enough to keep the test to seconds.
SAMPLE_PAGES = 12


@pytest.fixture(scope="module")
def cluster():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inputs")
    for path in SEEDS.glob("*.txt"):
        (folder / path.name).write_bytes(path.read_bytes())
    with gzip.open(DATA / "pages.jsonl.gz", "rt", encoding="utf-8") as f:
        pages = [json.loads(line) for _, line in zip(range(SAMPLE_PAGES), f)]
    with gzip.open(folder / "pages.jsonl.gz", "wt", encoding="utf-8") as f:
        for page in pages:
            f.write(json.dumps({"html": page["html"], "url": page["url"]}) + "\n")
            f.write(json.dumps({"text": page["pagetext"], "url": page["url"]}) + "\n")
        f.write("{broken json\n")
    (folder / "sample.warc.gz").write_bytes((DATA / "sample.warc.gz").read_bytes())
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    return folder


@pytest.fixture(scope="module")
def runs(cluster, inputs, tmp_path_factory, config):
    out = tmp_path_factory.mktemp("out")
    local = newsclean.run([inputs], out / "local", config=config)
    distributed = ray_engine.run([inputs], out / "ray", config=config)
    return out, local, distributed


@pytest.mark.parametrize("table", ["articles", "rejects"])
def test_ray_produces_the_same_records_as_a_local_run(runs, table):
    out, local, _ = runs
    expected = {row["doc_id"]: row for row in pq.read_table(out / "local" / f"{table}.parquet").to_pylist()}
    got = {row["doc_id"]: row for row in ds.dataset(out / "ray" / f"{table}.parquet").to_table().to_pylist()}
    assert len(expected) > 0 and got.keys() == expected.keys()
    assert got == expected


def test_ray_finds_the_same_near_duplicates_and_overlaps(runs):
    out, local, distributed = runs
    rows = pq.read_table(out / "local" / "articles.parquet", columns=["duplicate_of", "overlaps"]).to_pylist()
    assert local.dedup["duplicates"] >= 1 and local.dedup["articles_with_overlaps"] >= 2  # seeds 000 and 004 at least
    assert sum(row["duplicate_of"] is not None for row in rows) == local.dedup["duplicates"]
    same = ("articles_signed", "duplicates", "clusters", "articles_with_overlaps", "dropped")
    assert {key: distributed.dedup[key] for key in same} == {key: local.dedup[key] for key in same}


def test_ray_drops_the_same_duplicates_as_a_local_run(cluster, inputs, tmp_path, config):
    local = newsclean.run([inputs], tmp_path / "local", config=config, dedup="drop")
    dropping = config.model_copy(update={"dedup": DedupConfig(mode=DedupMode.DROP)})
    distributed = ray_engine.run([inputs], tmp_path / "ray", config=dropping)
    assert local.rejects_by_reason["duplicate"] >= 1
    counts = ("documents", "articles", "rejects", "rejects_by_reason", "languages", "date_sources", "per_source",
              "removals_by_kind")
    assert distributed.model_dump(include=set(counts)) == local.model_dump(include=set(counts))
    for table in ("articles", "rejects"):
        expected = {row["doc_id"]: row for row in ds.dataset(tmp_path / "local" / f"{table}.parquet").to_table().to_pylist()}
        got = {row["doc_id"]: row for row in ds.dataset(tmp_path / "ray" / f"{table}.parquet").to_table().to_pylist()}
        assert got == expected


def test_ray_writes_the_same_schema(runs):
    out, _, _ = runs
    for table in ("articles", "rejects"):
        parts = sorted((out / "ray" / f"{table}.parquet").glob("part-*.parquet"))
        assert parts
        local = pq.read_schema(out / "local" / f"{table}.parquet")
        assert all(pq.read_schema(part).equals(local, check_metadata=True) for part in parts)


def test_ray_accounts_for_every_document(runs):
    _, local, distributed = runs
    assert distributed.documents == local.documents == distributed.articles + distributed.rejects
    assert distributed.documents > 5 + 2 * SAMPLE_PAGES + 3  # and the WARC file's pages
    assert distributed.skipped_records  # the WARC file's requests and non-HTML records
    same = ("documents", "articles", "rejects", "rejects_by_reason", "removals_by_kind", "date_sources",
            "languages", "per_source", "skipped_records", "config_fingerprint", "inputs", "configuration")
    assert distributed.model_dump(include=set(same)) == local.model_dump(include=set(same))


def test_the_cli_runs_on_ray(runs, inputs, tmp_path):
    settings = tmp_path / "newsclean.toml"
    settings.write_text("[dates]\nreference_date = 2024-01-01\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(SEEDS), "--out", str(tmp_path / "out"), "--config", str(settings),
                                      "--engine", "ray", "--no-progress"])
    assert result.exit_code == 0, result.output
    out, _, _ = runs
    local = pq.read_table(out / "local" / "articles.parquet").to_pylist()
    seed_names = {path.name for path in SEEDS.glob("*.txt")}
    expected = sorted(row["text"] for row in local if row["source"].rsplit("/", 1)[-1] in seed_names)
    got = ds.dataset(tmp_path / "out" / "articles.parquet").to_table().column("text").to_pylist()
    assert len(expected) == 5 and sorted(got) == expected


def test_layouts_ray_does_not_write_are_refused(cluster, inputs, tmp_path, config):
    jsonl = config.model_copy(update={"write": WriteConfig(format="jsonl")})
    with pytest.raises(ConfigError, match="ray engine"):
        ray_engine.run([inputs], tmp_path, config=jsonl)


def test_a_raw_document_crosses_to_the_workers_unchanged():
    import dataclasses
    import datetime as dt

    from newsclean.document import RawDocument, ReadFailure
    from newsclean.records import ContentType, RejectReason

    everything = RawDocument(source="crawl.warc.gz", data="caf\u00e9 \ud800", index=7, url="https://example.org/a",
                             content_type=ContentType.HTML, fallback_date=dt.date(2024, 2, 3), source_id="urn:1",
                             error=ReadFailure(RejectReason.TOO_LARGE, "too big"), charset="iso-8859-9")
    set_fields = {field.name for field in dataclasses.fields(RawDocument)
                  if getattr(everything, field.name) != field.default}
    assert set_fields == {field.name for field in dataclasses.fields(RawDocument)}  # a new field must be added here
    for raw in (everything, RawDocument(source="a.txt", data=b"\xff bytes")):
        assert ray_engine._raw_document(ray_engine._raw_row(raw)) == raw
