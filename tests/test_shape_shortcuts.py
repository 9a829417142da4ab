"""The line shape facts computed the fast way give the answers of their plain definitions.

``words`` finds a spaced script's letters with one character class (the plain
definition: a lookahead refusing the unspaced scripts, then a word character
that is no underscore); ``ends_like_sentence`` reads the line from its end (the
plain definition: a search for ``SENTENCE_END_PATTERN``). Each is checked on
the lines of the real test pages and on generated lines made of what the
definitions tell apart.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from newsclean.text import shape

DATA = Path(__file__).parent / "data"

#: The word pattern as first written: a letter is a word character, not the underscore, not of the unspaced scripts.
_PLAIN_LETTER = rf"(?:(?![{shape._CJK}])[^\W_])"
_PLAIN_WORD = re.compile(rf"[{shape._CJK}]|{_PLAIN_LETTER}+(?:['’.-]{_PLAIN_LETTER}+)*")
_PLAIN_SENTENCE_END = re.compile(shape.SENTENCE_END_PATTERN)
#: Characters the definitions tell apart: letters and digits of spaced and unspaced scripts, the underscore, word
#: joiners, sentence marks, closers, spaces of several kinds, and other signs.
_SIGNS = (shape.SENTENCE_MARKS + shape.SENTENCE_CLOSERS + "aZé9٣_'’.-—,:;“‘«([ \t\n\u00a0\u2028あア中한ไ"
          "ßİıſK²½Ⅻ")


def _page_lines() -> list[str]:
    lines: set[str] = set()
    with gzip.open(DATA / "pages.jsonl.gz", "rt", encoding="utf-8") as pages:
        for row in pages:
            lines.update(line for line in json.loads(row)["pagetext"].split("\n"))
    return sorted(lines)


PAGE_LINES = _page_lines()


def _plain_ends_like_sentence(text: str) -> bool:
    return bool(_PLAIN_SENTENCE_END.search(text.rstrip()))


def test_word_pattern_finds_the_plain_definitions_words_on_every_page_line() -> None:
    assert len(PAGE_LINES) > 1000 and any(not line.isascii() for line in PAGE_LINES)
    for line in PAGE_LINES:
        assert shape.words(line) == tuple(_PLAIN_WORD.findall(line)), line
        assert shape.word_count(line) == len(_PLAIN_WORD.findall(line)), line


def test_ends_like_sentence_is_the_patterns_search_on_every_page_line() -> None:
    answers = [shape.ends_like_sentence(line) for line in PAGE_LINES]
    assert any(answers) and not all(answers)  # both answers are met, so both are checked
    for line, answer in zip(PAGE_LINES, answers):
        assert answer == _plain_ends_like_sentence(line), line


@given(st.text(alphabet=st.sampled_from(_SIGNS), max_size=30) | st.text(max_size=30))
def test_shape_facts_equal_their_plain_definitions_on_generated_lines(text: str) -> None:
    assert shape.words(text) == tuple(_PLAIN_WORD.findall(text))
    assert shape.word_count(text) == len(_PLAIN_WORD.findall(text))
    assert shape.ends_like_sentence(text) == _plain_ends_like_sentence(text)


def test_a_line_too_long_to_keep_is_read_the_same() -> None:
    line = "Word " * (shape.WORDS_KEPT_MAX_CHARS // 5) + "end."
    assert len(line) > shape.WORDS_KEPT_MAX_CHARS
    assert shape.word_count(line) == len(_PLAIN_WORD.findall(line)) and shape.ends_like_sentence(line)


def test_line_answers_keep_at_most_their_limit_and_answer_the_same_after_emptying(monkeypatch) -> None:
    monkeypatch.setattr(shape, "WORDS_KEPT", 3)
    asked: list[str] = []

    def length(text: str) -> int:
        asked.append(text)
        return len(text)

    answers = shape.LineAnswers(length)
    lines = ["a", "bb", "ccc", "a", "dddd", "bb", "a"]
    assert [answers[line] for line in lines] == [1, 2, 3, 1, 4, 2, 1]
    assert len(answers) <= 3
    assert asked == ["a", "bb", "ccc", "dddd", "bb", "a"]  # "a" kept once, then worked out again after the emptying
    long_line = "x" * (shape.WORDS_KEPT_MAX_CHARS + 1)
    assert answers[long_line] == len(long_line) and long_line not in answers
