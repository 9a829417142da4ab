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
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..config import NoiseConfig
from ..document import Doc, Removal, Segment
from ..language import LanguageIdentifier
from ..records import RemovalKind, StageName
from ..rules.dates import SCRAPER_HEADER
from ..rules.noise import LINE_RULES, LineRule
from ..shape import ends_like_sentence, is_body_paragraph, is_headline_shaped, is_title_case, word_count
from .dates import date_only, header_end, listed_dates

#: Lines longer than this (characters) are never boilerplate lines; skipping
#: them also bounds the cost of the line patterns.
LINE_RULE_MAX_CHARS = 1500
#: A section label ("World News", "Politics") has at most this many words.
SECTION_LABEL_MAX_WORDS = 4
#: A dek (the summary under a headline) has at most this many words.
DEK_MAX_WORDS = 60
#: Lines after the story's last paragraph with at most this many words and no
#: sentence ending are page furniture (footer links, tags).
TAIL_MAX_WORDS = 8
#: A repeated line must have this many words to count as a duplicate (short
#: repeats such as "* * *" are structure).
DUPLICATE_MIN_WORDS = 3
#: A line of a foreign block stays when, alone, it is at least this likely (0-1)
#: to be in the document's language (names and numbers often are).
FOREIGN_LINE_MAX_PROBABILITY = 0.5
#: A video title stands right above its blurb and is at most this long (words).
VIDEO_TITLE_MAX_WORDS = 16
BYLINE = re.compile(r"(?i:by|por|von|par|di|door)\s+[A-Z][\w’'.-]+(?:[\s,]+(?:and\s+)?[A-Z][\w’'.-]+){0,6}\.?"
                    r"(?:\s*[|,–—-]\s*.{0,40})?")


@dataclass(frozen=True, slots=True)
class Verdict:
    """Why a segment is not body text."""

    kind: RemovalKind
    rule: str
    score: float


Verdicts = list[Verdict | None]


def user_rules(config: NoiseConfig) -> tuple[LineRule, ...]:
    """The user's own boilerplate patterns as line rules, named ``<kind>.user_<n>``."""
    return tuple(
        LineRule(f"{kind.value}.user_{n}", pattern, max_words=10_000)
        for kind, patterns in config.extra_patterns.items()
        for n, pattern in enumerate(patterns)
    )


def judge_line(text: str, rules: Sequence[LineRule] = LINE_RULES) -> Verdict | None:
    """The first boilerplate rule that matches the whole line (spaces of any kind folded), if any."""
    if len(text) > LINE_RULE_MAX_CHARS:
        return None
    text = " ".join(text.split())
    n_words = word_count(text)
    for rule in rules:
        if n_words <= rule.max_words and rule.regex.fullmatch(text):
            return Verdict(rule.kind, rule.id, rule.score)
    return None


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


ForeignFinder = Callable[[Sequence[Segment], Verdicts], list[bool]]


def judge_neighbours(
    segments: Sequence[Segment], verdicts: Verdicts, *, foreign: ForeignFinder | None = None
) -> Verdicts:
    """Second pass: verdicts that need the segments around a line.

    ``foreign`` finds the lines written in another language than the
    document's; it sees the verdicts reached so far.
    """
    out = list(verdicts)
    for i, verdict in enumerate(verdicts):
        # the title of an embedded video stands right above its blurb
        if verdict and verdict.rule == "media.published_blurb" and i > 0 and out[i - 1] is None:
            above = segments[i - 1].norm
            if is_headline_shaped(above) and word_count(above) <= VIDEO_TITLE_MAX_WORDS:
                out[i - 1] = Verdict(RemovalKind.MEDIA, "media.video_title", 0.8)
    for i in sorted(listed_dates(segments)):
        out[i] = Verdict(RemovalKind.SIDEBAR, "sidebar.dated_list", 0.9)
        if i > 0 and out[i - 1] is None and not is_body_paragraph(segments[i - 1].norm):
            out[i - 1] = Verdict(RemovalKind.SIDEBAR, "sidebar.dated_list", 0.85)
    for i, is_foreign in enumerate(foreign(segments, out) if foreign else ()):
        if is_foreign and out[i] is None:
            out[i] = Verdict(RemovalKind.SIDEBAR, "sidebar.foreign_language", 0.8)
    seen: set[str] = set()
    for i, segment in enumerate(segments):
        key = _fold(segment.norm)
        if key in seen and out[i] is None and word_count(segment.norm) >= DUPLICATE_MIN_WORDS:
            out[i] = Verdict(RemovalKind.DUPLICATE, "duplicate.repeated_line", 0.95)
        seen.add(key)
    return _judge_tail(segments, out)


def _judge_tail(segments: Sequence[Segment], verdicts: Verdicts) -> Verdicts:
    body = [i for i, s in enumerate(segments) if verdicts[i] is None and is_body_paragraph(s.norm)]
    if not body:
        return verdicts
    out = list(verdicts)
    for i in range(body[-1] + 1, len(segments)):
        text = segments[i].norm
        if out[i] is None and word_count(text) <= TAIL_MAX_WORDS and not ends_like_sentence(text):
            out[i] = Verdict(RemovalKind.NAVIGATION, "navigation.page_tail", 0.6)
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
    segments: Sequence[Segment], verdicts: Verdicts, *, header_limit: int, known_title: str | None = None
) -> Verdicts:
    """Third pass: the header region's headline, dek, dateline, byline and section labels.

    With ``known_title`` (HTML, whose metadata names the headline) only a line
    equal to it is taken as the headline; plain text has to go by shape.
    """
    out = list(verdicts)
    start = 0
    if segments and SCRAPER_HEADER.match(segments[0].norm):
        out[0] = Verdict(RemovalKind.METADATA, "metadata.scraper_header", 1.0)
        start = 1
        # the rest of the header line is the scraper's title or summary field;
        # a longer run-on is the body itself, written on the same line
        if len(segments) > 1 and segments[1].block == segments[0].block and out[1] is None \
                and word_count(segments[1].norm) <= DEK_MAX_WORDS:
            out[1] = Verdict(RemovalKind.METADATA, "metadata.scraper_summary", 0.7)
            start = 2
    open_idx = [i for i in range(start, len(segments)) if out[i] is None]
    end = header_end([segments[i] for i in open_idx], header_limit)
    title_at: int | None = None
    dek_at: int | None = None
    for i in open_idx[:end]:
        text = segments[i].norm
        if date_only(text) is not None:
            out[i] = Verdict(RemovalKind.METADATA, "metadata.dateline", 0.9)
        elif BYLINE.fullmatch(text):
            out[i] = Verdict(RemovalKind.METADATA, "metadata.byline", 0.85)
        elif title_at is None and _is_title(text, known_title):
            out[i] = Verdict(RemovalKind.METADATA, "metadata.headline", 0.8)
            title_at = i
        elif title_at is not None and dek_at is None and word_count(text) <= DEK_MAX_WORDS:
            # the first line under the headline (past dateline and byline) that is no body paragraph
            out[i] = Verdict(RemovalKind.METADATA, "metadata.dek", 0.7)
            dek_at = i
        elif word_count(text) <= SECTION_LABEL_MAX_WORDS and is_title_case(text) and not ends_like_sentence(text):
            out[i] = Verdict(RemovalKind.NAVIGATION, "navigation.section_label", 0.7)
        elif title_at is not None and is_headline_shaped(text):
            # kickers, photo titles and teasers between the headline and the story
            out[i] = Verdict(RemovalKind.OTHER, "other.header_line", 0.5)
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
        Removal(v.kind, v.rule, s.start, s.end, s.text, v.score)
        for s, v in zip(segments, verdicts) if v is not None
    )


class NoiseStage:
    """Removes boilerplate segments and records each removal with its kind and rule."""

    name = StageName.NOISE

    def __init__(self, config: NoiseConfig, identifier: LanguageIdentifier, *, header_limit: int) -> None:
        self.config = config
        self.identifier = identifier
        self.header_limit = header_limit
        self.rules = user_rules(config) + LINE_RULES

    def judge(self, doc: Doc) -> Verdicts:
        """Every segment's verdict (None for body text)."""
        segments = doc.segments
        verdicts: Verdicts = [judge_line(s.norm, self.rules) for s in segments]
        language = body_language(segments, self.identifier)
        verdicts = judge_neighbours(
            segments, verdicts,
            foreign=lambda segs, judged: foreign_blocks(segs, judged, language, self.identifier, self.config))
        known_title = doc.page.title if doc.page is not None else None
        verdicts = judge_header(segments, verdicts, header_limit=self.header_limit, known_title=known_title)
        keep = self.config.keep_kinds
        return [v if v is None or v.kind not in keep else None for v in verdicts]

    def __call__(self, doc: Doc) -> Doc:
        verdicts = self.judge(doc)
        kept = tuple(s for s, v in zip(doc.segments, verdicts) if v is None)
        return dataclasses.replace(doc, segments=kept, removals=doc.removals + removals_for(doc.segments, verdicts))
