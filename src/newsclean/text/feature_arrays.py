"""The line features of a whole page at once, as NumPy arrays: what the classifier reads on every scoring.

:mod:`newsclean.text.features` defines each feature line by line, in plain
Python; the functions here compute the same numbers for all the lines of a
page at once, to the last bit (a test compares them), because the noise
stage scores a page several times and the per-line loops cost more than the
models. Bit for bit means: every window is summed in the order the plain
definition sums it (a missing neighbour adds an exact 0.0), and logarithms
of counts are taken by :func:`math.log1p`, as there (NumPy's may round
differently).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from ..document import Segment
from .features import BASE_FEATURES, WINDOW, LineMemo, _facts, _prose_runs, _short_runs, body_region


def _shifted(column: np.ndarray, by: int) -> np.ndarray:
    """``column`` read ``by`` places further on (back when negative), 0.0 where that runs off the page."""
    out = np.zeros_like(column)
    n = len(column)
    if by > 0 and by < n:
        out[:n - by] = column[by:]
    elif by < 0 and -by < n:
        out[-by:] = column[:n + by]
    return out


#: The neighbours of a line in its window, in the order the plain definitions add them up.
_WINDOW_OFFSETS = tuple(range(-WINDOW, 0)) + tuple(range(1, WINDOW + 1))


def _window_sizes(n: int) -> np.ndarray:
    """How many neighbours each of ``n`` lines has within ``WINDOW`` lines (itself left out)."""
    index = np.arange(n)
    return (np.minimum(n, index + WINDOW + 1) - np.maximum(0, index - WINDOW) - 1).astype(np.float64)


def _window_means(column: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """The mean of each line's neighbours in ``column`` (0.0 for a line alone), summed in line order."""
    total = np.zeros_like(column)
    for by in _WINDOW_OFFSETS:
        total += _shifted(column, by)
    return np.divide(total, sizes, out=np.zeros_like(column), where=sizes > 0)


def _log1p_counts(counts: Sequence[int]) -> list[float]:
    return [math.log1p(count) for count in counts]


def base_feature_array(segments: Sequence[Segment], beside_removed: Sequence[bool],
                       stopwords: frozenset[str], memo: LineMemo | None = None) -> np.ndarray:
    """:func:`~newsclean.text.features.base_features` as an array (lines x ``BASE_FEATURES``), to the last bit."""
    n = len(segments)
    facts = [_facts(s.norm, stopwords, memo) for s in segments]
    if not n:
        return np.zeros((0, len(BASE_FEATURES)))
    own = np.array([fact[0] for fact in facts], dtype=np.float64)
    counts = [fact[1] for fact in facts]
    prose_flags = [fact[2] for fact in facts]
    prose = np.array(prose_flags, dtype=np.float64)
    folded = Counter(fact[3] for fact in facts)
    blocks = Counter(s.block for s in segments)
    headlines = np.array([fact[4] for fact in facts])
    share = sum(c for c, p in zip(counts, prose_flags) if p) / max(1, sum(counts))
    sizes = _window_sizes(n)
    words_log = np.ascontiguousarray(own[:, 0])
    columns = [
        np.array(beside_removed, dtype=np.float64),
        np.array([float(folded[fact[3]] > 1) for fact in facts]),
        np.arange(n) / (n - 1) if n > 1 else np.zeros(1),
        np.array(_log1p_counts([blocks[s.block] for s in segments])),
        np.array(_log1p_counts(_short_runs(counts))),
        prose,
        _shifted(words_log, -1), _shifted(words_log, 1), _shifted(prose, -1), _shifted(prose, 1),
        _window_means(prose, sizes), _window_means(np.ascontiguousarray(own[:, 3]), sizes),
        np.full(n, share), share * prose, np.array(_log1p_counts(_prose_runs(prose_flags))),
        _shifted(headlines, -1), _shifted(headlines, 1),
    ]
    return np.hstack([own, np.column_stack(columns)])


def context_feature_array(probabilities: Sequence[float], words_log: np.ndarray) -> np.ndarray:
    """:func:`~newsclean.text.features.context_features` as an array, to the last bit: ``probabilities`` are
    stage one's, ``words_log`` the base features' first column."""
    n = len(probabilities)
    start, end = body_region(probabilities, words_log.tolist())
    p = np.array(probabilities, dtype=np.float64)
    # the greatest probability in the window before and after each line (0.0 when none: every probability is above it)
    before = np.maximum.reduce([_shifted(p, -by) for by in range(1, WINDOW + 1)])
    after = np.maximum.reduce([_shifted(p, by) for by in range(1, WINDOW + 1)])
    index = np.arange(n)
    distance = np.where(index < start, start - index, np.where(index >= end, index - end + 1, 0))
    return np.column_stack([
        p, _shifted(p, -1), _shifted(p, 1), _window_means(p, _window_sizes(n)), before, after,
        ((index >= start) & (index < end)).astype(np.float64), np.array(_log1p_counts(distance.tolist())),
    ])


def open_line_array(segments: Sequence[Segment], judged: Sequence[bool], stopwords: frozenset[str],
                    memo: LineMemo | None = None) -> tuple[np.ndarray, list[int]]:
    """:func:`~newsclean.text.features.open_lines` with the features as an array."""
    kept = [i for i, removed in enumerate(judged) if not removed]
    beside = [(i > 0 and judged[i - 1]) or (i + 1 < len(judged) and judged[i + 1]) for i in kept]
    return base_feature_array([segments[i] for i in kept], beside, stopwords, memo), kept
