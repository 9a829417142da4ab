"""Reprints and near-duplicates across a run: signatures, candidate pairs, clusters, and the columns a run fills."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys

import numpy as np
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from conftest import ROOT, SEEDS
from typer.testing import CliRunner

import newsclean
from newsclean.cli import app
from newsclean.config import DedupConfig, DedupMode, PipelineConfig, WriteConfig
from newsclean.dedup import matching, store
from newsclean.dedup.signature import NUM_PERM, shingles, signature
from newsclean.runner.publish import STAGING_DIR

SEED_000 = "000_add82fa695c833c0.txt"
SEED_004 = "004_6262f93e461ddc76.txt"


def _table(texts: list[str]) -> store.SignatureTable:
    return store.load_records(store.record(order, f"{order:020d}", signature(text))
                              for order, text in enumerate(texts))


def _match(texts: list[str], threshold: float = 0.8, min_overlap: float = 0.2) -> matching.Matches:
    table = _table(texts)
    pairs = matching.unique_pairs(matching.local_candidates(table.minhashes, table.sizes), len(table))
    return matching.match(pairs, table.minhashes, table.sizes, threshold=threshold, min_overlap=min_overlap)


def _story(seed: int, words: int = 400) -> str:
    """A text of distinct made-up words, in paragraphs of forty words: no two stories share a shingle."""
    rng = np.random.default_rng(seed)
    tokens = [f"w{seed}x{value}" for value in rng.integers(0, 10**9, size=words)]
    return "\n\n".join(" ".join(tokens[start:start + 40]) for start in range(0, words, 40))


# --- signatures -------------------------------------------------------------------------------------------------

def test_shingles_ignore_case_spacing_and_punctuation():
    assert shingles("The mayor, Jim Kenney, said: no!") == shingles("the  mayor jim\nKenney said no")
    assert shingles("one two three four five six") == ["one two three four five", "two three four five six"]


def test_a_text_shorter_than_a_shingle_is_one_shingle_and_an_empty_text_none():
    assert shingles("Breaking news.") == ["breaking news"]
    assert shingles("  ...  ") == []


def test_repeated_shingles_count_once():
    assert signature("a b c d e a b c d e a b c d e").shingles == len(set(shingles("a b c d e a b c d e a b c d e")))


def test_a_signature_is_the_same_in_another_process():
    text = (SEEDS / SEED_000).read_text(encoding="utf-8")
    code = ("import sys; from newsclean.dedup.signature import signature; "
            "print(signature(sys.stdin.read()).minhash.tolist())")
    other = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, check=True)
    assert json.loads(other.stdout) == signature(text).minhash.tolist()
    assert len(signature(text).minhash) == NUM_PERM


# --- candidate pairs --------------------------------------------------------------------------------------------

def test_candidate_pairs_link_every_member_of_a_group_to_its_first_members():
    keys = np.array([7, 7, 7, 7, 9, 9, 5])
    rows = np.array([3, 1, 8, 2, 4, 0, 6])
    pairs = {tuple(pair) for pair in matching.candidate_pairs(keys, rows, cap=2).tolist()}
    # group 7 in input order is 1, 2, 3, 8: each later member with the first two; group 9 is 0, 4; 5 is alone
    assert pairs == {(1, 2), (1, 3), (2, 3), (1, 8), (2, 8), (0, 4)}


def test_candidate_pairs_are_the_same_group_by_group_as_all_at_once():
    rng = np.random.default_rng(3)
    keys = rng.integers(0, 40, size=500)
    rows = rng.permutation(500)
    whole = {tuple(pair) for pair in matching.candidate_pairs(keys, rows, cap=5).tolist()}
    grouped = set()
    for key in np.unique(keys):  # what the Ray engine does after its groupby
        grouped |= {tuple(pair) for pair in matching.candidate_pairs(keys[keys == key], rows[keys == key],
                                                                      cap=5).tolist()}
    assert whole == grouped and len(whole) > 500


# --- clusters and overlaps --------------------------------------------------------------------------------------

def test_exact_and_lightly_edited_copies_cluster_on_the_first_one():
    story = _story(1)
    paragraphs = story.split("\n\n")
    edited = "\n\n".join(paragraphs[:-1]).upper().replace(" ", "  ,")  # a paragraph dropped, case and punctuation
    found = _match([_story(2), story, edited, story])
    assert found.duplicate_of.tolist() == [-1, -1, 1, 1]
    assert [row for row, _ in found.overlaps(1)] == [3, 2]  # the exact copy first: the larger share
    assert found.overlaps(0) == []


def test_clusters_are_transitive_and_point_at_their_earliest_member():
    base = _story(5, words=1000).split()
    chain = [" ".join(base[shift:shift + 800]) for shift in (180, 120, 60, 0)]  # each near the next
    table = _table(chain)
    scored = matching.score(np.array([[0, 1], [1, 2], [2, 3], [0, 3]]), table.minhashes, table.sizes)
    assert (scored.jaccard[:3] >= 0.8).all() and scored.jaccard[3] < 0.8  # the ends are linked through the middle
    assert _match(chain).duplicate_of.tolist() == [-1, 0, 0, 0]


def test_a_story_reusing_half_of_another_overlaps_it_without_being_its_duplicate():
    first, second = _story(10).split("\n\n"), _story(11).split("\n\n")
    reuse = "\n\n".join(first[:5] + second[:5])
    found = _match(["\n\n".join(first), reuse, "\n\n".join(second), _story(12)])
    assert found.duplicate_of.tolist() == [-1, -1, -1, -1]
    shares = dict(found.overlaps(1))
    assert set(shares) == {0, 2} and all(0.35 < share < 0.65 for share in shares.values())
    assert found.overlaps(3) == []


def test_overlaps_are_capped_and_sorted_by_share():
    story = _story(20).split("\n\n")
    copies = ["\n\n".join(story[:length]) for length in range(10, 0, -1)] * 2  # 20 articles, shorter and shorter
    found = _match(copies, min_overlap=0.05)
    listed = found.overlaps(len(copies) - 1)  # the shortest: every other holds all of it
    assert len(listed) == matching.MAX_OVERLAPS
    assert [share for _, share in listed] == sorted((share for _, share in listed), reverse=True)


def test_articles_without_shingles_match_nothing():
    found = _match(["", "", _story(30)])
    assert found.duplicate_of.tolist() == [-1, -1, -1] and found.offsets.tolist() == [0, 0, 0, 0]


def test_a_record_holds_under_one_kilobyte():
    assert store.RECORD.itemsize <= 1024


# --- runs -------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    """The seeds three times over, once of them as JSON Lines: every seed has two exact copies."""
    folder = tmp_path_factory.mktemp("copies")
    seeds = sorted(SEEDS.glob("*.txt"))
    for copy in range(2):
        for path in seeds:
            (folder / f"{copy}-{path.name}").write_bytes(path.read_bytes())
    with gzip.open(folder / "more.jsonl.gz", "wt", encoding="utf-8") as stream:
        for path in seeds:
            stream.write(json.dumps({"text": path.read_text(encoding="utf-8")}) + "\n")
    return folder


def _articles(out, fmt="parquet", partitioned=False):
    if fmt == "jsonl":
        files = sorted((out / "articles.jsonl").rglob("*.jsonl")) if (out / "articles.jsonl").is_dir() \
            else [out / "articles.jsonl"]
        return [json.loads(line) for path in files for line in path.read_text(encoding="utf-8").splitlines()]
    return ds.dataset(out / "articles.parquet", format="parquet",
                      partitioning="hive" if partitioned else None).to_table().to_pylist()


def _rejects(out):
    return ds.dataset(out / "rejects.parquet", format="parquet").to_table().to_pylist()


def test_make_run_gives_000_and_004_as_the_only_overlap_of_the_seeds(tmp_path):
    result = CliRunner().invoke(app, ["run", str(SEEDS), "--out", str(tmp_path), "--no-progress", "-j", "1"])
    assert result.exit_code == 0, result.output
    rows = {row["source"].rsplit("/", 1)[-1]: row for row in pq.read_table(tmp_path / "articles.parquet").to_pylist()}
    assert len(rows) == 5 and all(row["duplicate_of"] is None for row in rows.values())
    listed = {name: [entry["doc_id"] for entry in row["overlaps"]] for name, row in rows.items()}
    assert listed == {name: [] for name in rows} | {SEED_000: [rows[SEED_004]["doc_id"]],
                                                    SEED_004: [rows[SEED_000]["doc_id"]]}
    share = rows[SEED_000]["overlaps"][0]["share"]
    assert 0.5 < share < 0.7  # the issue measured 60% of 000's five-word shingles in 004
    summary = json.loads((tmp_path / "run_summary.json").read_text(encoding="utf-8"))
    assert summary["dedup"]["articles_with_overlaps"] == 2 and summary["dedup"]["duplicates"] == 0


def test_mark_fills_the_columns_and_keeps_every_article(copies, tmp_path, config):
    summary = newsclean.run([copies], tmp_path, config=config)
    rows = _articles(tmp_path)
    assert summary.articles == len(rows) == 15 and summary.dedup["duplicates"] == 10
    firsts = {row["doc_id"] for row in rows if row["duplicate_of"] is None}
    assert len(firsts) == 5
    for row in rows:
        if row["duplicate_of"] is not None:
            first = next(other for other in rows if other["doc_id"] == row["duplicate_of"])
            assert first["source"].rsplit("/", 1)[-1].startswith("0-")  # the first in input order
            assert first["text"] == row["text"]


def test_drop_moves_duplicates_to_the_rejects_and_counts_them(copies, tmp_path, config):
    summary = newsclean.run([copies], tmp_path, config=config, dedup="drop")
    rows, rejects = _articles(tmp_path), _rejects(tmp_path)
    duplicates = [row for row in rejects if row["reason"] == "duplicate"]
    assert len(rows) == summary.articles == 5 and len(duplicates) == 10 == summary.rejects_by_reason["duplicate"]
    assert summary.documents == summary.articles + summary.rejects == 15
    assert all(row["stage"] == "dedup" for row in duplicates)
    kept = {row["doc_id"] for row in rows}
    assert all(any(doc_id in row["detail"] for doc_id in kept) for row in duplicates)
    assert sum(summary.languages.values()) == sum(summary.date_sources.values()) == 5
    for source, counts in summary.per_source.items():
        assert counts["documents"] == counts["articles"] + counts["rejects"], source


def test_off_leaves_the_columns_empty_and_keeps_no_signatures(copies, tmp_path, config):
    summary = newsclean.run([copies], tmp_path, config=config.model_copy(
        update={"dedup": DedupConfig(mode=DedupMode.OFF)}))
    rows = _articles(tmp_path)
    assert summary.dedup == {} and len(rows) == 15
    assert all(row["duplicate_of"] is None and row["overlaps"] == [] for row in rows)


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_parts_and_partitions_get_the_same_columns(copies, tmp_path, config, fmt):
    single = newsclean.run([copies], tmp_path / "single", config=config, dedup="drop")
    layout = config.model_copy(update={"write": WriteConfig(format=fmt, rows_per_file=2, partition_by=("language",))})
    parted = newsclean.run([copies], tmp_path / "parted", config=layout, dedup="drop")
    expected = {row["doc_id"]: (row["duplicate_of"], row["overlaps"]) for row in _articles(tmp_path / "single")}
    got = {row["doc_id"]: (row["duplicate_of"], row["overlaps"])
           for row in _articles(tmp_path / "parted", fmt, partitioned=True)}
    assert got == expected and len(got) == 5
    assert parted.model_dump(include={"articles", "rejects", "rejects_by_reason", "languages", "per_source"}) == \
        single.model_dump(include={"articles", "rejects", "rejects_by_reason", "languages", "per_source"})


def test_a_run_killed_in_the_dedup_pass_resumes_to_the_same_output(copies, tmp_path, config, monkeypatch):
    from newsclean.runner import batch

    expected_summary = newsclean.run([copies], tmp_path / "whole", config=config, dedup="drop")

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # what a kill during the pass leaves: every part committed, nothing published

    monkeypatch.setattr(batch, "deduplicate", killed)
    with pytest.raises(KeyboardInterrupt):
        newsclean.run([copies], tmp_path / "killed", config=config, dedup="drop")
    assert (tmp_path / "killed" / STAGING_DIR / "signatures").is_dir()
    monkeypatch.undo()
    resumed = newsclean.run([copies], tmp_path / "killed", config=config, dedup="drop", resume=True)
    key = lambda row: row["doc_id"]
    assert sorted(_articles(tmp_path / "killed"), key=key) == sorted(_articles(tmp_path / "whole"), key=key)
    assert sorted(_rejects(tmp_path / "killed"), key=key) == sorted(_rejects(tmp_path / "whole"), key=key)
    same = {"documents", "articles", "rejects", "rejects_by_reason", "languages", "per_source", "dedup"}
    assert resumed.model_dump(include=same) == expected_summary.model_dump(include=same)


def test_the_cli_and_the_configuration_take_the_mode(copies, tmp_path):
    settings = tmp_path / "newsclean.toml"
    settings.write_text("[dates]\nreference_date = 2024-01-01\n\n[dedup]\nmode = \"drop\"\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(copies), "--out", str(tmp_path / "toml"), "--config", str(settings),
                                      "--no-progress", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert len(_articles(tmp_path / "toml")) == 5
    result = CliRunner().invoke(app, ["run", str(copies), "--out", str(tmp_path / "cli"), "--config", str(settings),
                                      "--dedup", "mark", "--no-progress", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert len(_articles(tmp_path / "cli")) == 15
    result = CliRunner().invoke(app, ["run", str(copies), "--out", str(tmp_path / "bad"), "--dedup", "sometimes"])
    assert result.exit_code != 0 and "dedup" in result.output


def test_duplicate_of_cannot_partition_the_output():
    with pytest.raises(ValueError, match="duplicate_of"):
        PipelineConfig(write=WriteConfig(partition_by=("duplicate_of",)))


# --- review -----------------------------------------------------------------------------------------------------

def test_a_paragraph_is_shared_when_another_article_holds_most_of_its_shingles():
    from newsclean.dedup.passages import shared_paragraphs

    story = _story(40).split("\n\n")
    other = {"copy": "\n\n".join(story[:3]).upper().replace(" ", " , "), "unrelated": _story(41)}
    marks = shared_paragraphs(story[:5], other)
    assert marks == [["copy"], ["copy"], ["copy"], [], []]


@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory, config):
    out = tmp_path_factory.mktemp("seeds-run")
    newsclean.run([SEEDS], out, config=config)
    return out


def test_the_report_names_overlaps_and_highlights_shared_paragraphs(seeds_run, tmp_path):
    from newsclean.review.report import write_report

    page = write_report(seeds_run, tmp_path / "report.html").path.read_text(encoding="utf-8")
    documents = page.split("<article class=\"doc\"")[1:]
    with_overlaps = [doc for doc in documents if "<dt>overlaps</dt>" in doc]
    assert len(documents) == 5 and len(with_overlaps) == 2
    assert all(doc.startswith(" id=") and "data-overlaps" in doc.split(">", 1)[0] for doc in with_overlaps)
    assert all(doc.count("kept shared") >= 3 for doc in with_overlaps)
    assert all("kept shared" not in doc for doc in documents if doc not in with_overlaps)


def test_inspect_with_a_run_names_the_overlap_and_marks_what_is_shared(seeds_run):
    rows = {row["source"].rsplit("/", 1)[-1]: row for row in _articles(seeds_run)}
    result = CliRunner().invoke(app, ["inspect", str(SEEDS / SEED_004), "--run", str(seeds_run)],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert f"is in {rows[SEED_000]['doc_id']}" in result.output
    assert result.output.count(f"shared · {rows[SEED_000]['doc_id']}") >= 3
    alone = CliRunner().invoke(app, ["inspect", str(SEEDS / "001_08de569413689543.txt"), "--run", str(seeds_run)],
                               env={"COLUMNS": "200"})
    assert alone.exit_code == 0 and "shared ·" not in alone.output and "duplicate of  none" in alone.output
    missing = CliRunner().invoke(app, ["inspect", str(SEEDS / SEED_004), "--run", str(seeds_run / "nothing")])
    assert missing.exit_code != 0 and "no articles" in missing.output


def test_the_readme_query_lists_reprint_clusters_with_their_earliest_date(tmp_path, config):
    import re

    duckdb = pytest.importorskip("duckdb")
    original = (SEEDS / SEED_000).read_text(encoding="utf-8")
    assert "date 2018-07-27" in original[:40]
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for name, day in (("a.txt", "2018-07-27"), ("b.txt", "2018-08-02"), ("c.txt", "2018-07-20")):
        (inputs / name).write_text(original.replace("date 2018-07-27", f"date {day}", 1), encoding="utf-8")
    (inputs / "d.txt").write_bytes((SEEDS / "001_08de569413689543.txt").read_bytes())
    newsclean.run([inputs], tmp_path / "output", config=config)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [block] = [block for block in re.findall(r"```sql\n(.*?)```", readme, re.DOTALL) if "duplicate_of" in block]
    clusters, reuses = [duckdb.sql(query.replace("'output/", f"'{tmp_path}/output/")).fetchall()
                        for query in block.split(";") if "select" in query]
    rows = {row["source"].rsplit("/", 1)[-1]: row for row in _articles(tmp_path / "output")}
    [(first, articles, earliest, latest, _, _)] = clusters
    assert (first, articles, str(earliest), str(latest)) == (rows["a.txt"]["doc_id"], 3, "2018-07-20", "2018-08-02")
    assert reuses == []  # the copies hold all of each other (share 1), and 001 shares nothing with them


def test_the_dedup_pass_keeps_pandas_out_of_the_writing_process(copies, tmp_path):
    """pyarrow imports pandas (~40 MB) when it converts Python objects; the pass builds its columns from JSON."""
    script = (f"import sys, newsclean\n"
              f"newsclean.run([{str(copies)!r}], {str(tmp_path)!r}, dedup='drop')\n"
              f"print('pandas' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
    assert len(_articles(tmp_path)) == 5
