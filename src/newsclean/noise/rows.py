"""Tables and structured lists: runs of lines laid out alike, which the article holds as its own.

A table's rows and a structured list's items ("England (Group A): 10th
appearance", "VIP : 60,000₩") share their layout, the numbers and marks
between their words, which a menu's items ("Home", "News") and a teaser
list's headlines do not have. Such a run standing in the story, or right
against it (perhaps under a one-line heading), is read as part of it: the
line model, which judges a line by its shape and its neighbours, takes a
row of names and numbers for page furniture. Only the open lines are read,
as a new run over the output would read them.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..document import Segment
from ..text.shape import row_shape, word_count
from .verdicts import Verdicts

#: A table has at least this many rows laid out alike.
TABLE_MIN_ROWS = 3
#: A row's layout holds at least this many numbers and marks (one mark alone, "Video: ...", is a teaser's label)
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
    if word_count(text) > ROW_MAX_WORDS:
        return ""
    shape = row_shape(text)
    return shape[:-len(LABEL_COUNT)] if shape.endswith(LABEL_COUNT) else shape


def _alike(a: str, b: str) -> bool:
    return len(a) >= ROW_SHAPE_MIN_MARKS and len(b) >= ROW_SHAPE_MIN_MARKS \
        and a[:ROW_SHAPE_COMPARED] == b[:ROW_SHAPE_COMPARED]


def table_runs(segments: Sequence[Segment], verdicts: Verdicts) -> list[list[int]]:
    """Runs of at least ``TABLE_MIN_ROWS`` consecutive open lines laid out alike (indices into ``segments``)."""
    open_idx = [i for i, v in enumerate(verdicts) if v is None]
    shapes = [row_layout(segments[i].norm) for i in open_idx]
    runs: list[list[int]] = []
    run: list[int] = []
    for n, i in enumerate(open_idx):
        if run and _alike(shapes[n - 1], shapes[n]):
            run.append(i)
            continue
        if len(run) >= TABLE_MIN_ROWS:
            runs.append(run)
        run = [i]
    if len(run) >= TABLE_MIN_ROWS:
        runs.append(run)
    return runs


def table_rows(segments: Sequence[Segment], verdicts: Verdicts) -> frozenset[int]:
    """Every open line that is a row of a table (see :func:`table_runs`)."""
    return frozenset(i for run in table_runs(segments, verdicts) for i in run)


def attached_rows(segments: Sequence[Segment], verdicts: Verdicts, start: int, end: int) -> tuple[frozenset[int], int, int]:
    """The rows of the tables in the story's extent [start, end) or against it, and the extent grown over them.

    A table attaches when its first row is the first open line after the
    extent or the one after that (under a heading, which goes with it), and,
    the same way, when its last row stands right above the extent. Each
    table attached grows the extent, so the next may attach in turn.
    Returns the rows and their headings, and the grown extent.
    """
    if end <= start:
        return frozenset(), start, end
    open_idx = [i for i, v in enumerate(verdicts) if v is None]
    kept: set[int] = set()
    pending = table_runs(segments, verdicts)
    changed = True
    while changed:
        changed = False
        after = [i for i in open_idx if i >= end][:2]
        before = [i for i in open_idx if i < start][-2:]
        for run in pending:
            if run[0] < end and run[-1] >= start:  # in the extent
                kept.update(run)
            elif run[0] in after:  # right under it, perhaps under a heading
                kept.update(i for i in open_idx if end <= i <= run[-1])
            elif run[-1] in before:  # right above it, perhaps above a heading
                kept.update(i for i in open_idx if run[0] <= i < start)
            else:
                continue
            start, end = min(start, run[0]), max(end, run[-1] + 1)
            pending.remove(run)
            changed = True
            break
    return frozenset(kept), start, end
