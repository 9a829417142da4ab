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
from itertools import compress
from operator import itemgetter

from ..config import DatesConfig
from ..document import DateCandidate, Doc, PageDates, StatedDate
from ..records import DateSource, StageName
from ..rules.dates import (
    line_dates,
    EMBEDDED_POST_SIGNATURE,
    JOINED_MARKER,
    PUBLISHED_MARKER,
    SCRAPER_HEADER,
    TWO_DIGITS,
    UPDATED_MARKER,
    DateMatch,
    find_dates,
    iso_day,
    residue_words,
    url_date,
)
from ..rules.rule import HeaderPart, Rule
from ..text.shape import is_body_paragraph

#: Confidence (0-1) in a candidate, by where it was found.
CONFIDENCE = {
    DateSource.SCRAPER_HEADER: 0.95,
    DateSource.HTML_METADATA: 0.85,
    DateSource.DATELINE: 0.8,
    DateSource.URL: 0.6,
    # the day a crawler fetched the page: the article is at most that old, often much older
    DateSource.WARC_DATE: 0.1,
}
#: The article's datePublished in the page's JSON-LD stands when htmldate states no date, and
#: above a dateline. Where the two disagree htmldate's stands: JSON-LD's won 2 of 3 such pages
#: on ``dates`` (the set it was made on) but 1 of 6 on ``dates-more`` (a day off either way).
STRUCTURED_DATE_CONFIDENCE = 0.84
#: A date htmldate finds only by searching the page's text (no metadata states one): a guess.
SEARCHED_DATE_CONFIDENCE = 0.5
#: A dateline at least this trusted, one day off the page metadata's date, is taken instead of it.
CROSS_CHECK_MIN_CONFIDENCE = 0.6
#: A page cannot be published after it was fetched; the fetch time is UTC and a publication
#: date local, so a date up to this many days after the fetch day still passes.
CAPTURE_SLACK_DAYS = 1
#: Penalty on confidence per residue word on a dateline.
DATELINE_RESIDUE_PENALTY = 0.05
#: A line the dates stage weighs as a dateline may carry a few more words than a date-only line
#: ("Von Max Muster | 22.11.2019 | Berlin"); each costs confidence.
CANDIDATE_MAX_RESIDUE_WORDS = 5
#: After a "published" or "updated" marker a dateline may carry more words (an author, a time zone).
MARKED_DATELINE_MAX_RESIDUE_WORDS = 8
#: A dateline stands at most this many lines above the article's first kept line.
DATELINE_MAX_LINES_BEFORE_BODY = 30
#: Confidence lost per line between a dateline and the article's start.
DATELINE_DISTANCE_PENALTY = 0.02
MIN_CONFIDENCE = 0.3
#: Confidence lost by a dateline that says when the story was updated.
UPDATED_PENALTY = 0.15
#: Confidence in a dateline far from the article's start: the first of them is a last resort.
FAR_DATELINE_CONFIDENCE = 0.2
#: Fields of a byline are set apart by these ("May 4, 2020 • By A. Writer • 3 min read").
#: A run of spaces is only read from its start, so a long run costs its length, not its square.
FIELD_SEPARATOR = re.compile(r"(?<!\s)\s+(?:[|•·⋅~@/]|//|[-–—]{1,2})\s+|(?:(?<!\s)\s+)?[|•·⋅]\s*")
#: The date's field of a byline carries at most this many words besides the date,
BYLINE_FIELD_MAX_RESIDUE_WORDS = 3
#: and its other fields at most this many words in all;
BYLINE_MAX_OTHER_WORDS = 16
#: what those other fields cost, counted as residue words.
BYLINE_COST = 3
#: A publication marker ("posted", "veröffentlicht") at most this many characters from the date
MARKER_REACH_CHARS = 40
#: makes a sentence of at most this many words a dateline ("This entry was posted on May 19, 2010 by …"),
MARKED_SENTENCE_MAX_WORDS = 30
#: at this cost, counted as residue words.
MARKED_SENTENCE_COST = 4
#: The comment count or prompt closing a blog's entry line ("May 4, 2020 A. Writer News 3 Comments"), in
#: the words of the blog engines' own translations ("Hinterlasse einen Kommentar", "Laisser un commentaire").
COMMENT_COUNT = re.compile(r"(?<!\w)(?:comments? off|leave a (?:comment|reply)|no comments|\d+\s+(?:comments?|"
                           r"responses?|replies|kommentare?|comentarios?|commentaires?|commenti)|"
                           r"(?:hinterlasse|schreibe) einen kommentar|laisser un commentaire|deja un comentario|"
                           r"lascia un commento|deixe um comentário|keine kommentare)(?!\w)", re.IGNORECASE)
#: A publication sentence on the page but outside the extracted article ("Posted on May 19, 2010
#: by …", which extractors drop with the rest of a post's footer) dates a page that nothing else
#: dates, at this confidence.
PAGE_SENTENCE_CONFIDENCE = 0.45
#: A dateline opens one of the article's first this many lines, or paragraphs (the first may be a teaser),
LEAD_DATELINE_PARAGRAPHS = 2
#: with at most this many words before its date (a city, an agency),
LEAD_DATELINE_MAX_WORDS_BEFORE = 2
#: and a break after it: a dash, colon or bar, or a stop after a closing bracket ("(12.11.2021).");
#: a plain stop would make any short sentence ending in a date a dateline,
LEAD_DATELINE_BREAK = re.compile(r"\s{0,2}[-–—:|]\s|\)\s{0,2}[-–—:|.]\s")
#: and costs this much, counted as residue words.
LEAD_DATELINE_COST = 3
#: The reply link of a comment, ending its header line ("A. Reader July 15, 2019 at 10:37 am Reply") or
#: standing on the line under it: the date is the comment's.
REPLY_LINK = re.compile(r"reply|antworten|répondre|responder|rispondi|antwoorden|odpowiedz|svara|ответить",
                        re.IGNORECASE)
#: The words of a line, for telling a line of reply links.
_WORD = re.compile(r"\w+")
#: A "Joined" label line above a date has at most this many words.
JOINED_LABEL_MAX_WORDS = 3


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
    rule: Rule | None


@dataclass(frozen=True, slots=True)
class PageLines:
    """Every line of the page in order, kept and removed alike, held as one tuple per field.

    A page has hundreds of lines and only a few hold a date: building an
    object per line cost most of the stage, so a line is made a
    :class:`PageLine` only when asked for by its index, and a removed
    line's text has its spacing made single (as a kept line's normalised
    text has it) only then: ``texts`` holds a removed line as it stood.
    """

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    texts: tuple[str, ...]  # a kept line's normalised text; a removed line's text as it stood in the input
    rules: tuple[Rule | None, ...]

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, index: int) -> PageLine:
        return PageLine(self.starts[index], self.ends[index], self.text(index), self.rules[index])

    def text(self, index: int) -> str:
        """The text of line ``index`` as the stage reads it: a removed line's with its spacing made single."""
        text = self.texts[index]
        return text if self.rules[index] is None else " ".join(text.split())

    def dated(self) -> list[int]:
        """The indices (ascending) of the lines holding two digits in a row (:data:`TWO_DIGITS`): the others
        hold no date. Making a line's spacing single neither makes nor breaks such a pair, so the lines are
        searched as they are held."""
        return list(compress(range(len(self.texts)), map(TWO_DIGITS.search, self.texts)))


#: Where a line stands: its start, then its end.
_PLACE = itemgetter(0, 1)


def page_lines(doc: Doc) -> PageLines:
    """Every line of the page in order (by start, then end; a kept line before a removed one at the same place)."""
    lines: list[tuple[int, int, str, Rule | None]] = [(s.start, s.end, s.norm, None) for s in doc.segments]
    lines += [(r.start, r.end, r.text, r.rule) for r in doc.removals]
    lines.sort(key=_PLACE)
    if not lines:
        return PageLines((), (), (), ())
    starts, ends, texts, rules = zip(*lines)
    return PageLines(starts, ends, texts, rules)


@dataclass(frozen=True, slots=True)
class Dateline:
    """A line's date read as a dateline, with what the rest of the line costs in trust."""

    match: DateMatch
    cost: int  # words beside the date, or what the line's shape costs in their stead
    shape: str  # "dateline", "byline" or "marked sentence"
    updated: bool  # the line says when the story was updated, not first published


def _fields(text: str) -> list[tuple[int, int]]:
    """Spans of the fields of a byline, split at its separators."""
    spans, position = [], 0
    for separator in FIELD_SEPARATOR.finditer(text):
        spans.append((position, separator.start()))
        position = separator.end()
    spans.append((position, len(text)))
    return [(start, end) for start, end in spans if text[start:end].strip()]


def _as_byline(text: str, match: DateMatch) -> int | None:
    """The cost of ``text`` as a byline whose date field holds ``match``, or None if it is no byline."""
    fields = _fields(text)
    if len(fields) < 2:
        return None
    own = next(((a, b) for a, b in fields if a <= match.start < b), None)
    if own is None or match.end > own[1]:
        return None
    field = text[own[0]:own[1]]
    own_words = len(residue_words(field, find_dates(field)))
    other_words = sum(len(residue_words(text[a:b], find_dates(text[a:b]))) for a, b in fields if (a, b) != own)
    if own_words > BYLINE_FIELD_MAX_RESIDUE_WORDS or other_words > BYLINE_MAX_OTHER_WORDS:
        return None
    return own_words + BYLINE_COST


def _marked_sentence(text: str, match: DateMatch) -> bool:
    """Whether ``text`` is a short sentence that says the date is the publication's ("posted on …")."""
    if len(text.split()) > MARKED_SENTENCE_MAX_WORDS:
        return False
    before = text[max(0, match.start - MARKER_REACH_CHARS):match.start]
    after = text[match.end:match.end + MARKER_REACH_CHARS]
    return bool(PUBLISHED_MARKER.search(before) or PUBLISHED_MARKER.search(after))


def dateline_match(text: str) -> Dateline | None:
    """The date of a line shaped like a dateline, with what the rest of the line costs.

    A dateline is a date with at most a few words around it (a wire service,
    a city, an author) or, after a "published" marker, a few more; a byline
    whose fields are set apart ("May 4, 2020 • By A. Writer • Photos by B.");
    or a short sentence saying when the text was posted ("This entry was
    posted on May 19, 2010 by …").
    """
    matches = line_dates(text)
    if not matches:
        return None
    match = matches[0]
    updated = bool(UPDATED_MARKER.search(text[: match.start])) and not PUBLISHED_MARKER.search(text)
    # a second, different date is only allowed as the update time ("28.04.2020 (updated 29.04.2020)")
    conflicting = any(other.value != match.value and not UPDATED_MARKER.search(text[match.end:other.start])
                      for other in matches[1:])
    residue = len(residue_words(text, matches))
    limit = CANDIDATE_MAX_RESIDUE_WORDS
    if PUBLISHED_MARKER.search(text[: match.start]) or UPDATED_MARKER.search(text[: match.start]):
        limit = MARKED_DATELINE_MAX_RESIDUE_WORDS
    if residue <= limit and not (conflicting and residue > 0):
        return Dateline(match, residue, "dateline", updated)
    if conflicting:
        return None
    if (cost := _as_byline(text, match)) is not None:
        return Dateline(match, cost, "byline", updated)
    if not residue_words(text[: match.start], []) and COMMENT_COUNT.search(text[match.end:]):
        # a blog's entry line: the date first, then author, categories and the comment count
        return Dateline(match, BYLINE_COST, "byline", updated)
    if _marked_sentence(text, match):
        return Dateline(match, MARKED_SENTENCE_COST, "marked sentence", updated)
    return None


def lead_dateline(text: str) -> Dateline | None:
    """The dateline a story's first paragraphs open with: "Wien, 14. Dezember 2021 – Aufgrund …",
    "27.1.2022 - Bei …", "Karlsruhe, (12.11.2021). Traditionell …".

    The date stands within a few words of the paragraph's start (a city, an
    agency) and a dash, colon or stop sets it off from the first sentence; a
    sentence that merely begins with a date ("Am 19. Oktober 2019 gastiert …")
    has no such break and is no dateline.
    """
    matches = find_dates(text)
    if not matches or len(residue_words(text[: matches[0].start], [])) > LEAD_DATELINE_MAX_WORDS_BEFORE:
        return None
    if not LEAD_DATELINE_BREAK.match(text, matches[0].end):
        return None
    return Dateline(matches[0], LEAD_DATELINE_COST, "lead", updated=False)


def _joined(lines: PageLines, index: int, match: DateMatch) -> bool:
    """Whether the date is a member's join date: "Joined May 11, 2017", or under a "Joined" label."""
    if JOINED_MARKER.search(lines.text(index)[: match.start]):
        return True
    label = lines.text(index - 1) if index > 0 else ""
    return len(label.split()) <= JOINED_LABEL_MAX_WORDS and bool(JOINED_MARKER.search(label))


def _comment_header(lines: PageLines, index: int, match: DateMatch) -> bool:
    """Whether the date heads a comment: its line ends with a reply link, or the next line is one."""
    after = _WORD.findall(lines.text(index)[match.end:])
    if after and REPLY_LINK.fullmatch(after[-1]):
        return True
    below = _WORD.findall(lines.text(index + 1)) if index + 1 < len(lines) else []
    return bool(below) and all(REPLY_LINK.fullmatch(word) for word in below)


def _rejection(line: PageLine) -> str | None:
    if line.rule is not None and not line.rule.trusted_for_dates:
        return f"in a line removed as {line.rule.id}"
    if line.rule is None and is_body_paragraph(line.text):
        return "mentioned in the body"
    return None


def _between_paragraphs(lines: PageLines, index: int) -> bool:
    def paragraph(i: int) -> bool:
        return 0 <= i < len(lines) and lines.rules[i] is None and is_body_paragraph(lines.texts[i])
    return paragraph(index - 1) and paragraph(index + 1)


def text_candidates(doc: Doc) -> list[DateCandidate]:
    """Date candidates read from the page's lines, rejected ones included with their reason.

    The scraper's header wins; otherwise a dateline counts the nearer it
    stands to the article's first kept line.
    """
    lines = page_lines(doc)
    kept = [i for i, rule in enumerate(lines.rules) if rule is None]
    prose = [i for i in kept if is_body_paragraph(lines.texts[i])]
    body = (prose or kept or [len(lines)])[0]
    last = (prose or kept or [len(lines)])[-1]
    # the first kept lines from the article's start, and its first paragraphs of prose
    opening = set([i for i in kept if i >= body][:LEAD_DATELINE_PARAGRAPHS] + prose[:LEAD_DATELINE_PARAGRAPHS])
    scraper_lines = {line.start for line in doc.header.of(HeaderPart.SCRAPER_HEADER)}
    scraped_at = [i for i, start in enumerate(lines.starts) if start in scraper_lines] if scraper_lines else []
    found: list[DateCandidate] = []
    for index in sorted({*lines.dated(), *scraped_at}):  # a line without two digits in a row holds no date
        line = lines[index]
        if line.start in scraper_lines:
            scraped = SCRAPER_HEADER.match(line.text)
            value = iso_day(scraped.group(1)) if scraped else None
            if value is not None:
                found.append(DateCandidate(value, DateSource.SCRAPER_HEADER, line.text, line.start, line.end,
                                           CONFIDENCE[DateSource.SCRAPER_HEADER]))
            continue
        dateline = dateline_match(line.text)
        if dateline is None and index in opening:
            dateline = lead_dateline(line.text)
        if dateline is None:
            continue
        match = dateline.match
        distance = body - index
        confidence = (CONFIDENCE[DateSource.DATELINE] - DATELINE_RESIDUE_PENALTY * dateline.cost
                      - DATELINE_DISTANCE_PENALTY * abs(distance))
        far = distance > DATELINE_MAX_LINES_BEFORE_BODY
        # a dateline far from the article's start is only a fallback: the page's first dateline
        confidence = FAR_DATELINE_CONFIDENCE if far else max(confidence, MIN_CONFIDENCE)
        if dateline.updated:
            confidence -= UPDATED_PENALTY  # an update time stands in only when no publication time does
        # a marked sentence opening or closing the story's prose (its first or last paragraph, or all of
        # it) stands at the story's edge: "This entry was posted on …" above or under the article
        at_edge = index <= body or index >= last
        rejected = _rejection(line)
        if rejected == "mentioned in the body" and dateline.shape == "marked sentence" and at_edge:
            rejected = None  # the entry's posting line, not a date the story mentions
        if rejected == "mentioned in the body" and dateline.shape == "lead":
            rejected = None  # "Wien, 14. Dezember 2021 – …": the dateline the story opens with
        if rejected is None and EMBEDDED_POST_SIGNATURE.fullmatch(line.text.strip()):
            rejected = "an embedded post's signature"  # the post is the story's, its date is not
        if rejected is None and _between_paragraphs(lines, index):
            rejected = "between two paragraphs of the article"
        if rejected is None and _joined(lines, index, match):
            rejected = "a member's join date"
        if rejected is None and _comment_header(lines, index, match):
            rejected = "a comment's date"
        found.append(DateCandidate(match.value, DateSource.DATELINE, match.text, line.start, line.end,
                                   confidence, rejected, updated=dateline.updated, alternative=match.alternative))
    return _read_ambiguous(found)


def page_sentence_candidates(dates: PageDates | None) -> list[DateCandidate]:
    """The first of the page's publication lines (outside the article) that reads as one, as a candidate.

    Extractors leave a post's footer out of the article, and with it the
    line that dates the post ("wurde am 19. Mai 2010 gepostet"). Read from
    the whole page, only a line marked as the publication counts (never a
    member's join date), and only on a page nothing else dates.
    """
    for line in dates.publication_lines if dates is not None else ():
        dateline = dateline_match(line)
        if dateline is None or JOINED_MARKER.search(line[: dateline.match.start]):
            continue
        return [DateCandidate(dateline.match.value, DateSource.DATELINE, line, confidence=PAGE_SENTENCE_CONFIDENCE)]
    return []


def _read_ambiguous(candidates: list[DateCandidate]) -> list[DateCandidate]:
    """Read "06/01/2020" month first when the page writes that date elsewhere and not the day-first one.

    Numeric dates are read day first, as most of the world writes them; the
    page's own unambiguous dates tell an American page apart.
    """
    stated = [c.value for c in candidates if c.alternative is None]
    return [dataclasses.replace(c, value=c.alternative, alternative=c.value)
            if c.alternative is not None and c.alternative in stated and c.value not in stated else c
            for c in candidates]


def _from_metadata(stated: StatedDate | None, text: str, confidence: float,
                   address_date: dt.date | None = None) -> list[DateCandidate]:
    """``stated`` as a candidate read from the page's markup, described by ``text``.

    A day neither the page nor its address (whose date is ``address_date``)
    writes out was filled in by the metadata reader, and is turned down.
    """
    if stated is None:
        return []
    rejected = None
    if (stated.value.month, stated.value.day) == (1, 1):
        # metadata readers answer "January 1" when all they found was a year (a copyright line)
        rejected = "January 1: most likely a year alone"
    elif not stated.written and stated.value != address_date:
        rejected = "written nowhere in the page: the metadata reader filled in a missing day"
    return [DateCandidate(stated.value, DateSource.HTML_METADATA, text, confidence=confidence, rejected=rejected)]


def metadata_candidates(doc: Doc) -> list[DateCandidate]:
    """Date candidates from the page's markup, its address and the day it was fetched (a WARC record's).

    Where the page's sources disagree, trust decides: htmldate's stated date
    above JSON-LD's ``datePublished``, a date found only by searching the
    page's text below both; except where htmldate's day is the UTC reading
    of the very moment JSON-LD states in the publisher's own time (:func:`_utc_reading`).
    """
    found: list[DateCandidate] = []
    url = doc.raw.url or (doc.page.url if doc.page else None)
    address_date = url_date(url) if url else None
    if (dates := doc.page_dates) is not None:
        if dates.metadata is not None:
            stated = _from_metadata(dates.metadata, dates.metadata.text, CONFIDENCE[DateSource.HTML_METADATA],
                                    address_date)
            found += [_utc_reading(c, dates.structured) for c in stated]
        if dates.searched is not None:
            found += _from_metadata(dates.searched, f"found by searching the page: {dates.searched.text}",
                                    SEARCHED_DATE_CONFIDENCE, address_date)
        if dates.structured is not None:
            found += _from_metadata(dates.structured, f"JSON-LD datePublished: {dates.structured.text}",
                                    STRUCTURED_DATE_CONFIDENCE)
    if address_date is not None:
        found.append(DateCandidate(address_date, DateSource.URL, url, confidence=CONFIDENCE[DateSource.URL]))
    if doc.raw.fallback_date is not None:
        found.append(DateCandidate(doc.raw.fallback_date, DateSource.WARC_DATE, doc.raw.fallback_date.isoformat(),
                                   confidence=CONFIDENCE[DateSource.WARC_DATE]))
    return found


def _utc_reading(candidate: DateCandidate, structured: StatedDate | None) -> DateCandidate:
    """``candidate`` (htmldate's day) turned down when it is the UTC day of the moment JSON-LD states in the
    publisher's own time, on another day ("2020-12-25T01:59:50+02:00": the 24th in UTC, the 25th where it
    was published).

    Meta tags often state the time in UTC; the two sources then agree on the
    moment and differ only in where the day is counted, and the publisher's
    day is the one readers were shown.
    """
    if (structured is None or structured.utc_value is None or candidate.rejected is not None
            or candidate.value != structured.utc_value or structured.value == structured.utc_value):
        return candidate
    return dataclasses.replace(candidate, rejected=f"the UTC day of the moment JSON-LD states in the "
                                                   f"publisher's time ({structured.text})")


def choose_published(candidates: Sequence[DateCandidate]) -> DateCandidate | None:
    """The most trusted candidate that was not rejected; the earliest in the text breaks ties.

    Page metadata often states the time in UTC, a day off the publisher's own
    date near midnight; a trusted dateline one day off the metadata's date is
    what readers were shown, and wins.
    """
    eligible = [c for c in candidates if c.rejected is None]
    if not eligible:
        return None
    best = max(eligible, key=lambda c: (c.confidence, -c.start))
    if best.source is DateSource.HTML_METADATA:
        local = [c for c in eligible if c.source is DateSource.DATELINE and not c.updated
                 and c.confidence >= CROSS_CHECK_MIN_CONFIDENCE and abs((c.value - best.value).days) == 1]
        if local:
            return max(local, key=lambda c: (c.confidence, -c.start))
    return best


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
        found = text_candidates(doc) + metadata_candidates(doc)
        candidates = [_checked(c, self.config, doc.raw.fallback_date) for c in found]
        published = choose_published(candidates)
        if published is None:
            candidates += [_checked(c, self.config, doc.raw.fallback_date) for c in page_sentence_candidates(doc.page_dates)]
            published = choose_published(candidates)
        return dataclasses.replace(doc, dates=tuple(candidates), published=published,
                                   updated=choose_updated(candidates, published))
