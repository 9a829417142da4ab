"""The header pass: the article's headline, dek, dateline, byline and section labels above its story.

These move into their own fields rather than staying in the body. Where
they stand travels on the Doc as a :class:`~newsclean.document.Header`
(:func:`read_header`: each line removed by a rule that ``fills`` a part of
the header), which the metadata and dates stages read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import islice

from ..document import Header, HeaderLine, Segment
from ..rules.dates import SCRAPER_HEADER as SCRAPER_HEADER_PATTERN
from ..rules.dates import date_only
from ..rules.registry import (
    BYLINE,
    DATELINE,
    DEK,
    HEADER_LINE,
    HEADLINE,
    SCRAPER_HEADER,
    SCRAPER_SUMMARY,
    SECTION_LABEL,
)
from ..text.shape import (
    DEK_MAX_WORDS,
    ends_like_sentence,
    folded,
    header_end,
    is_body_paragraph,
    is_headline_shaped,
    is_title_case,
    word_count,
)
from ..text.tables import TABLE_MIN_ROWS
from .rows import table_rows
from .verdicts import Verdict, Verdicts

#: A section label ("World News", "Politics") has at most this many words.
SECTION_LABEL_MAX_WORDS = 4
#: A header line under the headline (a kicker, a photo title, another story's teaser) has at most this many words.
HEADER_LINE_MAX_WORDS = 12
#: A byline: "By" (in one of six languages) and up to seven capitalised names, perhaps a short field after a bar.
BYLINE_PATTERN = re.compile(r"(?i:by|por|von|par|di|door)\s+[A-Z][\w’'.-]+(?:[\s,]+(?:and\s+)?[A-Z][\w’'.-]+){0,6}\.?"
                            r"(?:\s*[|,–—-]\s*.{0,40})?")
_LETTER = re.compile(r"[^\W\d_]")
#: A sentence ending inside a line, before the next sentence's capital: the line is sentences, not a headline.
_INNER_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s+[\"'“‘«(\[]?[A-Z]")


def judge_header(
    segments: Sequence[Segment], verdicts: Verdicts, *, header_limit: int, known_title: str | None = None,
    body_start: int | None = None, clean_article: bool = False,
) -> Verdicts:
    """Third pass: the header region's headline, dek, dateline, byline and section labels.

    The header region is the ``header_limit`` open lines above the body's
    first line (``body_start``, when the classifier found it), else the open
    lines above the first body paragraph. With ``known_title`` (HTML, whose
    metadata names the headline) only a line equal to it is taken as the
    headline, and other lines but datelines and bylines are left alone (the
    extractor already chose them; a line equal to the page's description is
    more often its lede than a dek); plain text has to go by shape.

    On an article already clean (``clean_article``: no furniture above its
    story) the header must show itself (:func:`_shows_header`: a dateline, a
    byline, or a headline opening the text that reads as one): without that,
    nothing is taken by shape alone (headline, dek, labels, header lines).
    Such a text is as often a body alone, opening on a short sentence, a
    heading or a question, as an article with its headline, and a line the
    body keeps costs less than a line of the story lost.
    """
    from_page = known_title is not None
    out = list(verdicts)
    start = 0
    if segments and SCRAPER_HEADER_PATTERN.match(segments[0].norm):
        out[0] = Verdict.of(SCRAPER_HEADER)
        start = 1
        # the rest of the header line is the scraper's title or summary field;
        # a longer run-on is the body itself, written on the same line
        if len(segments) > 1 and segments[1].block == segments[0].block and out[1] is None \
                and word_count(segments[1].norm) <= DEK_MAX_WORDS:
            out[1] = Verdict.of(SCRAPER_SUMMARY)
            start = 2
    rows, read_to = _rows_above_prose(segments, out, start, body_start)  # a table's rows are no header
    open_idx = [i for i in range(start, read_to) if out[i] is None and i not in rows]
    if body_start is None:
        window = open_idx[:header_end([segments[i].norm for i in open_idx[:header_limit]], header_limit)]
    else:
        # the header stands above the story's first paragraph, whichever the classifier takes for its start
        first_prose = next((i for i in open_idx if is_body_paragraph(segments[i].norm)), len(segments))
        window = [i for i in open_idx if i < min(body_start, first_prose)][-header_limit:]
    title_at: int | None = None
    dek_at: int | None = None
    for i in window:
        text = segments[i].norm
        if date_only(text) is not None:
            out[i] = Verdict.of(DATELINE)
        elif BYLINE_PATTERN.fullmatch(text):
            out[i] = Verdict.of(BYLINE)
        elif title_at is None and _is_title(text, known_title):
            out[i] = Verdict.of(HEADLINE)
            title_at = i
        elif from_page:
            continue  # the extractor chose this line for the body
        elif title_at is not None and dek_at is None and word_count(text) <= DEK_MAX_WORDS \
                and not any(title_at < row < i for row in rows):
            # the first line under the headline (past dateline and byline) that is no body paragraph; a line under
            # a table or list is the story's, not its dek
            out[i] = Verdict.of(DEK)
            dek_at = i
        elif word_count(text) <= SECTION_LABEL_MAX_WORDS and is_title_case(text) and not ends_like_sentence(text) \
                and _LETTER.search(text):  # a label has words: a lone number is a table's cell or a count
            out[i] = Verdict.of(SECTION_LABEL)
        elif title_at is not None and is_headline_shaped(text) and word_count(text) <= HEADER_LINE_MAX_WORDS:
            # kickers, photo titles and teasers between the headline and the story; a longer line there is the
            # story's summary or lede, which the body keeps
            out[i] = Verdict.of(HEADER_LINE)
    if clean_article and not _shows_header(segments, out, window, title_at):
        for i in window:
            out[i] = None
        title_at = dek_at = None
    if all(v is not None for v in out) and title_at is not None:
        # a text that is nothing but a headline keeps it as its body, so cleaning it again changes nothing
        out[dek_at if dek_at is not None else title_at] = None
    return out


def _rows_above_prose(segments: Sequence[Segment], verdicts: Verdicts, start: int,
                      body_start: int | None) -> tuple[frozenset[int], int]:
    """The table rows (:func:`~newsclean.noise.rows.table_rows`) among the lines the header may hold, and the index
    of the first line they were not read for.

    The header stands above the first open line of prose and above
    ``body_start``. Whether a line is a row depends on the run of like lines
    it stands in, and ``TABLE_MIN_ROWS - 1`` open lines further down decide
    that: rows are read down to there, not over the whole page (the header
    pass runs three times a page). The first line of prose is then known to be
    no row (a paragraph has more words than a row may have); were it one, the
    rows are read over the whole page, as the window would reach past it.
    Every line above the index returned is told a row or not as reading the
    whole page would tell it.
    """
    n = len(segments)
    first_prose = next((i for i in range(start, n) if verdicts[i] is None and is_body_paragraph(segments[i].norm)), n)
    bound = first_prose if body_start is None else min(body_start, first_prose)
    deciding = list(islice((i for i in range(bound, n) if verdicts[i] is None), TABLE_MIN_ROWS - 1))
    read_to = deciding[-1] + 1 if deciding and len(deciding) == TABLE_MIN_ROWS - 1 else n
    rows = table_rows(segments[:read_to], verdicts[:read_to])
    if bound == first_prose < n and first_prose in rows:
        return table_rows(segments, verdicts), n
    return rows, read_to


def _shows_header(segments: Sequence[Segment], verdicts: Verdicts, window: Sequence[int], title_at: int | None) -> bool:
    """Whether the header ``window`` holds what only a header holds: a dateline or a byline, or a headline opening
    the text that reads as one: it ends no sentence and holds none (a body's first line, a question, an
    exclamation, a run of sentences, does not read so), and it is in title case ("Library Opens to Long Lines") or
    the story's first paragraph follows it at once (a heading over a list or a box is the story's own)."""
    if any(verdicts[i] is not None and verdicts[i].rule in (DATELINE, BYLINE) for i in window):
        return True
    if title_at is None or title_at != window[0]:
        return False
    text = segments[title_at].norm
    if ends_like_sentence(text) or _INNER_SENTENCE_END.search(text):
        return False
    following = next((s.norm for s in segments[title_at + 1:] if word_count(s.norm)), "")
    return is_title_case(text) or is_body_paragraph(following)


def _is_title(text: str, known_title: str | None) -> bool:
    if known_title is not None:
        return folded(text) == folded(known_title)
    return is_headline_shaped(text) and word_count(text) > SECTION_LABEL_MAX_WORDS - 1


def judged_again(verdicts: Verdicts, kept: Sequence[int], again: Verdicts) -> Verdicts:
    """``verdicts`` with ``again`` (the verdicts of a pass over the kept lines, ``kept`` their indices) written back.

    A headline or dek found again, after the first headline was taken, is
    recorded as a header line rather than as a second headline.
    """
    out = list(verdicts)
    titled = any(v is not None and v.rule is HEADLINE for v in verdicts)
    for i, verdict in zip(kept, again):
        if verdict is not None and titled and verdict.rule in (HEADLINE, DEK):
            verdict = Verdict.of(HEADER_LINE)
        out[i] = verdict
    return out


def read_header(segments: Sequence[Segment], verdicts: Verdicts) -> Header:
    """The header as the final ``verdicts`` set it apart: each line removed by a rule that fills a part of it.

    The header pass runs more than once on a page (again once the classifier
    settles, and on the output), later passes may take back what it found (a
    second headline becomes a header line), and a configuration may keep its
    kind in the body: the header is read once, from the verdicts that stand.
    """
    return Header(tuple(HeaderLine(v.rule.fills, s.start, s.end, s.text)
                        for s, v in zip(segments, verdicts) if v is not None and v.rule.fills is not None))
