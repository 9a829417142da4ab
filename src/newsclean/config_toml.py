"""The configuration written back as TOML, the form ``newsclean config --show`` prints.

The output reads back into the same configuration with
:meth:`~newsclean.config.PipelineConfig.from_toml`, so a user can save it,
edit one line and run with it. TOML has no null: a setting whose value is
``None`` ("decide at run time", such as ``dates.reference_date``) is left
out, which reads back as the same default.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import tomli_w

from .config import PipelineConfig


def config_to_toml(config: PipelineConfig) -> str:
    """``config`` as a TOML document, one table per stage, every setting written out."""
    return tomli_w.dumps(_plain(config.model_dump()))


def _plain(value: Any) -> Any:
    """A value TOML can hold: enums as their values, sets sorted, tuples as arrays, None left out."""
    if isinstance(value, dict):
        return {str(_plain(key)): _plain(item) for key, item in value.items() if item is not None}
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(item) for item in value)
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (str, int, float, bool, dt.date)):
        return value
    raise TypeError(f"configuration value {value!r} has no TOML form")  # a new setting type: extend _plain
