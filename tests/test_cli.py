"""The command line: run, schema, --version, errors as exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from conftest import SEEDS
from newsclean import __version__
from newsclean.cli import EXIT_USAGE, app

runner = CliRunner()


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_run_writes_parquet_and_prints_a_summary(tmp_path):
    config = tmp_path / "newsclean.toml"
    config.write_text('[dates]\nreference_date = 2024-01-01\n', encoding="utf-8")
    result = runner.invoke(app, ["run", str(SEEDS), "--out", str(tmp_path / "out"), "--config", str(config),
                                 "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "documents in" in result.output and "articles out" in result.output
    assert "removed: sidebar" in result.output
    assert pq.read_table(tmp_path / "out" / "articles.parquet").num_rows == 5
    summary = json.loads((tmp_path / "out" / "run_summary.json").read_text())
    assert summary["reference_date"] == "2024-01-01"


def test_missing_input_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["run", str(tmp_path / "nope"), "--out", str(tmp_path / "out")])
    assert result.exit_code == EXIT_USAGE
    assert "nope" in result.output


def test_bad_configuration_names_the_setting(tmp_path):
    config = tmp_path / "bad.toml"
    config.write_text("[limits]\nmax_chars = -1\n", encoding="utf-8")
    result = runner.invoke(app, ["run", str(SEEDS), "--out", str(tmp_path / "out"), "--config", str(config)])
    assert result.exit_code == EXIT_USAGE
    assert "limits.max_chars" in result.output


def test_schema_writes_both_schemas(tmp_path):
    result = runner.invoke(app, ["schema", "--out", str(tmp_path)])
    assert result.exit_code == 0
    article = json.loads((tmp_path / "article.schema.json").read_text())
    assert "published" in article["properties"]
    assert (tmp_path / "rejection.schema.json").exists()


def test_python_dash_m_runs_the_same_command():
    result = subprocess.run([sys.executable, "-m", "newsclean", "--help"], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0
    assert "Examples" in result.stdout and "run" in result.stdout


@pytest.mark.parametrize("pattern", ["x/[ab]*.txt", "[/x]*.txt", "[red]*.txt", "[bold]x[/bold]*.txt"])
def test_user_text_in_errors_is_printed_as_written(tmp_path, monkeypatch, pattern):
    # brackets in a glob are rich markup to a careless print: '[ab]' vanished, '[/x]' crashed with exit 1
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["run", pattern, "--out", str(tmp_path / "out")])
    assert result.exit_code == EXIT_USAGE, result.output
    assert f"glob pattern '{pattern}' matches no supported input file" in result.output


def test_paths_with_brackets_are_printed_as_written(tmp_path):
    missing = tmp_path / "[/x]" / "story.txt"
    for command in (["inspect", str(missing)], ["run", str(missing), "--out", str(tmp_path / "out")]):
        result = runner.invoke(app, command)
        assert result.exit_code == EXIT_USAGE, result.output
        assert str(missing) in result.output.replace("\n", "")


def test_an_output_folder_with_brackets_is_printed_as_written(tmp_path):
    out = tmp_path / "[/out]"
    result = runner.invoke(app, ["run", str(SEEDS / min(p.name for p in SEEDS.iterdir())),
                                 "--out", str(out), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert f"articles: {out / 'articles.parquet'}" in result.output.replace("\n", "")


def test_the_summary_lists_every_path_the_walk_passed_over(tmp_path):
    folder = tmp_path / "crawl"
    story = next(p for p in sorted(SEEDS.iterdir()) if p.suffix == ".txt").read_bytes()
    for name in ("story.txt", ".story.txt", ".cache/story.txt", "notes.md"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(story)
    result = runner.invoke(app, ["run", str(folder), "--out", str(tmp_path / "out"), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "skipped path: hidden" in result.output and "skipped path: unsupported_format" in result.output
    summary = json.loads((tmp_path / "out" / "run_summary.json").read_text())
    assert summary["documents"] == 1
    assert summary["skipped_paths"] == {str(folder / ".cache"): "hidden", str(folder / ".story.txt"): "hidden",
                                        str(folder / "notes.md"): "unsupported_format"}
    explicit = runner.invoke(app, ["run", str(folder / ".story.txt"), "--out", str(tmp_path / "out2"),
                                   "--no-progress"])
    assert explicit.exit_code == 0 and "documents in" in explicit.output
    assert json.loads((tmp_path / "out2" / "run_summary.json").read_text())["documents"] == 1
