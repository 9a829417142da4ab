"""find_dates reads only what can hold a date, and finds what a scan of the whole text finds.

It skips lines without two digits in a row, and reads only the stretches
around a year or a time (:func:`~newsclean.rules.dates.anchor_windows`), and of
those only the ones that hold a shape's clue (:attr:`~newsclean.rules.dates.DateShape.clue`).
Both shortcuts are checked here against the plain scan: every pattern over
the whole text, overlaps resolved the same way.
"""

from __future__ import annotations

import gzip
import json

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from conftest import DATA
from newsclean.rules import dates as rules


def _matches_anywhere(text: str) -> list[object]:
    folded = rules._fold(text)
    return [match for shape in rules._patterns() for match in shape.pattern.finditer(folded)]


def _whole_scan(text: str) -> list[tuple[int, int, object]]:
    """find_dates as a scan of the whole text with every pattern would make it."""
    folded = rules._fold(text)
    taken: list[tuple[int, int]] = []
    found = []
    for shape in rules._patterns():
        for match in shape.pattern.finditer(folded):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken):
                continue
            value = rules._to_date(shape.kind, match)
            if value is not None:
                taken.append((start, end))
                found.append((start, end, value))
    return sorted(found, key=lambda f: f[0])


def _found(text: str) -> list[tuple[int, int, object]]:
    return [(m.start, m.end, m.value) for m in rules.find_dates(text)]


def _pages() -> list[str]:
    with gzip.open(DATA / "pages.jsonl.gz", "rt", encoding="utf-8") as f:
        return [row["pagetext"] for row in map(json.loads, f)]


def _cases() -> list[str]:
    cases = json.loads((DATA.parent / "cases" / "dates.json").read_text(encoding="utf-8"))
    return [json.dumps(case, ensure_ascii=False) for case in cases]


def test_no_pattern_matches_a_line_the_precheck_skips():
    texts = [line for page in _pages() for line in page.splitlines()] + _cases()
    skipped = [text for text in texts if not rules.TWO_DIGITS.search(rules._fold(text))]
    assert len(skipped) > 100
    assert [text for text in skipped if _matches_anywhere(text)] == []


@given(st.text(alphabet=st.sampled_from(list("0123456789٠١٢۳ .,/-:年月日 JulyMarsabcde 時分")), max_size=40))
def test_patterns_need_two_digits_in_a_row(text):
    if not rules.TWO_DIGITS.search(rules._fold(text)):
        assert _matches_anywhere(text) == []


def test_reading_around_years_finds_what_a_whole_scan_finds_on_real_pages():
    pages = _pages()
    texts = pages + [line for page in pages for line in page.splitlines()] + _cases()
    dated = [text for text in texts if _whole_scan(text)]
    assert len(dated) > 50
    assert [text[:80] for text in texts if _found(text) != _whole_scan(text)] == []


@given(st.lists(st.sampled_from([
    "July", "27,", "2018", "27", "de", "agosto", "2020-07-27", "27.07.2018", "28.09.19", "12:44", "1399",
    "اردیبهشت", "21", "2020年7月1日", "Wednesday,", "Sept.", "31", "\n\n", " " * 8, "x" * 90, "score 3-1", "/",
]), max_size=30).map(" ".join))
@example("x" * 95 + " July 27, 2018 " + "y" * 95 + " 27.07.2018 12:44")
def test_reading_around_years_finds_what_a_whole_scan_finds(text):
    assert _found(text) == _whole_scan(text)


def test_a_date_reaches_a_bounded_distance_from_its_year():
    # a weekday 200 spaces before the date is not part of it (a whole scan would take it in)
    text = "Wednesday," + " " * 200 + "July 27, 2018"
    assert [m.text for m in rules.find_dates(text)] == ["July 27, 2018"]


def test_dates_of_lines_are_kept_and_of_long_texts_let_go():
    rules._line_dates.cache_clear()
    line = "Published July 27, 2018 at 3:02 PM"
    first, again = rules.find_dates(line), rules.find_dates(line)
    assert [m.value.isoformat() for m in first] == ["2018-07-27"]
    assert first == again and first is not again  # each caller gets its own list
    assert rules._line_dates.cache_info().hits == 1
    body = "The council met on July 27, 2018. " * (rules.DATES_KEPT_MAX_CHARS // 30)
    assert len(body) > rules.DATES_KEPT_MAX_CHARS
    assert len(rules.find_dates(body)) == body.count("2018")  # a whole body: read, not kept
    assert rules._line_dates.cache_info().currsize == 1


@given(st.text(alphabet=st.sampled_from(list("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹يكیک 12ab-")) | st.characters()))
def test_folding_skips_only_texts_with_nothing_to_fold(text):
    assert rules._fold(text) == text.translate(rules._FOLD)


def _lines_of_pages() -> list[str]:
    return [line for page in _pages() for line in page.splitlines()] + _cases()


def test_every_line_with_a_date_is_clued_on_real_pages():
    lines = _lines_of_pages()
    clued = set(rules.clued_lines(lines))
    dated = [n for n, line in enumerate(lines) if rules._read_line_dates(line)]  # every line read, none passed over
    assert len(dated) > 50 and len(clued) < len(lines) // 2  # the search passes most lines over
    assert [lines[n][:80] for n in dated if n not in clued] == []
    assert [line[:80] for line in lines if rules.line_dates(line) != list(rules._read_line_dates(line))] == []


@given(st.lists(st.lists(st.sampled_from([
    "July", "27,", "2018", "27", "de", "agosto", "2020-07-27", "27.07.2018", "28.09.19", "02.12.19", "12:44",
    "1399", "۱۳۹۹", "اردیبهشت", "21", "٢٠٢٠", "٠٢.١٢.١٩", "2020年7月1日", "mardi", "Sept.", "3.02pm", "١٢:٤٤", "/",
    "x" * 30,
]), max_size=8).map(" ".join), max_size=12))
def test_every_line_with_a_date_is_clued(lines):
    clued = rules.clued_lines(lines)
    assert clued == sorted(set(clued))  # each line once, in order
    assert [line for n, line in enumerate(lines) if rules._read_line_dates(line) and n not in clued] == []
    assert [line for line in lines if rules.line_dates(line) != list(rules._read_line_dates(line))] == []


def test_listed_dates_reads_only_clued_lines_and_finds_what_reading_every_line_finds(monkeypatch):
    lines = _lines_of_pages()
    pages = [page.splitlines() for page in _pages()]
    listing = ["Latest news", "Council approves budget", "12.03.2021", "Storm closes roads", "11.03.2021",
               "Library reopens", "10.03.2021"]
    clued = [rules.listed_dates(page) for page in [listing, *pages]]
    monkeypatch.setattr(rules, "clued_lines", lambda page: range(len(page)))  # the definition: every line read
    assert clued == [rules.listed_dates(page) for page in [listing, *pages]]
    assert clued[0] == {2, 4, 6}
    assert any(clued[1:]) and len(lines) > 1000


@given(st.lists(st.sampled_from([
    "12.03.2021", "11.03.2021", "12.03.2021 12.03.2021", "Posted 2021-03-10", "date 2021-03-12",
    "Council approves budget", "The council met in 2021 and again in 2022.", "Storm closes roads at 12:44", "x",
]), max_size=24))
@example(["12.03.2021", "a", "12.03.2021", "a", "12.03.2021", "a", "a", "a", "11.03.2021"])  # a 2nd date far away
@example(["12.03.2021", "a", "12.03.2021", "11.03.2021", "a", "12.03.2021"])  # 2 steps to a dead end, 3 onwards
def test_listed_dates_reads_only_groups_of_clued_lines_and_finds_what_reading_every_clued_line_finds(lines):
    found = rules.listed_dates(lines)
    with pytest.MonkeyPatch.context() as patch:  # the definition: every clued line read for its date
        patch.setattr(rules, "listing_reach", set)
        assert found == rules.listed_dates(lines)


@given(st.lists(st.integers(0, 40), unique=True).map(sorted))
def test_listing_reach_is_the_clued_lines_with_enough_others_two_or_three_apart(clued):
    group = {i: {i} for i in clued}  # the groups, joined pair by pair until none changes
    for i in clued:
        for j in (i + 2, i + 3):
            if j in group and group[i] is not group[j]:
                joined = group[i] | group[j]
                for k in joined:
                    group[k] = joined
    assert rules.listing_reach(clued) == {i for i in clued if len(group[i]) >= rules.LISTING_MIN_ITEMS}


def _clue_misses(text: str) -> list[tuple[str, str]]:
    """The matches of a shape (anywhere in ``text``) whose own stretch holds no clue of that shape."""
    folded = rules._fold(text)
    return [(shape.kind, match.group(0)) for shape in rules._patterns() if shape.clue is not None
            for match in shape.pattern.finditer(folded) if not shape.clue.search(folded, *match.span())]


def test_every_match_of_a_shape_holds_its_clue_on_real_pages():
    texts = _lines_of_pages()
    assert sum(bool(_matches_anywhere(text)) for text in texts) > 50
    assert [miss for text in texts for miss in _clue_misses(text)] == []


@given(st.lists(st.sampled_from([
    "July", "Jul.", "27,", "27th", "2018", "27", "1er", "de", "del", "agosto", "Sept.", "/", "أبريل", "نيسان",
    "2020-07-27", "27.07.2018", "27. 07. 2018", "02-11-2023", "28.09.19", "12:44", "1399", "اردیبهشت", "21",
    "۱۳۹۹", "2020.", "március", "5.", "Wednesday,", "mardi", "\n\n", " " * 3, "x" * 90,
]), max_size=30).map(" ".join))
@example("Wednesday, July 27th, 2018 · 31 de agosto de 2018 · 2020. március 5. · 21 اردیبهشت 1399")
@example("24 نيسان / أبريل 2020 · 18. 05. 2014 · 28.09.19 12:44 · 02-11-2023")
def test_every_match_of_a_shape_holds_its_clue(text):
    assert _clue_misses(text) == []
