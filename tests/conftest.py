"""Shared fixtures: the repository's seed articles, their gold labels, a pinned configuration."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import settings

from newsclean.config import DatesConfig, PipelineConfig

#: Property tests have no per-example deadline: how long an example takes depends on the machine's
#: load, and speed is measured by the benchmarks, never asserted by a test (a loaded machine made
#: jusText's revision test miss hypothesis's default 200 ms once). Every ``@settings`` inherits this.
settings.register_profile("newsclean", deadline=None)
settings.load_profile("newsclean")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"
#: Tests pin "today" so that date plausibility never depends on the day they run.
REFERENCE_DATE = dt.date(2024, 1, 1)
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"})


def fold(text: str | None) -> str:
    """Text compared the way the seed scorer compares it: NFKC, straight quotes, single spaces."""
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES)
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="session")
def config() -> PipelineConfig:
    return PipelineConfig(dates=DatesConfig(reference_date=REFERENCE_DATE))


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    paths = sorted(SEEDS.glob("*.txt"))
    assert paths, f"no seeds in {SEEDS}"
    return paths


@pytest.fixture(scope="session")
def gold() -> dict[str, dict]:
    with gzip.open(DATA / "seeds-gold.jsonl.gz", "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    return {row["file"]: row for row in rows}


@pytest.fixture(scope="session")
def config_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A TOML configuration pinning the reference date, for commands run through the CLI."""
    path = tmp_path_factory.mktemp("config") / "newsclean.toml"
    path.write_text(f"[dates]\nreference_date = {REFERENCE_DATE.isoformat()}\n", encoding="utf-8")
    return path
