"""`newsclean report`: one self-contained HTML page reviewing a run (its content; the browser test is apart)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsclean
from conftest import DATA, SEEDS
from newsclean.cli import EXIT_USAGE, app
from newsclean.config import PipelineConfig
from newsclean.review.report import ReportError, write_report

runner = CliRunner()
#: Attributes through which a page would load something.
LOADING = re.compile(r"<(?:script|img|link|iframe|source|video|audio)\b[^>]*\b(?:src|href)=", re.IGNORECASE)


def make_run(out: Path, config: PipelineConfig, tmp_path: Path, **write: object) -> newsclean.RunSummary:
    """A run over the seeds, the sample WARC and one empty file (a reject)."""
    empty = tmp_path / "extra" / "empty.txt"
    empty.parent.mkdir(exist_ok=True)
    empty.write_text("  \n")
    if write:
        config = config.model_copy(update={"write": config.write.model_copy(update=write)})
    return newsclean.run([SEEDS, DATA / "sample.warc.gz", empty], out, config=config)


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory, config: PipelineConfig) -> Path:
    tmp = tmp_path_factory.mktemp("report")
    make_run(tmp / "out", config, tmp)
    return tmp / "out"


def test_the_page_holds_the_summary_documents_and_rejects(run_dir: Path, tmp_path: Path) -> None:
    stats = write_report(run_dir, tmp_path / "report.html")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert (stats.documents_shown, stats.documents_total, stats.rejects_total) == (8, 8, 1)
    assert page.count('<article class="doc"') == 8
    assert page.count("<svg") == 5  # removals by kind, rejects by reason, statuses, date sources, languages
    assert "Articles by status" in page
    assert page.count('<details class="quality">') == 8 and "top_2gram_char_share" in page
    assert "Rejects by reason" in page and "warc_not_response" in page
    assert 'data-kind="sidebar"' in page and "sidebar.dated_list" in page
    assert "empty.txt" in page and "decode" in page


def test_the_page_loads_nothing(run_dir: Path, tmp_path: Path) -> None:
    write_report(run_dir, tmp_path / "report.html")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert not LOADING.search(page)
    assert "default-src 'none'" in page  # and the browser is told to refuse anything else


def test_documents_are_capped_but_counts_cover_the_run(run_dir: Path, tmp_path: Path) -> None:
    stats = write_report(run_dir, tmp_path / "report.html", max_documents=2)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert (stats.documents_shown, stats.documents_total) == (2, 8)
    assert page.count('<article class="doc"') == 2 and "2 of 8 articles shown" in page


def test_text_is_escaped(config: PipelineConfig, tmp_path: Path) -> None:
    story = ("<script>alert(1)</script> & friends\n\n" + "The council met on Tuesday and approved the plan for the "
             "harbour, which had been debated for most of the year by residents and business owners alike.\n\n" * 2)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "story.txt").write_text(story)
    newsclean.run([tmp_path / "in"], tmp_path / "out", config=config)
    write_report(tmp_path / "out", tmp_path / "report.html")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_paths_a_run_passed_over_are_listed(config: PipelineConfig, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.txt").write_text("The council met on Tuesday and approved the plan for the harbour.\n")
    (folder / ".draft.txt").write_text("hidden")
    (folder / "<b>notes.md").write_text("unsupported")
    newsclean.run([folder], tmp_path / "out", config=config)
    write_report(tmp_path / "out", tmp_path / "report.html")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Paths skipped (2)" in page
    assert ".draft.txt</code> hidden" in page and "&lt;b&gt;notes.md</code> unsupported_format" in page


def test_a_partitioned_dataset_of_part_files(config: PipelineConfig, tmp_path: Path) -> None:
    make_run(tmp_path / "out", config, tmp_path, rows_per_file=3, partition_by=("language",))
    assert (tmp_path / "out" / "articles.parquet").is_dir()
    stats = write_report(tmp_path / "out", tmp_path / "report.html")
    assert (stats.documents_shown, stats.documents_total) == (8, 8)


def test_without_a_summary_the_counts_come_from_the_data(run_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "out"
    copy.mkdir()
    for name in ("articles.parquet", "rejects.parquet"):
        (copy / name).write_bytes((run_dir / name).read_bytes())
    write_report(copy, tmp_path / "report.html")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    summary = newsclean.RunSummary.model_validate_json((run_dir / "run_summary.json").read_text())
    for kind, count in summary.removals_by_kind.items():
        assert f'data-kind="{kind}" aria-pressed="false" style="--kind:' in page
        assert re.search(rf'data-kind="{kind}"[^>]*>{kind} <small>{count}</small>', page)


def test_cli_writes_the_page_and_names_a_bad_folder(run_dir: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", str(run_dir), "--html", str(tmp_path / "r.html"), "-n", "3"])
    assert result.exit_code == 0, result.output
    assert "3 of 8 articles" in result.output and (tmp_path / "r.html").exists()
    result = runner.invoke(app, ["report", str(tmp_path / "nothing"), "--html", str(tmp_path / "x.html")])
    assert result.exit_code == EXIT_USAGE and "articles.parquet" in result.output
    assert not (tmp_path / "x.html").exists()


def test_jsonl_output_is_named_as_such(config: PipelineConfig, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "articles.jsonl").write_text("")
    with pytest.raises(ReportError, match="--format parquet"):
        write_report(tmp_path / "out", tmp_path / "r.html")
