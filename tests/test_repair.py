"""The shortcuts of line repair give what the slow definitions give.

``lines_to_normalize`` lets the normalize stage skip lines that
``normalize_text`` would only strip; ``looks_like_mojibake`` asks ftfy's
heuristic of less text first. Both must answer as the full work would.
"""

from __future__ import annotations

import re

# the parser of the standard library reads ftfy's pattern, to check the shortcut's premise
from re import _constants as sre_constants
from re import _parser as sre_parser

from ftfy.badness import BADNESS_RE, is_bad
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.config import NormalizeConfig
from newsclean.document import Segment
from newsclean.stages.normalize import segments_to_normalize
from newsclean.stages.segment import segment_text
from newsclean.text.repair import (
    MOJIBAKE_ASCII_REACH,
    _cut_far_from_non_ascii,
    _single_spaced,
    lines_to_normalize,
    looks_like_mojibake,
    normalize_lines,
    normalize_text,
    with_stripped_spaces,
)

CONFIGS = (NormalizeConfig(), NormalizeConfig(straighten_quotes=True), NormalizeConfig(unicode_form="NFKC"))
#: Lines with mojibake (and lines without) where a long ASCII run stands before, between or after it.
MOJIBAKE_CASES = (
    ("The mayor said the projectâ€™s cost had doubled since the council approved it last spring.", True),
    ("Ã la carte menus were offered at every table of the restaurant that evening, the owner said.", True),
    ("Prices rose by 3 percent, said the bureau, in a report published on Monday morning.", False),
    ("Zoë Müller called it “the best Saturday we’ve had since we opened” three years ago, she said.", False),
    ("Москва — столица России, и это знают все, кто живёт там или приезжал хотя бы раз.", False),
    ("He paid 5 â‚¬ for a coffee at the station, which he thought was far too expensive for what it was.", True),
    ("a" * 50 + "Ã " + "b" * 50, True),
    ("Ã " + "b" * 50, True),
    ("x" * 40 + "Ã©", True),
    ("Ãx" + " " * 30 + "€", False),
)


def _is_beyond_ascii(op: object, argument: object) -> bool:
    """Whether one element of a parsed pattern can only match characters beyond ASCII."""
    if op == sre_constants.LITERAL:
        return int(argument) > 0x7F  # type: ignore[call-overload]
    if op != sre_constants.IN:
        return False
    for item_op, item in argument:  # type: ignore[attr-defined]
        if item_op in (sre_constants.NEGATE, sre_constants.CATEGORY):
            return False
        if item_op == sre_constants.LITERAL and item <= 0x7F:
            return False
        if item_op == sre_constants.RANGE and item[0] <= 0x7F:
            return False
    return True


def test_the_mojibake_pattern_holds_what_the_shortcut_assumes() -> None:
    """Every sequence ftfy looks for holds a character beyond ASCII, and at most MOJIBAKE_ASCII_REACH characters
    in a row that may be ASCII (the elements between two that only match beyond ASCII, widest matches counted)."""
    tree = sre_parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    [(op, (_, branches))] = tree.data
    assert op == sre_constants.BRANCH
    for branch in branches:
        assert any(_is_beyond_ascii(element_op, argument) for element_op, argument in branch.data), branch
        run = 0
        for element in branch.data:
            if _is_beyond_ascii(*element):
                assert sre_parser.SubPattern(tree.state, [element]).getwidth() == (1, 1)
                run = 0
            else:
                run += sre_parser.SubPattern(tree.state, [element]).getwidth()[1]
                assert run <= MOJIBAKE_ASCII_REACH, branch


def test_looks_like_mojibake_answers_as_ftfy() -> None:
    for text, bad in MOJIBAKE_CASES:
        assert is_bad(text) is bad, text
        assert looks_like_mojibake(text) is bad, text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", " ", "Ã", "Â", "€", "©", "é", "\u00a0", "™", "x" * 20, "ö", "Ð", "\n", ".",
                                 "â€", "Ø", "Ù", "Œ", "œ", "β€", "ГўВЂВ", "×", "²", "√", "‚Ä"]), max_size=40))
def test_looks_like_mojibake_is_is_bad(parts: list[str]) -> None:
    text = "".join(parts)
    assert looks_like_mojibake(text) == is_bad(text)


LINE_PARTS = ["Plain words", "  ", "\t", "\u00a0", "é", "Ã©", "“quoted”", "&amp;", "Q&A", "&", "&copy;", "&#38;",
              "&nbsp", "AT&T;", "\x85", "\r", " ", "ﬁ",
              "e\u0301", "-", "\u2028", "\ufeff", "\x1b[0m", "’"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(LINE_PARTS), max_size=6).map("".join), max_size=8).map("\n".join))
def test_a_line_not_listed_normalises_to_itself_stripped(text: str) -> None:
    for config in CONFIGS:
        listed = list(lines_to_normalize(text, config))
        assert listed == sorted(set(listed))
        for segment in segment_text(text):
            if not any(start <= segment.start <= end for start, end in listed):
                widened = with_stripped_spaces(text, segment.start, segment.end)
                assert normalize_text(widened, config) == segment.text, (text, segment)


def test_segments_to_normalize_holds_every_segment_normalising_changes() -> None:
    text = ("Plain line one\n\n  Caf\u00e9 opens  \nAnother plain line\n\tTabbed line\n"
            "two  spaces inside\ndate 2018-07-27 Headline after the scraper header\nlast \u00a0")
    segments = segment_text(text)
    for config in CONFIGS:
        work = segments_to_normalize(text, segments, config)
        changed = [i for i, s in enumerate(segments)
                   if normalize_text(with_stripped_spaces(text, s.start, s.end), config) != s.text]
        assert set(changed) <= set(work)
        assert not set(work) & {0, 2}  # the plain lines are left alone


def test_a_segment_without_its_normalised_text_is_normalised() -> None:
    text = "Plain line\nAnother plain line"
    segments = tuple(Segment(s.start, s.end, s.text, s.block) for s in segment_text(text))  # norm not set
    assert segments_to_normalize(text, segments, NormalizeConfig()) == [0, 1]



AMPERSAND_PARTS = ["Q&A", "AT&T", " & ", "&amp;", "&copy;", "&#x2019;", "&#38;", "&nbsp", "&;", "&AMP;", "caf",
                   "Ã©", "é", "x", " ", "&lt;b&gt;", "&#;"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(AMPERSAND_PARTS), max_size=8).map("".join))
def test_an_ampersand_outside_an_entity_needs_no_ftfy(text: str) -> None:
    """Lines with an ampersand that opens no HTML entity skip ftfy: it would change nothing."""
    import ftfy

    from newsclean.text.repair import _fixer_config

    for config in CONFIGS:
        through_ftfy = " ".join(ftfy.fix_text(text, _fixer_config(config)).split())
        assert normalize_text(text, config) == through_ftfy


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(LINE_PARTS + ["Ã", "Â", "â€", "Ã ", "Â ", "x" * 12, "Œ", "œ"]), max_size=6)
                .map("".join), max_size=8))
def test_lines_normalised_together_are_lines_normalised_one_by_one(lines: list[str]) -> None:
    for config in CONFIGS:
        assert normalize_lines(lines, config) == [normalize_text(line, config) for line in lines]


def test_lines_normalised_together_are_checked_for_mojibake_at_their_own_start() -> None:
    lines = ["Plain words first.", "Ã la carte, the menu said", "más o menos"]
    assert looks_like_mojibake(lines[1]) and normalize_text(lines[1]) != lines[1]
    assert normalize_lines(lines) == [normalize_text(line) for line in lines]
    assert normalize_lines(lines[2:]) == [normalize_text(line) for line in lines[2:]]


#: The cut as first written: both ends of a long ASCII run taken as groups and written back around the line break.
_CUT_WITH_GROUPS = re.compile(rf"([\x00-\x7f]{{{MOJIBAKE_ASCII_REACH}}})[\x00-\x7f]+([\x00-\x7f]{{{MOJIBAKE_ASCII_REACH}}})")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \n\x00\x7fé\x80€Ã©\u2028😀"), max_size=40) | st.text(max_size=40))
def test_the_cut_by_lookaround_is_the_cut_with_groups(text: str) -> None:
    assert _cut_far_from_non_ascii(text) == _CUT_WITH_GROUPS.sub("\\1\\n\\2", text)


def test_the_cut_leaves_each_long_ascii_runs_ends() -> None:
    assert _cut_far_from_non_ascii("é" + "abcdefg" + "é" + "abcd" + "é") == "éab\nfgéabcdé"


#: Every character ``\s`` matches, and characters beside them that it does not.
_SPACE_PARTS = [c for c in map(chr, range(0x3001)) if c.isspace()] + ["a", "é", "\u200b", "\ufeff", "\x1c", "."]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_SPACE_PARTS), max_size=12).map("".join) | st.text(max_size=20))
def test_single_spacing_by_split_is_the_replacement_of_space_runs(text: str) -> None:
    assert _single_spaced(text) == re.sub(r"\s+", " ", text).strip()
