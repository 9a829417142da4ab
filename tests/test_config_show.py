"""`newsclean config --show` prints the effective configuration as TOML that reads back the same."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsclean.cli import EXIT_USAGE, app
from newsclean.config import PipelineConfig
from newsclean.config_toml import config_to_toml

runner = CliRunner()
CUSTOM = r'''
[input]
text_field = "body"

[dates]
reference_date = 2024-01-01
min_date = 2000-01-01

[noise]
keep_kinds = ["caption", "advertising"]
classifier_threshold = 0.4
extra_patterns = { promo = ['read our "weekend" edition\b.*', "support us\\s*$"], other = ["^\\d+ comments$"] }

[normalize]
straighten_quotes = true

[write]
partition_by = ["language"]
'''


def _show(*args: str) -> str:
    result = runner.invoke(app, ["config", "--show", *args])
    assert result.exit_code == 0, result.output
    return result.output


def _read_back(text: str, tmp_path: Path) -> PipelineConfig:
    path = tmp_path / "shown.toml"
    path.write_text(text, encoding="utf-8")
    return PipelineConfig.from_toml(path)


def test_defaults_round_trip(tmp_path: Path) -> None:
    shown = _show()
    assert "[noise]" in shown and "reference_date is not set" in shown
    assert _read_back(shown, tmp_path) == PipelineConfig()


def test_a_file_round_trips_with_every_setting_written(tmp_path: Path) -> None:
    source = tmp_path / "newsclean.toml"
    source.write_text(CUSTOM, encoding="utf-8")
    expected = PipelineConfig.from_toml(source)
    shown = _show("--config", str(source))
    assert _read_back(shown, tmp_path) == expected
    assert expected.noise.extra_patterns  # the backslashes and quotes survived the trip
    assert "max_input_bytes = " in shown and "reference_date = 2024-01-01" in shown


def test_pyproject_table_is_read(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "x"\n\n[tool.newsclean.dates]\nreference_date = 2023-05-06\n')
    shown = _show("--config", str(pyproject))
    assert _read_back(shown, tmp_path).dates.reference_date == dt.date(2023, 5, 6)


@pytest.mark.parametrize("config", [
    PipelineConfig(),
    PipelineConfig.from_mapping({"noise": {"keep_kinds": ["social"], "extra_patterns": {"navigation": ["x|y"]}},
                                 "dates": {"reference_date": "2020-02-29"}}),
])
def test_config_to_toml_round_trips(config: PipelineConfig, tmp_path: Path) -> None:
    assert _read_back(config_to_toml(config), tmp_path) == config


def test_a_bad_file_is_a_usage_error_naming_the_setting(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[noise]\nclassifier_threshold = 3\n")
    result = runner.invoke(app, ["config", "--show", "--config", str(bad)])
    assert result.exit_code == EXIT_USAGE
    assert "noise.classifier_threshold" in result.output


def test_without_show_it_says_what_to_do() -> None:
    result = runner.invoke(app, ["config"])
    assert result.exit_code == EXIT_USAGE and "--show" in result.output
