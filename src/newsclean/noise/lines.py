"""The first pass: each line alone against the boilerplate vocabulary (:mod:`newsclean.rules.noise`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache

from ..config import NoiseConfig
from ..rules.noise import LINE_RULES, LineRule
from ..text.linemodel import ScoringMemo
from ..text.shape import word_count
from .verdicts import Verdict

#: Lines longer than this (characters) are never boilerplate lines; skipping
#: them also bounds the cost of the line patterns.
LINE_RULE_MAX_CHARS = 1500


def user_rules(config: NoiseConfig) -> tuple[LineRule, ...]:
    """The user's own boilerplate patterns as line rules, named ``<kind>.user_<n>``."""
    return tuple(
        LineRule(f"{kind.value}.user_{n}", pattern, max_words=10_000)
        for kind, patterns in config.extra_patterns.items()
        for n, pattern in enumerate(patterns)
    )


#: Line rules ready to apply: each one's word limit, what every match of it holds (and whether
#: that is to be found in the line as it is or lower-cased), its whole-line matcher and its
#: verdict, in order.
PreparedRules = tuple[tuple[int, tuple[str, ...], bool, Callable[[str], object], Verdict], ...]


def prepare_rules(rules: Sequence[LineRule]) -> PreparedRules:
    """``rules`` compiled, with their verdicts made, for judging many lines."""
    return tuple((rule.max_words, rule.needs, not rule.flags & re.IGNORECASE, rule.regex.fullmatch,
                  Verdict.of(rule)) for rule in rules)


@cache
def _built_in_rules() -> PreparedRules:
    return prepare_rules(LINE_RULES)


def judge_line(text: str, rules: PreparedRules | None = None) -> Verdict | None:
    """The first boilerplate rule (of ``rules``, else the built-in ones) that matches the whole line
    (spaces of any kind folded), if any."""
    if len(text) > LINE_RULE_MAX_CHARS:
        return None
    text = " ".join(text.split())
    n_words = word_count(text)
    # a rule ignoring case finds its words in the lower-cased line only when the line is ASCII:
    # elsewhere a pattern ignoring case matches more than lower() shows ("ı" for "i")
    lowered = text.lower() if text.isascii() else None
    for max_words, needs, exact_case, fullmatch, verdict in rules if rules is not None else _built_in_rules():
        if n_words > max_words:
            continue
        if needs and (haystack := text if exact_case else lowered) is not None:
            for needed in needs:
                if needed in haystack:
                    break
            else:
                continue  # the line lacks what every match of the rule holds
        if fullmatch(text):
            return verdict
    return None


class PageMemo:
    """What is known of one page's lines by their text, shared by every pass over the page.

    Cleaning judges a page several times (after each pass, then its output
    as a second run would): a line's rule verdict and its features do not
    change between those readings, so each is computed once per page, and
    the classifier's scores of the same lines are worked out once. Features
    and scores depend on the stop words, so they are kept per language.
    """

    __slots__ = ("_scoring", "_verdicts")

    def __init__(self) -> None:
        self._verdicts: dict[str, Verdict | None] = {}
        self._scoring: dict[str | None, ScoringMemo] = {}

    def line_verdict(self, text: str, rules: PreparedRules) -> Verdict | None:
        """:func:`judge_line` of ``text`` (the stage's rules are the same for every reading of the page)."""
        if text not in self._verdicts:
            self._verdicts[text] = judge_line(text, rules)
        return self._verdicts[text]

    def scoring(self, language: str | None) -> ScoringMemo:
        """The line features and scores computed so far on this page, with the stop words of ``language``."""
        if (memo := self._scoring.get(language)) is None:
            memo = self._scoring[language] = ScoringMemo()
        return memo
