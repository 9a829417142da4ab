"""Find the publication date and say where it came from.

Candidates come from several places, most reliable first: a scraper's
``date`` header, the page's metadata (HTML only), a dateline in the
article's header region, the page address. Dates anywhere else (an embedded
video's "(Published …)" blurb, a sidebar's list of dated headlines, the body)
are never the publication date. A wrong date is worse than none, so when no
trusted candidate survives, the date stays null.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from ..config import DatesConfig
from ..document import DateCandidate, Doc, Segment
from ..records import DateSource, StageName
from ..rules.dates import SCRAPER_HEADER, DateMatch, find_dates, residue_words, url_date
from ..shape import is_body_paragraph

#: Confidence (0-1) in a candidate, by where it was found.
CONFIDENCE = {
    DateSource.SCRAPER_HEADER: 0.95,
    DateSource.HTML_METADATA: 0.85,
    DateSource.DATELINE: 0.8,
    DateSource.URL: 0.6,
}
#: A dateline may carry a few words besides the date (a wire service, a city).
DATELINE_MAX_RESIDUE_WORDS = 3
#: Penalty on confidence per residue word on a dateline.
DATELINE_RESIDUE_PENALTY = 0.05
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


def _span(segment: Segment, match: DateMatch) -> tuple[int, int]:
    """Offsets of a date found in a segment's normalised text, in the input (the whole segment if it changed)."""
    if segment.norm == segment.text:
        return segment.start + match.start, segment.start + match.end
    return segment.start, segment.end


def _checked(candidate: DateCandidate, config: DatesConfig) -> DateCandidate:
    reference = config.reference_date or dt.date.today()
    if candidate.value > reference:
        return dataclasses.replace(candidate, rejected=f"after the reference date {reference.isoformat()}")
    if candidate.value < config.min_date:
        return dataclasses.replace(candidate, rejected=f"before dates.min_date {config.min_date.isoformat()}")
    return candidate


def text_candidates(segments: Sequence[Segment], config: DatesConfig) -> list[DateCandidate]:
    """Date candidates read from the segmented text, rejected ones included with their reason."""
    found: list[DateCandidate] = []
    if segments and (scraped := SCRAPER_HEADER.match(segments[0].norm)):
        value = _iso_date(scraped.group(1))
        if value is not None:
            found.append(DateCandidate(value, DateSource.SCRAPER_HEADER, segments[0].norm, segments[0].start,
                                       segments[0].end, CONFIDENCE[DateSource.SCRAPER_HEADER]))
    header = header_end(segments, config.header_segments)
    listed = listed_dates(segments)
    for index, segment in enumerate(segments):
        match = date_only(segment.norm)
        if match is None or (index == 0 and SCRAPER_HEADER.match(segment.norm)):
            continue
        residue = len(residue_words(segment.norm, match))
        start, end = _span(segment, match)
        candidate = DateCandidate(match.value, DateSource.DATELINE, match.text, start, end,
                                  CONFIDENCE[DateSource.DATELINE] - DATELINE_RESIDUE_PENALTY * residue)
        if index in listed:
            candidate = dataclasses.replace(candidate, rejected="part of a list of dated items")
        elif index >= header:
            candidate = dataclasses.replace(candidate, rejected="outside the article's header region")
        found.append(candidate)
    return found


def metadata_candidates(doc: Doc) -> list[DateCandidate]:
    """Date candidates from the page's metadata and its address."""
    found: list[DateCandidate] = []
    if doc.page is not None and doc.page.date:
        if (value := _iso_date(doc.page.date[:10])) is not None:
            found.append(DateCandidate(value, DateSource.HTML_METADATA, doc.page.date,
                                       confidence=CONFIDENCE[DateSource.HTML_METADATA]))
    url = doc.raw.url or (doc.page.url if doc.page else None)
    if url and (value := url_date(url)) is not None:
        found.append(DateCandidate(value, DateSource.URL, url, confidence=CONFIDENCE[DateSource.URL]))
    return found


def choose_published(candidates: Sequence[DateCandidate]) -> DateCandidate | None:
    """The most trusted candidate that was not rejected; the earliest in the text breaks ties."""
    eligible = [c for c in candidates if c.rejected is None]
    if not eligible:
        return None
    return max(eligible, key=lambda c: (c.confidence, -c.start))


class DatesStage:
    """Collects date candidates and picks the publication date."""

    name = StageName.DATES

    def __init__(self, config: DatesConfig) -> None:
        self.config = config

    def __call__(self, doc: Doc) -> Doc:
        candidates = [_checked(c, self.config)
                      for c in text_candidates(doc.segments, self.config) + metadata_candidates(doc)]
        return dataclasses.replace(doc, dates=tuple(candidates), published=choose_published(candidates))
