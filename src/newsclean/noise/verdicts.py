"""What the noise passes say of a line: the rule that removes it, and how sure that is.

Each pass reads the verdicts reached so far (``None`` for a line still taken
for body text) and returns new ones; the stage turns the last into removals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..document import Removal, Segment
from ..records import RemovalKind
from ..rules.rule import Rule

#: Rounds of re-judging the kept lines before the classifier's verdicts settle.
SETTLE_MAX_ROUNDS = 8


@dataclass(frozen=True, slots=True)
class Verdict:
    """Why a segment is not body text: the rule, and the confidence in this removal (0-1)."""

    rule: Rule
    score: float

    @classmethod
    def of(cls, rule: Rule) -> Verdict:
        """A removal by ``rule`` at the rule's own score."""
        return cls(rule, rule.score)

    @property
    def kind(self) -> RemovalKind:
        return self.rule.kind


Verdicts = list[Verdict | None]


def removals_for(segments: Sequence[Segment], verdicts: Verdicts) -> tuple[Removal, ...]:
    """The removal records of every judged segment."""
    return tuple(
        Removal(v.rule, s.start, s.end, s.text, v.score)
        for s, v in zip(segments, verdicts) if v is not None
    )
