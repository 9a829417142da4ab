"""Shape features of a line of text that survive the loss of the page's markup.

Pure functions over a string; the noise, dates and header logic all judge
lines by these.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

#: Scripts written without spaces between words: each character counts as a word.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u0e00-\u0e7f"
#: A letter or digit of a spaced script: a word character that is neither the underscore nor of those scripts
#: (one class, tested in one step per character, where a lookahead before each would take two).
_LETTER = rf"[^\W_{_CJK}]"
_WORD = re.compile(rf"[{_CJK}]|{_LETTER}+(?:['’.-]{_LETTER}+)*", re.UNICODE)
#: The marks that end a sentence, and the closing quotes and brackets that may follow them (no mark is a closer).
SENTENCE_MARKS = ".!?…。！？"
SENTENCE_CLOSERS = "\"'”’»)]」』"
#: What ends a sentence, as a pattern: sentence punctuation, then any closing quotes or brackets. Written as the
#: line model's calibration has it (its fingerprint holds this text: the quote and the bracket escaped).
SENTENCE_END_PATTERN = "[" + SENTENCE_MARKS + "][" + SENTENCE_CLOSERS.replace('"', '\\"').replace("]", "\\]") + "]*$"
_LOWER_FUNCTION_WORDS = frozenset(
    "a an and as at but by for from in into of on or the to with vs via de del la el y en o e da do di "
    "der die das und von zu im le les des du et à au".split()
)

#: A body paragraph has at least this many words and ends like a sentence.
BODY_MIN_WORDS = 20
#: A headline has between these many words.
HEADLINE_MIN_WORDS, HEADLINE_MAX_WORDS = 3, 30
#: A dek (the summary under a headline) has at most this many words; more is the story itself.
DEK_MAX_WORDS = 60


#: Lines whose words are kept: every pass of the noise stage asks for the words of the same
#: lines (a page has a few hundred), so they are found once per line, not once per question.
WORDS_KEPT = 4096
#: Only lines up to this long are kept (characters): a whole article, or a hostile 50 MB line,
#: is read once and let go, so the memory kept stays small.
WORDS_KEPT_MAX_CHARS = 4000

_Answer = TypeVar("_Answer")


class LineAnswers(dict[str, _Answer], Generic[_Answer]):
    """A pure function of a line with its answers for the lines last asked kept: ``answers[line]`` is ``function(line)``.

    The noise passes ask the same few questions of every line of a page, many
    times (some 1,500 a page for :func:`is_body_paragraph`, 900 for
    :func:`word_count`): a line's answer is worked out once, then read back by
    a dict lookup in C, which costs less than half of ``lru_cache``'s call and
    bookkeeping. At most ``WORDS_KEPT`` lines are kept: a full store is emptied
    and fills again (a page has a few hundred lines). A line longer than
    ``WORDS_KEPT_MAX_CHARS`` is answered and not kept.
    """

    __slots__ = ("_function",)

    def __init__(self, function: Callable[[str], _Answer]) -> None:
        super().__init__()
        self._function = function

    def __missing__(self, text: str) -> _Answer:
        answer = self._function(text)
        if len(text) <= WORDS_KEPT_MAX_CHARS:
            if len(self) >= WORDS_KEPT:
                self.clear()
            self[text] = answer
        return answer


#: The characters beyond ASCII that the typographic lines of spaced scripts hold without any letter beyond it: quotes,
#: dashes and the ellipsis, none of them a word character (nor of the unspaced scripts).
_TYPOGRAPHY = "’‘“”–—…"
#: A character other than ASCII and ``_TYPOGRAPHY``: a line without one has its words found by ``_PLAIN_WORD``.
_BEYOND_TYPOGRAPHY = re.compile(rf"[^\x00-\x7f{_TYPOGRAPHY}]")
#: ``_WORD`` where every letter or digit is ASCII: there a word character that is no underscore is ``[A-Za-z0-9]``
#: (``\w`` of an ASCII character is that and the underscore) and no character is of the unspaced scripts. A class
#: written out is tested in one table look-up per character, and the search skips to the next letter or digit, where
#: ``_LETTER``'s negated class of categories is asked of every character: most lines are of this kind.
_PLAIN_WORD = re.compile(r"[A-Za-z0-9]+(?:['’.-][A-Za-z0-9]+)*")


def _find_words(text: str) -> tuple[str, ...]:
    if text.isascii() or _BEYOND_TYPOGRAPHY.search(text) is None:
        return tuple(_PLAIN_WORD.findall(text))
    return tuple(_WORD.findall(text))


_WORDS = LineAnswers(_find_words)


def words(text: str) -> tuple[str, ...]:
    """The words of ``text`` (letters and digits, with inner apostrophes and hyphens)."""
    return _WORDS[text]


def word_count(text: str) -> int:
    """How many words ``text`` has."""
    return len(_WORDS[text])


def ends_like_sentence(text: str) -> bool:
    """Whether ``text`` ends with sentence punctuation, allowing closing quotes or brackets (``SENTENCE_END_PATTERN``).

    Read from the end: the closers stripped, the last sign is a sentence's
    mark (no mark is a closer, so that is where the pattern's match starts);
    a search for the pattern would try every position of the line.
    """
    return text.rstrip().rstrip(SENTENCE_CLOSERS)[-1:] in _SENTENCE_MARK_SET


_SENTENCE_MARK_SET = frozenset(SENTENCE_MARKS)


def is_body_paragraph(text: str) -> bool:
    """Whether ``text`` reads as a paragraph of prose: long enough and ending like a sentence."""
    return _BODY[text]


def _is_body(text: str) -> bool:
    return word_count(text) >= BODY_MIN_WORDS and ends_like_sentence(text)


_BODY = LineAnswers(_is_body)


def is_title_case(text: str) -> bool:
    """Whether every word but short function words starts with a capital (or a digit)."""
    tokens = words(text)
    if not tokens:
        return False
    return all(t[0].isupper() or t[0].isdigit() or t.lower() in _LOWER_FUNCTION_WORDS for t in tokens)


def is_headline_shaped(text: str) -> bool:
    """Whether ``text`` could be a headline: a few words, starting with a capital, no closing full stop."""
    n = word_count(text)
    stripped = text.strip()
    closing = stripped.rstrip("\"'”’»)]")
    return (
        HEADLINE_MIN_WORDS <= n <= HEADLINE_MAX_WORDS
        and stripped[:1].isupper() | stripped[:1].isdigit() | (stripped[:1] in "\"“‘'")
        and not closing.endswith((".", ":", ";", ","))
    )


def header_end(lines: Sequence[str], limit: int) -> int:
    """Index of the first body paragraph among the first ``limit`` lines: those before it are the
    article's header region."""
    for index, line in enumerate(lines[:limit]):
        if is_body_paragraph(line):
            return index
    return min(limit, len(lines))


def folded(text: str) -> str:
    """``text`` as two copies of a line are compared: compatibility forms, case and runs of spaces folded."""
    return _FOLDED[text]


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


#: the repeats pass folds every open line of a page each time it runs (several times per page), the line features
#: fold each line once: once per line for both
_FOLDED = LineAnswers(_fold)


#: A number as a table writes it, thousands and decimal separators included: one cell.
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
#: A numbered list's item number ("1. ", "12) "): its mark is layout, whatever mark it is.
_ITEM_NUMBER = re.compile(r"\s*\d{1,3}([.)])\s")
#: Marks that say nothing of a line's layout: word punctuation (a full stop, a comma, an apostrophe, a hyphen).
_PLAIN_MARKS = ".,'’-"
#: What :func:`row_shape` keeps, as one pattern: a ``0`` (a number), an underscore, and any character that is
#: neither a letter or digit (``\w`` is what ``str.isalnum`` accepts, and the underscore), nor whitespace
#: (``\s`` is ``str.isspace``), nor a plain mark.
_LAYOUT_MARK = re.compile(r"[^\w\s" + re.escape(_PLAIN_MARKS) + "]+|[0_]+")
#: What :func:`row_shape` leaves out of an ASCII line, as a table for ``str.translate``: every ASCII character
#: ``_LAYOUT_MARK`` does not match, read from the pattern itself. Every character it matches is in one of its runs,
#: so the runs it finds, joined, are the line without the others: one pass in C over most lines, where the search
#: asks the class of categories of every character.
_ASCII_NOT_LAYOUT = {code: None for code in range(128) if not _LAYOUT_MARK.fullmatch(chr(code))}


def row_shape(text: str) -> str:
    """The layout of a line as a row of a table or a structured list would share it: one ``0`` per number and its
    punctuation marks and symbols in order, with letters, spaces and word punctuation left out.

    ``England (Group A): 10th appearance`` and ``Wales (Group E): Second
    appearance`` are ``():0`` and ``():``; ``14 Aric Almirola 2234 0 1 3 12``
    is ``000000``; ``1. Finland`` (a numbered list's item) is ``0.``; a menu
    item (``Premier League``) has no shape at all.
    """
    item = _ITEM_NUMBER.match(text)
    if item:
        return "0" + item.group(1) + row_shape(text[item.end():])
    numbered = _NUMBER.sub("0", text)
    if numbered.isascii():
        return numbered.translate(_ASCII_NOT_LAYOUT)
    return "".join(_LAYOUT_MARK.findall(numbered))
