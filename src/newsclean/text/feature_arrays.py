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
from collections.abc import Sequence
from functools import cache

import numpy as np

from ..document import Segment
from .features import BASE_FEATURES, REGION_PIVOT, SHORT_LINE_WORDS, WINDOW, _facts

#: How many of the base features a line has by itself (the rest depend on its neighbours): ``_line``'s list.
OWN_FEATURES = BASE_FEATURES.index("beside_removed")
#: Counts (lines, runs, distances) below this have their ``log1p`` looked up in a table, not computed one by one.
LOG1P_TABLE_SIZE = 4096
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
        edges = np.diff(np.concatenate(([0], mask.astype(np.int8), [0])))
        lengths = np.flatnonzero(edges < 0) - np.flatnonzero(edges > 0)
        runs[mask] = np.repeat(lengths, lengths)
    return runs


def _padded(columns: np.ndarray) -> np.ndarray:
    """``columns`` (features x lines) with ``WINDOW`` places of 0.0 on either side of each row."""
    padded = np.zeros((columns.shape[0], columns.shape[1] + 2 * WINDOW))
    padded[:, WINDOW:WINDOW + columns.shape[1]] = columns
    return padded


def _window_sizes(n: int) -> np.ndarray:
    """How many neighbours each of ``n`` lines has within ``WINDOW`` lines (itself left out)."""
    index = np.arange(n)
    return (np.minimum(n, index + WINDOW + 1) - np.maximum(0, index - WINDOW) - 1).astype(np.float64)


#: The places of a line's neighbours in a padded row, from the first before to the last after (itself left out).
_NEIGHBOURS = tuple(by for by in range(2 * WINDOW + 1) if by != WINDOW)


def _window_means(columns: np.ndarray) -> np.ndarray:
    """The mean of each line's neighbours in each row of ``columns`` (features x lines; 0.0 for a line alone),
    summed in line order as the plain definition sums them (a neighbour off the page adds an exact 0.0)."""
    n = columns.shape[1]
    if n < 2:
        return np.zeros_like(columns)
    padded = _padded(columns)
    first, second, *rest = _NEIGHBOURS
    total = padded[:, first:first + n] + padded[:, second:second + n]
    for by in rest:
        total += padded[:, by:by + n]
    return total / _window_sizes(n)


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

    def rows(self, texts: Sequence[str]) -> np.ndarray:
        """The row of each of ``texts``, adding the lines not seen yet."""
        index = self._index
        new = [text for text in dict.fromkeys(texts) if text not in index]
        if new:
            self._add(new)
        return np.fromiter(map(index.__getitem__, texts), dtype=np.intp, count=len(texts))

    def _add(self, texts: list[str]) -> None:
        start, end = self._size, self._size + len(texts)
        if end > len(self.words):
            self._grow(end)
        facts = [_facts(text, self.stopwords, None) for text in texts]
        self.own[start:end] = [fact[0] for fact in facts]
        self.words[start:end] = [fact[1] for fact in facts]
        self.prose[start:end] = [fact[2] for fact in facts]
        self.headline[start:end] = [fact[4] for fact in facts]
        folds = self._folds
        self.folded[start:end] = [folds.setdefault(fact[3], len(folds)) for fact in facts]
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
    column = OWN_FEATURES
    out[:, column] = beside_removed
    out[:, column + 1] = np.bincount(folded)[folded] > 1
    out[:, column + 2] = np.arange(n) / (n - 1) if n > 1 else 0.0
    _, block_of, block_sizes = np.unique(blocks, return_inverse=True, return_counts=True)
    out[:, column + 3] = _log1p_counts(block_sizes[block_of])
    out[:, column + 4] = _log1p_counts(_run_lengths(counts <= SHORT_LINE_WORDS))
    out[:, column + 5] = prose
    # the neighbours' words_log, prose and headline flags, one before and one after (0.0 off the page)
    for offset, source in ((6, own[:, 0]), (8, prose), (15, headlines)):
        out[0, column + offset] = 0.0
        out[1:, column + offset] = source[:-1]
        out[-1, column + offset + 1] = 0.0
        out[:-1, column + offset + 1] = source[1:]
    out[:, column + 10:column + 12] = _window_means(np.stack([prose, own[:, 3]])).T
    share = int(counts[prose != 0].sum()) / max(1, int(counts.sum()))
    out[:, column + 12] = share
    out[:, column + 13] = share * prose
    out[:, column + 14] = _log1p_counts(_run_lengths(prose != 0))
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
    if not segments:
        return np.zeros((0, len(BASE_FEATURES)))
    table = _table_for(table, stopwords)
    rows = table.rows([s.norm for s in segments])
    blocks = np.fromiter((s.block for s in segments), dtype=np.int64, count=len(segments))
    return _page_columns(table, rows, np.asarray(beside_removed, dtype=np.float64), blocks)


def _region(probabilities: np.ndarray, words_log: np.ndarray) -> tuple[int, int]:
    """:func:`~newsclean.text.features.body_region` with each line's gain worked out at array speed."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, gain in enumerate(((probabilities - REGION_PIVOT) * words_log).tolist()):
        if total <= 0.0:
            total, start = 0.0, i
        total += gain
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def context_feature_array(probabilities: Sequence[float] | np.ndarray, words_log: np.ndarray) -> np.ndarray:
    """:func:`~newsclean.text.features.context_features` as an array, to the last bit: ``probabilities`` are
    stage one's, ``words_log`` the base features' first column."""
    p = np.asarray(probabilities, dtype=np.float64)
    n = len(p)
    out = np.empty((n, 8))
    if not n:
        return out
    start, end = _region(p, np.asarray(words_log, dtype=np.float64))
    padded = _padded(p[np.newaxis])[0]
    out[:, 0] = p
    out[:, 1] = padded[WINDOW - 1:WINDOW - 1 + n]
    out[:, 2] = padded[WINDOW + 1:WINDOW + 1 + n]
    out[:, 3] = _window_means(p[np.newaxis])[0]
    # the greatest probability in the window before and after each line (0.0 when none: every probability is above it)
    out[:, 4] = np.maximum.reduce([padded[by:by + n] for by in range(WINDOW)])
    out[:, 5] = np.maximum.reduce([padded[by:by + n] for by in range(WINDOW + 1, 2 * WINDOW + 1)])
    index = np.arange(n)
    out[:, 6] = (index >= start) & (index < end)
    out[:, 7] = _log1p_counts(np.where(index < start, start - index, np.where(index >= end, index - end + 1, 0)))
    return out


def open_line_array(segments: Sequence[Segment], judged: Sequence[bool], stopwords: frozenset[str],
                    table: LineTable | None = None) -> tuple[np.ndarray, list[int]]:
    """:func:`~newsclean.text.features.open_lines` with the features as an array."""
    removed = np.zeros(len(judged) + 2, dtype=bool)
    removed[1:-1] = judged
    kept = np.flatnonzero(~removed[1:-1])
    beside = removed[kept] | removed[kept + 2]
    kept_list = kept.tolist()
    return base_feature_array([segments[i] for i in kept_list], beside, stopwords, table), kept_list
