"""The line features of a whole page at once, as NumPy arrays: what the classifier reads on every scoring.

:mod:`newsclean.text.features` defines each feature line by line, in plain
Python; the functions here compute the same numbers for all the lines of a
page at once, to the last bit (a test compares them), because the noise
stage scores a page several times and the per-line loops cost more than the
models. Bit for bit means: every window is summed in the order the plain
definition sums it (a missing neighbour adds an exact 0.0), and logarithms
of counts are taken by :func:`math.log1p`, as there (NumPy's may round
differently).

What a line is by itself (its own features, word count, prose and headline
flags, folded text) is kept in a :class:`LineTable`, one per page and
language: every scoring of the page takes its lines' rows from it by index,
and only the columns that depend on which lines are open (neighbours, runs,
position, repeats) are computed per scoring.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from itertools import repeat
from operator import attrgetter

import numpy as np

from ..document import Segment
from . import shape
from .features import (
    _BULLET,
    _LINKISH,
    _QUOTE,
    _SENTENCE_BREAK,
    _SEPARATOR,
    _TIME,
    _YEAR,
    BASE_FEATURES,
    REGION_PIVOT,
    SEPARATOR_MARKS,
    SHORT_LINE_WORDS,
    WINDOW,
    _facts,
    _token_counts,
    best_run,
)
from .shape import ends_like_sentence, folded, is_body_paragraph, is_headline_shaped, words

#: A segment's text and block, read at C speed over a page's segments.
_NORM = attrgetter("norm")
_BLOCK = attrgetter("block")
#: Each base feature's column.
_AT = {name: column for column, name in enumerate(BASE_FEATURES)}
#: How many of the base features a line has by itself (the rest depend on its neighbours): ``_line``'s list.
OWN_FEATURES = BASE_FEATURES.index("beside_removed")
#: Counts (lines, runs, distances) below this have their ``log1p`` looked up in a table, not computed one by one.
LOG1P_TABLE_SIZE = 4096
#: Integers (a page's block numbers) below this are counted in a table of as many places, not sorted: a page's blocks
#: are numbered from 0, so their numbers stay below its count of lines.
GROUP_COUNT_MAX_VALUE = 1 << 16
#: Rows a new :class:`LineTable` has room for before it grows (it doubles): a page has a few hundred lines.
TABLE_START_ROWS = 256


@cache
def _log1p_table() -> np.ndarray:
    """``math.log1p(k)`` for every count ``k`` below ``LOG1P_TABLE_SIZE`` (read-only)."""
    table = np.array([math.log1p(k) for k in range(LOG1P_TABLE_SIZE)], dtype=np.float64)
    table.flags.writeable = False
    return table


def _log1p_counts(counts: np.ndarray) -> np.ndarray:
    """``math.log1p`` of each count in ``counts`` (non-negative integers), to the last bit."""
    if not len(counts) or int(counts.max()) < LOG1P_TABLE_SIZE:
        return _log1p_table()[counts]
    return np.array(list(map(math.log1p, counts.tolist())), dtype=np.float64)


def _run_lengths(mask: np.ndarray) -> np.ndarray:
    """For each place, the length of the run of consecutive ``True`` it is in (0 where ``False``)."""
    runs = np.zeros(len(mask), dtype=np.intp)
    if len(mask):
        flags = np.zeros(len(mask) + 2, dtype=np.int8)  # a False on either side: every run starts and ends
        flags[1:-1] = mask
        edges = flags[1:] - flags[:-1]
        lengths = (edges < 0).nonzero()[0] - (edges > 0).nonzero()[0]
        runs[mask] = lengths.repeat(lengths)
    return runs


def _group_sizes(values: np.ndarray) -> np.ndarray:
    """For each of ``values`` (integers), how many of them are equal to it."""
    if len(values) and 0 <= int(values.min()) and int(values.max()) < GROUP_COUNT_MAX_VALUE:
        return np.bincount(values)[values]
    _, group, sizes = np.unique(values, return_inverse=True, return_counts=True)
    return sizes[group]


def _padded(*rows: np.ndarray) -> np.ndarray:
    """``rows`` (one value a line each) as the rows of one array, with ``WINDOW`` places of 0.0 on either side."""
    n = len(rows[0])
    padded = np.zeros((len(rows), n + 2 * WINDOW))
    for at, row in enumerate(rows):
        padded[at, WINDOW:WINDOW + n] = row
    return padded


def _window_sizes(n: int) -> np.ndarray:
    """How many neighbours each of ``n`` lines has within ``WINDOW`` lines (itself left out): ``2 * WINDOW`` but
    for the lines within ``WINDOW`` of the page's top or bottom."""
    sizes = np.full(n, 2.0 * WINDOW)
    for i in {*range(min(WINDOW, n)), *range(max(0, n - WINDOW), n)}:
        sizes[i] = min(n, i + WINDOW + 1) - max(0, i - WINDOW) - 1
    return sizes


#: The places of a line's neighbours in a padded row, from the first before to the last after (itself left out).
_NEIGHBOURS = tuple(by for by in range(2 * WINDOW + 1) if by != WINDOW)


def _window_means(padded: np.ndarray) -> np.ndarray:
    """The mean of each line's neighbours in each row of ``padded`` (made by :func:`_padded`; 0.0 for a line
    alone), summed in line order as the plain definition sums them (a neighbour off the page adds an exact 0.0)."""
    n = padded.shape[1] - 2 * WINDOW
    if n < 2:
        return np.zeros((padded.shape[0], n))
    first, second, *rest = _NEIGHBOURS
    total = padded[:, first:first + n] + padded[:, second:second + n]
    for by in rest:
        total += padded[:, by:by + n]
    return total / _window_sizes(n)


#: What joins a page's lines into one text to search them at once: no feature's pattern matches it, and it is a
#: boundary between words as the end of a line is (a line holding it is read alone).
_JOIN = "\x00"
#: The classes of a character that line features count, as bits: punctuation (Unicode category P*), a digit
#: (``str.isdigit``), a quotation mark (``_QUOTE``), a comma, a colon, a separator mark or a slash (``_SEPARATOR``).
_PUNCTUATION, _DIGIT, _QUOTATION, _COMMA, _COLON, _SEPARATING = 1, 2, 4, 8, 16, 32
#: Only lines with this many digits (``str.isdigit``, which every ``\d`` is) can hold a ``_YEAR`` (two written out,
#: two ``\d``) or a ``_TIME`` (one ``\d`` or two, a colon, two ``\d``): the others are not searched.
YEAR_MIN_DIGITS, TIME_MIN_DIGITS = 4, 3


def _character_class(character: str) -> int:
    return ((_PUNCTUATION if unicodedata.category(character).startswith("P") else 0)
            | (_DIGIT if character.isdigit() else 0) | (_QUOTATION if _QUOTE.match(character) else 0)
            | (_COMMA if character == "," else 0) | (_COLON if character == ":" else 0)
            | (_SEPARATING if character in SEPARATOR_MARKS + "/" else 0))


@cache
def _ascii_classes() -> np.ndarray:
    """:func:`_character_class` of every ASCII character, by code (read-only)."""
    table = np.array([_character_class(chr(code)) for code in range(128)], dtype=np.uint8)
    table.flags.writeable = False
    return table


def _classes(codes: np.ndarray) -> np.ndarray:
    """:func:`_character_class` of each character of a text given as its code points."""
    classes = _ascii_classes()[np.minimum(codes, 127)]
    wide = codes > 127
    if wide.any():
        distinct, where = np.unique(codes[wide], return_inverse=True)
        found = np.array([_character_class(chr(code)) for code in distinct.tolist()], dtype=np.uint8)
        classes[wide] = found[where]
    return classes


def _line_counts(flags: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """How many of ``flags`` (one per character of lines joined by ``_JOIN``, a ``_JOIN`` closing the last) are set
    in each line, the lines starting at ``starts``: each line's characters and the ``_JOIN`` after it, which no
    class flags, summed in one reduction."""
    return np.add.reduceat(flags, starts, dtype=np.int64)


def _lines_matching(pattern: re.Pattern[str], texts: list[str], candidates: np.ndarray | None = None) -> np.ndarray:
    """Which of ``texts`` ``pattern`` finds something in, searched as one text (the ``candidates``: the others
    cannot hold a match)."""
    found = np.zeros(len(texts), dtype=bool)
    lines = np.arange(len(texts)) if candidates is None else np.flatnonzero(candidates)
    if not len(lines):
        return found
    chosen = texts if candidates is None else [texts[i] for i in lines.tolist()]
    lengths = np.fromiter(map(len, chosen), dtype=np.int64, count=len(chosen))
    starts = np.zeros(len(chosen), dtype=np.int64)
    np.cumsum(lengths[:-1] + 1, out=starts[1:])
    places = [match.start() for match in pattern.finditer(_JOIN.join(chosen))]
    if places:
        found[lines[np.searchsorted(starts, places, side="right") - 1]] = True
    return found


def _match_lines(pattern: re.Pattern[str], joined: str, starts: np.ndarray) -> np.ndarray:
    """The line of each match of ``pattern`` in ``joined`` (lines joined by ``_JOIN``, each starting at ``starts``),
    in order; ``pattern`` must match no ``_JOIN``, so that each match lies in one line and the matches are each
    line's, as searched alone."""
    places = [match.start() for match in pattern.finditer(joined)]
    return np.searchsorted(starts, places, side="right") - 1


def _ratio(counts: np.ndarray, totals: np.ndarray) -> np.ndarray:
    """``count / total`` of each line, 0.0 where the total is 0 (a division of exact integers, as Python's)."""
    return np.divide(counts, totals, out=np.zeros(len(counts)), where=totals > 0)


def _own_features(texts: list[str], stopwords: frozenset[str]) -> tuple[np.ndarray, np.ndarray]:
    """The own features of each of ``texts`` (``_line``'s, to the last bit) and their word counts, the whole page's
    lines read at once: their characters classed as one array, their patterns searched in one text.

    ``texts`` must not hold ``_JOIN``."""
    m = len(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=m)
    starts = np.zeros(m, dtype=np.int64)
    np.cumsum(lengths[:-1] + 1, out=starts[1:])
    ends = starts + lengths
    joined = _JOIN.join(texts)
    # a _JOIN closes the last line too: each line's characters run to the next line's start (see _line_counts)
    codes = np.frombuffer((joined + _JOIN).encode("utf-32-le", "surrogatepass"), dtype="<u4")
    classes = _classes(codes)
    tokens = [words(text) for text in texts]
    counts = np.array([_token_counts(found, stopwords) for found in tokens], dtype=np.int64).reshape(m, 4)
    n = np.fromiter(map(len, tokens), dtype=np.int64, count=m)
    short = n <= SHORT_LINE_WORDS * 2
    chars = np.maximum(lengths, 1)
    own = np.empty((m, OWN_FEATURES))
    own[:, _AT["words_log"]] = _log1p_counts(n)
    own[:, _AT["chars_log"]] = _log1p_counts(lengths)
    own[:, _AT["sentence_end"]] = np.fromiter(map(ends_like_sentence, texts), dtype=np.float64, count=m)
    own[:, _AT["stop_ratio"]] = _ratio(counts[:, 0], n)
    own[:, _AT["stop_count_log"]] = _log1p_counts(counts[:, 0])
    own[:, _AT["capitalized_ratio"]] = _ratio(counts[:, 1], n)
    own[:, _AT["caps_ratio"]] = _ratio(counts[:, 2], n)
    digits = _line_counts(classes & _DIGIT != 0, starts)
    own[:, _AT["digit_ratio"]] = digits / chars
    own[:, _AT["punct_ratio"]] = _line_counts(classes & _PUNCTUATION != 0, starts) / chars
    own[:, _AT["commas_per_word"]] = _ratio(_line_counts(classes & _COMMA != 0, starts), n)
    own[:, _AT["sentences_log"]] = _log1p_counts(np.bincount(_match_lines(_SENTENCE_BREAK, joined, starts), minlength=m))
    own[:, _AT["mean_word_len"]] = _ratio(counts[:, 3], n)
    own[:, _AT["year_on_short_line"]] = _lines_matching(_YEAR, texts, short & (digits >= YEAR_MIN_DIGITS))
    colon = _line_counts(classes & _COLON != 0, starts) > 0
    own[:, _AT["time_on_short_line"]] = _lines_matching(_TIME, texts, short & colon & (digits >= TIME_MIN_DIGITS))
    own[:, _AT["linkish"]] = False
    own[_match_lines(_LINKISH, joined, starts), _AT["linkish"]] = True
    own[:, _AT["bullet"]] = [_BULLET.match(text) is not None for text in texts]
    own[:, _AT["separator"]] = _lines_matching(_SEPARATOR, texts, _line_counts(classes & _SEPARATING != 0, starts) > 0)
    filled = lengths > 0
    own[:, _AT["ends_colon"]] = False
    own[filled, _AT["ends_colon"]] = codes[ends[filled] - 1] == ord(":")
    own[:, _AT["quoted"]] = _line_counts(classes & _QUOTATION != 0, starts) > 0
    return own, n


class LineTable:
    """What is known of a page's lines by themselves, one row per distinct line text, for one set of stop words.

    Filled as the page's scorings meet new lines and read by index: a line's
    own features (``OWN_FEATURES`` columns), its word count, prose flag,
    headline flag (headline-shaped within the headline's word limit) and the
    id of its folded text (two lines with one id are copies). Never share one
    between pages or languages: the features depend on the stop words.
    """

    __slots__ = ("_folds", "_index", "_size", "folded", "headline", "own", "prose", "stopwords", "words")

    def __init__(self, stopwords: frozenset[str]) -> None:
        self.stopwords = stopwords
        self._index: dict[str, int] = {}
        self._folds: dict[str, int] = {}
        self._size = 0
        self.own = np.zeros((TABLE_START_ROWS, OWN_FEATURES))
        self.words = np.zeros(TABLE_START_ROWS, dtype=np.intp)
        self.prose = np.zeros(TABLE_START_ROWS)
        self.headline = np.zeros(TABLE_START_ROWS)
        self.folded = np.zeros(TABLE_START_ROWS, dtype=np.intp)

    def __len__(self) -> int:
        """How many lines the table holds (rows ``0`` to ``len - 1``, in the order they were added)."""
        return self._size

    def rows(self, texts: Sequence[str]) -> np.ndarray:
        """The row of each of ``texts``, adding the lines not seen yet."""
        found = np.fromiter(map(self._index.get, texts, repeat(-1)), dtype=np.intp, count=len(texts))
        if (found < 0).any():
            self._add([text for text, row in dict.fromkeys(zip(texts, found.tolist())) if row < 0])
            found = np.fromiter(map(self._index.__getitem__, texts), dtype=np.intp, count=len(texts))
        return found

    def _add(self, texts: list[str]) -> None:
        start, end = self._size, self._size + len(texts)
        if end > len(self.words):
            self._grow(end)
        if _JOIN in "".join(texts):  # a line that cannot be searched among the others: each line alone
            facts = [_facts(text, self.stopwords, None) for text in texts]
            self.own[start:end] = [fact[0] for fact in facts]
            self.words[start:end] = [fact[1] for fact in facts]
        else:
            self.own[start:end], self.words[start:end] = _own_features(texts, self.stopwords)
        counts = self.words[start:end].tolist()
        self.prose[start:end] = [is_body_paragraph(text) for text in texts]
        self.headline[start:end] = [shape.HEADLINE_MIN_WORDS <= n <= shape.HEADLINE_MAX_WORDS
                                    and is_headline_shaped(text) for text, n in zip(texts, counts)]
        folds = self._folds
        self.folded[start:end] = [folds.setdefault(folded(text), len(folds)) for text in texts]
        for row, text in enumerate(texts, start):
            self._index[text] = row
        self._size = end

    def _grow(self, needed: int) -> None:
        capacity = max(needed, 2 * len(self.words))
        for name in ("own", "words", "prose", "headline", "folded"):
            old = getattr(self, name)
            new = np.zeros((capacity,) + old.shape[1:], dtype=old.dtype)
            new[:len(old)] = old
            setattr(self, name, new)


def _page_columns(table: LineTable, rows: np.ndarray, beside_removed: np.ndarray,
                  blocks: np.ndarray) -> np.ndarray:
    """The base features of the lines ``rows`` of ``table`` read as one page, in that order."""
    n = len(rows)
    out = np.empty((n, len(BASE_FEATURES)))
    own = table.own[rows]
    out[:, :OWN_FEATURES] = own
    counts = table.words[rows]
    prose = table.prose[rows]
    headlines = table.headline[rows]
    folded = table.folded[rows]
    out[:, _AT["beside_removed"]] = beside_removed
    out[:, _AT["repeated"]] = np.bincount(folded)[folded] > 1
    out[:, _AT["position"]] = np.arange(n) / (n - 1) if n > 1 else 0.0
    out[:, _AT["block_size_log"]] = _log1p_counts(_group_sizes(blocks))
    out[:, _AT["short_run_log"]] = _log1p_counts(_run_lengths(counts <= SHORT_LINE_WORDS))
    out[:, _AT["prose"]] = prose
    # the neighbours' words_log, prose and headline flags, one before and one after (0.0 off the page)
    for before, after, source in (("prev_words_log", "next_words_log", own[:, _AT["words_log"]]),
                                  ("prev_prose", "next_prose", prose), ("after_headline", "before_headline", headlines)):
        out[0, _AT[before]] = 0.0
        out[1:, _AT[before]] = source[:-1]
        out[-1, _AT[after]] = 0.0
        out[:-1, _AT[after]] = source[1:]
    means = _window_means(_padded(prose, own[:, _AT["stop_ratio"]]))
    out[:, _AT["window_prose"]], out[:, _AT["window_stop_ratio"]] = means
    share = int(counts[prose != 0].sum()) / max(1, int(counts.sum()))
    out[:, _AT["page_prose_share"]] = share
    out[:, _AT["prose_on_prose_page"]] = share * prose
    out[:, _AT["prose_run_log"]] = _log1p_counts(_run_lengths(prose != 0))
    return out


def _table_for(table: LineTable | None, stopwords: frozenset[str]) -> LineTable:
    if table is None:
        return LineTable(stopwords)
    if table.stopwords is not stopwords and table.stopwords != stopwords:
        raise ValueError("a line table serves one set of stop words: make one per page and language")
    return table


def base_feature_array(segments: Sequence[Segment], beside_removed: Sequence[bool],
                       stopwords: frozenset[str], table: LineTable | None = None) -> np.ndarray:
    """:func:`~newsclean.text.features.base_features` as an array (lines x ``BASE_FEATURES``), to the last bit.

    ``table`` (made with the same ``stopwords``) keeps what is known of each
    line between calls on the same page."""
    return _base_features_and_rows(segments, beside_removed, stopwords, table)[0]


def _base_features_and_rows(segments: Sequence[Segment], beside_removed: Sequence[bool], stopwords: frozenset[str],
                            table: LineTable | None) -> tuple[np.ndarray, np.ndarray]:
    """:func:`base_feature_array` and the row of each line in ``table``."""
    if not segments:
        return np.zeros((0, len(BASE_FEATURES))), np.zeros(0, dtype=np.intp)
    table = _table_for(table, stopwords)
    rows = table.rows(list(map(_NORM, segments)))
    blocks = np.fromiter(map(_BLOCK, segments), dtype=np.int64, count=len(segments))
    return _page_columns(table, rows, np.asarray(beside_removed, dtype=np.float64), blocks), rows


def _greatest(padded: np.ndarray, places: range, n: int) -> np.ndarray:
    """The greatest of the ``n`` values from each of ``places`` in ``padded``, place by place."""
    first, *rest = places
    greatest = padded[first:first + n].copy()
    for by in rest:
        np.maximum(greatest, padded[by:by + n], out=greatest)
    return greatest


def context_feature_array(probabilities: Sequence[float] | np.ndarray, words_log: np.ndarray) -> np.ndarray:
    """:func:`~newsclean.text.features.context_features` as an array, to the last bit: ``probabilities`` are
    stage one's, ``words_log`` the base features' first column."""
    p = np.asarray(probabilities, dtype=np.float64)
    n = len(p)
    out = np.empty((n, 8))
    if not n:
        return out
    # body_region's span, each line's gain worked out at array speed
    start, end = best_run(((p - REGION_PIVOT) * np.asarray(words_log, dtype=np.float64)).tolist())
    padded = _padded(p)
    out[:, 3] = _window_means(padded)[0]
    padded = padded[0]
    out[:, 0] = p
    out[:, 1] = padded[WINDOW - 1:WINDOW - 1 + n]
    out[:, 2] = padded[WINDOW + 1:WINDOW + 1 + n]
    # the greatest probability in the window before and after each line (0.0 when none: every probability is above it)
    out[:, 4] = _greatest(padded, range(WINDOW), n)
    out[:, 5] = _greatest(padded, range(WINDOW + 1, 2 * WINDOW + 1), n)
    out[:, 6] = 0.0
    out[start:end, 6] = 1.0
    # how far each line stands from the region: 0 inside it, 1 for the lines right before and after it
    distance = np.zeros(n, dtype=np.intp)
    distance[:start] = np.arange(start, 0, -1)
    distance[end:] = np.arange(1, n - end + 1)
    out[:, 7] = _log1p_counts(distance)
    return out


def open_line_array(segments: Sequence[Segment], judged: Sequence[bool], stopwords: frozenset[str],
                    table: LineTable | None = None) -> tuple[np.ndarray, list[int]]:
    """:func:`~newsclean.text.features.open_lines` with the features as an array."""
    features, kept, _ = open_line_rows(segments, judged, stopwords, table)
    return features, kept


def open_line_rows(segments: Sequence[Segment], judged: Sequence[bool], stopwords: frozenset[str],
                   table: LineTable | None = None) -> tuple[np.ndarray, list[int], np.ndarray]:
    """:func:`open_line_array`, and the row in ``table`` of each open line (what it is by itself is there)."""
    removed = np.zeros(len(judged) + 2, dtype=bool)
    removed[1:-1] = judged
    kept = (~removed[1:-1]).nonzero()[0]
    beside = (removed[:-2] | removed[2:])[kept]
    kept_list = kept.tolist()
    features, rows = _base_features_and_rows([segments[i] for i in kept_list], beside, stopwords, table)
    return features, kept_list, rows
