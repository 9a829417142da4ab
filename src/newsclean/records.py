"""The records newsclean hands to users: what an article and a rejection look like.

These Pydantic models are the boundary of the library. The JSON Schemas in
``schemas/`` and the Arrow schema of the Parquet output are both derived from
them, so a field is described once, here. Fields whose values repeat across
many rows (languages, sources of dates, reasons) carry ``x-arrow: dictionary``
so that the Parquet writer dictionary-encodes them.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

#: Bumped whenever a column is added, removed or changes meaning. Written into
#: the Parquet file metadata and into the JSON Schemas.
SCHEMA_VERSION = "4"

_DICT: dict[str, Any] = {"x-arrow": "dictionary"}


class RemovalKind(StrEnum):
    """Why a piece of the input is not part of the article body."""

    NAVIGATION = "navigation"  # menus, section labels, footer links
    RELATED = "related"  # links or teasers to other stories
    CAPTION = "caption"  # photo captions and credits
    MEDIA = "media"  # embedded video titles and blurbs, player leftovers
    ADVERTISING = "advertising"  # ad slots and their labels
    SOCIAL = "social"  # follow / like / share / feed prompts
    PROMO = "promo"  # newsletter, subscription, tip-line and app prompts
    SIDEBAR = "sidebar"  # unrelated blocks such as headline lists in another language
    COMMENTS = "comments"  # reader comments and the comment section's furniture
    DUPLICATE = "duplicate"  # a line the page already printed
    METADATA = "metadata"  # headline, dek, dateline or byline moved into its own field
    OTHER = "other"


class RejectReason(StrEnum):
    """Why an input document did not become an article."""

    READ_ERROR = "read_error"  # the file or record could not be read
    DECODE_ERROR = "decode_error"  # bytes that are no text in any encoding
    NOT_TEXT = "not_text"  # binary content (images, archives) or control characters
    TOO_LARGE = "too_large"  # beyond the configured size limits
    EMPTY = "empty"  # nothing but whitespace
    NO_BODY = "no_body"  # no article text left after extraction and cleaning
    EXTRACT_ERROR = "extract_error"  # the HTML extractor failed
    INVALID_RECORD = "invalid_record"  # the finished record failed validation
    TIMEOUT = "timeout"  # took longer than the per-document limit
    INTERNAL_ERROR = "internal_error"  # a bug in newsclean: please report it
    FILTERED = "filtered"  # turned down by a user's own stage (a topic or quality filter)
    NOT_ARTICLE = "not_article"  # its page status (not_prose, paywall...) is one the run routes to the rejects
    DUPLICATE = "duplicate"  # a near-duplicate of an earlier article of the run (``--dedup drop``)


class DateSource(StrEnum):
    """Where the publication date was read, most reliable first."""

    SCRAPER_HEADER = "scraper_header"  # a leading "date YYYY-MM-DD" header written by the scraper
    HTML_METADATA = "html_metadata"  # JSON-LD, meta tags or <time> elements
    DATELINE = "dateline"  # a date line in the article's header region
    URL = "url"  # a date in the page address
    TEXT = "text"  # inferred from the body
    WARC_DATE = "warc_date"  # when the crawler fetched the page (a WARC record's date): a last resort
    NONE = "none"  # the input states no publication date


class PageStatus(StrEnum):
    """Whether the page looks like an article, and if not, what it looks like instead."""

    ARTICLE = "article"
    SHORT = "short"  # a body too short to be a story (a brief, a stub, a gallery caption, a teaser cut short)
    NO_CLEAR_BODY = "no_clear_body"  # no article found: an index, listing or table page
    PAYWALL = "paywall"  # a subscription wall in front of the story
    COOKIE_WALL = "cookie_wall"  # a consent wall in front of the story
    NOT_PROSE = "not_prose"  # words but no prose: lists, symbols, one word over and over (see quality)
    REPETITIVE = "repetitive"  # the body repeats its own lines, paragraphs or phrases (see quality)


class ContentType(StrEnum):
    """What the input was, judged by its content."""

    TEXT = "text"
    HTML = "html"


class StageName(StrEnum):
    """The pipeline's stages in the order they run."""

    READ = "read"
    DECODE = "decode"
    EXTRACT = "extract"
    SEGMENT = "segment"
    NORMALIZE = "normalize"
    NOISE = "noise"
    DATES = "dates"
    METADATA = "metadata"
    VALIDATE = "validate"
    WRITE = "write"
    DEDUP = "dedup"  # the pass over the whole run that finds near-duplicates, after every document is written
    WORKER = "worker"  # the worker process itself: stopped past the time limit, or dead
    USER = "user"  # a stage the user added through the Python API (its name is in the detail)


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)


class Removal(_Record):
    """A piece of the input that was taken out of the body, with the evidence."""

    kind: RemovalKind = Field(description="What kind of noise this is.", json_schema_extra=_DICT)
    rule: str = Field(description="Identifier of the rule that fired, e.g. 'social.follow_on'.",
                      json_schema_extra=_DICT)
    text: str = Field(description="The removed text, as it stood in the input.")
    start: int = Field(ge=0, description="Start offset (characters) in the segmented text.")
    end: int = Field(ge=0, description="End offset (characters, exclusive) in the segmented text.")
    score: float = Field(ge=0.0, le=1.0, description="Confidence that the removal is right (0-1).")


class Span(_Record):
    """Where a piece of text stood in the segmented text."""

    start: int = Field(ge=0, description="Start offset (characters) in the segmented text.")
    end: int = Field(ge=0, description="End offset (characters, exclusive) in the segmented text.")


class DateEvidence(_Record):
    """A date the pipeline considered for the publication date, and what it made of it."""

    value: dt.date = Field(description="The date.")
    source: DateSource = Field(description="Where it was found.", json_schema_extra=_DICT)
    text: str = Field(description="The text (or metadata value, or URL) it was read from.")
    confidence: float = Field(ge=0.0, le=1.0, description="How far it was trusted (0-1).")
    rejected: str | None = Field(description="Why it cannot be the publication date; null when eligible.")


class DateMention(_Record):
    """A date written in the article's body."""

    text: str = Field(description="The date as written.")
    start: int = Field(ge=0, description="Start offset (characters) in the article's text.")
    end: int = Field(ge=0, description="End offset (characters, exclusive) in the article's text.")
    value: dt.date | None = Field(description="The calendar date it resolves to; null when it cannot be resolved.")
    relative: bool = Field(description="Resolved relative to the publication date (a weekday such as 'Friday').")


class Quality(_Record):
    """The body's quality signals: the measures web-text pipelines (Gopher, C4, FineWeb) tell prose from junk by.

    Shares are 0-1 of the body's words, non-empty lines, paragraphs or
    characters. The thresholds that set ``status`` to ``not_prose`` or
    ``repetitive`` are Gopher's and FineWeb's published ones; the warning
    names the signal that decided.
    """

    words: int = Field(ge=0, description="Whitespace-separated words.")
    mean_word_length: float | None = Field(
        ge=0.0, description="Mean characters per word (table rows aside); null (here and below) in scripts "
                            "written without spaces. Prose: 3-10.")
    alpha_word_share: float | None = Field(
        ge=0.0, le=1.0, description="Share of words holding a letter (table rows aside). Prose: 0.8 or more.")
    symbol_word_ratio: float | None = Field(
        ge=0.0, description="'#' signs or ellipses per word, the larger. Prose: 0.1 or less.")
    bullet_line_share: float = Field(
        ge=0.0, le=1.0, description="Share of lines starting with a bullet (Gopher: 0.9 or less; decides nothing).")
    ellipsis_line_share: float = Field(
        ge=0.0, le=1.0, description="Share of lines ending in an ellipsis (Gopher: 0.3 or less; see the word share).")
    punctuated_line_share: float = Field(
        ge=0.0, le=1.0, description="Share of lines ending in terminal punctuation (FineWeb: more than 0.12; see "
                                    "the word share).")
    ellipsis_char_share: float | None = Field(
        ge=0.0, le=1.0, description="Share of the characters in lines ending in an ellipsis (table rows aside). "
                                    "Prose: 0.3 or less.")
    punctuated_char_share: float | None = Field(
        ge=0.0, le=1.0, description="Share of the characters in lines that end in terminal punctuation or hold a "
                                    "sentence end (table rows aside). Prose: more than 0.12.")
    duplicate_line_share: float = Field(
        ge=0.0, le=1.0, description="Share of lines that repeat an earlier line (Gopher: 0.3 or less; decides "
                                    "nothing: see the character share).")
    duplicate_line_char_share: float = Field(
        ge=0.0, le=1.0, description="Share of the text's characters in repeated lines. Prose: 0.2 or less.")
    duplicate_paragraph_share: float = Field(
        ge=0.0, le=1.0, description="Share of paragraphs that repeat an earlier one (Gopher: 0.3 or less; decides "
                                    "nothing: see the character share).")
    duplicate_paragraph_char_share: float = Field(
        ge=0.0, le=1.0, description="Share of the text's characters in repeated paragraphs. Prose: 0.2 or less.")
    top_2gram_char_share: float | None = Field(
        ge=0.0, description="Characters in the most frequent word pair's occurrences, per character of text. "
                            "Prose: 0.2 or less.")
    top_3gram_char_share: float | None = Field(ge=0.0, description="The same for word triples. Prose: 0.18 or less.")
    top_4gram_char_share: float | None = Field(ge=0.0, description="The same for four words. Prose: 0.16 or less.")
    stop_words: int | None = Field(
        ge=0, description="Stop words of the body's language in it; null when the language has no list. "
                          "Prose: 2 or more.")
class Overlap(_Record):
    """Another article of the run that holds a large share of this one's text."""

    doc_id: str = Field(description="The other article's doc_id.")
    share: float = Field(ge=0.0, le=1.0, description=(
        "Estimated share (0-1) of this article's five-word shingles that the other article also has."))


class Article(_Record):
    """One cleaned article: the body, its metadata and the audit trail of what was removed.

    Offsets in ``removed`` refer to the text the pipeline segmented: the decoded
    input for plain text, the extractor's text for HTML.
    """

    doc_id: str = Field(description="Stable identifier derived from the source and the input bytes.")
    source: str | None = Field(description="Where the input came from (path, or path#record).")
    source_index: int = Field(ge=0, description="Position of the document within its source (0 for a file).")
    source_id: str | None = Field(
        None, description="The input's own identifier: the JSONL id field, or the WARC-Record-ID.")
    url: str | None = Field(description="The page address, when known.")
    content_type: ContentType = Field(description="Whether the input was plain text or HTML.",
                                      json_schema_extra=_DICT)
    status: PageStatus = Field(description="Whether the page looks like an article; see warnings when not.",
                               json_schema_extra=_DICT)
    title: str | None = Field(description="The headline.")
    subtitle: str | None = Field(description="The dek or summary shown under the headline.")
    byline: str | None = Field(description="The author line.")
    publisher: str | None = Field(description="The outlet that published the article.", json_schema_extra=_DICT)
    published: dt.date | None = Field(description="Publication date, null when the input states none.")
    published_source: DateSource = Field(description="Where the publication date came from.",
                                         json_schema_extra=_DICT)
    published_confidence: float | None = Field(ge=0.0, le=1.0,
                                               description="Confidence in the publication date (0-1).")
    updated: dt.date | None = Field(description="When the article says it was last updated, if it says so.")
    date_mentions: list[DateMention] = Field(
        description="Dates written in the body, with offsets into text and resolved values.")
    date_candidates: list[DateEvidence] = Field(
        description="Every date considered for the publication date, with why it was or was not taken.")
    language: str | None = Field(description="ISO 639-1 code of the body's language.", json_schema_extra=_DICT)
    text: str = Field(description="The body: paragraphs separated by one blank line.")
    paragraphs: list[str] = Field(description="The body's paragraphs, in order.")
    paragraph_spans: list[Span] = Field(
        default_factory=list, description="Where each paragraph stood in the segmented text, so the page can be rebuilt with `removed`.")
    removed: list[Removal] = Field(description="Everything taken out of the body, with kind, rule and offsets.")
    word_count: int = Field(ge=0, description="Words in the body.")
    quality: Quality = Field(description="The body's quality signals, which set status not_prose or repetitive.")
    content_hash: str = Field(description="SHA-256 of the body text, for de-duplication.")
    duplicate_of: str | None = Field(None, description=(
        "The doc_id of the first article, in input order, of this article's cluster of near-duplicates "
        "(estimated Jaccard similarity of five-word shingles at least dedup.threshold); null for that first "
        "article, for unique ones, and when dedup is off."))
    overlaps: list[Overlap] = Field(default_factory=list, description=(
        "The other articles of the run holding at least dedup.min_overlap of this article's shingles, "
        "largest share first (at most 10); empty when dedup is off."))
    input_size: int = Field(ge=0, description="Size of the input document in bytes.")
    input_hash: str = Field(description="SHA-256 of the input bytes.")
    pipeline_version: str = Field(description="newsclean version that produced the record.",
                                  json_schema_extra=_DICT)
    warnings: list[str] = Field(description="Things a user should know about this record.")


class Rejection(_Record):
    """An input that did not become an article, and why. Nothing is dropped silently."""

    doc_id: str = Field(description="Stable identifier derived from the source and the input bytes.")
    source: str | None = Field(description="Where the input came from (path, or path#record).")
    source_index: int = Field(ge=0, description="Position of the document within its source (0 for a file).")
    source_id: str | None = Field(
        None, description="The input's own identifier: the JSONL id field, or the WARC-Record-ID.")
    url: str | None = Field(description="The page address, when known.")
    stage: StageName = Field(description="The stage that rejected the document.", json_schema_extra=_DICT)
    reason: RejectReason = Field(description="Why it was rejected.", json_schema_extra=_DICT)
    detail: str = Field(description="What exactly went wrong, for a person to act on.")
    input_size: int = Field(ge=0, description="Size of the input document in bytes.")
    input_hash: str = Field(description="SHA-256 of the input bytes.")
    pipeline_version: str = Field(description="newsclean version that produced the record.",
                                  json_schema_extra=_DICT)


def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schema of a record model, as written to ``schemas/``."""
    schema = model.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["x-schema-version"] = SCHEMA_VERSION
    return schema


#: The record models whose schemas are published, by file stem.
PUBLISHED_MODELS: dict[str, type[BaseModel]] = {"article": Article, "rejection": Rejection}
