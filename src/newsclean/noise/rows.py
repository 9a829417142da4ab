"""Tables, structured lists (:mod:`newsclean.text.tables`) and code (:mod:`newsclean.text.code`), which the
article holds as its own.

A run of lines laid out alike standing in the story, or right against it
(perhaps under a one-line heading), is read as part of it: the
line model, which judges a line by its shape and its neighbours, takes a
row of names and numbers for page furniture. Only the open lines are read,
as a new run over the output would read them.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..document import Segment
from ..text.code import code_lines
from ..text.tables import table_runs as runs_of_rows
from .verdicts import Verdicts


def table_runs(segments: Sequence[Segment], verdicts: Verdicts) -> list[list[int]]:
    """The tables among the open lines (:func:`~newsclean.text.tables.table_runs`), as indices into ``segments``."""
    open_idx = [i for i, v in enumerate(verdicts) if v is None]
    return [[open_idx[n] for n in run] for run in runs_of_rows([segments[i].norm for i in open_idx])]


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


def code_rows(segments: Sequence[Segment], verdicts: Verdicts, start: int, end: int) -> frozenset[int]:
    """The open lines in the story's extent [start, end) that belong to a run of code
    (:func:`~newsclean.text.code.code_lines`): the story's own, whatever the line model makes of them."""
    open_idx = [i for i in range(start, end) if verdicts[i] is None]
    return frozenset(open_idx[n] for n in code_lines([segments[i].norm for i in open_idx]))
