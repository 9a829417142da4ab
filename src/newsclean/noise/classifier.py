"""The classifier's passes: the lines the rules left open, judged by the trained line model.

The model gives each open line its probability of being body text; the
header pass runs above the body it finds; lines unlikely to be body go,
except inside the story's extent, where the evidence must be strong; and the
kept lines are judged again, as a new run over the output would judge them,
until nothing changes. A page where the classifier keeps no body has its most
likely body given back (the record says so).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..config import NoiseConfig
from ..document import Segment
from ..records import RemovalKind
from ..rules.registry import LONE_LINE, MENU_LINE, MODEL_RULES, OFF_BODY_TEXT, TEASER_LINE
from ..text.features import body_region
from ..text.language import LanguageIdentifier, StopWords
from ..text.linemodel import LineModel, ScoringMemo
from ..text.shape import ends_like_sentence, is_body_paragraph, word_count
from .header import judged_again
from .memo import PageMemo
from .neighbours import judge_repeats
from .rows import attached_rows, code_rows
from .verdicts import SETTLE_MAX_ROUNDS, Verdict, Verdicts

#: Lines the classifier removes are read as menu items up to this many words,
MENU_LINE_MAX_WORDS = 5
#: and as teasers (headlines of other stories) up to this many, without a sentence ending.
TEASER_MAX_WORDS = 20
#: A doubtful sentence right after a kept paragraph is the story's own short
#: line ("He declined to comment.") when it has this many words and at least
#: this share of the threshold's probability.
CLOSING_SENTENCE_MIN_WORDS = 6
CLOSING_SENTENCE_FACTOR = 0.5
#: Inside the body's extent (from its first to its last prose paragraph) a line goes on the
#: classifier's word only when its probability of being body is under this share of the threshold:
#: lists, table rows, code and short lines between paragraphs are the article's own unless the
#: evidence against them is strong.
INSIDE_FACTOR = 0.5
#: A page no rule finds furniture on above its last prose paragraph, with at most this many short lines (a menu
#: item's length, ``MENU_LINE_MAX_WORDS``, and no sentence ending) above its first prose paragraph, is an article
#: already clean: a headline, a dek, a byline, a date or a label stand there, never a menu. Nothing above the
#: furniture under it goes on the classifier's word. (The menus of scraped pages no rule recognised put 10 and
#: more short lines there on the evaluation pages; the clean bodies at most 5.)
CLEAN_PAGE_MAX_SHORT_ABOVE = 5
#: What trails the last sentence of an article already clean, down to the first furniture a rule finds under it,
#: goes on the classifier's word only when its probability of being body is under this share of the threshold (when
#: those lines hold fewer characters than the story above them, see :func:`clean_tail_end`): an
#: article's own last lines (an info box, a list of features, a source or a credit line) end no sentence, yet
#: a scraped page's footer is what the rules and the classifier find there with confidence.
CLEAN_TAIL_FACTOR = 0.3
#: Furniture that comes with the story itself, not with the page around it: a caption or photo credit above the
#: story's last paragraph does not make an article a scraped page (the rules still remove it).
STORY_FURNITURE_KINDS = frozenset({RemovalKind.CAPTION})
#: A kept line is a lone line among the page's furniture when at least this many removed lines stand right above it
#: and at least this many right under it,
LONE_LINE_MIN_REMOVED_AROUND = 2
#: and it holds under this share (0-1) of the kept text's characters: the story is elsewhere.
LONE_LINE_MAX_SHARE = 0.2


@dataclass(frozen=True, slots=True)
class BodyExtent:
    """Where the story runs, [start, end) in segments, and the probability of being body under which the
    classifier's word alone removes a line there (outside, its own threshold applies)."""

    start: int = 0
    end: int = 0
    floor: float = 0.0
    #: the rows of tables in the extent or against it (see :mod:`newsclean.noise.rows`): kept whatever their probability
    rows: frozenset[int] = frozenset()
    #: [end, tail_end) trails the story of an article already clean: a line there goes only when its probability
    #: of being body is under ``tail_floor``
    tail_end: int = 0
    tail_floor: float = 0.0


def prose_span(segments: Sequence[Segment], verdicts: Verdicts, probabilities: Sequence[float],
               threshold: float) -> tuple[int, int]:
    """[start, end) from the first to the last open prose paragraph the classifier keeps: the body's extent."""
    return _first_and_last(len(segments), lambda i: verdicts[i] is None and probabilities[i] >= threshold
                           and is_body_paragraph(segments[i].norm))


def _first_and_last(n: int, found: Callable[[int], bool]) -> tuple[int, int]:
    """[start, end) from the first to the last of ``range(n)`` that is ``found`` ((0, 0) when none is), read from
    either end: the lines between the two are not asked."""
    start = next((i for i in range(n) if found(i)), None)
    if start is None:
        return 0, 0
    return start, next(i for i in range(n - 1, start - 1, -1) if found(i)) + 1


def is_short_line(text: str) -> bool:
    """Whether ``text`` is as short as a menu item (words, at most ``MENU_LINE_MAX_WORDS``) and ends no sentence."""
    return 0 < word_count(text) <= MENU_LINE_MAX_WORDS and not ends_like_sentence(text)


def opens_on_story(segments: Sequence[Segment]) -> bool:
    """Whether at most ``CLEAN_PAGE_MAX_SHORT_ABOVE`` short lines stand above the page's first prose paragraph.

    A scraped page opens on its menus, runs of short lines; an article already
    cleaned opens on its header (a headline, a dek, a byline, a date) and its
    story. Lines without words (an invisible space, a rule) are no menu items.
    """
    short = 0
    for segment in segments:
        if is_body_paragraph(segment.norm):
            return True
        short += is_short_line(segment.norm)
        if short > CLEAN_PAGE_MAX_SHORT_ABOVE:
            return False
    return True


def clean_article_bound(segments: Sequence[Segment], verdicts: Verdicts) -> int | None:
    """Where the furniture under an article already clean starts (the first line a rule removed under its last
    prose paragraph, else the page's end), or None when the page is no such article.

    An article already clean opens on its story (:func:`opens_on_story`) and no rule finds the page's furniture
    above its last prose paragraph: the story's own (``STORY_FURNITURE_KINDS``, the captions and credits of its
    photos) may stand there, and what trails the story may be furniture (a copyright line, a credit); neither makes
    the story a scraped page. ``verdicts`` are the rule passes'.
    """
    if not opens_on_story(segments):
        return None
    judged = [v is not None for v in verdicts]
    # the story's last paragraph is the last one no rule took: prose in a reader thread the rules found under it
    # is not the story's
    last = max((i for i, s in enumerate(segments) if not judged[i] and is_body_paragraph(s.norm)), default=-1)
    if last < 0 or any(v is not None and v.rule.kind not in STORY_FURNITURE_KINDS for v in verdicts[:last]):
        return None
    return next((i for i in range(last, len(segments)) if judged[i]), len(segments))


def clean_tail_end(segments: Sequence[Segment], verdicts: Verdicts, end: int, furniture_under: int) -> int:
    """Where the tail of an article already clean ends: what trails its last sentence (from ``end``) down to the
    first furniture under it (``furniture_under``), when the open lines there hold fewer characters than the story
    above them; else ``end`` (no tail): lines outweighing the story they trail are no story's last lines."""
    def size(lines: range) -> int:
        return sum(len(segments[i].norm) for i in lines if verdicts[i] is None)
    return furniture_under if size(range(end, furniture_under)) < size(range(end)) else end


def last_sentence(segments: Sequence[Segment], verdicts: Verdicts) -> int:
    """Index of the last open line that ends like a sentence (-1 when none does): a story's closing line
    is a sentence, the furniture under it (footer links, labels) is not."""
    return next((i for i in range(len(segments) - 1, -1, -1)
                 if verdicts[i] is None and ends_like_sentence(segments[i].norm)), -1)


def kept_span(segments: Sequence[Segment], verdicts: Verdicts) -> tuple[int, int]:
    """[start, end) from the first to the last prose paragraph still kept (``(0, 0)`` when none is)."""
    return _first_and_last(len(segments), lambda i: verdicts[i] is None and is_body_paragraph(segments[i].norm))


def with_tables(segments: Sequence[Segment], verdicts: Verdicts, probabilities: Sequence[float],
                extent: BodyExtent) -> BodyExtent:
    """``extent`` grown over the tables in it or against it (:func:`~newsclean.noise.rows.attached_rows`), and
    over the prose the story goes on with under a table: the open paragraphs right after it that are at least
    as likely to be body as the extent asks of its lines. The runs of code inside it are kept as its rows are
    (:func:`~newsclean.noise.rows.code_rows`)."""
    rows, start, end = attached_rows(segments, verdicts, extent.start, extent.end)
    while rows and end > extent.end:
        after = next((i for i in range(end, len(segments)) if verdicts[i] is None), None)
        if after is None or not is_body_paragraph(segments[after].norm) or probabilities[after] < extent.floor:
            break
        more, start, end = attached_rows(segments, verdicts, start, after + 1)
        rows = rows | more
    return BodyExtent(start, end, extent.floor, rows | code_rows(segments, verdicts, start, end),
                      extent.tail_end, extent.tail_floor)


def judge_by_model(segments: Sequence[Segment], verdicts: Verdicts, probabilities: Sequence[float],
                   threshold: float, extent: BodyExtent = BodyExtent()) -> Verdicts:
    """Last pass: open lines the classifier finds unlikely to be body, with a kind read from their shape."""
    out = list(verdicts)
    previous_kept: str | None = None
    for i, (segment, p) in enumerate(zip(segments, probabilities)):
        if out[i] is not None:
            continue
        if i in extent.rows or (extent.start <= i < extent.end and p >= extent.floor) or (
                extent.end <= i < extent.tail_end and p >= extent.tail_floor):
            previous_kept = segment.norm
            continue
        text = segment.norm
        if p >= threshold or (  # or a closing sentence
                p >= threshold * CLOSING_SENTENCE_FACTOR and previous_kept is not None
                and is_body_paragraph(previous_kept) and word_count(text) >= CLOSING_SENTENCE_MIN_WORDS
                and ends_like_sentence(text)):
            previous_kept = text
            continue
        score = round(1.0 - p, 3)
        n = word_count(text)
        if n <= MENU_LINE_MAX_WORDS:
            out[i] = Verdict(MENU_LINE, score)
        elif n <= TEASER_MAX_WORDS and not ends_like_sentence(text):
            out[i] = Verdict(TEASER_LINE, score)
        else:
            out[i] = Verdict(OFF_BODY_TEXT, score)
    return out


def needs_rescue(segments: Sequence[Segment], verdicts: Verdicts) -> bool:
    """Whether the classifier left no body: nothing at all, or only scraps while it removed prose paragraphs."""
    kept = [s for s, v in zip(segments, verdicts) if v is None]
    if not kept:
        return True
    if any(is_body_paragraph(s.norm) for s in kept):
        return False
    return any(v is not None and v.rule in MODEL_RULES and is_body_paragraph(s.norm)
               for s, v in zip(segments, verdicts))


def rescue_body(segments: Sequence[Segment], verdicts: Verdicts, probabilities: Sequence[float]) -> Verdicts:
    """When the classifier left no body, give back its most likely body rather than reject the page.

    First the prose paragraphs it removed; failing those, the densest run of
    lines judged against half the page's best probability.
    """
    if not needs_rescue(segments, verdicts):
        return list(verdicts)
    by_model = [i for i, v in enumerate(verdicts) if v is not None and v.rule in MODEL_RULES]
    keep = [i for i in by_model if is_body_paragraph(segments[i].norm)]
    if not keep and by_model:
        ceiling = max(probabilities[i] for i in by_model) or 1.0
        removed = set(by_model)
        shifted = [p / ceiling if i in removed else 0.0 for i, p in enumerate(probabilities)]
        start, end = body_region(shifted, [math.log1p(word_count(s.norm)) for s in segments])
        keep = [i for i in by_model if start <= i < end]
    out = list(verdicts)
    for i in keep:
        out[i] = None
    return out


def lone_lines(segments: Sequence[Segment], verdicts: Verdicts) -> list[int]:
    """The kept lines standing alone among removed ones: each has at least ``LONE_LINE_MIN_REMOVED_AROUND`` removed
    lines right above it and right under it, and holds under ``LONE_LINE_MAX_SHARE`` of the kept text. A line
    under the article's header (the removed lines right above it hold its headline, dek, dateline or byline) opens
    the story and is never lone.

    A story is a run of kept lines; a single line the classifier kept in the middle of menus, teasers and forms
    is a blurb, an author's note or the heading of a box whose items went. Only the verdicts given reach the
    count: the lines this finds do not make their neighbours lone in turn.
    """
    kept = [i for i, v in enumerate(verdicts) if v is None]
    total = sum(len(segments[i].norm) for i in kept)
    found = []
    bounds = [-1, *kept, len(verdicts)]  # the page's edges stand as kept lines
    for n, i in enumerate(kept, start=1):
        above, under = i - bounds[n - 1] - 1, bounds[n + 1] - i - 1
        if (min(above, under) >= LONE_LINE_MIN_REMOVED_AROUND and len(segments[i].norm) < LONE_LINE_MAX_SHARE * total
                and not any(v is not None and v.rule.fills is not None for v in verdicts[bounds[n - 1] + 1:i])):
            found.append(i)  # the header's lines right above it would make it the story's first
    return found


def body_start(segments: Sequence[Segment], verdicts: Verdicts, probabilities: Sequence[float],
               threshold: float) -> int | None:
    """Index of the body's first paragraph as the classifier sees it (None when it sees none)."""
    open_body = [i for i, p in enumerate(probabilities) if verdicts[i] is None and p >= threshold]
    return next((i for i in open_body if is_body_paragraph(segments[i].norm)), open_body[0] if open_body else None)


class Classifier:
    """The classifier's passes, with what they need: the line model, its stop words, and the neighbour and header
    passes' settings (to judge the kept lines again as a new run would)."""

    def __init__(self, model: LineModel, config: NoiseConfig, identifier: LanguageIdentifier, stopwords: StopWords,
                 *, header_limit: int) -> None:
        self.model = model
        self.config = config
        self.identifier = identifier
        self.stopwords = stopwords
        self.header_limit = header_limit

    def judge(self, segments: Sequence[Segment], verdicts: Verdicts, language: str | None,
              page: PageMemo | None = None) -> tuple[Verdicts, bool]:
        """The header and classifier passes over the lines the rules left open; whether the body was rescued.

        Inside the body's extent a line needs strong evidence to go (see
        ``INSIDE_FACTOR``). A page on which no rule finds any furniture is
        judged as body from top to bottom. A page that opens on its story (no
        menu above its first prose paragraph), with no furniture found above its
        last paragraph, is an article already clean (:func:`clean_article_bound`):
        the classifier removes nothing from it down to its last sentence or the
        first furniture under the story, and what trails its last sentence only on
        strong evidence (``CLEAN_TAIL_FACTOR``), and the header pass
        takes its headline and dek only when a dateline or byline shows the header.
        ``page`` holds what is known of the page so far (its line features and
        scores with the stop words of ``language``, the passes already made).
        """
        judged = [v is not None for v in verdicts]
        page = page if page is not None else PageMemo()
        memo = page.scoring(language)  # the page's features and scores, for every scoring below
        probabilities = self.model.score(segments, judged, self.stopwords.for_language(language), memo)
        threshold = self.config.classifier_threshold or self.model.threshold
        start = body_start(segments, verdicts, probabilities, threshold)
        furniture_under = clean_article_bound(segments, verdicts)
        clean = furniture_under is not None
        verdicts = page.header(segments, verdicts, header_limit=self.header_limit, body_start=start,
                               clean_article=clean)
        if furniture_under is not None:
            # an article already clean, but for what trails its last sentence
            verdicts = judge_repeats(segments, verdicts, kept_span(segments, verdicts))  # as a new run sees it
            end = min(last_sentence(segments, verdicts) + 1, furniture_under)
            extent = BodyExtent(0, end, 0.0, tail_end=clean_tail_end(segments, verdicts, end, furniture_under),
                                tail_floor=threshold * CLEAN_TAIL_FACTOR)
        elif any(judged):
            extent = BodyExtent(*prose_span(segments, verdicts, probabilities, threshold), threshold * INSIDE_FACTOR)
        else:
            extent = BodyExtent(0, len(segments), threshold * INSIDE_FACTOR)
        extent = with_tables(segments, verdicts, probabilities, extent)
        verdicts = judge_by_model(segments, verdicts, probabilities, threshold, extent)
        verdicts, settled = self._settle(segments, verdicts, probabilities, threshold, language, memo, extent)
        for _ in range(SETTLE_MAX_ROUNDS):
            if not settled:
                break
            # repeats first: a new run over the output would not see the ones removed
            verdicts = judge_repeats(segments, verdicts, kept_span(segments, verdicts))
            again = self._header_again(segments, verdicts, threshold, language, page, clean_article=clean)
            if again == verdicts:
                break
            verdicts, settled = self._settle(segments, again, probabilities, threshold, language, memo, extent)
        rescued = not settled or needs_rescue(segments, verdicts)
        verdicts = rescue_body(segments, verdicts, probabilities)
        if not rescued:
            verdicts = list(verdicts)
            for i in lone_lines(segments, verdicts):
                verdicts[i] = Verdict.of(LONE_LINE)
        return judge_repeats(segments, verdicts, kept_span(segments, verdicts)), rescued

    def _settle(self, segments: Sequence[Segment], verdicts: Verdicts, probabilities: list[float],
                threshold: float, language: str | None, memo: ScoringMemo,
                extent: BodyExtent = BodyExtent()) -> tuple[Verdicts, bool]:
        """Judge what is left again, as a new run would see it, until the classifier keeps all of it.

        The classifier reads each line's neighbours, so removing a line can
        change its view of the ones beside it; settling here is what makes
        cleaning the output again change nothing. Returns whether it settled:
        a page that keeps crumbling (a table of numbers) has no clear body.
        """
        stopwords = self.stopwords.for_language(language)
        for _ in range(SETTLE_MAX_ROUNDS):
            kept = [i for i, v in enumerate(verdicts) if v is None]
            if not kept:
                return verdicts, True
            again = self.model.score([segments[i] for i in kept], [False] * len(kept), stopwords, memo)
            for i, p in zip(kept, again):
                probabilities[i] = p
            # settled when the classifier, reading the kept lines alone, would remove none of them
            judged = judge_by_model(segments, verdicts, probabilities, threshold, extent)
            if judged == verdicts:
                return verdicts, True
            verdicts = judged
        return verdicts, False

    def _header_again(self, segments: Sequence[Segment], verdicts: Verdicts, threshold: float,
                      language: str | None, page: PageMemo, *, clean_article: bool = False) -> Verdicts:
        """The neighbour and header passes over the kept lines alone, as a new run over the output would make them.

        Header lines found now, after the first headline was taken, are
        recorded as header lines rather than as a second headline. On an article
        already clean the header needs the evidence it needs on the first pass
        (see :func:`~newsclean.noise.header.judge_header`).
        """
        kept = [i for i, v in enumerate(verdicts) if v is None]
        if not kept:
            return verdicts
        lines = [segments[i] for i in kept]
        fresh = page.neighbours(lines, [None] * len(lines), language, self.identifier, self.config, repeats=False,
                                furniture=True)
        scores = self.model.score(lines, [v is not None for v in fresh], self.stopwords.for_language(language),
                                  page.scoring(language))
        start = body_start(lines, fresh, scores, threshold)
        fresh = page.header(lines, fresh, header_limit=self.header_limit, body_start=start,
                            clean_article=clean_article)
        return judged_again(verdicts, kept, fresh)
