"""Build the standard pipeline from a configuration.

The one place that knows the order of the stages and what each is given.
Heavy resources (the language model) are created here, once per pipeline.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from .config import PipelineConfig
from .document import RawDocument
from .io.decode import DecodeStage
from .text.language import LanguageIdentifier, StopWords
from .text.linemodel import LineModel
from .pipeline import Pipeline, Stage
from .records import ContentType, StageName
from .stages.dates import DatesStage
from .stages.extract import ExtractStage
from .stages.metadata import MetadataStage
from .stages.noise import NoiseStage
from .stages.normalize import NormalizeStage
from .stages.segment import SegmentStage
from .stages.validate import ValidateStage


#: The built-in stages a user's stage may follow: after metadata the record is being finalised.
USER_STAGE_ANCHORS = (StageName.DECODE, StageName.EXTRACT, StageName.SEGMENT, StageName.NORMALIZE,
                      StageName.NOISE, StageName.DATES, StageName.METADATA)


@dataclass(frozen=True, slots=True)
class After:
    """A user's own ``stage``, to run right after the built-in stage ``builtin``.

    ``After(StageName.METADATA, MyFilter())`` runs ``MyFilter`` once the
    headline, byline and language are known, before the record is validated.
    Stages added after the same stage run in the order given. With
    ``workers > 1`` the stage is pickled into every worker process, so it must
    be an instance of a class defined at module level.
    """

    builtin: StageName
    stage: Stage

    def __post_init__(self) -> None:
        if self.builtin not in {name.value for name in StageName}:
            raise ValueError(f"no built-in stage {self.builtin!r}; choose one of "
                             f"{', '.join(USER_STAGE_ANCHORS)}")
        if StageName(self.builtin) not in USER_STAGE_ANCHORS:
            raise ValueError(f"a stage cannot be added after '{self.builtin}': choose one of "
                             f"{', '.join(USER_STAGE_ANCHORS)} (the record is final after "
                             f"'{StageName.METADATA}')")
        if not callable(self.stage) or not isinstance(getattr(self.stage, "name", None), str):
            raise TypeError(f"{self.stage!r} is no stage: it needs a 'name' (str) and __call__(doc) -> doc")


@dataclass(frozen=True, slots=True)
class Models:
    """What the stages load from disk whatever the configuration: the language identifier (py3langid's
    model, some 0.9 s of CPU to unpack), the stop-word lists (read per language on first use) and the
    line model.

    Loaded once per pipeline unless given: one set serves any number of pipelines in a process, as
    none of them changes what the models say (the identifier and the stop words only keep what they
    computed or read). A worker forked from the server that loaded them (see
    :mod:`newsclean.runner.preload`) builds its pipeline with them and shares their memory.
    """

    identifier: LanguageIdentifier
    stopwords: StopWords
    line_model: LineModel


def load_models() -> Models:
    """The models of :class:`Models`, loaded now."""
    return Models(LanguageIdentifier(), StopWords(), LineModel.load())


def default_stages(config: PipelineConfig, models: Models | None = None) -> list[Stage]:
    """The stages of a standard run, in order: decode → extract → segment → normalize → noise → dates → metadata → validate.

    Normalisation comes before judging, not after: rules and dates then see
    the text exactly as it will be output (no-break spaces, mojibake and
    entities already repaired), which makes cleaning idempotent. Segments keep
    their offsets into the input, so nothing is lost by the earlier repair.
    Dates come after noise: the noise stage finds where the article starts and
    which lines are sidebars, lists or comments, and a dateline is judged by
    where it stands against them.

    ``config`` must be resolved (:meth:`PipelineConfig.resolved`), so every
    stage sees the same reference date. ``models`` are loaded here when not given.
    """
    reference_date = config.dates.reference_date
    if reference_date is None:
        raise ValueError("the configuration's reference date is not set: call config.resolved() first")
    identifier = models.identifier if models else LanguageIdentifier()
    # one set of stop-word lists for the noise stage's classifier and the quality signals
    stopwords = models.stopwords if models else StopWords()
    model = None if not config.noise.classifier else models.line_model if models else LineModel.load()
    return [
        DecodeStage(config.limits),
        ExtractStage(config.extract, config.limits, reference_date),
        SegmentStage(config.limits),
        NormalizeStage(config.normalize),
        NoiseStage(config.noise, identifier, header_limit=config.dates.header_segments, model=model,
                   stopwords=stopwords),
        DatesStage(config.dates),
        MetadataStage(identifier, config.normalize, stopwords),
        ValidateStage(config.write.reject_status),
    ]


def with_extra_stages(stages: Sequence[Stage], extra: Sequence[After]) -> list[Stage]:
    """``stages`` with each of ``extra`` inserted after the built-in stage it names, in the order given."""
    names = [str(stage.name) for stage in stages]
    placed = [(stage, str(stage.name)) for stage in stages]  # (stage, the built-in stage it runs after or is)
    for position in extra:
        anchor = str(StageName(position.builtin))
        if anchor not in names:
            raise ValueError(f"no stage '{anchor}' to add {position.stage.name!r} after; the stages are {names}")
        last = max(i for i, (_, owner) in enumerate(placed) if owner == anchor)
        placed.insert(last + 1, (position.stage, anchor))
    return [stage for stage, _ in placed]


#: Invented documents run through the built-in stages to load what the libraries load on first
#: use (ftfy's tables, stop words; for HTML trafilatura, lxml and htmldate, with jusText's
#: stop words of every language), once per process and not inside a real document's time
#: limit. Plain text is the path every document shares, warmed when the pipeline is built;
#: HTML only when the first HTML document comes (see :class:`~newsclean.pipeline.Pipeline`),
#: so a process that cleans plain text only never holds HTML's libraries (some 35 MB).
WARM_UP_DOCUMENTS: Mapping[ContentType, RawDocument] = {
    ContentType.TEXT: RawDocument(source="<warm-up>", data=(
        "Town Council Approves New Bridge\n\nMarch 3, 2021\n\nShare this article\n\n"
        "The town council voted on Tuesday to approve the construction of a new bridge over the river.\n\n"
        "Work is expected to begin next spring, and the project should take about two years to complete.\n"
    ).encode()),
    ContentType.HTML: RawDocument(source="<warm-up>", content_type=ContentType.HTML, data=(
        "<html><head><title>Town Council Approves New Bridge</title></head><body><nav>Home | News</nav>"
        "<article><h1>Town Council Approves New Bridge</h1><p>The town council voted on Tuesday to approve "
        "the construction of a new bridge over the river.</p><p>Work is expected to begin next spring, and "
        "the project should take about two years to complete.</p></article></body></html>"
    ).encode()),
}


def build_pipeline(config: PipelineConfig, extra_stages: Sequence[After] = (),
                   models: Models | None = None) -> Pipeline:
    """A ready pipeline for ``config`` (resolved to today's reference date if it has none), with a user's stages.

    The built-in stages are warmed up with :data:`WARM_UP_DOCUMENTS`, plain
    text now and HTML when it first comes; a user's stages never see the
    warm-up documents. ``models`` are loaded for this pipeline when not given.
    """
    resolved = config.resolved()
    stages = default_stages(resolved, models)
    seconds = resolved.limits.seconds_per_document
    builtin = Pipeline(stages, seconds_per_document=seconds)
    pipeline = Pipeline(with_extra_stages(stages, extra_stages), seconds_per_document=seconds,
                        warm_up=partial(_warm_up, builtin))
    pipeline.prepare(ContentType.TEXT)
    return pipeline


def _warm_up(builtin: Pipeline, content_type: ContentType) -> None:
    """Run the warm-up document of ``content_type`` through the built-in stages; only what it loads matters."""
    raw = WARM_UP_DOCUMENTS.get(content_type)
    if raw is not None:
        builtin.process(raw)
