"""The photo credit rule written for speed matches what it matches written plainly.

``caption.agency_credit`` reads a line's last signs behind its end (rather than
backtracking from the end over every position), takes a caption's words and
spaces whole (possessive quantifiers), and looks ahead for the slash or the
parenthesis a slashed or parenthesised credit holds before reading the caption's
words. Its plain form (each of those undone) is rebuilt here from the rule's own
text, and both are checked to fullmatch the same lines: the test pages' lines
and generated captions and credits.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.rules import noise

DATA = Path(__file__).parent / "data"
AGENCY_CREDIT = next(rule for rule in noise.LINE_RULES if rule.id == "caption.agency_credit")
#: The end test as first written: backtrack from the line's end to a word character, ")" or ")." closing it.
_PLAIN_END = r"(?:\w|\)\.?)$"
_FAST_END = r"(?:(?<=\w|\))|(?<=\)\.))$"


def _plain_pattern() -> re.Pattern[str]:
    fast = AGENCY_CREDIT.pattern
    assert _FAST_END in fast and noise._HOLDS_SLASH in fast and noise._HOLDS_PARENTHESIS in fast
    plain = (fast.replace(noise._HOLDS_SLASH, "").replace(noise._HOLDS_PARENTHESIS, "")
             .replace("*+", "*").replace("++", "+").replace(_FAST_END, _PLAIN_END))
    assert plain != fast and "++" not in plain and "*+" not in plain
    return re.compile(plain, AGENCY_CREDIT.flags)


PLAIN = _plain_pattern()
FAST = AGENCY_CREDIT.regex
#: Pieces of captions and credits, and of the sentences and addresses that are neither.
_PIECES = ["Jane", "Doe", "J.", "AP", "EPA-EFE", "Photo", "photo", "file", "Getty", "Images", "via", "Via",
           "courthouse.", "the", "of", "2019.", "Credit:", "Photograph:", "©", "(", ")", ").", ",", ".", "/", " / ",
           "https://example.com/a", "www.example.org", "Reuters", "24", "Staff", "said!", "end?", "\n", "\t", "_"]


def _page_lines() -> list[str]:
    lines: set[str] = set()
    with gzip.open(DATA / "pages.jsonl.gz", "rt", encoding="utf-8") as pages:
        for row in pages:
            lines.update(" ".join(line.split()) for line in json.loads(row)["pagetext"].split("\n"))
    return sorted(line for line in lines if line)


def test_fast_and_plain_credit_patterns_match_the_same_page_lines() -> None:
    lines = _page_lines()
    matched = [line for line in lines if PLAIN.fullmatch(line)]
    assert matched  # the rule fires on the test pages, so both answers are checked
    for line in lines:
        assert bool(FAST.fullmatch(line)) == bool(PLAIN.fullmatch(line)), line


_CAPTIONS = st.lists(st.sampled_from(_PIECES), max_size=14).flatmap(
    lambda pieces: st.lists(st.sampled_from(["", " ", "  "]), min_size=len(pieces), max_size=len(pieces)).map(
        lambda gaps: "".join(piece + gap for piece, gap in zip(pieces, gaps))))


@settings(max_examples=400)
@given(_CAPTIONS | st.text(max_size=40))
def test_fast_and_plain_credit_patterns_match_the_same_generated_lines(text: str) -> None:
    assert bool(FAST.fullmatch(text)) == bool(PLAIN.fullmatch(text))


def test_generated_lines_reach_both_answers() -> None:
    """The generated captions are credits often enough for the property above to test a match."""
    assert FAST.fullmatch("Traders work on the floor of the exchange in 2019. REUTERS/Jane Doe")
    assert FAST.fullmatch("A view of the courthouse. (AP Photo/Jane Doe)")
    assert not FAST.fullmatch("The courthouse was closed on Monday.")
