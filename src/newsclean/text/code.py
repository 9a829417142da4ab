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

#: A line of code ends a statement or opens or closes a block or a call: its last sign (before a closing
#: ";" or ",") is a bracket or a semicolon. Prose ends on a letter or a stop, a list's item on a letter.
CODE_LINE = re.compile(r".*[{}();]\s*[;,]?")
#: A line of code is at most this many characters long (a longer line is prose that ends on a bracket).
CODE_LINE_MAX_CHARS = 160


def is_code_line(text: str) -> bool:
    """Whether ``text`` is shaped like a line of code (see ``CODE_LINE``)."""
    text = text.strip()
    return len(text) <= CODE_LINE_MAX_CHARS and CODE_LINE.fullmatch(text) is not None


def code_lines(lines: Sequence[str]) -> frozenset[int]:
    """The indices of the ``lines`` shaped like code next to another such line: a run of code, not one
    line that happens to end on a bracket."""
    shaped = [is_code_line(line) for line in lines]
    return frozenset(n for n, is_code in enumerate(shaped)
                     if is_code and ((n > 0 and shaped[n - 1]) or (n + 1 < len(shaped) and shaped[n + 1])))
