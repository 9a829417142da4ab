"""Cleaning in worker processes: same records as in-process, in input order, from library and CLI."""

from __future__ import annotations

import gzip
import json

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import newsclean
from conftest import SEEDS
from newsclean.runner import workers as workers_module
from newsclean.cli import app
from newsclean.document import RawDocument
from newsclean.runner.workers import IN_FLIGHT_PER_WORKER, process_ordered

#: Summary fields that measure time or name the output folder, so differ between two runs.
_RUN_SPECIFIC = {"seconds", "stage_seconds", "articles_path", "rejects_path"}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inputs")
    seeds = sorted(SEEDS.glob("*.txt"))
    for path in seeds:
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "empty.txt").write_text("   \n\n", encoding="utf-8")
    (folder / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "short.txt").write_text("Breaking news.\n", encoding="utf-8")
    with gzip.open(folder / "batch.jsonl.gz", "wt", encoding="utf-8") as f:
        for path in seeds:
            line = {"text": path.read_text(encoding="utf-8"), "url": "https://example.org/story"}
            f.write(json.dumps(line) + "\n")
        f.write("{not json\n")
    return folder


@pytest.fixture(scope="module")
def two_runs(inputs, tmp_path_factory, config):
    out = tmp_path_factory.mktemp("out")
    one = newsclean.run([inputs], out / "one", config=config, workers=1)
    two = newsclean.run([inputs], out / "two", config=config, workers=2)
    return out, one, two


@pytest.mark.parametrize("table", ["articles", "rejects"])
def test_the_output_does_not_depend_on_the_number_of_workers(two_runs, table):
    out, _, _ = two_runs
    one = pq.read_table(out / "one" / f"{table}.parquet")
    two = pq.read_table(out / "two" / f"{table}.parquet")
    assert one.schema == two.schema
    assert one.num_rows > 0
    assert one.to_pylist() == two.to_pylist()


def test_every_document_is_counted_once_with_workers(two_runs):
    out, one, two = two_runs
    seeds = len(list(SEEDS.glob("*.txt")))
    documents = seeds + 3 + seeds + 1  # files, three bad files, JSONL lines including a broken one
    for summary, folder in ((one, "one"), (two, "two")):
        articles = pq.read_table(out / folder / "articles.parquet").num_rows
        rejects = pq.read_table(out / folder / "rejects.parquet").num_rows
        assert summary.documents == documents == articles + rejects
        assert (summary.articles, summary.rejects) == (articles, rejects)
    assert one.model_dump(exclude=_RUN_SPECIFIC) == two.model_dump(exclude=_RUN_SPECIFIC)


def _documents(count: int) -> list[RawDocument]:
    """Documents of very different cost (long, tiny, empty, binary), so workers finish out of order."""
    article = (SEEDS / "001_08de569413689543.txt").read_bytes()
    kinds = [article, b"", article * 3, b"Short.\n", b"\x00\x01binary\xff" * 50]
    return [RawDocument(source=f"doc-{i}", data=kinds[i % len(kinds)], index=i) for i in range(count)]


def test_process_ordered_keeps_input_order_with_two_workers(config):
    raws = _documents(2 * IN_FLIGHT_PER_WORKER * 2 + 3)  # more than fit in flight at once
    outcomes = list(process_ordered(iter(raws), config, workers=2))
    assert [o.record.source_index for o in outcomes] == [raw.index for raw in raws]
    in_process = list(process_ordered(iter(raws), config, workers=1))
    assert [o.record for o in outcomes] == [o.record for o in in_process]


@pytest.mark.parametrize("dedup", ["mark", "off"])
def test_workers_sign_their_articles_and_send_the_json_the_writer_uses(config, dedup):
    """The calling process neither signs nor serialises again what a worker sent: both arrive ready,
    and are what it would have made itself."""
    from newsclean.config import DedupMode
    from newsclean.dedup.signature import signature

    configured = config.model_copy(update={"dedup": config.dedup.model_copy(update={"mode": DedupMode(dedup)})})
    outcomes = list(process_ordered(iter(_documents(6)), configured, workers=2))
    articles = [o for o in outcomes if isinstance(o.record, newsclean.Article)]
    assert articles and len(articles) < len(outcomes)  # rejections too: they are not signed
    for outcome in outcomes:
        assert outcome.record_json == outcome.record.model_dump_json().encode()
        if dedup == "off" or outcome not in articles:
            assert outcome.signature is None
        else:
            expected = signature(outcome.record.text)
            assert outcome.signature.shingles == expected.shingles > 0
            assert outcome.signature.minhash.tolist() == expected.minhash.tolist()


def test_one_worker_starts_no_process(config, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("workers=1 must not start a process pool")

    monkeypatch.setattr(workers_module, "ProcessPool", refuse)
    outcomes = list(process_ordered(iter(_documents(3)), config, workers=1))
    assert len(outcomes) == 3


def test_process_ordered_reads_lazily(config):
    def endless():
        index = 0
        while True:
            yield RawDocument(source="endless", data=b"", index=index)
            index += 1

    outcomes = process_ordered(endless(), config, workers=2)
    first = [next(outcomes) for _ in range(5)]
    outcomes.close()  # shuts the pool down
    assert [o.record.source_index for o in first] == [0, 1, 2, 3, 4]


def test_fewer_than_one_worker_is_refused(config):
    with pytest.raises(ValueError, match="at least 1"):
        process_ordered(iter([]), config, workers=0)


def test_cli_accepts_workers(tmp_path):
    settings = tmp_path / "newsclean.toml"
    settings.write_text("[dates]\nreference_date = 2024-01-01\n", encoding="utf-8")
    arguments = ["run", str(SEEDS), "--out", str(tmp_path / "out"), "--config", str(settings),
                 "--no-progress", "--workers", "2"]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 0, result.output
    assert pq.read_table(tmp_path / "out" / "articles.parquet").num_rows == 5


def test_cli_refuses_zero_workers(tmp_path):
    result = CliRunner().invoke(app, ["run", str(SEEDS), "--out", str(tmp_path / "out"), "--workers", "0"])
    assert result.exit_code == 2


def test_an_outcome_crosses_processes_as_an_equal_record(config):
    import pickle

    from newsclean.pipeline import Outcome

    seed = sorted(SEEDS.glob("*.txt"))[0]
    article = newsclean.clean_text(seed.read_text(encoding="utf-8"), source=seed.name, config=config)
    with pytest.raises(newsclean.CleaningRejected) as rejected:
        newsclean.clean_text("   ", source="blank.txt", config=config)
    for record in (article, rejected.value.rejection):
        outcome = Outcome(record, (("noise", 0.25),))
        again = pickle.loads(pickle.dumps(outcome))
        assert again == outcome and type(again.record) is type(record)
        assert again.record.model_dump_json() == record.model_dump_json()


def test_the_near_duplicates_do_not_depend_on_the_number_of_workers(two_runs):
    out, one, two = two_runs
    assert one.dedup == two.dedup and one.dedup["duplicates"] >= 5  # the JSON Lines file repeats every seed
    rows = pq.read_table(out / "two" / "articles.parquet", columns=["duplicate_of", "overlaps"]).to_pylist()
    assert sum(row["duplicate_of"] is not None for row in rows) == two.dedup["duplicates"]


def _frozen_around_process_one(raw):
    """A worker's task (tests only): the objects it has frozen before and after cleaning ``raw`` as usual."""
    import gc

    before = gc.get_freeze_count()
    workers_module._process_one(raw)
    return before, gc.get_freeze_count()


def test_a_worker_freezes_what_it_loaded_once_built_and_after_its_first_document(config):
    page = (b"<html><head><title>Bridge approved</title></head><body><article><p>"
            + b"The town council voted on Tuesday to approve a new bridge over the river. " * 20
            + b"</p></article></body></html>")
    raws = iter([RawDocument(source=f"page{i}.html", data=page, index=0) for i in range(2)])
    (built, first), (second, after_second) = workers_module._process_in_pool(
        raws, config.resolved(), 1, task=_frozen_around_process_one)
    assert built > 10_000  # the modules and models of the pipeline, frozen when it was built
    assert first > built  # HTML's libraries, loaded by the first HTML document
    # frozen once more only, not after every document (the count drops as frozen objects are freed)
    assert after_second <= second <= first
