"""Lines shaped like program code (:mod:`newsclean.text.code`), with negatives: prose, list items and labels."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsclean.text.code import CODE_SIGN, code_lines, is_code_line


@pytest.mark.parametrize("line", ["function Cow(name) {", "exports.Cow = Cow;", "});", "}", "if (!target)",
                                  "bounds AS (", "),", 'print("hello")'])
def test_code_shaped_lines(line: str) -> None:
    assert is_code_line(line)


@pytest.mark.parametrize("line", ["The council approved the budget.", "2 cups flour", "Read more",
                                  "[ Editor : Jane Doe ] [ Registered : 2012 ]", "Photo: Jane Doe (Reuters)" * 8])
def test_prose_lists_labels_and_long_lines_are_not_code(line: str) -> None:
    assert not is_code_line(line)


def test_a_lone_line_ending_on_a_bracket_is_no_run_of_code() -> None:
    lines = ["The mayor spoke first.", "Funding (see below)", "The council voted.", "for (i = 0; i < n; i++) {",
             "total += i;", "}"]
    assert code_lines(lines) == frozenset({3, 4, 5})


@pytest.mark.parametrize("line", ["avg(n) - stddev(n) AS lower_bound,", "FROM server_log_summary",
                                  "WHERE status_code = 400", "2 │ -0.757 │ f", "───┼────", "x == y"])
def test_lines_holding_codes_signs_are_code(line: str) -> None:
    assert is_code_line(line)


@pytest.mark.parametrize("line", ["Write to jane_doe at the office.", "The score was 2 (two) to 1.", "Home", "SELECT"])
def test_sentences_and_bare_words_are_no_code(line: str) -> None:
    assert not is_code_line(line)


def test_a_run_of_code_goes_on_over_bare_keywords_between_its_lines() -> None:
    lines = ["We count the rows first:", "WITH counts AS (", "SELECT", "count(*) AS total_rows", "FROM", "server_log",
             ");", "That gives the total.", "Home", "News", "status_code", "Contact"]
    assert code_lines(lines) == frozenset({1, 2, 3, 4, 5, 6})


#: The signs of code as first written: each form read from its first character.
_PLAIN_CODE_SIGN = r"[^\W\d_]\(|[^\W\d_]_[^\W\d_]|[=!<>]=|::|->|=>|[\u2500-\u257f]"
#: What the forms tell apart: letters of several scripts, digits, the underscore, the marks and what stands beside
#: them in other forms, box-drawing lines and characters next to their range.
_SIGN_PARTS = ["a", "Z", "é", "ж", "9", "²", "_", "(", ")", "=", "!", "<", ">", "-", ":", " ", "─", "╿", "\u24ff",
               "\u2580", "\n"]


@given(st.lists(st.sampled_from(_SIGN_PARTS), max_size=8).map("".join) | st.text(max_size=12))
def test_code_signs_written_from_their_marks_are_found_where_the_plain_forms_are(text: str) -> None:
    assert (CODE_SIGN.search(text) is None) == (re.search(_PLAIN_CODE_SIGN, text) is None)


@pytest.mark.parametrize("line", ["f(x", "a_b", "x==", "x!=", "a<=b", "a>=b", "A::B", "a->b", "a=>b", "│"])
def test_each_form_of_a_code_sign_is_found(line: str) -> None:
    assert CODE_SIGN.search(line) and re.search(_PLAIN_CODE_SIGN, line)
