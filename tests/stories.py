"""Invented story text shared by the tests: a headline and body paragraphs the cleaner must keep."""

from __future__ import annotations

HEADLINE = "New Library Opens to Long Lines in Rural County"
BODY = (
    "The county's new library opened its doors on Saturday morning to a line of families that stretched "
    "around the block, more than an hour before the ribbon cutting was scheduled to begin.",
    "The building replaces a branch that closed four years ago after a roof collapse, and it includes a "
    "maker space, a quiet reading room and a much larger section for children and teenagers.",
    "Librarians said more than 1,200 people signed up for new cards during the first day, a record for the "
    "system, which has struggled for years to attract younger readers to its branches.",
    "The project cost $18 million and was paid for with a bond measure that voters approved in 2020, along "
    "with a grant from a state program that supports libraries in rural counties.",
)


def doc(*blocks: str) -> str:
    """A plain-text document: blocks separated by blank lines."""
    return "\n\n".join(blocks) + "\n"
