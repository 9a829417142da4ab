"""Which ASCII characters a line rule's match can start with, read from its pattern.

Most lines of a page are body text that no boilerplate rule matches, and
most rules start with one of a few words ("share", "follow", "related"): a
line is tried only against the rules whose match can start with its first
character. The characters are found by walking the pattern's parse tree
(``re._parser``, the standard library's own parser: private, so anything it
does not know for certain, a construct it has not met or a Python that
parses differently, means "any character": the rule is then tried on every
line, as without this module). Each element a match can start with is
compiled alone, with the flags in force there, and tried on every ASCII
character: case folding is the regular expression engine's own, not
re-implemented. Lines starting with any other character are tried against
every rule.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: Characters whose first-character sets are worked out: a line starting with another one is tried
#: against every rule.
ASCII = tuple(chr(code) for code in range(128))
#: A character range wider than this in a rule's first element is read as "any character".
MAX_RANGE_CHARS = 256

try:  # the standard library's parser: private, so its absence only turns the shortcut off
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - a Python without them
    _sre = _sre_parse = None

#: ``\w``-style categories as they are written in a character class.
_CATEGORIES = {} if _sre is None else {
    _sre.CATEGORY_WORD: r"\w", _sre.CATEGORY_NOT_WORD: r"\W", _sre.CATEGORY_DIGIT: r"\d",
    _sre.CATEGORY_NOT_DIGIT: r"\D", _sre.CATEGORY_SPACE: r"\s", _sre.CATEGORY_NOT_SPACE: r"\S",
}


class _Unknown(Exception):
    """The pattern holds something whose first characters are not worked out here."""


def _class_source(items: Sequence[tuple[object, object]]) -> str:
    """A parsed character class written back as a pattern."""
    parts = []
    for op, value in items:
        if op is _sre.LITERAL:
            parts.append(re.escape(chr(value)))  # type: ignore[arg-type]
        elif op is _sre.RANGE:
            low, high = value  # type: ignore[misc]
            if high - low > MAX_RANGE_CHARS:
                raise _Unknown
            parts.append(re.escape(chr(low)) + "-" + re.escape(chr(high)))
        elif op is _sre.NEGATE and not parts:
            parts.append("^")
        elif op is _sre.CATEGORY and value in _CATEGORIES:
            parts.append(_CATEGORIES[value])
        else:
            raise _Unknown
    return "[" + "".join(parts) + "]"


def _matching_ascii(source: str, flags: int) -> set[str]:
    """The ASCII characters that ``source``, one character's pattern, matches under ``flags``."""
    matcher = re.compile(source, flags).fullmatch
    return {char for char in ASCII if matcher(char)}


def _first(items: Sequence[tuple[object, object]], flags: int) -> tuple[set[str], bool]:
    """The ASCII characters a match of the parsed ``items`` can start with, and whether it can match nothing."""
    found: set[str] = set()
    for op, value in items:
        if op is _sre.LITERAL:
            return found | _matching_ascii(re.escape(chr(value)), flags), False  # type: ignore[arg-type]
        if op is _sre.IN:
            return found | _matching_ascii(_class_source(value), flags), False  # type: ignore[arg-type]
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue  # takes no character: its constraint is left out, which only widens the set
        if op is _sre.BRANCH:
            empty = False
            for branch in value[1]:  # type: ignore[index]
                chars, can_be_empty = _first(branch, flags)
                found |= chars
                empty = empty or can_be_empty
        elif op is _sre.SUBPATTERN:
            _group, add, remove, inner = value  # type: ignore[misc]
            chars, empty = _first(inner, (flags | add) & ~remove)
            found |= chars
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
            low, _high, inner = value  # type: ignore[misc]
            chars, empty = _first(inner, flags)
            found |= chars
            empty = empty or low == 0
        else:
            raise _Unknown
        if not empty:
            return found, False
    return found, True


def first_characters(pattern: str, flags: int) -> frozenset[str] | None:
    """The ASCII characters a match of ``pattern`` can start with; None when that is not known (any)."""
    if _sre_parse is None:
        return None
    try:
        parsed = _sre_parse.parse(pattern, flags)
        chars, can_be_empty = _first(parsed.data, parsed.state.flags)
    except (_Unknown, re.error, AttributeError, TypeError, ValueError):
        return None
    return None if can_be_empty else frozenset(chars)
