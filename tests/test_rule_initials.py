"""A line is tried only against the rules whose match can start with its first character: the same verdicts."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from newsclean.noise.initials import first_characters
from newsclean.noise.lines import judge_line
from newsclean.rules.noise import LINE_RULES
from newsclean.text.shape import word_count


def test_the_initials_of_plain_patterns():
    assert first_characters(r"(?:share|follow)\s+us", re.IGNORECASE) == frozenset("sSfF")
    assert first_characters(r"(?:share|follow)\s+us", 0) == frozenset("sf")
    assert first_characters(r"\d+ comments?", 0) == frozenset("0123456789")
    assert first_characters(r"(?:\(c\)\s*)?©.*", 0) == frozenset("(")  # © is not ASCII: not listed
    assert first_characters(r"(?=.*\bfree\b)[A-C][a-z]+", 0) == frozenset("ABC")  # a lookahead takes no character
    assert first_characters(r"(?i:tags?)|Topics", 0) == frozenset("tT")


def test_case_folding_is_the_engines_own():
    # the Kelvin sign and the long s match "k" and "s" when case is ignored, though neither is ASCII
    assert first_characters("\u212a\\w+", re.IGNORECASE) == frozenset("kK")
    assert first_characters("\u017fhare", re.IGNORECASE) == frozenset("sS")
    assert first_characters("\u017fhare", 0) == frozenset()


def test_what_is_not_known_means_any_character():
    assert first_characters(r".{0,80}\bsign up\b.*", re.IGNORECASE) is None  # any character first
    assert first_characters(r"(?:photo )?", 0) is None  # can match nothing
    assert first_characters(r"(?>ab)c", 0) is None  # an atomic group: not read here
    assert first_characters(r"[^\W\d_]+", 0) is not None  # a negated class is read through the engine


_WORDS = st.sampled_from(["Share", "share", "Follow", "us", "on", "Twitter", "Related:", "Photo", "by", "©", "2024",
                          "(AP)", "Sign", "up", "newsletter", "The", "council", "met", "Tuesday.", "Kelvin", "ſhare",
                          "Read", "more", "»", "Home", "|", "News", "Getty", "Images", "comments", "12"])


@given(st.lists(_WORDS, min_size=1, max_size=14).map(" ".join))
def test_the_verdict_is_that_of_every_rule_in_order(text):
    expected = next((rule.id for rule in LINE_RULES
                     if word_count(text) <= rule.max_words and rule.regex.fullmatch(text)), None)
    verdict = judge_line(text)
    assert (verdict.rule.id if verdict else None) == expected
