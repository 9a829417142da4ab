"""Decide a page's main text by how far its extractors agree on it.

Each extractor errs in its own way, so a line that several of them keep is
more likely the article's than a line only one keeps. trafilatura and
resiliparse are asked first: where they keep nearly the same text the page
is :func:`settled` and trafilatura's output stands. Elsewhere readability
and jusText are asked too, and two candidates are built from the four
outputs of :class:`~newsclean.html.extractors.Extractions`:

* **enriched**: trafilatura's output, plus the lines resiliparse keeps that
  it lacks, when readability and jusText both keep them too (a list, a code
  block, a closing paragraph trafilatura dropped);
* **majority**: resiliparse's output (the most complete of the four) without
  the lines that fewer than two of the other extractors keep.

On a page whose precise trafilatura output is thin, trafilatura's default
balance joins as a fifth output: it votes, and a line two of the three others
(it, readability, jusText) hold enriches. The page gets the candidate that agrees more with all outputs (the sum
of its 4-word-shingle F1 against each): on an article page that is usually
the enriched one, on a documentation page or a wiki whose body trafilatura
cuts short, the majority. Pure functions of text: no markup, no state.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .extractors import Extractions

#: Words per shingle (the article-extraction benchmark's unit of overlap).
SHINGLE_WORDS = 4
#: Another output holds a line when it holds at least this share of the line's shingles (0-1).
HOLD_MIN_SHARE = 0.5
#: A line of resiliparse's stays in the majority candidate when at least this many other extractors hold it.
MAJORITY_MIN_OTHERS = 2

_WORD = re.compile(r"\w+")

class Shingles:
    """A multiset of shingles, kept so that two of them intersect at C speed.

    Most shingles of a text occur once: the size of an intersection is the
    number of shared distinct shingles, plus what the few repeated on both
    sides add (:meth:`overlap`).
    """

    __slots__ = ("counts", "keys", "repeated", "size")

    def __init__(self, counts: Counter[tuple[str, ...]]) -> None:
        self.counts = counts
        self.keys = counts.keys()
        self.repeated = frozenset(key for key, count in counts.items() if count > 1)
        self.size = counts.total()

    def overlap(self, other: Shingles) -> int:
        """How many shingles this multiset and ``other`` share (the size of their intersection)."""
        shared = len(self.keys & other.keys)
        both = self.repeated & other.repeated
        return shared + sum(min(self.counts[key], other.counts[key]) - 1 for key in both) if both else shared


def shingles(text: str) -> Shingles:
    """The multiset of ``text``'s runs of :data:`SHINGLE_WORDS` words (one shorter run for a shorter text)."""
    return _shingles(_WORD.findall(text))


def _shingles(words: list[str]) -> Shingles:
    if len(words) < SHINGLE_WORDS:
        return Shingles(Counter([tuple(words)]) if words else Counter())
    return Shingles(Counter(zip(*(words[i:] for i in range(SHINGLE_WORDS)))))


def _folded(text: str) -> str:
    return " ".join(text.split())


class Line:
    """One line of an output, with what asking whether another output holds it needs."""

    __slots__ = ("folded", "shingles", "short", "text")

    def __init__(self, text: str) -> None:
        words = _WORD.findall(text)
        self.text = text
        self.folded = _folded(text)
        self.short = len(words) < SHINGLE_WORDS
        self.shingles = _shingles(words)


class Output:
    """One extractor's text, ready to be asked whether it holds a line."""

    __slots__ = ("_lines", "folded", "shingles", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: list[Line] | None = None
        self.shingles = shingles(text)
        self.folded = _folded(text)

    @property
    def lines(self) -> list[Line]:
        """The output's non-blank lines (built when first asked: only the base and donor outputs need them)."""
        if self._lines is None:
            self._lines = [Line(line) for line in self.text.splitlines() if line.strip()]
        return self._lines

    def holds(self, line: Line | str) -> bool:
        """Whether this output holds ``line``: most of its shingles, or all of a line too short for one."""
        if isinstance(line, str):
            line = Line(line)
        if line.short:
            return line.folded in self.folded
        return line.shingles.overlap(self.shingles) >= HOLD_MIN_SHARE * line.shingles.size


def enriched(base: Output, donor: Output, backers: Sequence[Sequence[Output]]) -> str:
    """``base``'s lines, with the lines of ``donor`` that ``base`` lacks and that any group of ``backers``
    holds entirely, each placed after the base line that holds the donor line before it."""
    folded = [line.folded for line in base.lines]
    inserts: dict[int, list[str]] = {}
    at = 0  # the donor's lines so far stand before base line ``at``
    for line in donor.lines:
        if base.holds(line):
            at = _position(line.folded, folded, at)
        elif any(all(backer.holds(line) for backer in group) for group in backers):
            inserts.setdefault(at, []).append(line.text)
    out: list[str] = []
    for i, line in enumerate(base.lines):
        out += inserts.get(i, [])
        out.append(line.text)
    out += inserts.get(len(base.lines), [])
    return "\n".join(out)


#: A donor line is placed by this many of its first characters, found in a base line.
ANCHOR_CHARS = 40


def _position(line: str, base_lines: Sequence[str], default: int) -> int:
    """One past the first base line that holds the start of ``line``; ``default`` when none does."""
    anchor = line[:ANCHOR_CHARS]
    for i, base_line in enumerate(base_lines):
        if anchor and anchor in base_line:
            return i + 1
    return default


def majority(base: Output, others: Sequence[Output], min_others: int = MAJORITY_MIN_OTHERS) -> str:
    """``base``'s lines that at least ``min_others`` of ``others`` hold."""
    return "\n".join(line.text for line in base.lines if sum(o.holds(line) for o in others) >= min_others)


def agreement(candidate: Shingles, outputs: Sequence[Output]) -> float:
    """The sum of ``candidate``'s shingle F1 against each output (an empty pair agrees fully)."""
    total = 0.0
    size = candidate.size
    for output in outputs:
        other = output.shingles.size
        if size == other == 0:
            total += 1.0
        elif size and other:
            total += 2 * candidate.overlap(output.shingles) / (size + other)
    return total


#: trafilatura's precise output and resiliparse's settle a page when their shingle F1 is at least this (0-1).
#: Chosen on the dev halves (0.90 to 0.97 tried): from 0.95 up no set's body F1 moves by more than 0.001,
#: and the other two extractors are not asked on two pages in five.
SETTLED_AGREEMENT = 0.95


def settled(found: Extractions) -> bool:
    """Whether trafilatura's and resiliparse's outputs agree so closely that the page needs no other voter.

    Two extractors that work in very different ways keeping nearly the same
    text is the agreement the vote looks for; on such a page the vote
    rarely changes trafilatura's output, and readability and jusText (the
    costlier half of the four) are not asked.
    """
    precise, complete = shingles(found.trafilatura), shingles(found.resiliparse)
    if not precise.size or not complete.size:
        return False
    return 2 * precise.overlap(complete) / (precise.size + complete.size) >= SETTLED_AGREEMENT


def agreed_text(found: Extractions) -> str:
    """The page's main text as the extractors agree on it: trafilatura's on a page the first two
    :func:`settled`, else the enriched or the majority candidate."""
    if not found.complete:
        return found.trafilatura
    trafilatura, resiliparse, readability, justext = pool = tuple(Output(t) for t in found.outputs())
    if found.default is None:
        rich = enriched(trafilatura, resiliparse, backers=((readability, justext),))
        voted = majority(resiliparse, (trafilatura, readability, justext))
    else:  # trafilatura's default balance, asked on a page its precise output cut short, votes and backs
        default = Output(found.default)
        pool = (*pool, default)
        rich = enriched(trafilatura, resiliparse,
                        backers=((default, readability), (default, justext), (readability, justext)))
        voted = majority(resiliparse, (default, trafilatura, readability, justext))
    return voted if agreement(shingles(voted), pool) > agreement(shingles(rich), pool) else rich
