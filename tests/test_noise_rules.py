"""Table-driven checks of the line rules (``tests/cases/noise.json``).

Each case is a line and the kind of noise it is, or ``null`` for body prose
that merely mentions the vocabulary ("she shared a photo on Twitter") and
must survive. A case with an ``xfail`` field is a known defect of the rules:
it is kept in the table and expected to fail, strictly, so fixing the rule
makes the test suite say so.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.records import RemovalKind
from newsclean.noise.lines import judge_line

CASES_FILE = Path(__file__).parent / "cases" / "noise.json"
#: Characters of a case's text kept in its test id.
ID_TEXT_CHARS = 40


def _load_cases() -> list[dict[str, Any]]:
    return json.loads(CASES_FILE.read_text(encoding="utf-8"))


def _case_id(index: int, case: dict[str, Any]) -> str:
    slug = re.sub(r"[^0-9A-Za-z]+", "_", case["text"]).strip("_")[:ID_TEXT_CHARS]
    return f"{index:03d}-{case['kind'] or 'keep'}-{slug}"


def _params() -> list[Any]:
    params = []
    for index, case in enumerate(_load_cases()):
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else []
        params.append(pytest.param(case, id=_case_id(index, case), marks=marks))
    return params


CASES = _load_cases()


def test_case_file_is_well_formed() -> None:
    kinds = {kind.value for kind in RemovalKind}
    for case in CASES:
        assert set(case) <= {"text", "kind", "note", "xfail"}, case
        assert case["text"] and case["text"] == case["text"].strip(), case
        assert case["kind"] is None or case["kind"] in kinds, case
        assert case["note"], case
    texts = [case["text"] for case in CASES]
    assert len(texts) == len(set(texts)), "a line appears twice in the case file"


def test_every_line_rule_kind_has_positives_and_negatives_outnumber_them() -> None:
    from newsclean.rules.noise import LINE_RULES

    rule_kinds = {rule.kind.value for rule in LINE_RULES}
    covered = {case["kind"] for case in CASES if case["kind"] and "xfail" not in case}
    assert rule_kinds <= covered
    positives = sum(1 for case in CASES if case["kind"] is not None)
    negatives = sum(1 for case in CASES if case["kind"] is None)
    assert negatives >= positives


@pytest.mark.parametrize("case", _params())
def test_judge_line(case: dict[str, Any]) -> None:
    verdict = judge_line(case["text"])
    got = verdict.kind.value if verdict is not None else None
    rule = verdict.rule.id if verdict is not None else None
    assert got == case["kind"], f"{case['note']}: got {got} (rule {rule})"
    if verdict is not None:
        # the rule's id names its kind, so counters keyed by rule and by kind agree
        assert verdict.rule.id.partition(".")[0] == got
        assert 0.0 < verdict.score <= 1.0


def _needs_found(rule: Any, text: str) -> bool:
    haystack = text if not rule.flags & re.IGNORECASE else text.lower()
    return any(needed in haystack for needed in rule.needs)


def test_what_a_rule_needs_is_in_every_line_it_matches() -> None:
    """``needs`` may only skip lines the pattern cannot match: checked on every case and seed line."""
    from conftest import SEEDS
    from newsclean.rules.noise import LINE_RULES

    needing = [rule for rule in LINE_RULES if rule.needs]
    assert needing
    for rule in needing:
        if rule.flags & re.IGNORECASE:
            assert all(needed == needed.lower() for needed in rule.needs), rule.id
    lines = [case["text"] for case in CASES]
    lines += [line for path in sorted(SEEDS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    matched = 0
    for text in (" ".join(line.split()) for line in lines):
        for rule in needing:
            if rule.regex.fullmatch(text):
                matched += 1
                assert _needs_found(rule, text), (rule.id, text)
    assert matched >= len(needing)  # every such rule is exercised


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["Photo", "by", "AP", "/", "Reuters", "sign up", "newsletter", "inbox", "said:",
                                 "(Published", "Monday", "2019)", "credit:", "tip", "RSS", "feed", ">", "News",
                                 "commission", "we", "links", "may not be", "reproduced", "this site", "12 issues",
                                 "for", "£9", "Jane Doe", ".", "ı", "ſ", "K"]), max_size=12).map(" ".join))
def test_what_a_rule_needs_is_in_every_generated_line_it_matches(text: str) -> None:
    from newsclean.rules.noise import LINE_RULES

    for rule in LINE_RULES:
        if rule.needs and rule.regex.fullmatch(text) and text.isascii():
            assert _needs_found(rule, text), (rule.id, text)


def test_judging_with_the_shortcut_finds_what_trying_every_pattern_finds() -> None:
    from conftest import SEEDS
    from newsclean.rules.noise import LINE_RULES
    from newsclean.text.shape import word_count

    def every_pattern(text: str) -> str | None:
        text = " ".join(text.split())
        return next((rule.id for rule in LINE_RULES
                     if word_count(text) <= rule.max_words and rule.regex.fullmatch(text)), None)

    # "ı" and "ſ" match "i" and "s" when case is ignored, though lower() leaves them: such lines take every pattern
    lines = [case["text"] for case in CASES] + ["Got a news tıp? Email us", "Got a news tip? Email us"]
    lines += [line for path in sorted(SEEDS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    for text in lines:
        verdict = judge_line(text)
        assert (verdict.rule.id if verdict else None) == every_pattern(text), text
