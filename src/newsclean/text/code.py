"""Program code in plain text: lines shaped like code, in runs.

An article about software shows its code between its paragraphs: lines that
open or close a block, end a statement or call a function ("function Cow(name) {",
"exports.Cow = Cow;", "});"). The line model, which judges a line by its shape
and its neighbours, takes such a line for a menu's scrap. Pure functions over
lines; the noise stage keeps a run of them inside the story
(:mod:`newsclean.noise.classifier`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .shape import LineAnswers, ends_like_sentence, word_count

#: A line of code ends a statement or opens or closes a block or a call: its last sign (before a closing
#: ";" or ",") is a bracket or a semicolon. Prose ends on a letter or a stop, a list's item on a letter.
CODE_LINE = re.compile(r".*[{}();]\s*[;,]?")
#: A line of code is at most this many characters long (a longer line is prose that ends on a bracket).
CODE_LINE_MAX_CHARS = 160
#: Signs of code inside a line: a call ("avg(n)"), a name joined by an underscore ("status_code"), a comparison
#: or cast ("==", "::", "->"), or the box-drawing lines of a terminal's table ("│", "┼", "─"). As plainly written,
#: ``[^\W\d_]\(|[^\W\d_]_[^\W\d_]|[=!<>]=|::|->|=>|[\u2500-\u257f]``; here each sign is written from the mark it
#: must hold ("(", "_", "=", ":", ">"), what stands before it looked behind: the search tries five literal marks
#: at each character instead of a class of letters (asked of the character's category) for two of the forms. A
#: test checks both find a sign in the same lines.
CODE_SIGN = re.compile(r"\((?<=[^\W\d_]\()|_(?<=[^\W\d_]_)(?=[^\W\d_])|=(?<=[=!<>]=)|:(?=:)|>(?<=[-=]>)|[\u2500-\u257f]")
#: A run of code goes on over at most this many lines between two of its lines,
CODE_GAP_MAX_LINES = 2
#: each of at most this many words and none ending like a sentence.
CODE_GAP_MAX_WORDS = 3


def is_code_line(text: str) -> bool:
    """Whether ``text`` is shaped like a line of code: it ends like one (``CODE_LINE``), or it holds code's
    signs (``CODE_SIGN``) and does not end like a sentence."""
    return _CODE[text]


def _is_code(text: str) -> bool:
    text = text.strip()
    if len(text) > CODE_LINE_MAX_CHARS:
        return False
    return CODE_LINE.fullmatch(text) is not None or (CODE_SIGN.search(text) is not None
                                                     and not ends_like_sentence(text))


#: the noise stage reads the story's lines for code each time it finds the story's extent (twice a page and more):
#: answered once per line
_CODE = LineAnswers(_is_code)


def code_lines(lines: Sequence[str]) -> frozenset[int]:
    """The indices of the ``lines`` shaped like code next to another such line: a run of code, not one
    line that happens to end on a bracket. A run goes on over a gap of up to ``CODE_GAP_MAX_LINES`` short
    lines between two of its lines (a bare keyword or name on its own line: "SELECT", "FROM", "alert")."""
    shaped = [_CODE[line] for line in lines]
    filled = list(shaped)
    for n, is_code in enumerate(shaped):
        if not is_code:
            continue
        for gap in range(1, CODE_GAP_MAX_LINES + 1):
            after = n + gap + 1
            if after >= len(lines) or not _fits_a_gap(lines[n + gap]):  # read only after a line of code
                break
            if shaped[after]:
                filled[n + 1:after] = [True] * gap
                break
    return frozenset(n for n, is_code in enumerate(filled)
                     if is_code and ((n > 0 and filled[n - 1]) or (n + 1 < len(filled) and filled[n + 1])))


def _fits_a_gap(line: str) -> bool:
    """Whether ``line`` may stand in a run of code between two of its lines: short, and not ending like a sentence."""
    return word_count(line) <= CODE_GAP_MAX_WORDS and not ends_like_sentence(line)
