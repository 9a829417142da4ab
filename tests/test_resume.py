"""Killed runs: the output is the previous one or none, and ``--resume`` finishes the work exactly once.

The fault test starts real runs of the command in a subprocess, kills them
with SIGKILL at random moments (a few fixed seeds), checks what a reader
finds in the output folder, resumes, and compares the result with an
uninterrupted run of the same inputs.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

import newsclean
from conftest import REFERENCE_DATE, SEEDS
from newsclean.config import PipelineConfig, WriteConfig
from newsclean.runner.manifest import MANIFEST_FILE, ResumeError
from newsclean.runner.publish import STAGING_DIR

TABLES = ("articles", "rejects")
ROWS_PER_FILE = 4
#: Summary fields that measure time or were resumed from an earlier process, so differ between runs.
_RUN_SPECIFIC = {"seconds", "stage_seconds"}
#: How often the fault test looks at a running run's manifest (seconds).
POLL_SECONDS = 0.02


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """About forty documents: seed copies, a JSON Lines file, and files that are rejected."""
    folder = tmp_path_factory.mktemp("corpus")
    seeds = sorted(SEEDS.glob("*.txt"))
    for copy in range(4):
        for path in seeds:
            (folder / f"{copy}-{path.name}").write_bytes(path.read_bytes())
    with gzip.open(folder / "batch.jsonl.gz", "wt", encoding="utf-8") as stream:
        for n, path in enumerate(seeds * 3):
            stream.write(json.dumps({"text": path.read_text(encoding="utf-8"), "url": f"https://example.org/{n}"}) + "\n")
        stream.write("{broken\n")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    return folder


@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("settings") / "newsclean.toml"
    path.write_text(f"[dates]\nreference_date = {REFERENCE_DATE.isoformat()}\n\n"
                    f"[write]\nrows_per_file = {ROWS_PER_FILE}\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def config(settings) -> PipelineConfig:
    return PipelineConfig.from_toml(settings)


@pytest.fixture(scope="module")
def uninterrupted(corpus, config, tmp_path_factory):
    out = tmp_path_factory.mktemp("uninterrupted")
    summary = newsclean.run([corpus], out, config=config)
    return out, summary


def _records(out: Path, table: str) -> list[dict]:
    """A table's records in a stable order (a resumed run writes the redone documents in later parts)."""
    rows = ds.dataset(out / f"{table}.parquet", format="parquet").to_table().to_pylist()
    return sorted(rows, key=lambda row: (row["source"], row["source_index"]))


def _start(corpus: Path, out: Path, settings: Path, *, resume: bool = False) -> subprocess.Popen:
    command = [sys.executable, "-m", "newsclean", "run", str(corpus), "--out", str(out), "--config", str(settings),
               "--no-progress", "--workers", "1"] + (["--resume"] if resume else [])
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _kill_at(process: subprocess.Popen, manifest: Path, parts: int, delay: float) -> bool:
    """SIGKILL the run ``delay`` seconds after its manifest lists ``parts`` committed parts.

    Waiting for the manifest, not the clock, makes the kill land at the same
    stage of the run however fast the machine is. False when the run ended first.
    """
    while process.poll() is None and _parts_listed(manifest) < parts:
        time.sleep(POLL_SECONDS)
    try:
        process.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return True


def _parts_listed(manifest: Path) -> int:
    try:
        return max(len(manifest.read_bytes().splitlines()) - 1, 0)  # the first line describes the run
    except OSError:
        return 0


def _every_file_reads(out: Path) -> None:
    """Every Parquet file a reader may list (no hidden name) opens and reads in full."""
    for path in out.rglob("*.parquet"):
        if path.is_file() and not path.name.startswith("."):
            pq.read_table(path)
    for table in TABLES:
        if (out / f"{table}.parquet").exists():
            ds.dataset(out / f"{table}.parquet", format="parquet").to_table()


def _visible_output(out: Path) -> dict[str, list[dict]] | None:
    """The tables a reader sees in ``out`` (None when there are none), checking they come as a pair."""
    present = [(out / f"{table}.parquet").exists() for table in TABLES]
    assert present[0] == present[1], "one table without the other"
    if not present[0]:
        assert not (out / "run_summary.json").exists()
        return None
    assert (out / "run_summary.json").exists()
    return {table: _records(out, table) for table in TABLES}


def _assert_same_as_uninterrupted(out: Path, summary, uninterrupted) -> None:
    reference_out, reference = uninterrupted
    for table in TABLES:
        records = _records(out, table)
        assert len({row["doc_id"] for row in records}) == len(records), "a document was written twice"
        assert records == _records(reference_out, table)
    exclude = _RUN_SPECIFIC | {"articles_path", "rejects_path"}
    assert summary.model_dump(exclude=exclude) == reference.model_dump(exclude=exclude)
    on_disk = json.loads((out / "run_summary.json").read_text(encoding="utf-8"))
    assert on_disk["documents"] == reference.documents == on_disk["articles"] + on_disk["rejects"]
    assert not (out / STAGING_DIR).exists()
    assert (out / MANIFEST_FILE).exists()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_killed_run_leaves_the_previous_output_and_resumes_exactly(seed, corpus, settings, config,
                                                                      uninterrupted, tmp_path):
    rng = random.Random(seed)
    out = tmp_path / "out"
    previous = None
    if seed == 2:  # a previous complete output, of other inputs, must survive the kill untouched
        newsclean.run([SEEDS], out, config=config)
        previous = _visible_output(out)
    complete = {table: _records(uninterrupted[0], table) for table in TABLES}
    complete = {table: _records(uninterrupted[0], table) for table in TABLES}
    total_parts = _parts_listed(uninterrupted[0] / MANIFEST_FILE)
    kills = 2 if seed == 3 else 1  # seed 3 kills the resumed run too
    for attempt in range(kills):
        process = _start(corpus, out, settings, resume=attempt > 0)
        killed = _kill_at(process, out / STAGING_DIR / MANIFEST_FILE, rng.randint(0, total_parts),
                          rng.uniform(0, 0.3))
        _every_file_reads(out)
        if killed:  # the previous output, or (killed after its move into place) the complete new one
            visible = _visible_output(out)
            assert visible == previous or visible == complete, "a killed run left a partial output"
    summary = newsclean.run([corpus], out, config=config, resume=True)
    _assert_same_as_uninterrupted(out, summary, uninterrupted)


def test_resume_does_not_clean_finished_documents_again(corpus, config, tmp_path, uninterrupted):
    out = tmp_path / "out"
    seen: list[str] = []

    class Stop(Exception):
        pass

    def stop_after_twenty(record):
        seen.append(record.doc_id)
        if len(seen) == 20:
            raise Stop

    with pytest.raises(Stop):
        newsclean.run([corpus], out, config=config, on_record=stop_after_twenty)
    assert not (out / "articles.parquet").exists()
    again: list[str] = []
    summary = newsclean.run([corpus], out, config=config, resume=True, on_record=lambda r: again.append(r.doc_id))
    durable = summary.documents - len(again)
    assert 0 < durable <= 20, "the committed parts' documents are skipped, and only those"
    assert set(again) | set(seen[:durable]) >= {r["doc_id"] for t in TABLES for r in _records(out, t)}
    _assert_same_as_uninterrupted(out, summary, uninterrupted)


def _interrupted(corpus: Path, config: PipelineConfig, out: Path) -> None:
    def stop(record):
        if record.source_index == 10:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        newsclean.run([corpus], out, config=config, on_record=stop)


def test_resume_refuses_changed_inputs(corpus, config, tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "batch.jsonl.gz").write_bytes((corpus / "batch.jsonl.gz").read_bytes())
    _interrupted(inputs, config, tmp_path / "out")
    with gzip.open(inputs / "batch.jsonl.gz", "at", encoding="utf-8") as stream:
        stream.write(json.dumps({"text": "A new line."}) + "\n")
    with pytest.raises(ResumeError, match="changed since the interrupted run"):
        newsclean.run([inputs], tmp_path / "out", config=config, resume=True)


def test_resume_refuses_another_configuration(corpus, config, tmp_path):
    _interrupted(corpus, config, tmp_path / "out")
    other = config.model_copy(update={"write": WriteConfig(rows_per_file=ROWS_PER_FILE, compression="gzip")})
    with pytest.raises(ResumeError, match="configuration differs"):
        newsclean.run([corpus], tmp_path / "out", config=other, resume=True)


def test_a_manifest_line_cut_short_is_forgotten(corpus, config, tmp_path, uninterrupted):
    out = tmp_path / "out"
    _interrupted(corpus, config, out)
    manifest = out / STAGING_DIR / MANIFEST_FILE
    lines = manifest.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(lines) > 2
    manifest.write_text("".join(lines[:-1]) + lines[-1][: len(lines[-1]) // 2], encoding="utf-8")
    summary = newsclean.run([corpus], out, config=config, resume=True)
    _assert_same_as_uninterrupted(out, summary, uninterrupted)


def test_resume_without_an_interrupted_run_runs_from_the_start(corpus, config, tmp_path, uninterrupted):
    summary = newsclean.run([corpus], tmp_path / "out", config=config, resume=True)
    _assert_same_as_uninterrupted(tmp_path / "out", summary, uninterrupted)


def test_cli_resume(corpus, settings, tmp_path, uninterrupted):
    from typer.testing import CliRunner

    from newsclean.cli import app

    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["run", str(corpus), "--out", str(out), "--config", str(settings),
                                      "--no-progress", "--workers", "1", "--resume"])
    assert result.exit_code == 0, result.output
    assert _records(out, "articles") == _records(uninterrupted[0], "articles")


def test_the_corpus_has_near_duplicates_so_resumes_are_checked_for_them(uninterrupted):
    """The kill-and-resume comparisons above include duplicate_of and overlaps: the corpus must have some."""
    out, summary = uninterrupted
    rows = _records(out, "articles")
    assert summary.dedup["duplicates"] > 0
    assert sum(row["duplicate_of"] is not None for row in rows) == summary.dedup["duplicates"]


def test_the_manifest_hashes_each_input_file_as_stored(tmp_path: Path) -> None:
    """Workers read single-document files, and the hash of a plain one is its record's input hash: the
    manifest still states every file's own SHA-256 (gzipped, oversized and empty files included)."""
    from newsclean.runner.manifest import file_sha256

    folder = tmp_path / "in"
    folder.mkdir()
    seed = min(SEEDS.glob("*.txt")).read_bytes()
    (folder / "plain.txt").write_bytes(seed)
    (folder / "zipped.txt.gz").write_bytes(gzip.compress(seed))
    (folder / "large.txt").write_bytes(b"x" * 5000)
    (folder / "empty.txt").write_bytes(b"")
    config = PipelineConfig.from_mapping({"dates": {"reference_date": REFERENCE_DATE.isoformat()},
                                          "limits": {"max_input_bytes": 4000}})
    newsclean.run([folder], tmp_path / "out", config=config, workers=2)
    entries = [json.loads(line) for line in (tmp_path / "out" / MANIFEST_FILE).read_text().splitlines()]
    hashes = {source: digest for entry in entries for source, digest in entry.get("sources", {}).items()}
    assert hashes == {str(path): file_sha256(path) for path in folder.iterdir()}
