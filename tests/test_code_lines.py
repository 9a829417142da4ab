"""Lines shaped like program code (:mod:`newsclean.text.code`), with negatives: prose, list items and labels."""

from __future__ import annotations

import pytest

from newsclean.text.code import code_lines, is_code_line


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
