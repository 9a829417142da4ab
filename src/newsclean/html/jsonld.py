"""What a page's JSON-LD says about the article it carries: its publication date.

Publishers write ``datePublished`` into schema.org JSON-LD for search
engines, in the publisher's own time zone; it is the most deliberate date
on a page. Only the article itself counts: the top-level object (or an
``@graph`` member) of an article-like type, never the posts of a live blog,
the items of a list or the works a page reviews.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..document import StatedDate
from ..rules.dates import find_dates

if TYPE_CHECKING:
    from lxml.html import HtmlElement

#: The ``type`` of a ``<script>`` that holds JSON-LD; a page holds a handful at most.
_TYPE = re.compile(r"\s*application/ld\+json", re.IGNORECASE)
#: Schema.org types whose ``datePublished`` is the page's article's.
ARTICLE_TYPES = re.compile(r"article|posting|report|webpage|blog|creativework", re.IGNORECASE)
#: A compact ISO 8601 date ("20200316T13:00:00Z").
_COMPACT = re.compile(r"^\s*((?:19|20)\d{2})(\d{2})(\d{2})(?:T|$)")
#: JSON-LD blocks longer than this are not read (a page's full catalogue, not its article).
MAX_BLOCK_CHARS = 200_000


def _objects(data: Any) -> Iterator[dict[str, Any]]:
    """The top-level objects of a JSON-LD block, ``@graph`` members included."""
    for item in data if isinstance(data, list) else [data]:
        if isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            if isinstance(graph, list):
                yield from (member for member in graph if isinstance(member, dict))


def _type(obj: dict[str, Any]) -> str:
    kind = obj.get("@type", "")
    return " ".join(map(str, kind)) if isinstance(kind, list) else str(kind)


def parse_date(value: str) -> dt.date | None:
    """The calendar date of a ``datePublished`` value as written (its own time zone, not UTC)."""
    if compact := _COMPACT.match(value):
        try:
            return dt.date(*map(int, compact.groups()))
        except ValueError:
            return None
    matches = find_dates(value)
    return matches[0].value if matches else None


def utc_day(value: str) -> dt.date | None:
    """The UTC day of a ``datePublished`` written as an ISO 8601 time with its offset from UTC, else ``None``.

    "2020-12-25T01:59:50+02:00" was published on the 25th where it was
    written, on the 24th in UTC: what a reader of the UTC time would say.
    """
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment.astimezone(dt.UTC).date() if moment.tzinfo is not None else None


def published_date(tree: HtmlElement) -> StatedDate | None:
    """The article's ``datePublished`` in the JSON-LD of the page parsed as ``tree``, if it states one."""
    for script in tree.iter("script"):
        if not _TYPE.match(script.get("type") or ""):
            continue
        source = (script.text or "").strip()
        if not source or len(source) > MAX_BLOCK_CHARS:
            continue
        try:
            data = json.loads(source)
        except ValueError:  # broken JSON-LD is common; the next block may be sound
            continue
        for obj in _objects(data):
            stated = obj.get("datePublished")
            if (isinstance(stated, str) and ARTICLE_TYPES.search(_type(obj))
                    and (value := parse_date(stated)) is not None):
                # written in the page by definition: it is read from it
                return StatedDate(value, stated, utc_value=utc_day(stated))
    return None
