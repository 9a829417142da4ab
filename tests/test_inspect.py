"""`newsclean inspect`: one document's metadata, kept text and labelled removals, in the terminal."""

from __future__ import annotations

import json
import re
from pathlib import Path

from rich.console import Console
from typer.testing import CliRunner

from conftest import DATA, SEEDS
from newsclean.assembly import build_pipeline
from newsclean.cli import EXIT_USAGE, app
from newsclean.config import PipelineConfig
from newsclean.review.inspection import find_document, inspect_raw
from newsclean.review.terminal import render_inspection

runner = CliRunner()
SEED = sorted(SEEDS.glob("*.txt"))[0]
STORY = ("Council approves the new budget\n\nFollow us on Twitter: @citydesk\n\n"
         "The city council voted on Tuesday to approve a budget that raises spending on parks, libraries and "
         "road repairs for the coming fiscal year, officials said.\n\n"
         "The plan adds two branch libraries and keeps the pools open longer in summer, a change residents had "
         "asked for at three public hearings this spring.\n")


def _inspect(*args: str) -> str:
    result = runner.invoke(app, ["inspect", *args], terminal_width=160)
    assert result.exit_code == 0, result.output
    return result.output


def test_a_seed_shows_metadata_then_kept_and_removed_lines(config_file: Path) -> None:
    output = _inspect(str(SEED), "--config", str(config_file))
    head, _, page = output.partition("\n\n")
    assert "title" in head and "date" in head and "language" in head and "status" in head
    assert re.search(r"\d{4}-\d\d-\d\d \(from \w+, confidence \d\.\d\d\)", head)
    removed = [line for line in page.splitlines() if line.startswith("✗")]
    kept = [line for line in page.splitlines() if line.startswith("│")]
    assert removed and kept
    assert all(re.search(r"\b[a-z]+ · [a-z_]+\.[\w.]+\s*$", line) for line in removed)
    assert all("·" not in line for line in kept)


def test_removals_are_struck_through_on_a_terminal(config: PipelineConfig, tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY)
    inspection = inspect_raw(find_document(path, 0, config), build_pipeline(config))
    console = Console(record=True, force_terminal=True, width=120)
    console.print(render_inspection(inspection))
    html = console.export_html()
    assert "line-through" in html
    struck = [p for p in inspection.pieces if p.removed]
    assert [(p.kind, p.rule) for p in struck if "Follow us" in p.text] == [("social", "social.follow_on")]
    assert not any("Follow us" in p.text for p in inspection.pieces if not p.removed)


def test_one_jsonl_line_by_index(tmp_path: Path, config_file: Path) -> None:
    path = tmp_path / "pages.jsonl"
    other = STORY.replace("Council approves the new budget", "Harbour reopens after repairs")
    path.write_text("\n".join(json.dumps({"text": t, "id": f"doc-{i}"}) for i, t in enumerate([STORY, other])))
    output = _inspect(str(path), "--index", "1", "--config", str(config_file))
    assert "Harbour reopens after repairs" in output and "doc-1" in output
    assert "Council approves" not in output


def test_a_warc_record_by_index(config_file: Path) -> None:
    output = _inspect(str(DATA / "sample.warc.gz"), "--index", "4", "--config", str(config_file))
    assert "sciencealert.com" in output and "<urn:uuid:" in output and "html_metadata" in output


def test_a_rejected_document_says_where_and_why(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("   \n")
    output = _inspect(str(path))
    assert "rejected" in output and "decode" in output and "empty" in output


def test_a_missing_index_is_a_usage_error_naming_what_exists(config_file: Path) -> None:
    result = runner.invoke(app, ["inspect", str(DATA / "sample.warc.gz"), "--index", "3"])
    assert result.exit_code == EXIT_USAGE
    assert "no document at index 3" in result.output and "indexes 2 to 6" in result.output


def test_standard_input(config_file: Path) -> None:
    lines = "\n".join(json.dumps({"text": t}) for t in [STORY, STORY.replace("Council", "Harbour board")])
    result = runner.invoke(app, ["inspect", "-", "--index", "1", "--config", str(config_file)], input=lines)
    assert result.exit_code == 0, result.output
    assert "Harbour board approves the new budget" in result.output and "<stdin>" in result.output
