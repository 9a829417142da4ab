"""The document as it travels through the pipeline: small frozen dataclasses.

Stages never mutate a document; they return a new one with
:func:`dataclasses.replace`. Validation into the public Pydantic records
happens once, at the end.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .records import Article, ContentType, DateSource, PageStatus, RejectReason, RemovalKind
from .rules.rule import HeaderPart, Rule
from .text.quality import QualitySignals


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """Why the reader could not deliver a document's content."""

    reason: RejectReason
    detail: str


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input document as read, before decoding.

    ``error`` is set when the reader could not get the document's content (an
    unreadable or oversized file, a broken JSON line); the pipeline turns it
    into a rejection at the read stage, so the document is still counted.
    ``content_type`` is only a hint from the container: the decode stage
    decides by content.
    """

    source: str
    data: bytes | str
    index: int = 0
    url: str | None = None
    content_type: ContentType | None = None  # set when the container says so (e.g. a JSONL "html" field)
    fallback_date: dt.date | None = None  # e.g. a WARC record's date
    source_id: str | None = None  # the input's own identifier (a JSONL id field, a WARC-Record-ID)
    error: ReadFailure | None = None
    # the charset label the container declared for ``data`` (a WARC record's HTTP Content-Type
    # ``charset=``), as written; the decode stage resolves it as browsers do
    charset: str | None = None


@dataclass(frozen=True, slots=True)
class Segment:
    """A block of text (usually one line) with its offsets in the segmented text.

    ``text`` is the input exactly as it stands between ``start`` and ``end``;
    ``norm`` is the same text normalised (ftfy, Unicode, spaces). Every stage
    judges ``norm``, and the body is made of it, so cleaning the output again
    sees the very text that was judged the first time.
    """

    start: int
    end: int
    text: str
    block: int  # index of the blank-line-separated block the segment belongs to
    norm: str = ""

    def with_norm(self, norm: str) -> Segment:
        """This segment with its normalised text: what the normalize stage makes of every segment.

        Built directly, field by field: :func:`dataclasses.replace` reads the
        class's fields on every call, which costs more than the rest of the
        stage's work on a line of plain ASCII.
        """
        return Segment(self.start, self.end, self.text, self.block, norm)


@dataclass(frozen=True, slots=True)
class Removal:
    """A segment (or part of one) taken out of the body, with the rule that fired."""

    rule: Rule
    start: int
    end: int
    text: str
    score: float = 1.0

    @property
    def kind(self) -> RemovalKind:
        return self.rule.kind


@dataclass(frozen=True, slots=True)
class HeaderLine:
    """A line of the article's header, set apart from the body: which part it is, where it stood (offsets in the
    segmented text, as a removal's) and its text as it stands in the input."""

    part: HeaderPart
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Header:
    """Where the article's header lines stand (headline, dek, dateline, byline, a scraper's header), in order.

    The noise stage finds them and sets them apart from the body; the
    metadata and dates stages read them here rather than from the removals.
    """

    lines: tuple[HeaderLine, ...] = ()

    def of(self, part: HeaderPart) -> tuple[HeaderLine, ...]:
        """Every line of the header that is ``part``, in order."""
        return tuple(line for line in self.lines if line.part is part)

    def first(self, part: HeaderPart) -> HeaderLine | None:
        """The first line of the header that is ``part``, if any."""
        return next((line for line in self.lines if line.part is part), None)


@dataclass(frozen=True, slots=True)
class DateCandidate:
    """A date found in the input, with where it was found and how far it is trusted."""

    value: dt.date
    source: DateSource
    text: str
    start: int = -1  # offsets in the segmented text; -1 when not from the text (metadata, URL)
    end: int = -1
    confidence: float = 0.5
    rejected: str | None = None  # why the candidate cannot be the publication date
    updated: bool = False  # the date says when the article was updated, not first published
    alternative: dt.date | None = None  # the other reading of an ambiguous numeric date (06/01/2020)


@dataclass(frozen=True, slots=True)
class StatedDate:
    """A day one of the page's sources gives as its publication date.

    ``written`` says whether the page's markup writes that day out anywhere:
    a reader may fill in what a page leaves out ("2019-02" comes back as a
    whole date), and a day the page never writes is such a guess.
    """

    value: dt.date
    text: str  # as the source gives it ("2020-07-09T10:04:04Z"), for the audit trail
    written: bool = True
    # the UTC day of the moment stated, when the source writes a time with its offset from UTC
    # ("2020-12-25T01:59:50+02:00": 2020-12-24); ``value`` is the day where it was published
    utc_value: dt.date | None = None


@dataclass(frozen=True, slots=True)
class PageDates:
    """What an HTML page says about when it was published, read from its one parse by the extract stage.

    Only facts, every source's at once: the dates stage alone weighs them
    (precedence, trust, guesses) against the datelines it reads in the text.
    """

    metadata: StatedDate | None = None  # htmldate's date from the markup (meta tags, JSON-LD, <time>, the address)
    searched: StatedDate | None = None  # htmldate's date found by searching the page's text, when the markup states none
    structured: StatedDate | None = None  # the article's datePublished in the page's JSON-LD
    # lines of the visible page with a date and a "published" marker ("Posted on May 19, 2010 by …"), first
    # ones first (extractors drop a post's footer with its date); read only when the markup states no date
    publication_lines: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """Metadata the HTML extractor read from the page (meta tags, JSON-LD); its dates are :class:`PageDates`."""

    title: str | None = None
    author: str | None = None
    sitename: str | None = None
    description: str | None = None
    language: str | None = None
    url: str | None = None
    # the extractor found no main text: the text is the page's visible text, to clean as plain text
    from_page_text: bool = False


@dataclass(frozen=True, slots=True)
class Doc:
    """The state of one document between stages."""

    raw: RawDocument
    input_size: int
    input_hash: str
    doc_id: str
    content_type: ContentType | None = None
    html: str | None = None
    text: str = ""  # the text that is segmented: decoded input, or the extractor's output
    page: PageMetadata | None = None
    page_dates: PageDates | None = None  # what an HTML page's markup and visible text say about its dates
    segments: tuple[Segment, ...] = ()  # the segments still considered body
    removals: tuple[Removal, ...] = ()
    header: Header = Header()  # the article's header lines, set apart from the body by the noise stage
    dates: tuple[DateCandidate, ...] = ()
    published: DateCandidate | None = None
    updated: DateCandidate | None = None
    language: str | None = None
    status: PageStatus | None = None
    quality: QualitySignals | None = None  # the body's quality signals, measured with its status
    title: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    publisher: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    article: Article | None = None  # set by the validate stage

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The body as it stands: the normalised text of the segments still kept."""
        return tuple(s.norm for s in self.segments)
