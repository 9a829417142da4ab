"""Features of a page's lines for the body classifier: what survives the loss of the markup.

Pure functions over segments. Stage one describes each line alone and its
immediate neighbourhood (length, sentence shape, stop-word density in the
document's language, capitals, digits, separators, runs of short lines,
repetition, position); stage two adds what the first model thought of the
lines around it, and whether the line lies in the page's densest body
region, as jusText revises short paragraphs by their neighbours.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

from ..document import Segment
from . import shape
from .shape import ends_like_sentence, folded, is_body_paragraph, is_headline_shaped, word_count, words

_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
#: A link's mark: a scheme ("http://", "https://"), "www.", a handle ("@name") or a domain's ending (".com", ".org",
#: ".net"), in any case. Each form is written from the mark it must hold (":", "." or "@"), what stands before that
#: mark looked behind: the search then jumps from mark to mark instead of trying every form at every character (a
#: test checks it finds a link in the very texts ``https?://|www\.|@\w|\.(?:com|org|net)\b`` does).
_LINKISH = re.compile(r":(?:(?<=https:)|(?<=http:))//|\.(?<=www\.)|@\w|\.(?:com|org|net)\b", re.IGNORECASE)
_BULLET = re.compile(r"^[•·*\-–—>|»▪►✓]")
#: The marks between the items of a menu or a breadcrumb ("Home | News"); a slash only between spaces.
SEPARATOR_MARKS = "|•·»›"
_SEPARATOR = re.compile(rf"\s[{SEPARATOR_MARKS}/]\s|\s[{SEPARATOR_MARKS}]|[{SEPARATOR_MARKS}]\s")
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]*\s+[\"'“‘(]*[A-Z]")
_QUOTE = re.compile(r"[“”\"«»„]")

#: A line of at most this many words counts as short (menu items, labels).
SHORT_LINE_WORDS = 5
#: Neighbourhood half-width (lines) for window features.
WINDOW = 3
#: Stage-one probability above which a line pulls the body region towards it.
#: Stage one errs towards boilerplate (most lines of a page are), so the pivot
#: sits below one half.
REGION_PIVOT = 0.4

BASE_FEATURES = (
    "words_log", "chars_log", "sentence_end", "stop_ratio", "stop_count_log", "capitalized_ratio",
    "caps_ratio", "digit_ratio", "punct_ratio", "commas_per_word", "sentences_log", "mean_word_len",
    "year_on_short_line", "time_on_short_line", "linkish", "bullet", "separator", "ends_colon", "quoted", "beside_removed",
    "repeated", "position", "block_size_log", "short_run_log", "prose",
    "prev_words_log", "next_words_log", "prev_prose", "next_prose", "window_prose", "window_stop_ratio",
    "page_prose_share", "prose_on_prose_page", "prose_run_log", "after_headline", "before_headline",
)
CONTEXT_FEATURES = (
    "p_self", "p_prev", "p_next", "p_window", "p_max_before", "p_max_after", "in_region", "region_distance_log",
)


@dataclass(frozen=True, slots=True)
class FeatureCalibration:
    """Every constant the line features depend on, in one frozen object.

    A trained model is only valid for the values it was trained with: its file
    stores :meth:`fingerprint`, and loading refuses a model whose fingerprint
    differs from the code's (change a constant here, retrain the model).
    """

    base_features: tuple[str, ...] = BASE_FEATURES
    context_features: tuple[str, ...] = CONTEXT_FEATURES
    body_min_words: int = shape.BODY_MIN_WORDS
    headline_words: tuple[int, int] = (shape.HEADLINE_MIN_WORDS, shape.HEADLINE_MAX_WORDS)
    sentence_end: str = shape.SENTENCE_END_PATTERN
    short_line_words: int = SHORT_LINE_WORDS
    window: int = WINDOW
    region_pivot: float = REGION_PIVOT

    def fingerprint(self) -> str:
        """A short hash of every value, as stored in the model file."""
        return hashlib.sha256(json.dumps(asdict(self), sort_keys=True).encode()).hexdigest()[:16]


#: The calibration the code computes features with.
CALIBRATION = FeatureCalibration()


#: ASCII characters that Unicode counts as punctuation (category P*) and as digits, as character
#: classes: a pattern counts them at C speed (a translation table is looked up in Python, character by
#: character), the few other characters are looked up one by one (the same answers as
#: unicodedata.category and str.isdigit).
_ASCII_PUNCTUATION = re.compile(
    "[" + "".join(re.escape(chr(code)) for code in range(128) if unicodedata.category(chr(code)).startswith("P")) + "]")
_ASCII_DIGITS = re.compile("[" + "".join(chr(code) for code in range(128) if chr(code).isdigit()) + "]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _punctuation_and_digits(text: str) -> tuple[int, int]:
    """How many characters of ``text`` are punctuation (Unicode category P*) and digits (``str.isdigit``)."""
    punctuation = len(_ASCII_PUNCTUATION.findall(text))
    digits = len(_ASCII_DIGITS.findall(text))
    if not text.isascii():
        others = _NON_ASCII.findall(text)
        punctuation += sum(unicodedata.category(c).startswith("P") for c in others)
        digits += sum(c.isdigit() for c in others)
    return punctuation, digits


def _token_counts(tokens: Sequence[str], stopwords: frozenset[str]) -> tuple[int, int, int, int]:
    """Of ``tokens``: how many are stop words, start with a capital, are all capitals (two letters or
    more), and their characters, in one walk over them."""
    stops = capitalized = caps = chars = 0
    for token in tokens:
        if token.lower() in stopwords:
            stops += 1
        if token[0].isupper():
            capitalized += 1
        if len(token) > 1 and token.isupper():
            caps += 1
        chars += len(token)
    return stops, capitalized, caps, chars


def _line(text: str, stopwords: frozenset[str]) -> list[float]:
    tokens = words(text)
    n = len(tokens)
    chars = len(text) or 1
    stops, capitalized, caps, token_chars = _token_counts(tokens, stopwords)
    punctuation, digits = _punctuation_and_digits(text)
    return [
        math.log1p(n), math.log1p(len(text)), float(ends_like_sentence(text)),
        stops / n if n else 0.0, math.log1p(stops),
        capitalized / n if n else 0.0,
        caps / n if n else 0.0,
        digits / chars,
        punctuation / chars,
        text.count(",") / n if n else 0.0,
        math.log1p(len(_SENTENCE_BREAK.findall(text))),
        token_chars / n if n else 0.0,
        # a year or a clock time marks a dateline, a footer or a listing on a short line, nothing in prose
        float(n <= SHORT_LINE_WORDS * 2 and bool(_YEAR.search(text))),
        float(n <= SHORT_LINE_WORDS * 2 and bool(_TIME.search(text))), float(bool(_LINKISH.search(text))),
        float(bool(_BULLET.match(text))), float(bool(_SEPARATOR.search(text))), float(text.endswith(":")),
        float(bool(_QUOTE.search(text))),
    ]


def _short_runs(counts: Sequence[int]) -> list[int]:
    """For each line, the length of the run of consecutive short lines it is in (0 if it is not short)."""
    runs = [0] * len(counts)
    i = 0
    while i < len(counts):
        if counts[i] > SHORT_LINE_WORDS:
            i += 1
            continue
        j = i
        while j < len(counts) and counts[j] <= SHORT_LINE_WORDS:
            j += 1
        for k in range(i, j):
            runs[k] = j - i
        i = j
    return runs


#: What is known of a line by itself: its features, word count, prose flag (0/1), folded text and
#: headline flag (0/1: headline-shaped within the headline's word limit).
LineFacts = tuple[list[float], int, float, str, float]
#: Facts already computed for a document's lines, keyed by text. The noise stage scores a
#: page several times (after each pass); one memo per document and language saves the
#: repeated work. Never share one across languages: the features depend on the stop words.
LineMemo = dict[str, LineFacts]


def _facts(text: str, stopwords: frozenset[str], memo: LineMemo | None) -> LineFacts:
    found = memo.get(text) if memo is not None else None
    if found is None:
        n = word_count(text)
        found = (_line(text, stopwords), n, float(is_body_paragraph(text)), folded(text),
                 float(n <= shape.HEADLINE_MAX_WORDS and is_headline_shaped(text)))
        if memo is not None:
            memo[text] = found
    return found


def base_features(segments: Sequence[Segment], beside_removed: Sequence[bool],
                  stopwords: frozenset[str], memo: LineMemo | None = None) -> list[list[float]]:
    """Stage-one features of every segment (see ``BASE_FEATURES``).

    ``segments`` are the lines still open after the rules; ``beside_removed``
    marks those that stood next to a line a rule removed. ``memo`` keeps what
    is known of each line between calls on the same document.
    """
    n = len(segments)
    facts = [_facts(s.norm, stopwords, memo) for s in segments]
    lines = [fact[0] for fact in facts]
    counts = [fact[1] for fact in facts]
    prose = [fact[2] for fact in facts]
    copies = Counter(fact[3] for fact in facts)
    blocks = Counter(s.block for s in segments)
    runs = _short_runs(counts)
    prose_runs = _prose_runs(prose)
    # a headline-shaped line over a paragraph: a subheading, or a teaser's headline over its summary
    headlines = [fact[4] for fact in facts]
    # a page that is mostly prose is mostly article: the share of its words in prose lines
    share = sum(c for c, p in zip(counts, prose) if p) / max(1, sum(counts))
    rows = []
    for i, segment in enumerate(segments):
        lo, hi = max(0, i - WINDOW), min(n, i + WINDOW + 1)
        window = [j for j in range(lo, hi) if j != i]
        rows.append(lines[i] + [
            float(beside_removed[i]), float(copies[facts[i][3]] > 1), i / (n - 1) if n > 1 else 0.0,
            math.log1p(blocks[segment.block]), math.log1p(runs[i]), prose[i],
            lines[i - 1][0] if i > 0 else 0.0, lines[i + 1][0] if i + 1 < n else 0.0,
            prose[i - 1] if i > 0 else 0.0, prose[i + 1] if i + 1 < n else 0.0,
            sum(prose[j] for j in window) / len(window) if window else 0.0,
            sum(lines[j][3] for j in window) / len(window) if window else 0.0,
            share, share * prose[i], math.log1p(prose_runs[i]),
            headlines[i - 1] if i > 0 else 0.0, headlines[i + 1] if i + 1 < n else 0.0,
        ])
    return rows


def _prose_runs(prose: Sequence[float]) -> list[int]:
    """For each line, the length of the run of consecutive prose lines it is in (0 if it is no prose):
    a story's paragraphs follow one another, a teaser's summary stands alone between headlines."""
    runs = [0] * len(prose)
    i = 0
    while i < len(prose):
        j = i
        while j < len(prose) and prose[j]:
            j += 1
        for k in range(i, j):
            runs[k] = j - i
        i = max(j, i + 1)
    return runs


def body_region(probabilities: Sequence[float], weights: Sequence[float],
                pivot: float = REGION_PIVOT) -> tuple[int, int]:
    """The span [start, end) whose lines most likely form the body: the maximum-sum run of (p - pivot) * weight."""
    return best_run((p - pivot) * w for p, w in zip(probabilities, weights))


def best_run(gains: Iterable[float]) -> tuple[int, int]:
    """The span [start, end) of consecutive ``gains`` with the greatest positive sum ((0, 0) when none is)."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, gain in enumerate(gains):
        if total <= 0.0:
            total, start = 0.0, i
        total += gain
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def context_features(probabilities: Sequence[float], base: Sequence[Sequence[float]]) -> list[list[float]]:
    """Stage-two features: the stage-one probabilities around each line and the body region."""
    n = len(probabilities)
    weights = [row[0] for row in base]  # words_log: long lines weigh more
    start, end = body_region(probabilities, weights)
    rows = []
    for i, p in enumerate(probabilities):
        lo, hi = max(0, i - WINDOW), min(n, i + WINDOW + 1)
        window = [probabilities[j] for j in range(lo, hi) if j != i]
        before = probabilities[lo:i]
        after = probabilities[i + 1:hi]
        distance = 0 if start <= i < end else (start - i if i < start else i - end + 1)
        rows.append([
            p, probabilities[i - 1] if i > 0 else 0.0, probabilities[i + 1] if i + 1 < n else 0.0,
            sum(window) / len(window) if window else 0.0, max(before, default=0.0), max(after, default=0.0),
            float(start <= i < end), math.log1p(distance),
        ])
    return rows


def open_lines(segments: Sequence[Segment], judged: Sequence[bool], stopwords: frozenset[str],
               memo: LineMemo | None = None) -> tuple[list[list[float]], list[int]]:
    """Stage-one features of the lines no rule removed, and their indexes among all segments."""
    kept = [i for i, removed in enumerate(judged) if not removed]
    beside = [(i > 0 and judged[i - 1]) or (i + 1 < len(judged) and judged[i + 1]) for i in kept]
    return base_features([segments[i] for i in kept], beside, stopwords, memo), kept
