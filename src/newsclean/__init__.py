"""newsclean: turn scraped news pages into clean, validated, analysis-ready records.

>>> import newsclean
>>> article = newsclean.clean_text(open("page.txt").read())       # doctest: +SKIP
>>> summary = newsclean.run(["scraped/"], "output/")               # doctest: +SKIP

Importing the package is cheap: the names below load their modules on first use.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .api import clean_html, clean_text
    from .assembly import After
    from .document import Doc
    from .runner.batch import run
    from .config import PipelineConfig
    from .errors import CleaningRejected, ConfigError, NewscleanError, Reject
    from .pipeline import Pipeline, Stage
    from .records import (Article, DateSource, PageStatus, Rejection, RejectReason, Removal, RemovalKind,
                          StageName)
    from .runner.summary import RunSummary

logging.getLogger(__name__).addHandler(logging.NullHandler())

#: Public name -> module that defines it.
_EXPORTS = {
    "clean_text": "api", "clean_html": "api", "run": "runner.batch", "PipelineConfig": "config",
    "Article": "records", "Rejection": "records", "Removal": "records", "RemovalKind": "records",
    "RejectReason": "records", "DateSource": "records", "PageStatus": "records", "RunSummary": "runner.summary",
    "Pipeline": "pipeline", "Stage": "pipeline", "After": "assembly", "Doc": "document", "StageName": "records",
    "NewscleanError": "errors", "CleaningRejected": "errors", "ConfigError": "errors", "Reject": "errors",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'newsclean' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
