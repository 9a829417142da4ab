"""Document quality signals: the measures large web-text pipelines use to tell prose from junk.

Pure functions over a finished body (its paragraphs). The signals are the
Gopher rules (Rae et al. 2021, table A1) and the C4 / FineWeb line rule, as
datatrove implements them (``gopher_quality_filter``,
``gopher_repetition_filter``, ``c4_filters``, ``fineweb_quality_filter``),
with three changes so they serve every language a news scrape holds:

- words are whitespace-separated tokens cut down to their first to last
  letter or digit (datatrove uses NLTK's English tokenizer); a token of
  punctuation or symbols alone is no word;
- stop words are the body's language's list (jusText's, through
  :class:`~newsclean.text.language.StopWords`), not Gopher's eight English
  words; a language without a list of its own is not judged by them;
- in scripts written without spaces (Chinese, Japanese, Thai...) a
  whitespace token is a phrase, not a word, so the measures per word (mean
  length, letters, symbols, top n-grams, stop words) are not taken there
  (``None``), nor the shares of line endings (Thai writes no full stops,
  Chinese and Japanese use the ellipsis in prose).

Lines are the body's non-empty lines (datatrove counts the blank lines
between paragraphs too, which would halve every line share of a body whose
paragraphs are one line each). Beside the published line shares, the same
shares are taken over characters (``*_char_share``: the share of the body's
visible characters that stand in such lines): in an extracted page a line may
be a paragraph, a table row, a list item or an interview's speaker label, and
weighing lines by their length keeps a few long paragraphs from being
outvoted by many short labels. A table's cell borders (``|``, as the
extractor writes tables) are no part of a line's ending, and a line that
holds a sentence end inside it (a full stop, a space, more text) counts as
punctuated by characters: a paragraph that closes on an emoji, a hashtag or
a link is still sentences.

Tables carry the facts of many stories (results, standings, prices): the
measures of words and line endings are taken over the body's other lines
(a table's rows are the extractor's ``| cell |`` lines, and in plain text
runs of lines laid out alike, :mod:`newsclean.text.tables`)
(all of them when the body is nothing but a table); repetition is measured
over everything. What the signals decide is in :mod:`newsclean.rules.quality`.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .tables import table_lines

#: A word: from its first to its last letter or digit, inside one whitespace-separated token.
_WORD = re.compile(r"[^\W_](?:\S*[^\W_])?")
_LETTER = re.compile(r"[^\W\d_]")
#: Scripts written without spaces between words (Han, kana, Thai, Lao, Khmer, Myanmar, Tibetan).
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf"
                       r"\u4e00-\u9fff\uf900-\ufaff]")
_BORDERS = " \t|"
#: Bodies where at least this share of the characters (non-space) is in an unspaced script have no
#: whitespace words to measure (0-1).
UNSPACED_SCRIPT_MIN_SHARE = 0.3
#: Gopher's bullet marks, and the ones scraped lists carry.
BULLETS = ("•", "●", "▪", "‣", "◦", "·", "-", "*", "–")
ELLIPSES = ("...", "…")
#: A line ends in terminal punctuation (C4's . ? ! " ' and the full stops and closing quotes of other
#: scripts), but not in an ellipsis (C4 drops those lines).
_TERMINAL = re.compile(r"(?:[.!?。！？؟।]|[\"'”’»」』])[\"'”’»」』)\]]*$")
#: A sentence ends inside a line: terminal punctuation, then a space and more text. A paragraph of
#: prose that closes on an emoji, a hashtag, a link or a name without a full stop still holds these.
_INNER_END = re.compile(r"[.!?。！？؟।][\"'”’»」』)\]]*\s+\S")
#: The n-gram sizes whose most frequent n-gram's share of the text Gopher measures.
TOP_NGRAM_SIZES = (2, 3, 4)
#: n-gram keys (word ids in base vocabulary size) must stay below this to fit in a signed 64-bit integer.
_KEY_LIMIT = 2 ** 63


@dataclass(frozen=True, slots=True)
class QualitySignals:
    """The measures of one body; shares and ratios are 0-1 unless said otherwise."""

    words: int  # whitespace words (see the module docstring)
    mean_word_length: float | None  # characters per word; None (here and below) in unspaced scripts
    alpha_word_share: float | None  # words holding at least one letter
    symbol_word_ratio: float | None  # '#' signs or ellipses per word, the larger of the two (can pass 1)
    bullet_line_share: float  # lines starting with a bullet mark
    ellipsis_line_share: float  # lines ending in an ellipsis
    punctuated_line_share: float  # lines ending in terminal punctuation
    ellipsis_char_share: float | None  # characters standing in lines that end in an ellipsis
    punctuated_char_share: float | None  # characters in lines that end in terminal punctuation or hold a sentence end
    duplicate_line_share: float  # lines that repeat an earlier line
    duplicate_line_char_share: float  # characters of the text in such repeated lines
    duplicate_paragraph_share: float  # paragraphs that repeat an earlier paragraph
    duplicate_paragraph_char_share: float  # characters of the text in such repeated paragraphs
    top_2gram_char_share: float | None  # characters in the most frequent word 2-gram's occurrences (can pass 1)
    top_3gram_char_share: float | None
    top_4gram_char_share: float | None
    stop_words: int | None  # stop-word occurrences; None when the language has no list or no spaces


def words(text: str) -> list[str]:
    """The words of ``text``: whitespace tokens from their first to their last letter or digit."""
    return _WORD.findall(text)


def is_table_row(line: str) -> bool:
    """Whether ``line`` is a row of a table as the extractor writes it (``| cell | cell |``)."""
    return line.startswith("|") and line.endswith("|")


def line_ending(line: str) -> str:
    """``line`` without the table borders and spaces that may follow its last word."""
    return line.rstrip(_BORDERS)


def is_unspaced(text: str) -> bool:
    """Whether ``text`` is mostly written in scripts without spaces between words."""
    if not _UNSPACED.search(text):  # most bodies hold no such character: no need to count the visible ones
        return False
    visible = sum(map(len, text.split()))
    return bool(visible) and len(_UNSPACED.findall(text)) / visible >= UNSPACED_SCRIPT_MIN_SHARE


def duplicates(items: Sequence[str]) -> tuple[int, int]:
    """How many of ``items`` repeat an earlier one, and how many characters those repeats hold."""
    seen: set[str] = set()
    count = chars = 0
    for item in items:
        if item in seen:
            count += 1
            chars += len(item)
        else:
            seen.add(item)
    return count, chars


def top_ngram_chars(tokens: Sequence[str], sizes: Sequence[int] = TOP_NGRAM_SIZES) -> tuple[int, ...]:
    """For each n of ``sizes``: characters covered by the occurrences of the most frequent n-gram.

    An n-gram's characters are its words joined by one space. Among n-grams
    as frequent, the first to occur counts (as ``Counter.most_common``
    picks). The n-grams are counted as integer keys with numpy, several times
    faster than counting tuples of words.
    """
    import numpy as np

    vocabulary: dict[str, int] = {}
    # a token's id is the position where it first stands (below len(tokens)): read in one pass
    ids = np.fromiter(map(vocabulary.setdefault, tokens, itertools.count()), dtype=np.int64, count=len(tokens))
    size = len(tokens)
    if sizes and size ** max(sizes) >= _KEY_LIMIT:  # numbered densely instead, so that longer n-grams' keys fit
        ids = np.unique(ids, return_inverse=True)[1].astype(np.int64).reshape(-1)
        size = len(vocabulary)
    return tuple(_top_chars(tokens, ids, size, n) for n in sizes)


def _top_chars(tokens: Sequence[str], ids: Any, size: int, n: int) -> int:
    import numpy as np

    if len(tokens) < n:
        return 0
    if size ** n >= _KEY_LIMIT:  # the keys would overflow: count the tuples themselves
        gram, count = Counter(zip(*(tokens[i:] for i in range(n)))).most_common(1)[0]
        return (sum(map(len, gram)) + n - 1) * count
    keys = ids[: len(ids) - n + 1].copy()
    for offset in range(1, n):
        keys = keys * size + ids[offset: len(ids) - n + 1 + offset]
    _, first, counts = np.unique(keys, return_index=True, return_counts=True)
    most = counts.max()
    start = int(first[counts == most].min())
    return (sum(map(len, tokens[start:start + n])) + n - 1) * int(most)


def _letterless(tokens: Sequence[str]) -> int:
    """How many of ``tokens`` hold no letter (``_LETTER``): a token of letters alone (``str.isalpha``, most
    words) holds one, so only the others are searched."""
    return sum(1 for token in tokens if not token.isalpha() and not _LETTER.search(token))


def _share(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def quality_signals(paragraphs: Sequence[str], stop_words: frozenset[str] | None) -> QualitySignals:
    """The signals of a body given as its ``paragraphs``, judged with the language's ``stop_words``.

    ``stop_words`` is None when the body's language has no list; the
    stop-word count is then None too.
    """
    text = "\n\n".join(paragraphs)
    spaced = not is_unspaced(text)
    lines = [line.strip() for paragraph in paragraphs for line in paragraph.splitlines() if line.strip()]
    rows = table_lines(lines)
    prose = [line for n, line in enumerate(lines) if not is_table_row(line) and n not in rows] or lines
    every = words(text)
    tokens = every if len(prose) == len(lines) else words("\n".join(prose))
    count = len(tokens)
    endings = [line_ending(line) for line in prose]
    sizes = [len(line) for line in endings]
    ellipsis = [line.endswith(ELLIPSES) for line in endings]
    punctuated = [(bool(_TERMINAL.search(line)) and not cut) or bool(_INNER_END.search(line))
                  for line, cut in zip(endings, ellipsis)]
    duplicate_lines, duplicate_line_chars = duplicates(lines)
    duplicate_paragraphs, duplicate_paragraph_chars = duplicates([p.strip() for p in paragraphs])
    symbols = max(text.count("#"), sum(text.count(mark) for mark in ELLIPSES))
    top = [_share(chars, len(text)) for chars in top_ngram_chars(every)] if spaced else [None] * len(TOP_NGRAM_SIZES)
    return QualitySignals(
        words=len(every),
        mean_word_length=sum(map(len, tokens)) / count if spaced and count else None,
        alpha_word_share=_share(count - _letterless(tokens), count) if spaced else None,
        symbol_word_ratio=_share(symbols, len(every)) if spaced and every else None,
        bullet_line_share=_share(sum(line.startswith(BULLETS) for line in lines), len(lines)),
        ellipsis_line_share=_share(sum(line.endswith(ELLIPSES) for line in lines), len(lines)),
        punctuated_line_share=_share(sum(bool(_TERMINAL.search(line)) and not line.endswith(ELLIPSES)
                                         for line in lines), len(lines)),
        ellipsis_char_share=_share(sum(n for n, cut in zip(sizes, ellipsis) if cut), sum(sizes)) if spaced else None,
        punctuated_char_share=_share(sum(n for n, ends in zip(sizes, punctuated) if ends), sum(sizes))
        if spaced else None,
        duplicate_line_share=_share(duplicate_lines, len(lines)),
        duplicate_line_char_share=_share(duplicate_line_chars, len(text)),
        duplicate_paragraph_share=_share(duplicate_paragraphs, len(paragraphs)),
        duplicate_paragraph_char_share=_share(duplicate_paragraph_chars, len(text)),
        top_2gram_char_share=top[0], top_3gram_char_share=top[1], top_4gram_char_share=top[2],
        stop_words=sum(map(stop_words.__contains__, map(str.lower, every)))
        if spaced and stop_words is not None else None,
    )
