"""Inputs users already have: JSON Lines with their own field names, and standard input."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import DATA
from typer.testing import CliRunner

from newsclean.cli import app
from newsclean.config import PipelineConfig
from newsclean.io.read import JsonFields
from newsclean.io.stdin import STDIN_SOURCE, read_stdin

runner = CliRunner()
LIMIT = 20_000_000
STORY = ("Council approves the new budget\n\n"
         + "The city council voted on Tuesday to approve a budget that raises spending on parks, "
           "libraries and road repairs for the coming fiscal year, officials said.\n\n" * 3)
CONFIG = '[dates]\nreference_date = 2024-01-01\n'


def _read(data: bytes, **options) -> list:
    return list(read_stdin(io.BytesIO(data), max_input_bytes=LIMIT, **options))


def test_stdin_jsonl_is_one_document_per_line() -> None:
    lines = b'\n{"text": "one"}\n{"html": "<p>two</p>", "url": "https://example.org/2", "id": 7}\n'
    first, second = _read(lines)
    assert (first.data, first.index, first.source) == ("one", 1, STDIN_SOURCE)
    assert (second.url, second.source_id, second.content_type.value) == ("https://example.org/2", "7", "html")


def test_stdin_text_is_one_document() -> None:
    [document] = _read(STORY.encode())
    assert document.data == STORY.encode() and document.error is None


def test_stdin_gzip_and_warc_are_told_by_content() -> None:
    assert _read(gzip.compress(b'{"text": "one"}\n'))[0].data == "one"
    documents = _read((DATA / "sample.warc.gz").read_bytes())
    assert [d.index for d in documents] == [2, 4, 6]


def test_stdin_over_the_limit_is_too_large() -> None:
    [document] = list(read_stdin(io.BytesIO(b"x" * 100), max_input_bytes=10))
    assert document.error is not None and document.error.reason.value == "too_large"


def test_custom_fields_including_the_id() -> None:
    fields = JsonFields(text="body", html="raw", url="link", id="uid")
    [document] = _read(b'{"body": "words", "link": "https://example.org/a", "uid": "a-1", "text": "no"}',
                       fields=fields)
    assert (document.data, document.url, document.source_id) == ("words", "https://example.org/a", "a-1")


def test_run_reads_stdin(tmp_path: Path) -> None:
    (tmp_path / "c.toml").write_text(CONFIG)
    line = json.dumps({"text": STORY, "id": "story-1"}) + "\n"
    result = runner.invoke(app, ["run", "-", "--out", str(tmp_path / "out"), "--config", str(tmp_path / "c.toml"),
                                 "--no-progress", "-j", "1"], input=line.encode())
    assert result.exit_code == 0, result.output
    rows = pq.read_table(tmp_path / "out" / "articles.parquet").to_pylist()
    assert [(r["source"], r["source_id"], r["title"]) for r in rows] == [
        ("<stdin>", "story-1", "Council approves the new budget")]


@pytest.mark.parametrize("where", ["option", "config"])
def test_run_with_custom_field_names(tmp_path: Path, where: str) -> None:
    path = tmp_path / "scraped.jsonl"
    path.write_text(json.dumps({"body": STORY, "link": "https://example.org/b", "key": 42}) + "\n")
    config = CONFIG + ('[input]\ntext_field = "body"\nurl_field = "link"\nid_field = "key"\n'
                       if where == "config" else "")
    (tmp_path / "c.toml").write_text(config)
    options = ["--text-field", "body", "--url-field", "link", "--id-field", "key"] if where == "option" else []
    result = runner.invoke(app, ["run", str(path), "--out", str(tmp_path / "out"), "--config",
                                 str(tmp_path / "c.toml"), "--no-progress", "-j", "1", *options])
    assert result.exit_code == 0, result.output
    [row] = pq.read_table(tmp_path / "out" / "articles.parquet").to_pylist()
    assert (row["url"], row["source_id"]) == ("https://example.org/b", "42")
    summary = json.loads((tmp_path / "out" / "run_summary.json").read_text())
    assert summary["configuration"]["input"]["text_field"] == "body"
    assert PipelineConfig.model_validate(summary["configuration"]).input.id_field == "key"


def test_an_empty_field_name_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(DATA / "sample.warc.gz"), "--out", str(tmp_path), "--text-field", ""])
    assert result.exit_code == 2
    assert "input.text_field" in result.output
