"""The pipeline's configuration: one frozen model, one section per stage.

Every default is chosen for scraped news at crawl scale and argued next to it.
A configuration is built once per run (from code, or from a TOML file) and is
immutable afterwards, so it can be shared with worker processes and hashed
into the run summary.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
import typing
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import ConfigError
from .io.sinks import OutputFormat
from .records import Article, PageStatus, RemovalKind

#: Columns the output can be partitioned by: the year of ``published``, and any
#: top-level Article column that holds one value (not a list).
#: ``duplicate_of`` is not among them: it is known only once the whole run is cleaned.
PARTITION_COLUMNS = frozenset({"published_year"} | {
    name for name, info in Article.model_fields.items()
    if typing.get_origin(info.annotation) is not list and name != "duplicate_of"})


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class InputConfig(_Section):
    """How input records are read: the JSON Lines field names (one scraper's "body" is another's "text")."""

    # The common names; a document takes its HTML field when it has both.
    text_field: str = Field("text", min_length=1)
    html_field: str = Field("html", min_length=1)
    url_field: str = Field("url", min_length=1)
    # The record's own identifier, carried into source_id so results join back to the input.
    id_field: str = Field("id", min_length=1)


class LimitsConfig(_Section):
    """Guards that turn pathological inputs into rejections instead of stalls."""

    # 20 MB is larger than any real article page (the heaviest news pages are
    # about 5 MB of HTML) and small enough to parse in a second or two.
    max_input_bytes: int = Field(20_000_000, gt=0)
    # Plain text after decoding, HTML after extraction: a million characters is ~150,000 words,
    # several books; anything longer is a dump, not an article.
    max_chars: int = Field(1_000_000, gt=0)
    # Non-blank lines per document: the largest of 90 real news pages dumped to
    # text has under 700, so 20,000 is thirty times more than any page and still
    # cleaned in about a second (the line classifier costs ~50 microseconds a line).
    max_lines: int = Field(20_000, gt=0)
    # Wall-clock seconds one document may take before it is rejected as a
    # timeout. The slowest real pages take well under a second and a document at
    # the size limits a few seconds, so 60 s only catches true stalls (a user's
    # catastrophic pattern, a pathological page). None turns the limit off.
    seconds_per_document: float | None = Field(60.0, gt=0)


class ExtractConfig(_Section):
    """Options for HTML extraction."""

    # "agreement" asks four extractors (trafilatura in its fast mode, with
    # favor_precision as below; resiliparse; readability; jusText) and keeps
    # what they agree on: at or above trafilatura's presets on the evaluation
    # sources, at about 2.5 times the time of trafilatura's extract.
    # "trafilatura" asks trafilatura alone (favor_precision as below, with its
    # own fallbacks) when its output is good enough.
    extractor: Literal["agreement", "trafilatura"] = "agreement"
    # Precision first (trafilatura alone, and trafilatura in the agreement): a
    # leaked menu costs more to downstream analysis than a lost sentence, and
    # the text-level cleaner can only remove, not restore.
    favor_precision: bool = True
    # Reader comments are not the article.
    include_comments: bool = False
    # Tables often carry the facts of a news story (results, figures).
    include_tables: bool = True


class DatesConfig(_Section):
    """How the publication date is searched and judged."""

    # The date the run treats as "today": a date after it is impossible. None
    # means the day the run starts; tests and reruns pin it.
    reference_date: dt.date | None = None
    # The web's news archives rarely go further back; older dates are almost
    # always founding years or copyright lines.
    min_date: dt.date = dt.date(1990, 1, 1)
    # A dateline stands near the headline: only the first segments count.
    header_segments: int = Field(12, ge=1)


class NoiseConfig(_Section):
    """How boilerplate is recognised and removed."""

    # Kinds of noise to keep in the body (nothing is skipped by default).
    keep_kinds: frozenset[RemovalKind] = frozenset()
    # Blocks of short lines in another language are only judged when they hold
    # enough text for the language identifier to be reliable (characters).
    foreign_block_min_chars: int = Field(40, ge=1)
    # A block is foreign when the identifier gives the document's language at
    # most this probability (0-1). Related languages share probability mass
    # (es/gl/an), so "how unlikely is ours" is steadier than "how sure is theirs".
    foreign_block_max_probability: float = Field(0.05, ge=0.0, le=1.0)
    # The trained line classifier removes what the rules miss (menus, teasers,
    # comment threads); without it only the rules and the header pass run.
    classifier: bool = True
    # P(body) below which the classifier removes a line; None uses the
    # threshold chosen when the model was trained (the one that maximised F1).
    classifier_threshold: float | None = Field(None, ge=0.0, le=1.0)
    # Extra patterns (regular expressions, matched against a whole stripped
    # line, case-insensitive) per kind, for a user's own boilerplate.
    extra_patterns: dict[RemovalKind, tuple[str, ...]] = Field(default_factory=dict)

    @field_validator("extra_patterns")
    @classmethod
    def _patterns_compile(cls, value: dict[RemovalKind, tuple[str, ...]]) -> dict[RemovalKind, tuple[str, ...]]:
        for kind, patterns in value.items():
            for pattern in patterns:
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise ValueError(f"{kind.value}: {pattern!r} is no regular expression: {exc}") from exc
        return value


class NormalizeConfig(_Section):
    """How the kept text is normalised."""

    # Typographic quotes and apostrophes carry meaning (quotations, names) and
    # every modern tool handles them, so they stay as written by default.
    straighten_quotes: bool = False
    # NFC composes characters without changing their meaning (unlike NFKC,
    # which would rewrite ligatures, superscripts and full-width forms).
    unicode_form: str = Field("NFC", pattern="^(NFC|NFKC)$")


class WriteConfig(_Section):
    """How records are written."""

    # zstd compresses text about as well as gzip at several times the speed.
    compression: str = "zstd"
    # Rows per Parquet row group: large enough for good compression of text,
    # small enough that a reader need not hold thousands of articles at once. A row group
    # of long articles ends sooner, at 4 MB of records (io.parquet.ROW_GROUP_MAX_BYTES).
    row_group_size: int = Field(1000, ge=1)
    # Rows per output file. Past it a table becomes a folder of part files. 100,000
    # articles are a few hundred MB of Parquet: big enough for fast scans (engines
    # like files of 100 MB-1 GB), small enough to commit parts often on long runs.
    rows_per_file: int = Field(100_000, ge=1)
    # Parquet for analytics; JSON Lines for people and tools that want lines.
    format: OutputFormat = OutputFormat.PARQUET
    # Hive-style partition folders (e.g. published_year, language); none by default,
    # since small runs read faster from one file than from many small ones.
    partition_by: tuple[str, ...] = ()
    # Page statuses whose articles go to the rejects (reason not_article) instead of the
    # articles table, e.g. not_prose, repetitive, paywall. None by default: every article is
    # written with its status, and the user filters on the column.
    reject_status: frozenset[PageStatus] = frozenset()

    @field_validator("reject_status")
    @classmethod
    def _not_article_itself(cls, statuses: frozenset[PageStatus]) -> frozenset[PageStatus]:
        if PageStatus.ARTICLE in statuses:
            raise ValueError("'article' cannot be routed to the rejects; choose among "
                             f"{', '.join(s.value for s in PageStatus if s is not PageStatus.ARTICLE)}")
        return statuses

    @field_validator("partition_by")
    @classmethod
    def _known_columns(cls, names: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [name for name in names if name not in PARTITION_COLUMNS]
        if unknown:
            raise ValueError(f"cannot partition by {', '.join(unknown)}; "
                             f"choose from {', '.join(sorted(PARTITION_COLUMNS))}")
        if len(set(names)) != len(names):
            raise ValueError(f"a column is named twice in {list(names)}")
        return names


class DedupMode(StrEnum):
    """What a run does with reprints and near-duplicates."""

    MARK = "mark"  # every article kept; duplicate_of and overlaps filled
    DROP = "drop"  # a near-duplicate goes to the rejects (reason duplicate), the first of its cluster stays
    OFF = "off"  # no dedup pass; the columns stay empty


class DedupConfig(_Section):
    """How reprints and near-duplicates are found across a run (see :mod:`newsclean.dedup`)."""

    # Marking loses nothing and costs one pass over the output; dropping is a choice for training data.
    mode: DedupMode = DedupMode.MARK
    # Estimated Jaccard similarity of five-word shingles from which two articles are near-duplicates.
    # 0.8 is the usual choice of web-text dedup (datatrove, text-dedup): an updated version that
    # dropped or added a paragraph in ten stays above it, two reports sharing half their text do not.
    threshold: float = Field(0.8, gt=0.0, le=1.0)
    # Share of an article's shingles another must hold to be listed in its overlaps: a fifth is a
    # reused paragraph or more, well above what two stories on one topic share by chance (under 0.05).
    min_overlap: float = Field(0.2, gt=0.0, le=1.0)


class PipelineConfig(_Section):
    """Configuration of a whole run, one section per stage."""

    input: InputConfig = InputConfig()
    limits: LimitsConfig = LimitsConfig()
    extract: ExtractConfig = ExtractConfig()
    dates: DatesConfig = DatesConfig()
    noise: NoiseConfig = NoiseConfig()
    normalize: NormalizeConfig = NormalizeConfig()
    write: WriteConfig = WriteConfig()
    dedup: DedupConfig = DedupConfig()

    def resolved(self, today: dt.date | None = None) -> PipelineConfig:
        """The same configuration with the reference date fixed (to ``today`` or the current day).

        Called once per run, so every document of the run is judged against
        the same day.
        """
        if self.dates.reference_date is not None:
            return self
        day = today or dt.date.today()
        return self.model_copy(update={"dates": self.dates.model_copy(update={"reference_date": day})})

    def fingerprint(self) -> str:
        """A short hash of the configuration, to tell runs with different settings apart."""
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()[:16]

    @classmethod
    def from_mapping(cls, data: dict[str, Any], *, origin: str = "configuration") -> PipelineConfig:
        """Build a configuration from plain data, naming the bad setting on error."""
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
            )
            raise ConfigError(f"{origin}: {problems}") from exc

    @classmethod
    def from_toml(cls, path: str | Path) -> PipelineConfig:
        """Read a TOML file; a ``pyproject.toml`` is read from its ``[tool.newsclean]`` table."""
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read configuration: {exc}") from exc
        if path.name == "pyproject.toml":
            data = data.get("tool", {}).get("newsclean", {})
        return cls.from_mapping(data, origin=str(path))
