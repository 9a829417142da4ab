"""What is known of one page while the noise stage judges it, shared by every reading of the page.

Cleaning reads a page several times: the rule passes, the classifier's
settling rounds, the neighbour and header passes again over the kept lines,
then the whole stage again over its own output (see
:meth:`~newsclean.stages.noise.NoiseStage.judge`). Much of each reading is a
function of what an earlier one was given (a line's text; the same lines with
the same verdicts), and is worked out once per page here.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from operator import attrgetter

from ..config import NoiseConfig
from ..document import Segment
from ..text.language import LanguageIdentifier
from ..text.linemodel import ScoringMemo
from .header import judge_header
from .lines import PreparedRules
from .neighbours import foreign_blocks, judge_neighbours
from .verdicts import Verdict, Verdicts

#: A pass over a page's lines: the lines and the verdicts reached so far in, the new verdicts out.
Pass = Callable[[Sequence[Segment], Verdicts], Verdicts]
#: What a pass over open lines answers as a function of: the pass with its settings, the lines' texts, their blocks.
PassKey = tuple[Hashable, tuple[str, ...], tuple[int, ...]]
_NORM = attrgetter("norm")
_BLOCK = attrgetter("block")


class PageMemo:
    """What is known of one page's lines, shared by every pass over the page; one per page.

    Cleaning judges a page several times (after each pass, then its output
    as a second run would): a line's rule verdict and its features do not
    change between those readings, so each is computed once per page, and
    the classifier's scores of the same lines are worked out once. Features
    and scores depend on the stop words, so they are kept per language. The
    neighbour and header passes are functions of the lines they read, the
    verdicts they are given and their settings: a pass over the same open
    lines again (the output's lines, which the classifier read the same way
    before the stage reads its output again) answers from here.
    """

    __slots__ = ("_passes", "_scoring", "_verdicts")

    def __init__(self) -> None:
        self._verdicts: dict[str, Verdict | None] = {}
        self._scoring: dict[str | None, ScoringMemo] = {}
        self._passes: dict[PassKey, tuple[Verdict | None, ...]] = {}

    def line_verdict(self, text: str, rules: PreparedRules) -> Verdict | None:
        """:func:`~newsclean.noise.lines.judge_line` of ``text`` (the stage's rules are the same for every reading
        of the page)."""
        if text not in self._verdicts:
            self._verdicts[text] = rules.verdict(text)
        return self._verdicts[text]

    def scoring(self, language: str | None) -> ScoringMemo:
        """The line features and scores computed so far on this page, with the stop words of ``language``."""
        if (memo := self._scoring.get(language)) is None:
            memo = self._scoring[language] = ScoringMemo()
        return memo

    def neighbours(self, segments: Sequence[Segment], verdicts: Verdicts, language: str | None,
                   identifier: LanguageIdentifier, config: NoiseConfig, *, repeats: bool, furniture: bool) -> Verdicts:
        """:func:`~newsclean.noise.neighbours.judge_neighbours` of ``segments`` given ``verdicts``, its blocks in
        another language than ``language`` found by :func:`~newsclean.noise.neighbours.foreign_blocks`."""
        def run(lines: Sequence[Segment], given: Verdicts) -> Verdicts:
            return judge_neighbours(
                lines, given, repeats=repeats, furniture=furniture,
                foreign=lambda segs, judged: foreign_blocks(segs, judged, language, identifier, config))
        return self._judged(("neighbours", id(identifier), id(config), language, repeats, furniture), run,
                            segments, verdicts)

    def header(self, segments: Sequence[Segment], verdicts: Verdicts, *, header_limit: int, body_start: int | None,
               clean_article: bool) -> Verdicts:
        """:func:`~newsclean.noise.header.judge_header` of ``segments`` given ``verdicts`` (in plain text: no known
        title)."""
        def run(lines: Sequence[Segment], given: Verdicts) -> Verdicts:
            return judge_header(lines, given, header_limit=header_limit, body_start=body_start,
                                clean_article=clean_article)
        return self._judged(("header", header_limit, body_start, clean_article), run, segments, verdicts)

    def _judged(self, setting: Hashable, run: Pass, segments: Sequence[Segment], verdicts: Verdicts) -> Verdicts:
        """``run(segments, verdicts)``, worked out once per page for the same lines (texts and blocks) when no line
        has a verdict yet.

        ``setting`` names the pass and holds every other thing its answer
        depends on (its settings, the document's language): ``run`` must be a
        function of ``setting``, the lines' texts and blocks and the verdicts
        alone. A pass over open lines is what comes again (the kept lines, read
        by the classifier, then by the stage reading its output); a pass given
        verdicts is run as it is. The list returned is the caller's own.
        """
        if verdicts.count(None) != len(verdicts):
            return run(segments, verdicts)
        key = (setting, tuple(map(_NORM, segments)), tuple(map(_BLOCK, segments)))
        if (known := self._passes.get(key)) is None:
            known = self._passes[key] = tuple(run(segments, verdicts))
        return list(known)
