"""A line not in ASCII is read lower-cased for the needed words of the rules ignoring case, unless it holds a
character those rules fold otherwise than lower() does.

:func:`~newsclean.noise.lines.judge_line` looks for a rule's needed words in
the lower-cased line where that shows every match a pattern ignoring case
finds; the characters for which it would not ("ı" and "İ" for "i", "ſ" for
"s") are found by the regular-expression engine itself. Checked: every
spelling of a needed word the engine accepts ignoring case, in a line with
another non-ASCII character, is in the lower-cased line, or the line is not
read lower-cased.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from newsclean.noise.lines import _built_in_rules, _unlike_lower
from newsclean.rules.noise import LINE_RULES

RULES = _built_in_rules()
NEEDED = sorted({needed for rule in LINE_RULES if rule.flags & re.IGNORECASE for needed in rule.needs})
#: Characters that some pattern ignoring case matches to each needed character, as the engine finds them.
_SPELLINGS = {char: sorted(chr(code) for code in range(0x10000)
                           if re.fullmatch(re.escape(char), chr(code), re.IGNORECASE))
              for char in {char for needed in NEEDED for char in needed}}


def test_the_characters_lower_does_not_fold_as_the_rules_do_are_found() -> None:
    unlike = RULES.folds_unlike_lower
    assert unlike is not None
    for odd in ("ı", "İ", "ſ"):  # dotless i, dotted capital I, long s: each matches a needed letter ignoring case
        assert unlike(f"x{odd}y")
    for plain in ("é", "É", "ö", "Ö", "’", "“", "\u212a", "ß", "中"):  # lower() writes these as the rules fold them
        assert not unlike(plain), plain
    assert _unlike_lower(frozenset()) is None
    assert _unlike_lower(frozenset("σ")) is not None  # the capital sigma: lower() writes it by its place


@given(st.sampled_from(NEEDED).flatmap(
    lambda needed: st.tuples(*(st.sampled_from(_SPELLINGS[char]) for char in needed)).map("".join)),
       st.sampled_from(["é ", "“", "Ça ", "Straße ", "ı ", "İ", "ſ", "中 "]), st.sampled_from(["", " x", "’"]))
def test_a_needed_word_read_ignoring_case_is_in_the_lower_cased_line(spelled: str, before: str, after: str) -> None:
    line = before + spelled + after
    needed = next(word for word in NEEDED if re.fullmatch(re.escape(word), spelled, re.IGNORECASE))
    lowered = RULES.lowered(line)
    assert lowered is None or needed in lowered, (line, needed)
