"""Find the publication date and say where it came from.

Candidates come from several places, most reliable first: a scraper's
``date`` header, the page's metadata (HTML only), a dateline near the
article's first paragraph, the page address. The stage runs after the noise
stage and reads its verdicts: a date in a line removed as a dated list, a
comment, a caption, a video blurb or a copyright line, or one mentioned in
the body's prose, is never the publication date. A dateline far from the
article's start is a last resort. A wrong date is worse than none, so when no
trusted candidate survives, the date stays null. Every candidate is kept,
with why it was turned down, for the record's audit trail.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..config import DatesConfig
from ..document import DateCandidate, Doc, Segment
from ..records import DateSource, StageName
from ..rules.dates import SCRAPER_HEADER, UPDATED_MARKER, DateMatch, find_dates, residue_words, url_date
from ..shape import is_body_paragraph

#: Confidence (0-1) in a candidate, by where it was found.
CONFIDENCE = {
    DateSource.SCRAPER_HEADER: 0.95,
    DateSource.HTML_METADATA: 0.85,
    DateSource.DATELINE: 0.8,
    DateSource.URL: 0.6,
    # the day a crawler fetched the page: the article is at most that old, often much older
    DateSource.WARC_DATE: 0.1,
}
#: A page cannot be published after it was fetched; the fetch time is UTC and a publication
#: date local, so a date up to this many days after the fetch day still passes.
CAPTURE_SLACK_DAYS = 1
#: A dateline may carry a few words besides the date (a wire service, a city).
DATELINE_MAX_RESIDUE_WORDS = 3
#: Penalty on confidence per residue word on a dateline.
DATELINE_RESIDUE_PENALTY = 0.05
#: A line the dates stage weighs as a dateline may carry a few more words than a date-only line
#: ("Von Max Muster | 22.11.2019 | Berlin"); each costs confidence.
CANDIDATE_MAX_RESIDUE_WORDS = 5
#: After a "published" or "updated" marker a dateline may carry more words (an author, a time zone).
MARKED_DATELINE_MAX_RESIDUE_WORDS = 8
#: A dateline stands at most this many lines above the article's first kept line,
DATELINE_MAX_LINES_BEFORE_BODY = 30
#: or this many lines into it.
DATELINE_MAX_LINES_INTO_BODY = 0
#: Confidence lost per line between a dateline and the article's start.
DATELINE_DISTANCE_PENALTY = 0.02
MIN_CONFIDENCE = 0.3
#: Confidence lost by a dateline that says when the story was updated.
UPDATED_PENALTY = 0.15
#: Confidence in a dateline far from the article's start: the first of them is a last resort.
FAR_DATELINE_CONFIDENCE = 0.2
#: Lines removed by these rules never carry the publication date.
NEVER_DATELINE_RULES = ("sidebar.dated_list", "comments.", "related.caps_lead_in", "related.lead_in", "media.",
                        "navigation.copyright", "caption.", "duplicate.")
#: A marker that the date is the first publication.
PUBLISHED_MARKER = re.compile(r"\b(?:published|posted|publicado|veröffentlicht|publié|pubblicato|gepubliceerd)\b",
                              re.IGNORECASE)
#: Date-only lines with this many distinct dates make a dated list (a sidebar), not a dateline.
LISTING_MIN_DATES = 2


def date_only(text: str) -> DateMatch | None:
    """The date of a line that is nothing but a date (with dateline words), else None."""
    matches = find_dates(text)
    if len(matches) != 1:
        return None
    residue = residue_words(text, matches[0])
    return matches[0] if len(residue) <= DATELINE_MAX_RESIDUE_WORDS else None


def header_end(segments: Sequence[Segment], limit: int) -> int:
    """Index of the first body paragraph: the segments before it are the article's header region."""
    for index, segment in enumerate(segments[:limit]):
        if is_body_paragraph(segment.norm):
            return index
    return min(limit, len(segments))


def listed_dates(segments: Sequence[Segment]) -> set[int]:
    """Indexes of date-only segments that belong to a list of dated items (a sidebar or index)."""
    dated = {i: m for i, s in enumerate(segments)
             if (m := date_only(s.norm)) is not None and not (i == 0 and SCRAPER_HEADER.match(s.norm))}
    if len({m.value for m in dated.values()}) < LISTING_MIN_DATES:
        return set()
    listed: set[int] = set()
    for i in dated:
        # a listing repeats: another date-only line stands two or three segments away
        if any(j in dated for j in (i - 3, i - 2, i + 2, i + 3)):
            listed.add(i)
    return listed


def _iso_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:  # "9999-99-99" has the shape of a date, not the substance
        return None


def _checked(candidate: DateCandidate, config: DatesConfig, captured: dt.date | None = None) -> DateCandidate:
    reference = config.reference_date or dt.date.today()
    if captured is not None and (candidate.value - captured).days > CAPTURE_SLACK_DAYS:
        return dataclasses.replace(candidate, rejected=f"after the page was fetched ({captured.isoformat()})")
    if candidate.value > reference:
        return dataclasses.replace(candidate, rejected=f"after the reference date {reference.isoformat()}")
    if candidate.value < config.min_date:
        return dataclasses.replace(candidate, rejected=f"before dates.min_date {config.min_date.isoformat()}")
    return candidate


@dataclass(frozen=True, slots=True)
class PageLine:
    """A line of the page as the noise stage left it: kept in the body (rule None) or removed by a rule."""

    start: int
    end: int
    text: str
    rule: str | None


def page_lines(doc: Doc) -> list[PageLine]:
    """Every line of the page in order, kept and removed alike."""
    lines = [PageLine(s.start, s.end, s.norm, None) for s in doc.segments]
    lines += [PageLine(r.start, r.end, " ".join(r.text.split()), r.rule) for r in doc.removals]
    return sorted(lines, key=lambda line: (line.start, line.end))


def dateline_match(text: str) -> tuple[DateMatch, int] | None:
    """The date of a line shaped like a dateline, with the count of words beside it.

    A dateline is a date with at most a few words around it (a wire service,
    a city, an author) or, after a "published" marker, a few more.
    """
    matches = find_dates(text)
    if not matches:
        return None
    match = matches[0]
    residue = len(residue_words(text, match))
    limit = CANDIDATE_MAX_RESIDUE_WORDS
    if PUBLISHED_MARKER.search(text[: match.start]) or UPDATED_MARKER.search(text[: match.start]):
        limit = MARKED_DATELINE_MAX_RESIDUE_WORDS
    if residue > limit or (len(matches) > 1 and matches[1].value != match.value and residue > 0):
        return None
    return match, residue


def _rejection(line: PageLine, text: str, distance: int) -> str | None:
    if line.rule is not None and line.rule.startswith(NEVER_DATELINE_RULES):
        return f"in a line removed as {line.rule}"
    if line.rule is None and is_body_paragraph(line.text):
        return "mentioned in the body"
    return None


def _between_paragraphs(lines: Sequence[PageLine], index: int) -> bool:
    def paragraph(i: int) -> bool:
        return 0 <= i < len(lines) and lines[i].rule is None and is_body_paragraph(lines[i].text)
    return paragraph(index - 1) and paragraph(index + 1)


def text_candidates(doc: Doc, config: DatesConfig) -> list[DateCandidate]:
    """Date candidates read from the page's lines, rejected ones included with their reason.

    The scraper's header wins; otherwise a dateline counts the nearer it
    stands to the article's first kept line.
    """
    lines = page_lines(doc)
    kept = [i for i, line in enumerate(lines) if line.rule is None]
    prose = [i for i in kept if is_body_paragraph(lines[i].text)]
    body = (prose or kept or [len(lines)])[0]
    found: list[DateCandidate] = []
    for index, line in enumerate(lines):
        if line.rule == "metadata.scraper_header":
            scraped = SCRAPER_HEADER.match(line.text)
            value = _iso_date(scraped.group(1)) if scraped else None
            if value is not None:
                found.append(DateCandidate(value, DateSource.SCRAPER_HEADER, line.text, line.start, line.end,
                                           CONFIDENCE[DateSource.SCRAPER_HEADER]))
            continue
        dated = dateline_match(line.text)
        if dated is None:
            continue
        match, residue = dated
        distance = body - index
        confidence = (CONFIDENCE[DateSource.DATELINE] - DATELINE_RESIDUE_PENALTY * residue
                      - DATELINE_DISTANCE_PENALTY * abs(distance))
        far = distance > DATELINE_MAX_LINES_BEFORE_BODY
        # a dateline far from the article's start is only a fallback: the page's first dateline
        confidence = FAR_DATELINE_CONFIDENCE if far else max(confidence, MIN_CONFIDENCE)
        updated = bool(UPDATED_MARKER.search(line.text[: match.start])) and not PUBLISHED_MARKER.search(line.text)
        if updated:
            confidence -= UPDATED_PENALTY  # an update time stands in only when no publication time does
        rejected = _rejection(line, line.text, distance)
        if rejected is None and _between_paragraphs(lines, index):
            rejected = "between two paragraphs of the article"
        found.append(DateCandidate(match.value, DateSource.DATELINE, match.text, line.start, line.end,
                                   confidence, rejected, updated=updated))
    return found


def metadata_candidates(doc: Doc) -> list[DateCandidate]:
    """Date candidates from the page's metadata, its address and the day it was fetched (a WARC record's)."""
    found: list[DateCandidate] = []
    if doc.page is not None and doc.page.date:
        if (value := _iso_date(doc.page.date[:10])) is not None:
            # the metadata reader answers "January 1" when all it found was a year (a copyright line)
            year_only = (value.month, value.day) == (1, 1)
            found.append(DateCandidate(value, DateSource.HTML_METADATA, doc.page.date,
                                       confidence=CONFIDENCE[DateSource.HTML_METADATA],
                                       rejected="January 1: most likely a year alone" if year_only else None))
    url = doc.raw.url or (doc.page.url if doc.page else None)
    if url and (value := url_date(url)) is not None:
        found.append(DateCandidate(value, DateSource.URL, url, confidence=CONFIDENCE[DateSource.URL]))
    if doc.raw.fallback_date is not None:
        found.append(DateCandidate(doc.raw.fallback_date, DateSource.WARC_DATE, doc.raw.fallback_date.isoformat(),
                                   confidence=CONFIDENCE[DateSource.WARC_DATE]))
    return found


def choose_published(candidates: Sequence[DateCandidate]) -> DateCandidate | None:
    """The most trusted candidate that was not rejected; the earliest in the text breaks ties."""
    eligible = [c for c in candidates if c.rejected is None]
    if not eligible:
        return None
    return max(eligible, key=lambda c: (c.confidence, -c.start))


def choose_updated(candidates: Sequence[DateCandidate], published: DateCandidate | None) -> DateCandidate | None:
    """The most trusted eligible "updated" dateline that is not the publication date itself, nor before it."""
    eligible = [c for c in candidates if c.updated and c.rejected is None and c is not published
                and (published is None or c.value >= published.value)]
    return max(eligible, key=lambda c: (c.confidence, -c.start), default=None)


class DatesStage:
    """Collects date candidates and picks the publication date."""

    name = StageName.DATES

    def __init__(self, config: DatesConfig) -> None:
        self.config = config

    def __call__(self, doc: Doc) -> Doc:
        found = text_candidates(doc, self.config) + metadata_candidates(doc)
        candidates = [_checked(c, self.config, doc.raw.fallback_date) for c in found]
        published = choose_published(candidates)
        return dataclasses.replace(doc, dates=tuple(candidates), published=published,
                                   updated=choose_updated(candidates, published))
