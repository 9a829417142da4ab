"""Segmenting: the line-by-line split gives what the first definition (a regular expression's matches) gave.

The blocks the line model was trained on come from that definition, in which
an empty match follows every line: each non-blank line opens a block of its
own. The split must keep offsets, texts and blocks exactly.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsclean.document import Segment
from newsclean.rules.dates import SCRAPER_HEADER
from newsclean.stages.segment import _split_header, segment_text
from newsclean.text.repair import SPACE

_LINE = re.compile(r"[^\n]*")


def segment_text_by_matches(text: str) -> tuple[Segment, ...]:
    """The first definition of :func:`segment_text`, kept as the reference."""
    segments: list[Segment] = []
    block = 0
    for match in _LINE.finditer(text):
        line = match.group(0)
        stripped = line.strip(SPACE)
        if not stripped:
            if segments and segments[-1].block == block:
                block += 1
            continue
        start = match.start() + (len(line) - len(line.lstrip(SPACE)))
        end = start + len(stripped)
        if not segments:
            header = SCRAPER_HEADER.match(stripped)
            if header:
                segments.extend(_split_header(stripped, start, header.end(), block))
                continue
        segments.append(Segment(start, end, stripped, block, stripped))
    return tuple(segments)


PIECES = ["A line of text.", "\n", "\n\n", "  ", "\t", "\u00a0", "\r\n", "date 2018-07-27", " Headline here",
          "\u3000", "x", "\ufeff", "\x85", "\u2028"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
@example("date 2018-07-27 Headline\n\nBody line one.\nBody line two.\n\n\n  Indented\n")
@example("")
@example("\n\n")
def test_segments_are_those_of_the_first_definition(text: str) -> None:
    assert segment_text(text) == segment_text_by_matches(text)


def test_each_non_blank_line_opens_a_block() -> None:
    segments = segment_text("date 2018-07-27 Title\nfirst\nsecond\n\n\nthird")
    assert [(s.text, s.block) for s in segments] == [
        ("date 2018-07-27", 0), ("Title", 0), ("first", 1), ("second", 2), ("third", 3)]
