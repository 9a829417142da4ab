"""Cleaning one document from Python: :func:`clean_text` and :func:`clean_html`."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from .assembly import After, build_pipeline
from .config import PipelineConfig
from .document import RawDocument
from .errors import CleaningRejected
from .pipeline import Pipeline
from .records import Article, ContentType

#: Pipelines kept ready for reuse, one per distinct configuration.
_PIPELINE_CACHE_SIZE = 4


@lru_cache(maxsize=_PIPELINE_CACHE_SIZE)
def _pipeline(config_json: str, extra_stages: tuple[After, ...]) -> Pipeline:
    return build_pipeline(PipelineConfig.model_validate_json(config_json), extra_stages)


def _clean(raw: RawDocument, config: PipelineConfig | None, extra_stages: Sequence[After]) -> Article:
    resolved = (config or PipelineConfig()).resolved()
    record = _pipeline(resolved.model_dump_json(), tuple(extra_stages)).process(raw).record
    if not isinstance(record, Article):
        raise CleaningRejected(record)
    return record


def clean_text(text: str, *, source: str | None = None, config: PipelineConfig | None = None,
               extra_stages: Sequence[After] = ()) -> Article:
    """Clean one scraped plain-text article into an :class:`Article`.

    ``extra_stages`` adds a user's own stages (:class:`~newsclean.assembly.After`).

    Raises :class:`~newsclean.errors.CleaningRejected` (with the rejection:
    stage, reason, detail) when no article can be made of the text.
    """
    raw = RawDocument(source=source or "<text>", data=text, content_type=ContentType.TEXT)
    return _clean(raw, config, extra_stages)


def clean_html(
    html: str | bytes, *, url: str | None = None, source: str | None = None, config: PipelineConfig | None = None,
    extra_stages: Sequence[After] = (),
) -> Article:
    """Clean one HTML page into an :class:`Article`: main text via trafilatura, then the same cleaning.

    Bytes are decoded with the page's declared or detected charset. Raises
    :class:`~newsclean.errors.CleaningRejected` when no article can be made of it.
    """
    raw = RawDocument(source=source or url or "<html>", data=html, url=url, content_type=ContentType.HTML)
    return _clean(raw, config, extra_stages)
