"""Build the standard pipeline from a configuration.

The one place that knows the order of the stages and what each is given.
Heavy resources (the language model) are created here, once per pipeline.
"""

from __future__ import annotations

from .config import PipelineConfig
from .io.decode import DecodeStage
from .language import LanguageIdentifier
from .linemodel import LineModel
from .pipeline import Pipeline, Stage
from .stages.dates import DatesStage
from .stages.extract import ExtractStage
from .stages.metadata import MetadataStage
from .stages.noise import NoiseStage
from .stages.normalize import NormalizeStage
from .stages.segment import SegmentStage
from .stages.validate import ValidateStage


def default_stages(config: PipelineConfig) -> list[Stage]:
    """The stages of a standard run, in order: decode → extract → segment → normalize → noise → dates → metadata → validate.

    Normalisation comes before judging, not after: rules and dates then see
    the text exactly as it will be output (no-break spaces, mojibake and
    entities already repaired), which makes cleaning idempotent. Segments keep
    their offsets into the input, so nothing is lost by the earlier repair.
    Dates come after noise: the noise stage finds where the article starts and
    which lines are sidebars, lists or comments, and a dateline is judged by
    where it stands against them.

    ``config`` must be resolved (:meth:`PipelineConfig.resolved`), so every
    stage sees the same reference date.
    """
    reference_date = config.dates.reference_date
    if reference_date is None:
        raise ValueError("the configuration's reference date is not set: call config.resolved() first")
    identifier = LanguageIdentifier()
    model = LineModel.load() if config.noise.classifier else None
    return [
        DecodeStage(config.limits),
        ExtractStage(config.extract, config.limits, reference_date),
        SegmentStage(config.limits),
        NormalizeStage(config.normalize),
        NoiseStage(config.noise, identifier, header_limit=config.dates.header_segments, model=model),
        DatesStage(config.dates),
        MetadataStage(identifier, config.normalize),
        ValidateStage(),
    ]


def build_pipeline(config: PipelineConfig) -> Pipeline:
    """A ready pipeline for ``config`` (resolved to today's reference date if it has none)."""
    resolved = config.resolved()
    return Pipeline(default_stages(resolved), seconds_per_document=resolved.limits.seconds_per_document)
