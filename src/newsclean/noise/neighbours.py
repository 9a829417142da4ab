"""The second pass: what a line is, read with the lines around it.

A video's title above its blurb, lists of dated headlines, blocks in another
language, a comment thread, repeated lines, and the short lines trailing the
story. Each function takes the verdicts reached so far and returns new ones.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..config import NoiseConfig
from ..document import Segment
from ..rules.dates import listed_dates
from ..rules.noise import COMMENT_HEADER, COMMENT_SECTION_HEADING, COMMENT_SECTION_OPENING, PUBLISHED_BLURB
from ..rules.registry import (
    COMMENT_THREAD,
    DATED_LIST,
    FOREIGN_LANGUAGE,
    PAGE_TAIL,
    REPEATED_LINE,
    VIDEO_TITLE,
)
from ..text.code import code_lines
from ..text.language import LanguageIdentifier
from ..text.shape import ends_like_sentence, folded, is_body_paragraph, is_headline_shaped, word_count
from .verdicts import SETTLE_MAX_ROUNDS, Verdict, Verdicts

#: Lines after the story's last paragraph with at most this many words and no
#: sentence ending are page furniture (footer links, tags).
TAIL_MAX_WORDS = 8
#: A repeated line must have this many words to count as a duplicate (short
#: repeats such as "* * *" are structure).
DUPLICATE_MIN_WORDS = 3
#: A line of a foreign block stays when, alone, it is at least this likely (0-1)
#: to be in the document's language (names and numbers often are).
FOREIGN_LINE_MAX_PROBABILITY = 0.5
#: A run of lines between two prose paragraphs is read for its language only when at least this share (0-1) of its
#: characters, spaces aside, are letters: code and tables of numbers are written in no language, whatever the
#: identifier guesses.
FOREIGN_BLOCK_MIN_LETTER_SHARE = 0.6
#: A comment section's opening heading starts the thread under at least this many paragraphs of prose.
THREAD_MIN_PARAGRAPHS_ABOVE = 2
#: Blocks in another language than the document's hold at most this share (0-1) of its open lines.
FOREIGN_MAX_SHARE = 0.5
#: The heading right above a list of dated headlines goes with it, at this confidence (0-1).
DATED_LIST_HEADING_SCORE = 0.85
#: A video title stands right above its blurb and is at most this long (words).
VIDEO_TITLE_MAX_WORDS = 16


ForeignFinder = Callable[[Sequence[Segment], Verdicts], list[bool]]


def judge_neighbours(
    segments: Sequence[Segment], verdicts: Verdicts, *, foreign: ForeignFinder | None = None,
    repeats: bool = True, furniture: bool = True,
) -> Verdicts:
    """Second pass: verdicts that need the segments around a line.

    ``foreign`` finds the lines written in another language than the
    document's; it sees the verdicts reached so far. With ``repeats``, every
    later copy of a line is a duplicate; without, repeats are left for
    :func:`judge_repeats` to judge once the body's extent is known.
    ``furniture`` judges what a whole page's text holds around its article:
    lists of dated headlines and blocks in another language. An HTML
    extractor's output has none of those, and what looks like them in it is
    the article's own (a list of dated events, a quote in another language):
    measured on every evaluation source, these passes cost recall there and
    paid nowhere.
    """
    out = list(verdicts)
    for i, verdict in enumerate(verdicts):
        # the title of an embedded video stands right above its blurb
        if verdict and verdict.rule is PUBLISHED_BLURB and i > 0 and out[i - 1] is None:
            above = segments[i - 1].norm
            if is_headline_shaped(above) and word_count(above) <= VIDEO_TITLE_MAX_WORDS:
                out[i - 1] = Verdict.of(VIDEO_TITLE)
    for i in sorted(listed_dates([s.norm for s in segments])) if furniture else ():
        if out[i] is not None:  # a comment header or a credit with a date keeps its own reason
            continue
        out[i] = Verdict.of(DATED_LIST)
        if i > 0 and out[i - 1] is None and not is_body_paragraph(segments[i - 1].norm):
            out[i - 1] = Verdict(DATED_LIST, DATED_LIST_HEADING_SCORE)
    for i, is_foreign in enumerate(foreign(segments, out) if foreign and furniture else ()):
        if is_foreign and out[i] is None:
            out[i] = Verdict.of(FOREIGN_LANGUAGE)
    out = _judge_comment_thread(segments, out)
    return judge_repeats(segments, out, (0, 0)) if repeats else out


def judge_repeats(segments: Sequence[Segment], verdicts: Verdicts, span: tuple[int, int]) -> Verdicts:
    """Later copies of a line are duplicates, unless both copies lie inside the body's ``span`` [start, end)
    and the copy stands alone.

    A line repeated within the story (a refrain, a table row, a paragraph the
    author repeats, code shown again as it grows) is the article's own; a copy in the header, a sidebar or
    the footer is furniture, and so is a run of lines copying an earlier run
    (the story, or part of it, printed twice: two lines in a row, each long enough to be a duplicate, copying
    two; a paragraph repeated under each of a series of short headings is the story's refrain). Only the open
    lines are read,
    as a new run over the output would read them, until nothing changes.
    """
    out = list(verdicts)
    for _ in range(SETTLE_MAX_ROUNDS):
        found = _repeats(segments, out, span)
        if not found:
            break
        for i in found:
            out[i] = Verdict.of(REPEATED_LINE)
    return out


def _repeats(segments: Sequence[Segment], verdicts: Verdicts, span: tuple[int, int]) -> list[int]:
    """The open lines :func:`judge_repeats` takes for duplicates, reading the open lines alone."""
    open_idx = [i for i, v in enumerate(verdicts) if v is None]
    keys = [folded(segments[i].norm) for i in open_idx]
    first: dict[str, int] = {}
    earlier = [first.setdefault(key, n) for n, key in enumerate(keys)]  # each line's first copy
    repeated = [m != n and word_count(segments[open_idx[n]].norm) >= DUPLICATE_MIN_WORDS
                for n, m in enumerate(earlier)]

    def in_block(n: int) -> bool:  # a neighbour long enough to be a duplicate repeats the first copy's neighbour
        m = earlier[n]
        return any(0 <= n + d < len(keys) and 0 <= m + d < len(keys) and m + d != n + d
                   and keys[n + d] == keys[m + d] and repeated[n + d] for d in (-1, 1))

    def inside(n: int) -> bool:  # both copies within the story
        return span[0] <= open_idx[earlier[n]] < open_idx[n] < span[1]

    taken = [n for n in range(len(keys)) if repeated[n] and (not inside(n) or in_block(n))]
    # code repeats itself (a query built up step by step): a run of code inside the story stays. The lines are
    # read for code only on a page with a repeated run inside the story, which most pages lack
    code = code_lines([segments[i].norm for i in open_idx]) if any(inside(n) for n in taken) else frozenset()
    return [open_idx[n] for n in taken if not (inside(n) and n in code)]


def _judge_comment_thread(segments: Sequence[Segment], verdicts: Verdicts) -> Verdicts:
    """Everything from the first comment header ("<name> on <date> said:") after the story's text to the end, or
    from the comment section's opening heading under at least ``THREAD_MIN_PARAGRAPHS_ABOVE`` of its paragraphs."""
    if not any(v is not None and (v.rule is COMMENT_HEADER or v.rule is COMMENT_SECTION_HEADING) for v in verdicts):
        return list(verdicts)  # no line that may open the comments (see _opens_comments): most pages
    paragraphs = 0
    for i, (segment, verdict) in enumerate(zip(segments, verdicts)):
        if verdict is None and is_body_paragraph(segment.norm):
            paragraphs += 1
        elif paragraphs and verdict is not None and _opens_comments(segment.norm, verdict, paragraphs):
            return list(verdicts[:i]) + [
                v or Verdict.of(COMMENT_THREAD) for v in verdicts[i:]]
    return list(verdicts)


def _opens_comments(text: str, verdict: Verdict, paragraphs: int) -> bool:
    """Whether a judged line under ``paragraphs`` prose paragraphs opens the reader comments: a comment's header,
    or the section's opening heading once the story stands above it (a share bar's "Comments" stands under
    a lede)."""
    if verdict.rule is COMMENT_HEADER:
        return True
    return (verdict.rule is COMMENT_SECTION_HEADING and paragraphs >= THREAD_MIN_PARAGRAPHS_ABOVE
            and COMMENT_SECTION_OPENING.fullmatch(" ".join(text.split())) is not None)


def judge_tail(segments: Sequence[Segment], verdicts: Verdicts) -> Verdicts:
    body = [i for i, s in enumerate(segments) if verdicts[i] is None and is_body_paragraph(s.norm)]
    if not body:
        return verdicts
    out = list(verdicts)
    for i in range(body[-1] + 1, len(segments)):
        text = segments[i].norm
        if out[i] is None and word_count(text) <= TAIL_MAX_WORDS and not ends_like_sentence(text):
            out[i] = Verdict.of(PAGE_TAIL)
    return out


def foreign_blocks(
    segments: Sequence[Segment], verdicts: Verdicts, language: str | None, identifier: LanguageIdentifier,
    config: NoiseConfig,
) -> list[bool]:
    """Which segments belong to runs of short lines written in a language other than the document's.

    Lines already judged are left out of the runs, so that a removed English
    promo does not dilute the foreign headlines around it; a line of a foreign
    run that reads as the document's language on its own stays. A run standing
    between two paragraphs of prose and written mostly in other signs than
    letters (code, a table of numbers) is the story's own, in no language.
    Foreign blocks are the page's minority: when they would hold more than
    ``FOREIGN_MAX_SHARE`` of its open lines, the document's language was
    misread and none is taken.
    """
    flags = [False] * len(segments)
    if language is None:
        return flags
    run: list[int] = []
    after_prose = False  # whether the run opened under a paragraph of prose
    for i in range(len(segments) + 1):
        if i < len(segments) and verdicts[i] is not None:
            continue
        if i < len(segments) and not is_body_paragraph(segments[i].norm):
            run.append(i)
            continue
        text = "\n".join([segments[j].norm for j in run]) if run else ""  # most paragraphs follow a paragraph
        # a run too short to read is passed over before its letters are counted
        if len(text) >= config.foreign_block_min_chars and not (
                after_prose and i < len(segments) and _letter_share(text) < FOREIGN_BLOCK_MIN_LETTER_SHARE):
            guess = identifier.identify(text)
            if (guess.code not in (None, language)
                    and identifier.probability(text, language) <= config.foreign_block_max_probability):
                for j in run:
                    flags[j] = identifier.probability(segments[j].norm, language) < FOREIGN_LINE_MAX_PROBABILITY
        run = []
        after_prose = True
    # blocks in "another" language holding most of the page's lines are its own language misread (a wrapper's
    # prose in one language around a page written in another): furniture is the minority
    if sum(flags) > FOREIGN_MAX_SHARE * sum(v is None for v in verdicts):
        return [False] * len(segments)
    return flags


def _letter_share(text: str) -> float:
    """The share of ``text``'s characters, spaces aside, that are letters."""
    # str.split() cuts at the characters str.isspace() tells, and no space is a letter: the letters are counted
    # among the visible characters alone
    visible = "".join(text.split())
    return sum(map(str.isalpha, visible)) / max(len(visible), 1)


def body_language(segments: Sequence[Segment], identifier: LanguageIdentifier) -> str | None:
    """The language of the document's prose (its body-like paragraphs, or all of it when there are none)."""
    prose = [s.norm for s in segments if is_body_paragraph(s.norm)] or [s.norm for s in segments]
    return identifier.identify("\n".join(prose)).code
