"""The first pass: each line alone against the boilerplate vocabulary (:mod:`newsclean.rules.noise`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache

from ..config import NoiseConfig
from ..rules.noise import LINE_RULES, LineRule
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
