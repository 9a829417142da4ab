"""What a rule is: the name every removal is recorded under, and what other stages may rely on.

A rule is declared once, as an object (:mod:`newsclean.rules.registry` lists
them all); stages refer to the object, never to its id. The id is the string
the records carry (``removed[].rule``): renaming it changes the records and
nothing else, because no stage reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ..records import RemovalKind


class HeaderPart(StrEnum):
    """A part of the article's header that a rule's line holds, for the stages that read the header."""

    TITLE = "title"  # the headline
    DEK = "dek"  # the standfirst under the headline
    BYLINE = "byline"
    DATELINE = "dateline"
    SCRAPER_HEADER = "scraper_header"  # a scraper's "date: 2020-05-04 …" line, whose date is the page's
    SCRAPER_SUMMARY = "scraper_summary"  # the title or summary a scraper wrote after its header


#: Lines of these kinds never carry the publication date: a comment's date is the comment's, a caption's
#: the photo's, a video blurb's the video's, and a duplicate line's date was weighed where it first stood.
UNTRUSTED_KINDS_FOR_DATES = frozenset({RemovalKind.COMMENTS, RemovalKind.MEDIA, RemovalKind.CAPTION,
                                       RemovalKind.DUPLICATE})


@dataclass(frozen=True, slots=True, eq=False)
class Rule:
    """One reason a line is not body text.

    ``id`` is ``"<kind>.<name>"`` (the kind is read from the prefix) and is
    what the records show. ``score`` is the confidence in a removal by this
    rule where the pass that applies it has no measure of its own (the
    classifier's removals carry its probability instead). ``fills`` says which
    part of the article's header the removed line is. ``trusted_for_dates``
    says whether a date on such a line may be the publication date; left out,
    it follows the kind (see ``UNTRUSTED_KINDS_FOR_DATES``).

    Rules compare by identity: each is a single declared object.
    """

    id: str
    score: float = field(default=0.9, kw_only=True)
    fills: HeaderPart | None = field(default=None, kw_only=True)
    trusted_for_dates: bool | None = field(default=None, kw_only=True)
    kind: RemovalKind = field(init=False)  # read from the id's prefix

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", RemovalKind(self.id.partition(".")[0]))
        if self.trusted_for_dates is None:
            object.__setattr__(self, "trusted_for_dates", self.kind not in UNTRUSTED_KINDS_FOR_DATES)
