"""Decide a page's main text by how far its extractors agree on it.

Each extractor errs in its own way, so a line that several of them keep is
more likely the article's than a line only one keeps. trafilatura and
resiliparse are asked first: where they keep nearly the same text the page
is :func:`settled` and trafilatura's output stands. Elsewhere jusText is
asked: where it keeps nearly what trafilatura keeps, it has
:func:`seconded` trafilatura's output, which stands. Elsewhere readability
is asked too, and two candidates are built from the four outputs of
:class:`~newsclean.html.extractors.Extractions`:

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

import bisect
import itertools
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
ONCE = 1  # a shingle's count when it occurs once

class Shingles:
    """A multiset of shingles, kept so that two of them intersect at C speed.

    Most shingles of a text occur once: the size of an intersection is the
    number of shared distinct shingles (two sets intersected), plus what the
    few repeated on both sides add (:meth:`overlap`); the shingles are
    counted only in a multiset that repeats one, and the repeated ones listed
    only when an intersection asks. A shingle is its words joined by a space
    (:func:`shingle_key`): a string keeps its hash once computed, where a
    tuple of words computes it again at every intersection.
    """

    __slots__ = ("_counts", "_listed", "_repeated", "keys", "size")

    def __init__(self, listed: list[str]) -> None:
        """The multiset of the shingles ``listed`` (in the text's order, each as often as it occurs)."""
        self.keys = set(listed)
        self.size = len(listed)
        self._listed = listed if len(self.keys) < self.size else None  # kept to count the repeated ones
        self._counts: Counter[str] | None = None
        self._repeated: frozenset[str] | None = None

    @property
    def counts(self) -> Counter[str]:
        """How often each shingle occurs."""
        if self._counts is None:
            self._counts = Counter(self._listed) if self._listed is not None else Counter(dict.fromkeys(self.keys, ONCE))
        return self._counts

    @property
    def repeats(self) -> bool:
        """Whether a shingle occurs more than once."""
        return self._listed is not None

    @property
    def repeated(self) -> frozenset[str]:
        """The shingles that occur more than once."""
        if self._repeated is None:
            counts = self.counts
            self._repeated = frozenset(itertools.compress(counts.keys(), map(ONCE.__lt__, counts.values())))
        return self._repeated

    def overlap(self, other: Shingles) -> int:
        """How many shingles this multiset and ``other`` share (the size of their intersection)."""
        shared = len(self.keys & other.keys)
        if not (self.repeats and other.repeats):
            return shared
        both = self.repeated & other.repeated
        return shared + sum(min(self.counts[key], other.counts[key]) - 1 for key in both) if both else shared


def shingles(text: str) -> Shingles:
    """The multiset of ``text``'s runs of :data:`SHINGLE_WORDS` words (one shorter run for a shorter text)."""
    return _shingles(_WORD.findall(text))


#: The words of a shingle are joined by this: no word holds it (a word is a run of word characters),
#: so two shingles are equal exactly when their words are.
shingle_key = " ".join


def _shingles(words: list[str]) -> Shingles:
    return Shingles(_shingle_list(words))


def _shingle_list(words: list[str]) -> list[str]:
    """The shingles of ``words``, in order, each as often as it occurs."""
    if len(words) < SHINGLE_WORDS:
        return [shingle_key(words)] if words else []
    return list(map(shingle_key, zip(*(words[i:] for i in range(SHINGLE_WORDS)))))


def shingle_count(words: int) -> int:
    """How many shingles a text of ``words`` words holds (what :func:`shingles` counts)."""
    return max(words - SHINGLE_WORDS + 1, 1) if words else 0


def _folded(text: str) -> str:
    return " ".join(text.split())


class Line:
    """One line of an output, with what asking whether another output holds it needs.

    Its shingles are built when first asked for: the lines of a candidate's
    base are placed and written out, never asked about. A line of an
    output takes its shingles from the output's list (:attr:`Output.shingle_list`),
    where its words stand from ``start`` on: the runs of four words that
    lie within the line are its own, already joined.
    """

    __slots__ = ("_shingles", "folded", "short", "source", "start", "text", "words")

    def __init__(self, text: str, source: Output | None = None, start: int = 0) -> None:
        words = _WORD.findall(text)
        self.text = text
        self.words = words
        self.folded = _folded(text)
        self.short = len(words) < SHINGLE_WORDS
        self.source = source  # the output the line is one of, its words from its word ``start`` on
        self.start = start
        self._shingles: Shingles | None = None

    @property
    def shingles(self) -> Shingles:
        """The multiset of the line's shingles."""
        if self._shingles is None:
            if self.source is None or self.short:
                self._shingles = _shingles(self.words)
            else:
                start = self.start
                self._shingles = Shingles(self.source.shingle_list[start:start + len(self.words) - SHINGLE_WORDS + 1])
        return self._shingles


class Output:
    """One extractor's text, ready to be asked whether it holds a line, and for its shingles.

    Its words, shingles and lines are read when first asked for: a page
    :func:`settled` asks only for the first two, the vote for its lines.
    Its words are read from its lines when those are split already (an
    output whose lines are voted on is tokenised once), else from the whole
    text: the same words, since a line break is no word character and a
    blank line holds none. What it holds is remembered by line: the enriched
    and the majority candidates ask the same outputs about the same lines.
    """

    __slots__ = ("_folded", "_held", "_lines", "_listed", "_shingles", "_words", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._held: dict[Line, bool] = {}
        self._lines: list[Line] | None = None
        self._words: list[str] | None = None
        self._listed: list[str] | None = None
        self._shingles: Shingles | None = None
        self._folded: str | None = None

    @property
    def lines(self) -> list[Line]:
        """The output's non-blank lines."""
        if self._lines is None:
            lines: list[Line] = []
            start = 0
            for text in self.text.splitlines():
                if text.strip():
                    line = Line(text, self, start)
                    lines.append(line)
                    start += len(line.words)
            self._lines = lines
        return self._lines

    @property
    def words(self) -> list[str]:
        """The output's words, in order."""
        if self._words is None:
            self._words = (_WORD.findall(self.text) if self._lines is None
                           else [word for line in self._lines for word in line.words])
        return self._words

    @property
    def shingle_count(self) -> int:
        """How many shingles the output holds (its :attr:`shingles`' size), without building them."""
        return shingle_count(len(self.words))

    @property
    def shingle_list(self) -> list[str]:
        """The output's shingles in order, each as often as it occurs."""
        if self._listed is None:
            self._listed = _shingle_list(self.words)
        return self._listed

    @property
    def shingles(self) -> Shingles:
        """The multiset of the output's shingles."""
        if self._shingles is None:
            self._shingles = Shingles(self.shingle_list)
        return self._shingles

    @property
    def folded(self) -> str:
        """The output's text with its runs of white space folded to one space."""
        if self._folded is None:
            self._folded = _folded(self.text)
        return self._folded

    def holds(self, line: Line | str) -> bool:
        """Whether this output holds ``line``: most of its shingles, or all of a line too short for one."""
        if isinstance(line, str):
            return self._holds(Line(line))
        held = self._held.get(line)
        if held is None:
            held = self._held[line] = self._holds(line)
        return held

    def _holds(self, line: Line) -> bool:
        if line.short:
            return line.folded in self.folded
        return line.shingles.overlap(self.shingles) >= HOLD_MIN_SHARE * line.shingles.size


def enriched(base: Output, donor: Output, backers: Sequence[Sequence[Output]]) -> str:
    """``base``'s lines, with the lines of ``donor`` that ``base`` lacks and that any group of ``backers``
    holds entirely, each placed after the base line that holds the donor line before it."""
    return _text(_enriched_lines(base, donor, backers))


def _enriched_lines(base: Output, donor: Output, backers: Sequence[Sequence[Output]]) -> list[Line]:
    anchors = _Anchors([line.folded for line in base.lines])
    inserts: dict[int, list[Line]] = {}
    at = 0  # the donor's lines so far stand before base line ``at``
    for line in donor.lines:
        if base.holds(line):
            at = anchors.after(line.folded, at)
        elif any(all(backer.holds(line) for backer in group) for group in backers):
            inserts.setdefault(at, []).append(line)
    if not inserts:
        return base.lines
    out: list[Line] = []
    for i, line in enumerate(base.lines):
        out += inserts.get(i, [])
        out.append(line)
    out += inserts.get(len(base.lines), [])
    return out


#: A donor line is placed by this many of its first characters, found in a base line.
ANCHOR_CHARS = 40


class _Anchors:
    """A base's folded lines, searched at once for the first that holds the start of a donor line."""

    __slots__ = ("starts", "text")

    def __init__(self, folded: list[str]) -> None:
        self.text = "\n".join(folded)  # a folded line holds no line break: no match spans two lines
        self.starts = list(itertools.accumulate((len(line) + 1 for line in folded[:-1]), initial=0))

    def after(self, line: str, default: int) -> int:
        """One past the first base line that holds the start of ``line``; ``default`` when none does."""
        anchor = line[:ANCHOR_CHARS]
        found = self.text.find(anchor) if anchor else -1
        return bisect.bisect_right(self.starts, found) if found >= 0 else default


def majority(base: Output, others: Sequence[Output], min_others: int = MAJORITY_MIN_OTHERS) -> str:
    """``base``'s lines that at least ``min_others`` of ``others`` hold."""
    return _text(_majority_lines(base, others, min_others))


def _majority_lines(base: Output, others: Sequence[Output], min_others: int = MAJORITY_MIN_OTHERS) -> list[Line]:
    kept = [line for line in base.lines if _held_by(line, others, min_others)]
    return base.lines if len(kept) == len(base.lines) else kept


def _held_by(line: Line, others: Sequence[Output], count: int) -> bool:
    """Whether at least ``count`` of ``others`` hold ``line``; the rest are not asked once that is known."""
    for asked, output in enumerate(others):
        if count <= 0 or count > len(others) - asked:
            break
        count -= output.holds(line)
    return count <= 0


def _text(lines: Sequence[Line]) -> str:
    return "\n".join(line.text for line in lines)


def shingle_f1(first: Shingles, second: Shingles) -> float:
    """How far two multisets of shingles agree: the F1 of their overlap (1.0 for two empty ones, 0.0 for one)."""
    if first is second or first.size == second.size == 0:
        return 1.0
    if not (first.size and second.size):
        return 0.0
    return 2 * first.overlap(second) / (first.size + second.size)


def agreement(candidate: Shingles, outputs: Sequence[Output]) -> float:
    """The sum of ``candidate``'s shingle F1 against each output (an empty pair agrees fully)."""
    return sum(shingle_f1(candidate, output.shingles) for output in outputs)


#: trafilatura's precise output and resiliparse's settle a page when their shingle F1 is at least this (0-1);
#: where they do not, jusText's output agreeing with trafilatura's as closely seconds it (:func:`seconded`).
#: Chosen on the dev halves (0.90 to 0.97 tried): from 0.95 up no set's body F1 moves by more than 0.001,
#: and the other two extractors are not asked on two pages in five. For jusText, with every extractor's
#: output cached on the scored pages (0.90 to 0.98 tried): from 0.95 up no set's F1 falls (pages 0.9743,
#: pages-readability 0.9649, snippets 0.9300, against 0.9742, 0.9649 and 0.9296 with readability always
#: asked), and readability is spared on 49 of the 382 unsettled pages (the vote kept trafilatura's output
#: on 33 of them). Leaving one set out: chosen on pages and snippets, 0.90 would pass, and
#: pages-readability then falls (0.9619; 0.9645 at 0.94); chosen on pages-readability and either other
#: set, 0.95, and the set left out holds. One threshold for both: the same closeness of two texts.
SETTLED_AGREEMENT = 0.95


def pair_outputs(found: Extractions) -> tuple[Output, Output]:
    """trafilatura's and resiliparse's outputs of ``found``, for :func:`settled` and then the vote:
    what the one reads of them (their shingles) the other does not read again."""
    return Output(found.trafilatura), Output(found.resiliparse)


def settled(found: Extractions, pair: tuple[Output, Output] | None = None) -> bool:
    """Whether trafilatura's and resiliparse's outputs agree so closely that the page needs no other voter.

    Two extractors that work in very different ways keeping nearly the same
    text is the agreement the vote looks for; on such a page the vote
    rarely changes trafilatura's output, and readability and jusText (the
    costlier half of the four) are not asked. ``pair`` is
    :func:`pair_outputs` of ``found``, when the caller keeps it for the vote.
    """
    return _close(*(pair or pair_outputs(found)))


def seconded(found: Extractions, precise: Output | None = None) -> bool:
    """Whether jusText's output (asked on a page not :func:`settled`) agrees so closely with
    trafilatura's that trafilatura's stands without readability's vote.

    resiliparse kept something trafilatura did not (a teaser, a comment, a
    list); jusText, which judges by text density and stopwords alone,
    keeping nearly what trafilatura keeps says that something is not the
    article's, and the vote, asked, would mostly keep trafilatura's output
    (on two seconded pages in three of the dev halves, with no set's F1
    lower for the others: :data:`SETTLED_AGREEMENT`).
    ``precise`` is trafilatura's :class:`Output` of ``found``, when the
    caller holds it already (its shingles are not built again).
    """
    return found.justext is not None and _close(precise or Output(found.trafilatura), Output(found.justext))


def _close(first: Output, second: Output) -> bool:
    """Whether two outputs' shingle F1 is at least :data:`SETTLED_AGREEMENT`. Two outputs whose sizes
    alone keep their F1 below it (they share at most the smaller's shingles) are not that close, and
    their shingles are not built for it; two failures (no shingle either) agree on nothing."""
    sizes = first.shingle_count, second.shingle_count
    if not all(sizes) or 2 * min(sizes) / sum(sizes) < SETTLED_AGREEMENT:
        return False
    return shingle_f1(first.shingles, second.shingles) >= SETTLED_AGREEMENT


def _candidate_shingles(lines: list[Line], output: Output) -> Shingles:
    """The shingles of a candidate made of ``lines``: ``output``'s own when they are its lines."""
    if lines is output.lines:
        return output.shingles
    return _shingles([word for line in lines for word in line.words])


def agreed_text(found: Extractions, pair: tuple[Output, Output] | None = None) -> str:
    """The page's main text as the extractors agree on it: trafilatura's on a page the first two
    :func:`settled`, else the enriched or the majority candidate. ``pair`` is :func:`pair_outputs`
    of ``found`` when :func:`settled` has read it already."""
    if not found.complete:
        return found.trafilatura
    if pair is None or (pair[0].text, pair[1].text) != (found.trafilatura, found.resiliparse):
        pair = pair_outputs(found)
    trafilatura, resiliparse = pair
    readability, justext = (Output(text) for text in found.outputs()[2:])
    pool: tuple[Output, ...] = (trafilatura, resiliparse, readability, justext)
    if found.default is None:
        rich = _enriched_lines(trafilatura, resiliparse, backers=((readability, justext),))
        voted = _majority_lines(resiliparse, (trafilatura, readability, justext))
    else:  # trafilatura's default balance, asked on a page its precise output cut short, votes and backs
        default = Output(found.default)
        pool = (*pool, default)
        rich = _enriched_lines(trafilatura, resiliparse,
                               backers=((default, readability), (default, justext), (readability, justext)))
        voted = _majority_lines(resiliparse, (default, trafilatura, readability, justext))
    better = agreement(_candidate_shingles(voted, resiliparse), pool) > agreement(
        _candidate_shingles(rich, trafilatura), pool)
    return _text(voted if better else rich)
