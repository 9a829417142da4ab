"""Users' own boilerplate patterns (configuration) and their own stages (Python API)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import newsclean
from newsclean.assembly import default_stages, with_extra_stages
from newsclean.config import PipelineConfig

STORY = ("Council approves the new budget\n\n"
         "The city council voted on Tuesday to approve a budget that raises spending on parks, libraries and "
         "road repairs for the coming fiscal year, officials said.\n\n"
         "The plan adds two branch libraries and keeps the pools open longer in summer, a change residents had "
         "asked for at three public hearings this spring.\n\n"
         "Opponents said the road repairs should come first, because several bridges in the east of the city "
         "have been closed to heavy vehicles since the winter floods.\n\n"
         "This story was produced with support from a regional journalism fund, which has no say over what we "
         "report or how we report it.\n")
HOUSE_LINE = "This story was produced with support"
SHORT = "Council meets\n\nThe council met on Tuesday and adjourned after a short discussion of the agenda.\n"


class MinimumWords:
    """Rejects bodies shorter than ``words``: a user's quality filter."""

    name = "minimum_words"

    def __init__(self, words: int) -> None:
        self.words = words

    def __call__(self, doc: newsclean.Doc) -> newsclean.Doc:
        words = sum(len(p.split()) for p in doc.paragraphs)
        if words < self.words:
            raise newsclean.Reject(newsclean.RejectReason.FILTERED, f"{words} words, fewer than {self.words}")
        return doc


class ShoutTitle:
    """Upper-cases the headline: a user's annotator (runs after the headline is found)."""

    name = "shout_title"

    def __call__(self, doc: newsclean.Doc) -> newsclean.Doc:
        return dataclasses.replace(doc, title=doc.title.upper() if doc.title else None)


def test_user_patterns_remove_lines_under_their_kind(config: PipelineConfig, tmp_path: Path) -> None:
    toml = tmp_path / "c.toml"
    toml.write_text('[dates]\nreference_date = 2024-01-01\n[noise]\n'
                    'extra_patterns = { promo = ["this story was produced with support from .*"] }\n')
    before = newsclean.clean_text(STORY, config=config)
    after = newsclean.clean_text(STORY, config=PipelineConfig.from_toml(toml))
    assert HOUSE_LINE in before.text
    assert HOUSE_LINE not in after.text
    assert [(r.kind.value, r.rule) for r in after.removed if HOUSE_LINE in r.text] == [("promo", "promo.user_0")]


def test_a_bad_user_pattern_is_a_configuration_error_naming_it() -> None:
    with pytest.raises(newsclean.ConfigError, match=r"noise\.extra_patterns.*promo"):
        PipelineConfig.from_mapping({"noise": {"extra_patterns": {"promo": ["(unclosed"]}}})


def test_user_stages_go_after_the_stage_they_name(config: PipelineConfig) -> None:
    stages = with_extra_stages(default_stages(config), [
        newsclean.After(newsclean.StageName.METADATA, ShoutTitle()),
        newsclean.After("noise", MinimumWords(5)),
        newsclean.After("metadata", MinimumWords(1)),
    ])
    names = [str(stage.name) for stage in stages]
    assert names[names.index("noise") + 1] == "minimum_words"
    assert names[names.index("metadata") + 1:] == ["shout_title", "minimum_words", "validate"]


def test_user_stages_cannot_follow_validate_or_an_unknown_stage() -> None:
    with pytest.raises(ValueError, match="validate"):
        newsclean.After("validate", ShoutTitle())
    with pytest.raises(ValueError, match="no built-in stage 'nonsense'; choose one of decode"):
        newsclean.After("nonsense", ShoutTitle())
    with pytest.raises(TypeError, match="no stage"):
        newsclean.After("metadata", print)


def test_clean_text_with_user_stages(config: PipelineConfig) -> None:
    stages = [newsclean.After("metadata", ShoutTitle()), newsclean.After("metadata", MinimumWords(20))]
    assert newsclean.clean_text(STORY, config=config, extra_stages=stages).title == "COUNCIL APPROVES THE NEW BUDGET"
    with pytest.raises(newsclean.CleaningRejected) as caught:
        newsclean.clean_text(SHORT, config=config, extra_stages=stages)
    rejection = caught.value.rejection
    assert (rejection.stage.value, rejection.reason.value) == ("user", "filtered")
    assert rejection.detail.startswith("stage 'minimum_words': ")


@pytest.mark.parametrize("workers", [1, 2])
def test_run_with_user_stages(config: PipelineConfig, tmp_path: Path, workers: int) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "story.txt").write_text(STORY)
    (tmp_path / "in" / "short.txt").write_text(SHORT)
    summary = newsclean.run([tmp_path / "in"], tmp_path / "out", config=config, workers=workers,
                            extra_stages=[newsclean.After("metadata", MinimumWords(20))])
    assert (summary.articles, summary.rejects, summary.rejects_by_reason) == (1, 1, {"filtered": 1})
    assert summary.extra_stages == ["minimum_words (after metadata)"]
    assert "minimum_words" in summary.stage_seconds
    [row] = pq.read_table(tmp_path / "out" / "rejects.parquet").to_pylist()
    assert row["source"].endswith("short.txt") and row["stage"] == "user"
