"""find_dates skips lines without two digits in a row: the patterns find nothing in them either."""

from __future__ import annotations

import gzip
import json

from hypothesis import given
from hypothesis import strategies as st

from conftest import DATA
from newsclean.rules import dates as rules


def _without_precheck(text: str) -> list[rules.DateMatch]:
    folded = rules._fold(text)
    return [match for pattern, _ in rules._patterns() for match in pattern.finditer(folded)]  # type: ignore[misc]


def _lines() -> list[str]:
    with gzip.open(DATA / "pages.jsonl.gz", "rt", encoding="utf-8") as f:
        return [line for row in map(json.loads, f) for line in row["pagetext"].splitlines()]


def test_no_pattern_matches_a_line_the_precheck_skips():
    cases = json.loads((DATA.parent / "cases" / "dates.json").read_text(encoding="utf-8"))
    texts = _lines() + [json.dumps(case, ensure_ascii=False) for case in cases]
    skipped = [text for text in texts if not rules._TWO_DIGITS.search(rules._fold(text))]
    assert len(skipped) > 100
    assert [text for text in skipped if _without_precheck(text)] == []


@given(st.text(alphabet=st.sampled_from(list("0123456789٠١٢۳ .,/-:年月日 JulyMarsabcde 時分")), max_size=40))
def test_patterns_need_two_digits_in_a_row(text):
    if not rules._TWO_DIGITS.search(rules._fold(text)):
        assert _without_precheck(text) == []
