"""Take the page furniture out of the body, keeping every removal with its reason.

Segments are judged in three passes, as jusText does: each line alone against
the boilerplate vocabulary (:mod:`newsclean.rules.noise`); then with its
neighbours (a video title above its blurb, lists of dated headlines, blocks in
another language, repeated lines, the short lines trailing the story); then
the article's header region, whose headline, dek, dateline and byline move
into their own fields rather than staying in the body.
"""

from __future__ import annotations

import dataclasses
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from ..config import NoiseConfig
from ..document import Doc, Removal, Segment
from ..text.language import LanguageIdentifier, StopWords
from ..text.linemodel import LineModel
from ..records import PageStatus, RemovalKind, StageName
from ..rules.dates import SCRAPER_HEADER as SCRAPER_HEADER_PATTERN
from ..rules.dates import date_only, listed_dates
from ..rules.noise import COMMENT_HEADER, LINE_RULES, PUBLISHED_BLURB, LineRule
from ..rules.registry import (BYLINE as BYLINE_RULE, COMMENT_THREAD, DATED_LIST, DATELINE, DEK, FOREIGN_LANGUAGE,
                              HEADER_LINE, HEADLINE, MENU_LINE, MODEL_RULES, OFF_BODY_TEXT, PAGE_TAIL,
                              REPEATED_LINE, SCRAPER_HEADER as SCRAPER_HEADER_RULE, SCRAPER_SUMMARY,
                              SECTION_LABEL, TEASER_LINE, VIDEO_TITLE)
from ..rules.rule import Rule
from ..text.features import LineMemo, body_region
from ..text.shape import (DEK_MAX_WORDS, ends_like_sentence, header_end, is_body_paragraph,
                          is_headline_shaped, is_title_case, word_count)

#: Lines longer than this (characters) are never boilerplate lines; skipping
#: them also bounds the cost of the line patterns.
LINE_RULE_MAX_CHARS = 1500
#: A section label ("World News", "Politics") has at most this many words.
SECTION_LABEL_MAX_WORDS = 4
#: Lines after the story's last paragraph with at most this many words and no
#: sentence ending are page furniture (footer links, tags).
TAIL_MAX_WORDS = 8
#: A repeated line must have this many words to count as a duplicate (short
#: repeats such as "* * *" are structure).
DUPLICATE_MIN_WORDS = 3
#: A line of a foreign block stays when, alone, it is at least this likely (0-1)
#: to be in the document's language (names and numbers often are).
FOREIGN_LINE_MAX_PROBABILITY = 0.5
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
#: A page no rule finds furniture on, with a prose paragraph among its first this many lines, is an
#: article already clean (a headline, perhaps a dek, then the story): nothing goes on the classifier's word.
CLEAN_PAGE_PROSE_WITHIN = 4
#: Rounds of re-judging the kept lines before the classifier's verdicts settle.
SETTLE_MAX_ROUNDS = 8
#: The heading right above a list of dated headlines goes with it, at this confidence (0-1).
DATED_LIST_HEADING_SCORE = 0.85
#: A dek found as the page's description is trusted this much (0-1); one found by shape, its rule's score.
KNOWN_DEK_SCORE = 0.8
#: A video title stands right above its blurb and is at most this long (words).
VIDEO_TITLE_MAX_WORDS = 16
BYLINE_PATTERN = re.compile(r"(?i:by|por|von|par|di|door)\s+[A-Z][\w’'.-]+(?:[\s,]+(?:and\s+)?[A-Z][\w’'.-]+){0,6}\.?"
                    r"(?:\s*[|,–—-]\s*.{0,40})?")


@dataclass(frozen=True, slots=True)
class Verdict:
    """Why a segment is not body text: the rule, and the confidence in this removal (0-1)."""

    rule: Rule
    score: float

    @classmethod
    def of(cls, rule: Rule) -> Verdict:
        """A removal by ``rule`` at the rule's own score."""
        return cls(rule, rule.score)

    @property
    def kind(self) -> RemovalKind:
        return self.rule.kind


Verdicts = list[Verdict | None]


@dataclass(frozen=True, slots=True)
class BodyExtent:
    """Where the story runs, [start, end) in segments, and the probability of being body under which the
    classifier's word alone removes a line there (outside, its own threshold applies)."""

    start: int = 0
    end: int = 0
    floor: float = 0.0


def user_rules(config: NoiseConfig) -> tuple[LineRule, ...]:
    """The user's own boilerplate patterns as line rules, named ``<kind>.user_<n>``."""
    return tuple(
        LineRule(f"{kind.value}.user_{n}", pattern, max_words=10_000)
        for kind, patterns in config.extra_patterns.items()
        for n, pattern in enumerate(patterns)
    )


#: Line rules ready to apply: each one's word limit, what every match of it holds (and whether
#: that is to be found in the line as it is or lower-cased), its whole-line matcher and its
#: verdict, in order.
PreparedRules = tuple[tuple[int, tuple[str, ...], bool, Callable[[str], object], Verdict], ...]


def prepare_rules(rules: Sequence[LineRule]) -> PreparedRules:
    """``rules`` compiled, with their verdicts made, for judging many lines."""
    return tuple((rule.max_words, rule.needs, not rule.flags & re.IGNORECASE, rule.regex.fullmatch,
                  Verdict.of(rule)) for rule in rules)


@cache
def _built_in_rules() -> PreparedRules:
    return prepare_rules(LINE_RULES)


def judge_line(text: str, rules: PreparedRules | None = None) -> Verdict | None:
    """The first boilerplate rule (of ``rules``, else the built-in ones) that matches the whole line
    (spaces of any kind folded), if any."""
    if len(text) > LINE_RULE_MAX_CHARS:
        return None
    text = " ".join(text.split())
    n_words = word_count(text)
    # a rule ignoring case finds its words in the lower-cased line only when the line is ASCII:
    # elsewhere a pattern ignoring case matches more than lower() shows ("ı" for "i")
    lowered = text.lower() if text.isascii() else None
    for max_words, needs, exact_case, fullmatch, verdict in rules if rules is not None else _built_in_rules():
        if n_words > max_words:
            continue
        if needs and (haystack := text if exact_case else lowered) is not None:
            for needed in needs:
                if needed in haystack:
                    break
            else:
                continue  # the line lacks what every match of the rule holds
        if fullmatch(text):
            return verdict
    return None


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


_LETTER = re.compile(r"[^\W\d_]")


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
    author repeats) is the article's own; a copy in the header, a sidebar or
    the footer is furniture, and so is a run of lines copying an earlier run
    (the story, or part of it, printed twice). Only the open lines are read,
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
    keys = [_fold(segments[i].norm) for i in open_idx]
    first: dict[str, int] = {}
    earlier = [first.setdefault(key, n) for n, key in enumerate(keys)]  # each line's first copy
    repeated = [m != n and word_count(segments[open_idx[n]].norm) >= DUPLICATE_MIN_WORDS
                for n, m in enumerate(earlier)]

    def in_block(n: int) -> bool:  # a neighbour repeats the first copy's neighbour too
        m = earlier[n]
        return any(0 <= n + d < len(keys) and 0 <= m + d < len(keys) and m + d != n + d
                   and keys[n + d] == keys[m + d] for d in (-1, 1))

    return [open_idx[n] for n, m in enumerate(earlier)
            if repeated[n] and (not span[0] <= open_idx[m] < open_idx[n] < span[1] or in_block(n))]


def _judge_comment_thread(segments: Sequence[Segment], verdicts: Verdicts) -> Verdicts:
    """Everything from the first comment header ("<name> on <date> said:") after the story's text to the end."""
    seen_body = False
    for i, (segment, verdict) in enumerate(zip(segments, verdicts)):
        if verdict is None and is_body_paragraph(segment.norm):
            seen_body = True
        elif seen_body and verdict is not None and verdict.rule is COMMENT_HEADER:
            return list(verdicts[:i]) + [
                v or Verdict.of(COMMENT_THREAD) for v in verdicts[i:]]
    return list(verdicts)


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
    run that reads as the document's language on its own stays.
    """
    flags = [False] * len(segments)
    if language is None:
        return flags
    run: list[int] = []
    for i in range(len(segments) + 1):
        if i < len(segments) and verdicts[i] is not None:
            continue
        if i < len(segments) and not is_body_paragraph(segments[i].norm):
            run.append(i)
            continue
        text = "\n".join(segments[j].norm for j in run)
        if len(text) >= config.foreign_block_min_chars:
            guess = identifier.identify(text)
            if (guess.code not in (None, language)
                    and identifier.probability(text, language) <= config.foreign_block_max_probability):
                for j in run:
                    flags[j] = identifier.probability(segments[j].norm, language) < FOREIGN_LINE_MAX_PROBABILITY
        run = []
    return flags


def judge_header(
    segments: Sequence[Segment], verdicts: Verdicts, *, header_limit: int, known_title: str | None = None,
    known_dek: str | None = None, body_start: int | None = None,
) -> Verdicts:
    """Third pass: the header region's headline, dek, dateline, byline and section labels.

    The header region is the ``header_limit`` open lines above the body's
    first line (``body_start``, when the classifier found it), else the open
    lines above the first body paragraph. With ``known_title`` (HTML, whose
    metadata names the headline) only a line equal to it is taken as the
    headline, only a line equal to ``known_dek`` as the dek, and other lines
    are left alone (the extractor already chose them); plain text has to go
    by shape.
    """
    from_page = known_title is not None
    out = list(verdicts)
    start = 0
    if segments and SCRAPER_HEADER_PATTERN.match(segments[0].norm):
        out[0] = Verdict.of(SCRAPER_HEADER_RULE)
        start = 1
        # the rest of the header line is the scraper's title or summary field;
        # a longer run-on is the body itself, written on the same line
        if len(segments) > 1 and segments[1].block == segments[0].block and out[1] is None \
                and word_count(segments[1].norm) <= DEK_MAX_WORDS:
            out[1] = Verdict.of(SCRAPER_SUMMARY)
            start = 2
    open_idx = [i for i in range(start, len(segments)) if out[i] is None]
    if body_start is None:
        window = open_idx[:header_end([segments[i].norm for i in open_idx], header_limit)]
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
            out[i] = Verdict.of(BYLINE_RULE)
        elif title_at is None and _is_title(text, known_title):
            out[i] = Verdict.of(HEADLINE)
            title_at = i
        elif from_page:
            # a description holding the story itself is no dek: its line stays in the body
            if known_dek is not None and _fold(text) == _fold(known_dek) and word_count(text) <= DEK_MAX_WORDS:
                out[i] = Verdict(DEK, KNOWN_DEK_SCORE)
        elif title_at is not None and dek_at is None and word_count(text) <= DEK_MAX_WORDS:
            # the first line under the headline (past dateline and byline) that is no body paragraph
            out[i] = Verdict.of(DEK)
            dek_at = i
        elif word_count(text) <= SECTION_LABEL_MAX_WORDS and is_title_case(text) and not ends_like_sentence(text) \
                and _LETTER.search(text):  # a label has words: a lone number is a table's cell or a count
            out[i] = Verdict.of(SECTION_LABEL)
        elif title_at is not None and is_headline_shaped(text):
            # kickers, photo titles and teasers between the headline and the story
            out[i] = Verdict.of(HEADER_LINE)
    if all(v is not None for v in out) and title_at is not None:
        # a text that is nothing but a headline keeps it as its body, so cleaning it again changes nothing
        out[dek_at if dek_at is not None else title_at] = None
    return out


def _is_title(text: str, known_title: str | None) -> bool:
    if known_title is not None:
        return _fold(text) == _fold(known_title)
    return is_headline_shaped(text) and word_count(text) > SECTION_LABEL_MAX_WORDS - 1


def body_language(segments: Sequence[Segment], identifier: LanguageIdentifier) -> str | None:
    """The language of the document's prose (its body-like paragraphs, or all of it when there are none)."""
    prose = [s.norm for s in segments if is_body_paragraph(s.norm)] or [s.norm for s in segments]
    return identifier.identify("\n".join(prose)).code


def removals_for(segments: Sequence[Segment], verdicts: Verdicts) -> tuple[Removal, ...]:
    """The removal records of every judged segment."""
    return tuple(
        Removal(v.rule, s.start, s.end, s.text, v.score)
        for s, v in zip(segments, verdicts) if v is not None
    )


def prose_span(segments: Sequence[Segment], verdicts: Verdicts, probabilities: Sequence[float],
               threshold: float) -> tuple[int, int]:
    """[start, end) from the first to the last open prose paragraph the classifier keeps: the body's extent."""
    inside = [i for i, (s, v, p) in enumerate(zip(segments, verdicts, probabilities))
              if v is None and p >= threshold and is_body_paragraph(s.norm)]
    return (inside[0], inside[-1] + 1) if inside else (0, 0)


def starts_with_prose(segments: Sequence[Segment]) -> bool:
    """Whether a prose paragraph stands among the page's first ``CLEAN_PAGE_PROSE_WITHIN`` lines.

    A scraped page opens on its menus; an article already cleaned opens on its
    headline and its first paragraphs.
    """
    return any(is_body_paragraph(s.norm) for s in segments[:CLEAN_PAGE_PROSE_WITHIN])


def last_sentence(segments: Sequence[Segment], verdicts: Verdicts) -> int:
    """Index of the last open line that ends like a sentence (-1 when none does): a story's closing line
    is a sentence, the furniture under it (footer links, labels) is not."""
    return max((i for i, (s, v) in enumerate(zip(segments, verdicts)) if v is None and ends_like_sentence(s.norm)),
               default=-1)


def kept_span(segments: Sequence[Segment], verdicts: Verdicts) -> tuple[int, int]:
    """[start, end) from the first to the last prose paragraph still kept (``(0, 0)`` when none is)."""
    inside = [i for i, (s, v) in enumerate(zip(segments, verdicts)) if v is None and is_body_paragraph(s.norm)]
    return (inside[0], inside[-1] + 1) if inside else (0, 0)


def judge_by_model(segments: Sequence[Segment], verdicts: Verdicts, probabilities: Sequence[float],
                   threshold: float, extent: BodyExtent = BodyExtent()) -> Verdicts:
    """Last pass: open lines the classifier finds unlikely to be body, with a kind read from their shape."""
    out = list(verdicts)
    previous_kept: str | None = None
    for i, (segment, p) in enumerate(zip(segments, probabilities)):
        if out[i] is not None:
            continue
        if extent.start <= i < extent.end and p >= extent.floor:
            previous_kept = segment.norm
            continue
        text = segment.norm
        closing = (previous_kept is not None and is_body_paragraph(previous_kept) and ends_like_sentence(text)
                   and word_count(text) >= CLOSING_SENTENCE_MIN_WORDS and p >= threshold * CLOSING_SENTENCE_FACTOR)
        if p >= threshold or closing:
            previous_kept = text
            continue
        score = round(1.0 - p, 3)
        if word_count(text) <= MENU_LINE_MAX_WORDS:
            out[i] = Verdict(MENU_LINE, score)
        elif not ends_like_sentence(text) and word_count(text) <= TEASER_MAX_WORDS:
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


def body_start(segments: Sequence[Segment], verdicts: Verdicts, probabilities: Sequence[float],
               threshold: float) -> int | None:
    """Index of the body's first paragraph as the classifier sees it (None when it sees none)."""
    open_body = [i for i, p in enumerate(probabilities) if verdicts[i] is None and p >= threshold]
    paragraphs = [i for i in open_body if is_body_paragraph(segments[i].norm)]
    return (paragraphs or open_body or [None])[0]


class NoiseStage:
    """Removes boilerplate segments and records each removal with its kind and rule."""

    name = StageName.NOISE

    def __init__(self, config: NoiseConfig, identifier: LanguageIdentifier, *, header_limit: int,
                 model: LineModel | None = None, stopwords: StopWords | None = None) -> None:
        self.config = config
        self.identifier = identifier
        self.header_limit = header_limit
        self.model = model
        self.stopwords = stopwords or StopWords()
        self.rules = prepare_rules(user_rules(config) + LINE_RULES)

    def rule_verdicts(self, doc: Doc, *, repeats: bool = True) -> tuple[Verdicts, str | None]:
        """The verdicts of the rule passes (each line alone, then with its neighbours) and the body's language.

        ``repeats=False`` leaves repeated lines open (see :func:`judge_repeats`). The page's furniture
        (dated lists, foreign blocks) is only judged in page text, not in an extractor's output.
        """
        segments = doc.segments
        verdicts: Verdicts = [judge_line(s.norm, self.rules) for s in segments]
        language = body_language(segments, self.identifier)
        verdicts = judge_neighbours(
            segments, verdicts, repeats=repeats, furniture=doc.page is None or doc.page.from_page_text,
            foreign=lambda segs, judged: foreign_blocks(segs, judged, language, self.identifier, self.config))
        return verdicts, language

    def judge(self, doc: Doc) -> tuple[Verdicts, bool]:
        """Every segment's verdict (None for body text), and whether the body had to be rescued.

        A rescued body is the classifier's best guess on a page where it saw
        no article (an index page, a table, a wall): the record says so.
        """
        rescued = False
        segments = doc.segments
        page = doc.page
        from_extractor = page is not None and not page.from_page_text
        # with the classifier, repeats are judged once the body's extent is known; an extractor's output
        # repeats only what the article does (code, a refrain, a table's rows): measured on every evaluation
        # source, removing its repeats cost recall (0.021 F1 on pages-readability) for 0.001 on pages
        verdicts, language = self.rule_verdicts(doc, repeats=not from_extractor and self.model is None)
        if from_extractor:  # HTML: the extractors took the furniture out
            # no dek: a line equal to the page's description is more often its lede, which pages reuse
            # as their description, than a standfirst (measured: taking it cost recall on two sources of three)
            verdicts = judge_header(segments, verdicts, header_limit=self.header_limit,
                                    known_title=page.title or "")
        elif self.model is None:
            verdicts = judge_tail(segments, verdicts)
            verdicts = judge_header(segments, verdicts, header_limit=self.header_limit)
        else:
            verdicts, rescued = self._judge_with_model(segments, verdicts, language)
        keep = self.config.keep_kinds
        verdicts = [v if v is None or v.kind not in keep else None for v in verdicts]
        if self.model is not None and not from_extractor and not rescued:
            verdicts = self._judge_output_again(doc, verdicts)
        return verdicts, rescued

    def _judge_output_again(self, doc: Doc, verdicts: Verdicts) -> Verdicts:
        """Judge the kept lines again as a new run over the output would; what it removes goes now.

        Cleaning is idempotent by construction: the body's extent, the header
        and the repeats of a page read differently once its furniture is gone,
        and what a second run would remove is removed now. One call suffices:
        :meth:`judge` on the kept lines judges its own output again in turn, so
        it returns what no further run would change. A headline or dek found
        again, after the first headline was taken, is recorded as a header line.
        """
        kept = [i for i, v in enumerate(verdicts) if v is None]
        if not kept or len(kept) == len(verdicts):
            return verdicts
        again, rescued = self.judge(dataclasses.replace(doc, segments=tuple(doc.segments[i] for i in kept)))
        if rescued:
            return verdicts
        out = list(verdicts)
        titled = any(v is not None and v.rule is HEADLINE for v in out)
        for i, verdict in zip(kept, again):
            if verdict is not None and titled and verdict.rule in (HEADLINE, DEK):
                verdict = Verdict.of(HEADER_LINE)
            out[i] = verdict
        return out

    def _judge_with_model(self, segments: Sequence[Segment], verdicts: Verdicts,
                          language: str | None) -> tuple[Verdicts, bool]:
        """The header and classifier passes over the lines the rules left open; whether the body was rescued.

        Inside the body's extent a line needs strong evidence to go (see
        ``INSIDE_FACTOR``). A page on which no rule finds any furniture is
        judged as body from top to bottom, and when its prose also starts at its
        top it is an article already clean: the classifier removes nothing from
        it down to its last paragraph (the header pass still takes its headline,
        dek, dateline and byline), only what trails its last sentence.
        """
        assert self.model is not None
        judged = [v is not None for v in verdicts]
        memo: LineMemo = {}  # this document's line features, shared by every scoring below
        probabilities = self.model.score(segments, judged, self.stopwords.for_language(language), memo)
        threshold = self.config.classifier_threshold or self.model.threshold
        start = body_start(segments, verdicts, probabilities, threshold)
        verdicts = judge_header(segments, verdicts, header_limit=self.header_limit, body_start=start)
        if any(judged):
            extent = BodyExtent(*prose_span(segments, verdicts, probabilities, threshold), threshold * INSIDE_FACTOR)
        elif starts_with_prose(segments):  # an article already clean, but for what trails its last sentence
            verdicts = judge_repeats(segments, verdicts, kept_span(segments, verdicts))  # as a new run sees it
            extent = BodyExtent(0, last_sentence(segments, verdicts) + 1, 0.0)
        else:
            extent = BodyExtent(0, len(segments), threshold * INSIDE_FACTOR)
        verdicts = judge_by_model(segments, verdicts, probabilities, threshold, extent)
        verdicts, settled = self._settle(segments, verdicts, probabilities, threshold, language, memo, extent)
        for _ in range(SETTLE_MAX_ROUNDS):
            if not settled:
                break
            # repeats first: a new run over the output would not see the ones removed
            verdicts = judge_repeats(segments, verdicts, kept_span(segments, verdicts))
            again = self._header_again(segments, verdicts, threshold, language, memo)
            if again == verdicts:
                break
            verdicts, settled = self._settle(segments, again, probabilities, threshold, language, memo, extent)
        rescued = not settled or needs_rescue(segments, verdicts)
        verdicts = rescue_body(segments, verdicts, probabilities)
        return judge_repeats(segments, verdicts, kept_span(segments, verdicts)), rescued

    def _settle(self, segments: Sequence[Segment], verdicts: Verdicts, probabilities: list[float],
                threshold: float, language: str | None, memo: LineMemo,
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
                      language: str | None, memo: LineMemo) -> Verdicts:
        """The neighbour and header passes over the kept lines alone, as a new run over the output would make them.

        Header lines found now, after the first headline was taken, are
        recorded as header lines rather than as a second headline.
        """
        kept = [i for i, v in enumerate(verdicts) if v is None]
        if not kept:
            return verdicts
        lines = [segments[i] for i in kept]
        fresh = judge_neighbours(
            lines, [None] * len(lines), repeats=False,
            foreign=lambda segs, judged: foreign_blocks(segs, judged, language, self.identifier, self.config))
        scores = self.model.score(lines, [v is not None for v in fresh], self.stopwords.for_language(language), memo)
        start = body_start(lines, fresh, scores, threshold)
        fresh = judge_header(lines, fresh, header_limit=self.header_limit, body_start=start)
        out = list(verdicts)
        titled = any(v is not None and v.rule is HEADLINE for v in verdicts)
        for i, verdict in zip(kept, fresh):
            if verdict is not None and titled and verdict.rule in (HEADLINE, DEK):
                verdict = Verdict.of(HEADER_LINE)
            out[i] = verdict
        return out

    def __call__(self, doc: Doc) -> Doc:
        verdicts, rescued = self.judge(doc)
        kept = tuple(s for s, v in zip(doc.segments, verdicts) if v is None)
        doc = dataclasses.replace(doc, segments=kept, removals=doc.removals + removals_for(doc.segments, verdicts))
        if rescued:
            doc = dataclasses.replace(doc, status=PageStatus.NO_CLEAR_BODY, warnings=doc.warnings + (
                "no clear article body: the classifier saw none, so the page's most likely lines were kept",))
        return doc
