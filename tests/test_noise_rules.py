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

from newsclean.records import RemovalKind
from newsclean.stages.noise import judge_line

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
    rule = verdict.rule if verdict is not None else None
    assert got == case["kind"], f"{case['note']}: got {got} (rule {rule})"
    if verdict is not None:
        # the rule's id names its kind, so counters keyed by rule and by kind agree
        assert verdict.rule.partition(".")[0] == got
        assert 0.0 < verdict.score <= 1.0
