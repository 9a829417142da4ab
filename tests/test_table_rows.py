"""Tables and structured lists in the story are kept: :mod:`newsclean.noise.rows` and its place in the noise stage."""

from __future__ import annotations

import gzip
import json

import newsclean
from conftest import DATA
from hypothesis import given
from hypothesis import strategies as st
from newsclean.document import Segment
from newsclean.noise.rows import attached_rows, table_runs
from newsclean.text.shape import row_shape
from newsclean.text.tables import ROW_SHAPE_COMPARED, ROW_SHAPE_MIN_MARKS, TABLE_MIN_ROWS, row_layout
from newsclean.text.tables import table_runs as runs_of_rows

PROSE = (
    "The qualifying round ended on Tuesday night with four more teams booking their places, after a week in which "
    "the groups were settled one after another in front of full stadiums across the continent.",
    "Officials said the draw for the final tournament would take place next month, and that the play-offs for the "
    "last places would be held in March, with the paths decided by the results of the league stage.",
)
ROWS = (
    "Northland (Group A): 10th appearance",
    "Eastmark (Group A): Seventh appearance",
    "Southport (Group B): Third appearance",
    "Westvale (Group F): 11th appearance",
    "Lowmoor (Group F): Seventh appearance",
)


def _segments(lines: list[str]) -> list[Segment]:
    return [Segment(start=0, end=len(line), text=line, block=n, norm=line) for n, line in enumerate(lines)]


def test_row_shape_keeps_numbers_and_marks_only() -> None:
    assert row_shape("England (Group A): 10th appearance") == "():0"
    assert row_shape("14 Aric Almirola 2234 0 1 3 12") == "000000"
    assert row_shape("VIP : 60,000₩") == ":0₩"
    assert row_shape("Premier League") == ""
    assert row_shape("1. Finland") == "0." and row_shape("12) Two: three") == "0):"  # a numbered list's items
    assert row_shape("1.5 million people") == "0"  # a number, not an item's


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=30)
       | st.text(alphabet=st.sampled_from("aZ09_.,'’-():|/ \t\x1c€²"), max_size=30) | st.just("1. 2) 3.5 x"))
def test_an_ascii_rows_shape_is_the_layout_marks_found_in_it(text: str) -> None:
    """An ASCII line's layout, left by ``str.translate``, is the marks the layout pattern finds, joined; so is any
    other line's, found by the pattern."""
    import re

    from newsclean.text import shape

    def plain_shape(line: str) -> str:
        if item := re.match(r"\s*\d{1,3}([.)])\s", line):
            return "0" + item.group(1) + plain_shape(line[item.end():])
        return "".join(shape._LAYOUT_MARK.findall(re.sub(r"\d+(?:[.,]\d+)*", "0", line)))

    assert row_shape(text) == plain_shape(text)


def test_a_run_of_rows_laid_out_alike_is_a_table_and_menus_or_counts_are_not() -> None:
    lines = ["Home", "News", "Sport", *ROWS, "Oktober 2019 (6)", "September 2019 (1)", "August 2019 (3)"]
    runs = table_runs(_segments(lines), [None] * len(lines))
    assert runs == [[3, 4, 5, 6, 7]]


def test_a_numbered_list_is_a_table() -> None:
    lines = ["1. Finland", "2. Norway", "3. Australia", "Home"]
    assert table_runs(_segments(lines), [None] * 4) == [[0, 1, 2]]


def test_long_lines_alike_are_no_table() -> None:
    caption = ("The minister, left, shakes hands with his counterpart, right, before their talks in the capital on "
               "Monday (Photo/Agency)")
    lines = [caption, caption + " again", caption + " once more"]
    assert table_runs(_segments(lines), [None] * 3) == []


def test_a_table_under_the_story_attaches_with_its_heading() -> None:
    lines = [*PROSE, "Qualified teams", *ROWS, "Home"]
    rows, start, end = attached_rows(_segments(lines), [None] * len(lines), 0, 2)
    assert rows == frozenset(range(2, 8)) and (start, end) == (0, 8)
    # a table further away from the story is not the story's
    lines = [*PROSE, "Qualified teams", "More from the site", *ROWS]
    assert attached_rows(_segments(lines), [None] * len(lines), 0, 2)[0] == frozenset()


def test_clean_text_keeps_a_table_closing_the_story() -> None:
    text = "\n\n".join([*PROSE, "Qualified teams", *ROWS]) + "\n"
    out = newsclean.clean_text(text).text
    assert all(row in out for row in ROWS), out


def test_clean_text_keeps_a_table_opening_the_text() -> None:
    text = "\n\n".join([*ROWS, *PROSE]) + "\n"
    out = newsclean.clean_text(text).text
    assert all(row in out for row in ROWS), out


def test_with_tables_grows_the_extent_over_the_prose_going_on_under_a_table() -> None:
    from newsclean.noise.classifier import BodyExtent, with_tables

    closing = ("The organisers said the ranking reflected the results of the whole season, not only of its last "
               "weeks, and that the figures would be published again in the spring.")
    lines = [*PROSE, "Qualified teams", *ROWS, closing, "Home"]
    probabilities = [0.9, 0.9, 0.2, *[0.1] * len(ROWS), 0.4, 0.1]
    extent = with_tables(_segments(lines), [None] * len(lines), probabilities, BodyExtent(0, 2, 0.3))
    assert (extent.start, extent.end) == (0, len(lines) - 1)
    assert extent.rows == frozenset(range(2, 2 + 1 + len(ROWS)))
    # a paragraph less likely than the extent asks is not taken in
    probabilities[-2] = 0.2
    extent = with_tables(_segments(lines), [None] * len(lines), probabilities, BodyExtent(0, 2, 0.3))
    assert extent.end == len(lines) - 2


def test_quality_signals_read_a_plain_text_table_apart_from_the_prose() -> None:
    from newsclean.text.quality import quality_signals
    from newsclean.text.tables import table_lines

    standings = [f"{n} Driver Name{n} {2300 - 40 * n} 0 1 {n % 4} {12 - n}" for n in range(1, 9)]
    assert table_lines(["Standings", *standings]) == frozenset(range(1, 9))
    signals = quality_signals([*PROSE, "\n".join(standings)], None)
    assert signals.alpha_word_share is not None and signals.alpha_word_share > 0.95  # the prose's words, not the table's


def _runs_pair_by_pair(lines: list[str]) -> list[list[int]]:
    """The definition of a table: each line laid out like the one above it (ROW_SHAPE_COMPARED marks alike)."""
    shapes = [row_layout(line) for line in lines]

    def alike(a: str, b: str) -> bool:
        return min(len(a), len(b)) >= ROW_SHAPE_MIN_MARKS and a[:ROW_SHAPE_COMPARED] == b[:ROW_SHAPE_COMPARED]

    runs: list[list[int]] = []
    run: list[int] = []
    for n in range(len(lines)):
        if run and alike(shapes[n - 1], shapes[n]):
            run.append(n)
            continue
        if len(run) >= TABLE_MIN_ROWS:
            runs.append(run)
        run = [n]
    return runs + [run] if len(run) >= TABLE_MIN_ROWS else runs


def test_table_runs_are_the_runs_of_rows_alike_pair_by_pair_on_real_pages() -> None:
    with gzip.open(DATA / "pages.jsonl.gz", "rt", encoding="utf-8") as f:
        pages = [json.loads(line)["pagetext"].splitlines() for line in f]
    pages += [[*PROSE, *ROWS], ["Home", *ROWS[:2], "News", *ROWS], [*ROWS[:2]], []]
    assert sum(len(runs_of_rows(page)) for page in pages) > 10
    assert [n for n, page in enumerate(pages) if runs_of_rows(page) != _runs_pair_by_pair(page)] == []


def _row_shape_by_character(text: str) -> str:
    """row_shape's definition, character by character: numbers as ``0``, then letters, digits, spaces and word
    punctuation left out."""
    import re

    item = re.match(r"\s*\d{1,3}([.)])\s", text)
    if item:
        return "0" + item.group(1) + _row_shape_by_character(text[item.end():])
    return "".join(c for c in re.sub(r"\d+(?:[.,]\d+)*", "0", text)
                   if c == "0" or not (c.isalnum() or c.isspace() or c in ".,'’-"))


@given(st.text(alphabet=st.sampled_from(
    ["a", "Z", "é", "ß", "字", "0", "7", "٣", "²", "½", "Ⅻ", "_", " ", "\t", "\xa0", "\u2028", "\x1c", ".", ",", "'", "’",
     "-", ":", "(", ")", "/", "|", "$", "%", "–", "•"]), max_size=40))
def test_a_rows_shape_is_its_definition_character_by_character(text):
    assert row_shape(text) == _row_shape_by_character(text)


def test_the_rows_of_real_pages_have_the_shape_of_their_definition():
    with gzip.open(DATA / "pages.jsonl.gz", "rt", encoding="utf-8") as f:
        lines = [line for page in map(json.loads, f) for line in page["pagetext"].splitlines()]
    assert len(lines) > 5000
    assert [row_shape(line) for line in lines] == [_row_shape_by_character(line) for line in lines]
