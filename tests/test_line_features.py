"""Speed-ups of the line features compute exactly what the plain definitions do."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from newsclean.document import Segment
from newsclean.features import _punctuation_and_digits, base_features


@given(st.text())
def test_punctuation_and_digits_count_like_unicodedata(text):
    expected = (sum(unicodedata.category(c).startswith("P") for c in text), sum(c.isdigit() for c in text))
    assert _punctuation_and_digits(text) == expected


@given(st.lists(st.sampled_from(["Menu", "Home | News", "The council met on Tuesday, 3 May 2022, to vote.",
                                 "“Quoted,” she said — ２０２４ ¹²³.", "", "Share"]), max_size=12))
def test_a_memo_changes_no_feature(lines):
    segments = [Segment(start=0, end=len(text), text=text, block=n // 3, norm=text) for n, text in enumerate(lines)]
    beside = [n % 2 == 0 for n in range(len(lines))]
    stopwords = frozenset({"the", "on", "to", "she"})
    memo: dict = {}
    first = base_features(segments, beside, stopwords, memo)
    assert first == base_features(segments, beside, stopwords)
    assert base_features(segments, beside, stopwords, memo) == first  # served from the memo
