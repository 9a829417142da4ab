"""Tables and structured lists in plain text: runs of lines laid out alike.

A table's rows and a structured list's items ("England (Group A): 10th
appearance", "VIP : 60,000₩", "1. Finland") share their layout, the numbers
and marks between their words (:func:`~newsclean.text.shape.row_shape`),
which a menu's items ("Home", "News") and a teaser list's headlines do not
have. Pure functions over lines; the noise stage keeps such a run in the
story (:mod:`newsclean.noise.rows`) and the quality signals read its rows
apart from the prose (:mod:`newsclean.text.quality`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import groupby

from .shape import WORDS_KEPT, WORDS_KEPT_MAX_CHARS, row_shape, word_count

#: A table has at least this many rows laid out alike.
TABLE_MIN_ROWS = 3
#: A row's layout holds at least this many numbers and marks (one mark alone, "Video: ...", is a teaser's label).
ROW_SHAPE_MIN_MARKS = 2
#: Two rows are laid out alike when the first this many numbers and marks of their layouts are the same.
ROW_SHAPE_COMPARED = 3
#: A row has at most this many words: a table's cells are short, a longer line is prose or a caption.
ROW_MAX_WORDS = 12
#: A count in brackets closing a label ("Oktober 2019 (6)", "Politics (34)") is how a sidebar's archive or
#: category list numbers its entries: that layout is left out before rows are compared.
LABEL_COUNT = "(0)"


def row_layout(text: str) -> str:
    """The layout a row shares with the others of its table (see :func:`~newsclean.text.shape.row_shape`);
    empty for a line too long to be a row, and without the count closing a sidebar's label."""
    return _row_layout(text) if len(text) <= WORDS_KEPT_MAX_CHARS else ""


@lru_cache(maxsize=WORDS_KEPT)  # the noise passes read the same lines' layouts several times per page
def _row_layout(text: str) -> str:
    if word_count(text) > ROW_MAX_WORDS:
        return ""
    shape = row_shape(text)
    return shape[:-len(LABEL_COUNT)] if shape.endswith(LABEL_COUNT) else shape


def table_runs(lines: Sequence[str]) -> list[list[int]]:
    """Runs of at least ``TABLE_MIN_ROWS`` consecutive ``lines`` laid out alike (their indices)."""
    layouts = [row_layout(line) for line in lines]
    # what a row shares with the rows next to it: the first marks of its layout (None: too few to be a row)
    keys = [layout[:ROW_SHAPE_COMPARED] if len(layout) >= ROW_SHAPE_MIN_MARKS else None for layout in layouts]
    runs: list[list[int]] = []
    start = 0
    # a table: consecutive lines with the same key, each laid out like the one above it (what pairs compared find)
    for key, rows in groupby(keys):
        count = len(list(rows))
        if key is not None and count >= TABLE_MIN_ROWS:
            runs.append(list(range(start, start + count)))
        start += count
    return runs


def table_lines(lines: Sequence[str]) -> frozenset[int]:
    """The indices of the ``lines`` that are rows of a table (see :func:`table_runs`)."""
    return frozenset(n for run in table_runs(lines) for n in run)
