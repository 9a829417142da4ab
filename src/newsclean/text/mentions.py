"""Dates mentioned in an article's body, resolved to calendar dates where the text allows.

Explicit dates ("2018-07-27", "July 27, 2018") resolve as written. A month and
day without a year ("Aug. 31", "31 de agosto") takes the year that puts it
nearest the publication date (the year before, the same or the next): a news
story's "Aug. 31" is within half a year of the day it was written. A weekday ("on Friday") resolves to the nearest
such day at or before the publication date and is marked relative. Without a
publication date only explicit dates resolve.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..rules.dates import find_dates, find_partial_dates, find_weekdays

#: A weekday named in a story is at most this many days before its publication.
WEEKDAY_LOOKBACK_DAYS = 6


@dataclass(frozen=True, slots=True)
class Mention:
    """A date written in the body, with its offsets in the body text and its resolved value."""

    text: str
    start: int
    end: int
    value: dt.date | None
    relative: bool


def _with_year(month: int, day: int, published: dt.date) -> dt.date | None:
    best: dt.date | None = None
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:  # February 30
            continue
        if best is None or abs((candidate - published).days) < abs((best - published).days):
            best = candidate
    return best


def _weekday_before(weekday: int, published: dt.date) -> dt.date:
    return published - dt.timedelta(days=(published.weekday() - weekday) % (WEEKDAY_LOOKBACK_DAYS + 1))


def date_mentions(text: str, published: dt.date | None) -> list[Mention]:
    """Every date mentioned in ``text``, in order, resolved against ``published`` where it lacks parts."""
    full = find_dates(text)
    mentions = [Mention(m.text, m.start, m.end, m.value, False) for m in full]
    taken = [(m.start, m.end) for m in full]
    for partial in find_partial_dates(text, taken):
        value = _with_year(partial.month, partial.day, published) if published else None
        mentions.append(Mention(partial.text, partial.start, partial.end, value, False))
        taken.append((partial.start, partial.end))
    for day in find_weekdays(text, taken):
        value = _weekday_before(day.weekday, published) if published else None
        mentions.append(Mention(day.text, day.start, day.end, value, True))
    return sorted(mentions, key=lambda m: m.start)
