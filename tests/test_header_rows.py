"""The header pass reads a table's rows only above the story's first paragraph, with the answers of reading them all.

:func:`~newsclean.noise.header.judge_header` needs to know which lines above
the story are a table's rows (no header line is one). It reads the rows down to
the first open line of prose (or ``body_start``) and the two open lines after it,
which decide whether the lines above are in a run of rows. Checked against the
pass reading the whole page's rows, on the test pages' lines with several sets
of verdicts and story starts, and on tables standing across the story's start.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsclean.document import Segment
from newsclean.noise import header
from newsclean.noise.rows import table_rows
from newsclean.noise.verdicts import Verdict, Verdicts
from newsclean.rules.registry import PAGE_TAIL

DATA = Path(__file__).parent / "data"
PROSE = ("The council met on Tuesday to vote on the budget, which the mayor had sent back twice before the "
         "summer recess began.")
TABLE = ["England (Group A): 10th appearance", "Wales (Group B): 2nd appearance", "Spain (Group E): 16th appearance",
         "Brazil (Group G): 22nd appearance"]


def _segments(lines: list[str]) -> list[Segment]:
    return [Segment(start=0, end=len(line), text=line, block=n, norm=" ".join(line.split()))
            for n, line in enumerate(lines)]


def _pages() -> list[list[Segment]]:
    with gzip.open(DATA / "pages.jsonl.gz", "rt", encoding="utf-8") as pages:
        texts = [json.loads(row)["pagetext"] for row in pages]
    return [_segments([line for line in text.splitlines() if line.strip()]) for text in texts]


def _every_row(segments, verdicts, start, body_start):
    return table_rows(segments, verdicts), len(segments)


def _both(segments: list[Segment], verdicts: Verdicts, body_start: int | None,
          monkeypatch: pytest.MonkeyPatch) -> tuple[Verdicts, Verdicts]:
    fast = header.judge_header(segments, verdicts, header_limit=8, body_start=body_start)
    with monkeypatch.context() as patched:
        patched.setattr(header, "_rows_above_prose", _every_row)
        whole = header.judge_header(segments, verdicts, header_limit=8, body_start=body_start)
    return fast, whole


def test_the_header_found_with_rows_read_above_the_prose_is_the_one_found_with_every_row(monkeypatch) -> None:
    pages = _pages()
    assert len(pages) > 50
    judged = 0
    for segments in pages:
        n = len(segments)
        masks = [[None] * n, [Verdict.of(PAGE_TAIL) if i % 3 == 1 else None for i in range(n)]]
        for verdicts in masks:
            for body_start in (None, 0, 2, 5, 9, n // 2):
                fast, whole = _both(segments, verdicts, body_start, monkeypatch)
                assert fast == whole, (segments[0].norm, body_start)
                judged += any(v is not None for v in fast)
    assert judged > 100  # headers are found, so the verdicts compared say something


@pytest.mark.parametrize("body_start", [None, 0, 1, 2, 3, 4, 5, 6, 7])
def test_a_table_standing_across_the_storys_start_is_read_whole_enough(body_start, monkeypatch) -> None:
    lines = ["Qualified Teams at a Glance", *TABLE, "The Draw Was Made in Doha", PROSE, *TABLE[:3], PROSE]
    segments = _segments(lines)
    fast, whole = _both(segments, [None] * len(segments), body_start, monkeypatch)
    assert fast == whole


def test_a_table_right_above_the_first_paragraph_is_no_header(monkeypatch) -> None:
    segments = _segments(["World Cup Qualifiers Are Over", *TABLE[:3], PROSE, PROSE])
    verdicts = header.judge_header(segments, [None] * len(segments), header_limit=8)
    assert verdicts[1:4] == [None, None, None]  # the rows stay: they are the story's
    rows, read_to = header._rows_above_prose(segments, [None] * len(segments), 0, None)
    assert rows == {1, 2, 3} and read_to == 6  # read to the second open line under the first paragraph
