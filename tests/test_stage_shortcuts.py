"""The shortcuts of the stages around the noise stage give the answers of the work they skip.

The dates stage finds its dated lines with one search over the page's lines
joined, and makes a removed line's spacing single only when it reads that
line; the validate stage hands the quality signals to the Article as plain
fields; the quality signals search for a letter only in tokens that are not
letters alone. Each is checked here against the plain computation.
"""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.rules.dates import TWO_DIGITS
from newsclean.rules.registry import NO_TEXT_AFTER_NORMALIZATION
from newsclean.stages.dates import PageLines
from newsclean.stages.validate import quality_fields, quality_record
from newsclean.text.quality import _LETTER, _letterless, quality_signals

#: Pieces of lines: digits of two scripts, spacing a removed line's text may hold (line breaks, no-break and
#: ideographic spaces, tabs), and words.
LINE_PARTS = ["1", "2", "٢", "٠", "9", " ", "  ", "\n", "\u00a0", "\u3000", "\t", "May", "2020", "a", "-", ":"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(LINE_PARTS), max_size=8).map("".join), st.booleans()),
                max_size=12))
def test_dated_lines_are_the_lines_with_two_digits_in_a_row(lines: list[tuple[str, bool]]) -> None:
    texts = tuple(text for text, _ in lines)
    rules = tuple(NO_TEXT_AFTER_NORMALIZATION if removed else None for _, removed in lines)
    page = PageLines(tuple(range(len(texts))), tuple(range(len(texts))), texts, rules)
    read = [" ".join(text.split()) if removed else text for text, removed in lines]
    assert [page.text(i) for i in range(len(page))] == read
    assert [page[i].text for i in range(len(page))] == read
    assert page.dated() == [i for i, text in enumerate(read) if TWO_DIGITS.search(text)]


def test_quality_fields_are_the_quality_record() -> None:
    body = ["A first paragraph of prose, as a story has them.", "| 1 | 2 |", "A first paragraph of prose, as a "
            "story has them.", "Ellipsis at the end..."]
    for stop_words in (None, frozenset({"a", "of"})):
        signals = quality_signals(body, stop_words)
        record = quality_record(signals)
        assert type(record).model_validate(quality_fields(signals)) == record
        assert quality_fields(signals) == record.model_dump()


def test_every_alphabetic_character_is_a_letter_of_the_quality_signals() -> None:
    """The premise of ``_letterless``: a token ``str.isalpha`` calls letters holds a ``_LETTER`` (every code point)."""
    alphabetic = [chr(point) for point in range(sys.maxunicode + 1) if chr(point).isalpha()]
    assert all(_LETTER.match(char) for char in alphabetic)


@given(st.lists(st.text(min_size=1), max_size=20))
def test_letterless_tokens_are_those_without_a_letter(tokens: list[str]) -> None:
    assert _letterless(tokens) == sum(1 for token in tokens if not _LETTER.search(token))
