"""What the quality signals decide: a body that repeats itself, or that is no prose.

The thresholds are the published ones: Gopher's (Rae et al. 2021, table A1,
as datatrove's ``GopherRepetitionFilter`` and ``GopherQualityFilter`` set
them) and FineWeb's terminal-punctuation share. They are the same for every
source; :mod:`newsclean.text.quality` computes the signals. A rule that
cannot be measured (a ``None`` signal) does not fire.

Where the dev page sets showed real articles failing a rule that counts
lines, the rule is weighed by characters as well (the threshold unchanged):

- repeated lines and paragraphs are judged by the share of the text's
  characters they hold (Gopher's own character rules), not by their number:
  an interview repeats its speaker labels ("Anne:") on every other line, a
  blog separates paragraphs with lines of one dot, a tutorial repeats
  ``SELECT`` and ``FROM``;
- the rules on lines ending in punctuation or in an ellipsis fire only when
  they hold both by lines (the published measure) and by characters: a
  recipe's ingredient list or a list of links in an article outnumbers its
  paragraphs without outweighing them, and one long paragraph that trails
  off with "…" outweighs the short lines without outnumbering them;
- Gopher's bullet rule decides nothing: a game report written as bullet
  points of full sentences is prose, and a bulleted list of links or
  keywords already fails the punctuation rule.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from dataclasses import dataclass

from ..records import PageStatus
from ..text.quality import QualitySignals

#: Above this share of the text's characters in repeated lines or paragraphs (Gopher: 0.20).
MAX_DUPLICATE_LINE_CHAR_SHARE = 0.20
MAX_DUPLICATE_PARAGRAPH_CHAR_SHARE = 0.20
#: Above these shares of the text's characters in the most frequent 2-, 3- and 4-gram (Gopher).
MAX_TOP_2GRAM_CHAR_SHARE = 0.20
MAX_TOP_3GRAM_CHAR_SHARE = 0.18
MAX_TOP_4GRAM_CHAR_SHARE = 0.16
#: More words than this is a dump, not an article (Gopher: 100,000 words).
MAX_WORDS = 100_000
#: Mean word length outside these bounds is no prose (characters; Gopher: 3 and 10).
MIN_MEAN_WORD_LENGTH = 3.0
MAX_MEAN_WORD_LENGTH = 10.0
#: More '#' signs or ellipses than this per word (Gopher: 0.1).
MAX_SYMBOL_WORD_RATIO = 0.1
#: More than this share of the lines, and of their characters, ending in an ellipsis (Gopher: 0.3 of lines).
MAX_ELLIPSIS_SHARE = 0.3
#: Fewer than this share of words holding a letter (Gopher: 0.8).
MIN_ALPHA_WORD_SHARE = 0.8
#: Fewer stop-word occurrences than this: words, but no sentences (Gopher: 2).
MIN_STOP_WORDS = 2
#: This share of the lines, and of their characters, ending in terminal punctuation, or less: lists,
#: menus, link farms (FineWeb: 0.12 of lines).
MIN_PUNCTUATED_SHARE = 0.12


@dataclass(frozen=True, slots=True)
class SignalRule:
    """One bound on one signal: the status a body gets past it."""

    signal: str  # the field of QualitySignals (or "word_count")
    limit: float
    fails: Callable[[float, float], bool]  # (value, limit) -> the body is past the bound
    status: PageStatus
    also: str | None = None  # a second signal that must pass the same bound too

    def verdict(self, values: dict[str, float | None]) -> str | None:
        """The warning when the body is past the bound (on every signal the rule reads), else None."""
        names = (self.signal,) if self.also is None else (self.signal, self.also)
        measured = [values[name] for name in names]
        if any(value is None or not self.fails(value, self.limit) for value in measured):
            return None
        sign = ">" if self.fails is operator.gt else "<" if self.fails is operator.lt else "<="
        shown = " and ".join(f"{name} {value:,}" if isinstance(value, int) else f"{name} {value:.3g}"
                             for name, value in zip(names, measured))
        label = "repetitive" if self.status is PageStatus.REPETITIVE else "not prose"
        return f"{label}: {shown} {sign} {self.limit:g}"


_REPEATS, _NOT_PROSE = PageStatus.REPETITIVE, PageStatus.NOT_PROSE
#: The rules in the order they are tried: repetition first (the more specific finding), as FineWeb runs them.
RULES: tuple[SignalRule, ...] = (
    SignalRule("duplicate_paragraph_char_share", MAX_DUPLICATE_PARAGRAPH_CHAR_SHARE, operator.gt, _REPEATS),
    SignalRule("duplicate_line_char_share", MAX_DUPLICATE_LINE_CHAR_SHARE, operator.gt, _REPEATS),
    SignalRule("top_2gram_char_share", MAX_TOP_2GRAM_CHAR_SHARE, operator.gt, _REPEATS),
    SignalRule("top_3gram_char_share", MAX_TOP_3GRAM_CHAR_SHARE, operator.gt, _REPEATS),
    SignalRule("top_4gram_char_share", MAX_TOP_4GRAM_CHAR_SHARE, operator.gt, _REPEATS),
    SignalRule("word_count", MAX_WORDS, operator.gt, _NOT_PROSE),
    SignalRule("mean_word_length", MIN_MEAN_WORD_LENGTH, operator.lt, _NOT_PROSE),
    SignalRule("mean_word_length", MAX_MEAN_WORD_LENGTH, operator.gt, _NOT_PROSE),
    SignalRule("symbol_word_ratio", MAX_SYMBOL_WORD_RATIO, operator.gt, _NOT_PROSE),
    SignalRule("ellipsis_line_share", MAX_ELLIPSIS_SHARE, operator.gt, _NOT_PROSE, also="ellipsis_char_share"),
    SignalRule("alpha_word_share", MIN_ALPHA_WORD_SHARE, operator.lt, _NOT_PROSE),
    SignalRule("stop_words", MIN_STOP_WORDS, operator.lt, _NOT_PROSE),
    SignalRule("punctuated_line_share", MIN_PUNCTUATED_SHARE, operator.le, _NOT_PROSE,
               also="punctuated_char_share"),
)


def judge_quality(signals: QualitySignals, word_count: int) -> tuple[PageStatus, str] | None:
    """The status the first failing rule gives, with its warning; None when the body passes them all."""
    values: dict[str, float | None] = {**dataclasses.asdict(signals), "word_count": word_count}
    for rule in RULES:
        warning = rule.verdict(values)
        if warning is not None:
            return rule.status, warning
    return None
