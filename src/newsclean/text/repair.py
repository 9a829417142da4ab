"""Repairing one line of text: what the normalize stage does to every segment, and what the metadata
stage does to the page's own title and description.

Pure functions: mojibake and entities repaired by ftfy (only where a line holds
something ftfy could change), Unicode composed, spaces made single.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from ..config import NormalizeConfig

#: What is stripped from a line's ends: spaces, not every character Python calls
#: whitespace (U+0085 and the C0 separators are text that ftfy repairs).
SPACE = " \t\f\v\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


def with_stripped_spaces(text: str, start: int, end: int) -> str:
    """``text[start:end]`` widened over the spaces around it on its line, which segmenting strips.

    Mojibake can straddle them ("Â" then a no-break space is one mangled no-break
    space): repairing the widened text, then stripping, fixes what stripping
    first would cut in half. Each space is looked at by the segments beside it
    only, so widening every segment costs linear time.
    """
    while start > 0 and text[start - 1] in SPACE:
        start -= 1
    while end < len(text) and text[end] in SPACE:
        end += 1
    return text[start:end]


#: Any run of whitespace, line breaks included: a segment is one line, and ftfy turns the
#: Unicode line and paragraph separators (U+2028, U+2029, U+0085) into "\n", which would
#: otherwise split the paragraph when the output is cleaned again.
_SPACES = re.compile(r"\s+")


@cache
def _fixer_config(config: NormalizeConfig):  # type: ignore[no-untyped-def]
    from ftfy import TextFixerConfig

    return TextFixerConfig(uncurl_quotes=config.straighten_quotes, normalization=config.unicode_form,
                           fix_character_width=False, explain=False)


#: The defaults, for callers that normalise a line on its own.
DEFAULT_CONFIG = NormalizeConfig()


#: A character ftfy may change, in text that is otherwise ASCII: anything but tabs, line feeds
#: and printable ASCII, or an ampersand (an entity). Printable ASCII holds no mojibake,
#: ligature or odd break, and every normal form leaves it alone, so most lines skip ftfy.
_FTFY_WORK_IN_ASCII = re.compile(r"[^\t\n\x20-\x25\x27-\x7e]")
#: The same, where typographic quotes and dashes stay: alone among ASCII they are no mojibake
#: (that takes letters such as "â" or "Ã" beside them) and every normal form leaves them alone,
#: so a line of prose with curly quotes skips ftfy too.
_FTFY_WORK_IN_TYPOGRAPHY = re.compile(r"[^\t\n\x20-\x25\x27-\x7e’‘“”–—]")


@cache
def _ftfy_characters(straighten_quotes: bool) -> re.Pattern[str]:
    """A character one of ftfy's fixers other than the mojibake repair changes wherever it stands.

    Read from ftfy's own tables where it has them: HTML entities (``&``), C1
    controls, ligatures, line breaks, lone surrogates, terminal escapes, the
    control characters it removes and, when quotes are straightened, curly quotes.
    """
    from ftfy.chardata import CONTROL_CHARS, DOUBLE_QUOTE_RE, LIGATURES, SINGLE_QUOTE_RE

    listed = "".join(chr(point) for point in sorted({*CONTROL_CHARS, *LIGATURES}))
    quotes = SINGLE_QUOTE_RE.pattern[1:-1] + DOUBLE_QUOTE_RE.pattern[1:-1] if straighten_quotes else ""
    return re.compile(f"[&\x80-\x9f\r\u2028\u2029\x1b\ud800-\udfff{re.escape(listed)}{quotes}]")


def _ftfy_changes(text: str, config: NormalizeConfig) -> bool:
    """Whether ``ftfy.fix_text`` could change ``text``, a line holding characters beyond plain ASCII.

    It changes a line only where a fixer finds its characters, where
    :func:`ftfy.badness.is_bad` sees mojibake, or where the line is not in the
    configured normal form; most lines of prose in other alphabets have none
    of these, and the three checks cost a fraction of the fixers' passes.
    """
    from ftfy.badness import is_bad

    return (_ftfy_characters(config.straighten_quotes).search(text) is not None or is_bad(text)
            or not unicodedata.is_normalized(config.unicode_form, text))


def normalize_text(text: str, config: NormalizeConfig = DEFAULT_CONFIG) -> str:
    """One line of text repaired (mojibake, entities, control characters), composed and with single spaces."""
    needs_ftfy = _FTFY_WORK_IN_ASCII if config.straighten_quotes else _FTFY_WORK_IN_TYPOGRAPHY
    if needs_ftfy.search(text) and _ftfy_changes(text, config):
        import ftfy

        text = ftfy.fix_text(text, _fixer_config(config))
    return _SPACES.sub(" ", text).strip()
