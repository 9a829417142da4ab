"""The account of a run: what went in, what came out, and where the time went.

Both engines (the local batch run, :mod:`newsclean.runner.batch`, and the Ray
engine, :mod:`newsclean.engines.ray`) count outcomes in a :class:`Tally` and
close the run with :func:`close_account`, the one place that builds the
:class:`RunSummary` and checks that every document read is one article or one
rejection, and that the tables hold exactly those rows.
"""

from __future__ import annotations

import datetime as dt
import json
import platform
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from importlib import metadata
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from .._version import __version__
from ..errors import AccountingError
from ..pipeline import Outcome
from ..records import Article, Rejection

if TYPE_CHECKING:
    from ..assembly import After
    from ..config import PipelineConfig


class RunSummary(BaseModel):
    """Counts and timings of one run; ``documents == articles + rejects`` always holds."""

    model_config = ConfigDict(extra="forbid")

    inputs: list[str] = Field(default_factory=list, description="The inputs as given (files, folders, globs).")
    documents: int = Field(0, description="Input documents read (files, JSONL lines, records).")
    articles: int = Field(0, description="Documents that became articles.")
    rejects: int = Field(0, description="Documents that were rejected.")
    rejects_by_reason: dict[str, int] = Field(default_factory=dict)
    removals_by_kind: dict[str, int] = Field(default_factory=dict)
    date_sources: dict[str, int] = Field(default_factory=dict)
    languages: dict[str, int] = Field(default_factory=dict)
    statuses: dict[str, int] = Field(
        default_factory=dict, description="Articles by page status (article, short, not_prose, repetitive, ...).")
    skipped_records: dict[str, int] = Field(
        default_factory=dict, description="Input records that hold no document (WARC requests, images, redirects), "
                                          "by reason; they are not counted in documents.")
    skipped_paths: dict[str, str] = Field(
        default_factory=dict, description="Every path a folder walk or glob pattern passed over, with the reason: "
                                          "hidden (a name starting with a dot; a hidden folder is listed, not its "
                                          "contents), unsupported_format, symlink_loop. A file named as an input "
                                          "is always read.")
    per_source: dict[str, dict[str, int]] = Field(
        default_factory=dict, description="Per input file: documents, articles and rejects.")
    stage_seconds: dict[str, float] = Field(default_factory=dict, description="Time spent in each stage.")
    seconds: float = Field(0.0, description="Wall-clock time of the run.")
    articles_path: str | None = None
    rejects_path: str | None = None
    pipeline_version: str = ""
    versions: dict[str, str] = Field(
        default_factory=dict, description="Versions of newsclean, Python and the libraries that shape the output.")
    config_fingerprint: str = Field("", description="Hash of the effective configuration: equal runs, equal hash.")
    configuration: dict[str, Any] = Field(default_factory=dict, description="The effective configuration.")
    extra_stages: list[str] = Field(default_factory=list, description="User stages added through the Python API.")
    dedup: dict[str, int] = Field(default_factory=dict, description=(
        "Near-duplicates and overlaps found across the run: articles signed, clusters, duplicates "
        "(articles after the first of a cluster), articles with overlaps, duplicates dropped."))
    reference_date: dt.date | None = None

    def check(self) -> None:
        """Raise :class:`AccountingError` when any document is unaccounted for."""
        if self.documents != self.articles + self.rejects:
            raise AccountingError(f"{self.documents} documents in, but {self.articles} articles "
                                  f"+ {self.rejects} rejects out")
        for source, counts in self.per_source.items():
            if counts["documents"] != counts["articles"] + counts["rejects"]:
                raise AccountingError(f"{source}: {counts}")


#: The distributions whose versions change what a run writes.
VERSIONED_DISTRIBUTIONS = ("trafilatura", "pyarrow", "pydantic", "ftfy", "py3langid", "warcio")


def runtime_versions() -> dict[str, str]:
    """The versions of Python and of the libraries that shape the output, for the run summary."""
    versions = {"newsclean": __version__, "python": platform.python_version()}
    for name in VERSIONED_DISTRIBUTIONS:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


class Tally:
    """Accumulates outcomes into the counters of a :class:`RunSummary`."""

    def __init__(self) -> None:
        self.outcomes = 0
        self.articles = 0
        self.rejects = 0
        self.counters: dict[str, Counter[str]] = {
            name: Counter() for name in ("rejects_by_reason", "removals_by_kind", "date_sources", "languages",
                                         "statuses")
        }
        self.per_source: dict[str, Counter[str]] = {}
        self.stage_seconds: Counter[str] = Counter()

    def add(self, outcome: Outcome) -> None:
        """Count one document's outcome."""
        record = outcome.record
        per_source = self.per_source.setdefault(record.source or "<unknown>", Counter())
        per_source["documents"] += 1
        self.outcomes += 1
        for stage, seconds in outcome.timings:
            self.stage_seconds[str(stage)] += seconds
        if isinstance(record, Article):
            self.articles += 1
            per_source["articles"] += 1
            self.counters["removals_by_kind"].update(r.kind.value for r in record.removed)
            self.counters["date_sources"][record.published_source.value] += 1
            self.counters["languages"][record.language or "und"] += 1
            self.counters["statuses"][record.status.value] += 1
        else:
            assert isinstance(record, Rejection)
            self.rejects += 1
            per_source["rejects"] += 1
            self.counters["rejects_by_reason"][record.reason.value] += 1

    def reclassify(self, article: dict[str, Any], rejection: Rejection) -> None:
        """Count an article already counted as the rejection it became afterwards (a dropped duplicate).

        ``article`` holds the article's columns as a table stores them
        (``source``, ``removed``, ``published_source``, ``language``).
        """
        per_source = self.per_source.setdefault(article["source"] or "<unknown>", Counter())
        self.articles -= 1
        self.rejects += 1
        per_source["articles"] -= 1
        per_source["rejects"] += 1
        self.counters["removals_by_kind"].subtract(removal["kind"] for removal in article["removed"] or ())
        self.counters["date_sources"][article["published_source"]] -= 1
        self.counters["languages"][article["language"] or "und"] -= 1
        for name in ("removals_by_kind", "date_sources", "languages"):
            self.counters[name] = +self.counters[name]  # drop the counts that fell to zero
        self.counters["rejects_by_reason"][rejection.reason.value] += 1

    def merge(self, other: Tally) -> None:
        """Add the counts of another tally (e.g. one made by a worker on a cluster)."""
        self.outcomes += other.outcomes
        self.articles += other.articles
        self.rejects += other.rejects
        for name, counter in other.counters.items():
            self.counters[name].update(counter)
        for source, counts in other.per_source.items():
            self.per_source.setdefault(source, Counter()).update(counts)
        self.stage_seconds.update(other.stage_seconds)

    def to_json(self) -> str:
        """The counts as JSON, to send a tally between processes."""
        return json.dumps({"outcomes": self.outcomes, "articles": self.articles, "rejects": self.rejects,
                           "counters": self.counters, "per_source": self.per_source,
                           "stage_seconds": self.stage_seconds})

    @classmethod
    def from_json(cls, text: str) -> Tally:
        """The tally :meth:`to_json` wrote."""
        data = json.loads(text)
        tally = cls()
        tally.outcomes, tally.articles, tally.rejects = data["outcomes"], data["articles"], data["rejects"]
        for name, counts in data["counters"].items():
            tally.counters[name] = Counter(counts)
        tally.per_source = {source: Counter(counts) for source, counts in data["per_source"].items()}
        tally.stage_seconds = Counter(data["stage_seconds"])
        return tally

    def note_sources(self, sources: Iterable[str]) -> None:
        """List input files that yielded no document (an empty JSON Lines file), with zero counts."""
        for source in sources:
            self.per_source.setdefault(source, Counter())

    def check_read(self, read: Counter[str]) -> None:
        """Raise :class:`AccountingError` unless every input file has one outcome per document read from it."""
        counted = {source: counts["documents"] for source, counts in self.per_source.items()
                   if counts["documents"]}
        if counted != {source: n for source, n in read.items() if n}:
            missing = {s: (n, counted.get(s, 0)) for s, n in read.items() if counted.get(s, 0) != n}
            extra = sorted(set(counted) - set(read))
            raise AccountingError(f"documents read and outcomes counted differ per input file: "
                                  f"(read, counted) {dict(list(missing.items())[:5])}, never read {extra[:5]}")

    def summary(self, **fields: object) -> RunSummary:
        """The summary of everything counted so far, with the run's own fields added."""
        return RunSummary(
            documents=self.outcomes, articles=self.articles, rejects=self.rejects,
            **{name: dict(counter.most_common()) for name, counter in self.counters.items()},
            per_source={s: {k: c[k] for k in ("documents", "articles", "rejects")} for s, c in self.per_source.items()},
            stage_seconds={k: round(v, 6) for k, v in self.stage_seconds.items()},
            **fields,  # type: ignore[arg-type]
        )


def close_account(tally: Tally, *, config: PipelineConfig, inputs: Sequence[str], seconds: float,
                  articles_path: str, rejects_path: str, written: Mapping[str, int],
                  skipped_records: Counter[str], skipped_paths: Mapping[str, str] | None = None,
                  extra_stages: Sequence[After] = (),
                  read: Counter[str] | None = None, files: Iterable[str] = (), **fields: Any) -> RunSummary:
    """The summary of a finished run, once every document is accounted for.

    ``tally`` holds the outcomes counted; ``written`` the rows the
    ``articles`` and ``rejects`` tables hold; ``read`` (when the engine counts
    them) the documents read per input file, and ``files`` the input files
    read, listed with zero counts when they held no document; ``skipped_paths``
    the paths a folder walk passed over, with the reason. ``fields`` are
    the engine's own summary fields. Raises
    :class:`~newsclean.errors.AccountingError` unless documents = articles +
    rejects overall and per input file, each document read has one outcome,
    and each outcome is one row of its table.
    """
    tally.note_sources(files)
    if read is not None:
        tally.check_read(read)
    summary = tally.summary(
        seconds=round(seconds, 6), articles_path=articles_path, rejects_path=rejects_path,
        pipeline_version=__version__, inputs=list(inputs), skipped_records=dict(skipped_records.most_common()),
        skipped_paths=dict(skipped_paths or {}),
        versions=runtime_versions(), config_fingerprint=config.fingerprint(),
        configuration=config.model_dump(mode="json"), reference_date=config.dates.reference_date,
        extra_stages=[f"{position.stage.name} (after {position.builtin})" for position in extra_stages],
        **fields,
    )
    summary.check()
    rows = (written.get("articles", 0), written.get("rejects", 0))
    if rows != (summary.articles, summary.rejects):
        raise AccountingError(f"{summary.articles} articles and {summary.rejects} rejects were counted, "
                              f"but the tables hold {rows[0]} and {rows[1]} rows")
    return summary
