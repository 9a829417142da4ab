"""Repairing one line of text: what the normalize stage does to every segment, and what the metadata
stage does to the page's own title and description.

Pure functions: mojibake and entities repaired by ftfy (only where a line holds
something ftfy could change), Unicode composed, spaces made single.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
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


def _single_spaced(text: str) -> str:
    """``text`` with every run of whitespace, line breaks included, made one space, and none at its ends.

    A segment is one line, and ftfy turns the Unicode line and paragraph
    separators (U+2028, U+2029, U+0085) into "\\n", which would otherwise split
    the paragraph when the output is cleaned again. ``str.split`` cuts at the
    characters ``str.isspace`` tells, those ``\\s`` matches (a test checks every
    code point): the words joined again are the text with each ``\\s+``
    replaced by a space, stripped, at a third of the cost of that replacement.
    """
    return " ".join(text.split())


@cache
def _fixer_config(config: NormalizeConfig):  # type: ignore[no-untyped-def]
    from ftfy import TextFixerConfig

    return TextFixerConfig(uncurl_quotes=config.straighten_quotes, normalization=config.unicode_form,
                           fix_character_width=False, explain=False)


#: The defaults, for callers that normalise a line on its own.
DEFAULT_CONFIG = NormalizeConfig()


#: A character ftfy may change, in text that is otherwise ASCII: anything but tabs, line feeds
#: and printable ASCII (an ampersand too where it opens an HTML entity: see :func:`_ftfy_work`).
#: Printable ASCII holds no mojibake, ligature or odd break, and every normal form leaves it
#: alone, so most lines skip ftfy.
_NOT_PLAIN_ASCII = r"[^\t\n\x20-\x7e]"
#: The same, where typographic quotes and dashes stay: alone among ASCII they are no mojibake
#: (that takes letters such as "â" or "Ã" beside them) and every normal form leaves them alone,
#: so a line of prose with curly quotes skips ftfy too.
_NOT_PLAIN_TYPOGRAPHY = r"[^\t\n\x20-\x7e’‘“”–—]"


@cache
def _ftfy_work(straighten_quotes: bool) -> re.Pattern[str]:
    """Where ftfy may change a line: a character beyond plain ASCII (see above) or an HTML entity.

    An ampersand is text ("Q&A", "AT&T") unless it opens an entity as ftfy
    reads them (its own pattern): most lines holding one need no ftfy.
    """
    from ftfy.chardata import HTML_ENTITY_RE

    return re.compile(f"{_NOT_PLAIN_ASCII if straighten_quotes else _NOT_PLAIN_TYPOGRAPHY}|{HTML_ENTITY_RE.pattern}")


@cache
def _ftfy_characters(straighten_quotes: bool) -> re.Pattern[str]:
    """A character one of ftfy's fixers other than the mojibake repair changes wherever it stands.

    Read from ftfy's own tables where it has them: HTML entities, C1
    controls, ligatures, line breaks, lone surrogates, terminal escapes, the
    control characters it removes and, when quotes are straightened, curly quotes.
    """
    from ftfy.chardata import CONTROL_CHARS, DOUBLE_QUOTE_RE, HTML_ENTITY_RE, LIGATURES, SINGLE_QUOTE_RE

    listed = "".join(chr(point) for point in sorted({*CONTROL_CHARS, *LIGATURES}))
    quotes = SINGLE_QUOTE_RE.pattern[1:-1] + DOUBLE_QUOTE_RE.pattern[1:-1] if straighten_quotes else ""
    return re.compile(f"[\x80-\x9f\r\u2028\u2029\x1b\ud800-\udfff{re.escape(listed)}{quotes}]|"
                      f"{HTML_ENTITY_RE.pattern}")


#: The most characters in a row, of a sequence ftfy's mojibake heuristic (:func:`ftfy.badness.is_bad`) looks for,
#: that may be ASCII; every such sequence holds a character beyond ASCII (a test reads both from ftfy's pattern).
MOJIBAKE_ASCII_REACH = 2
#: The middle of a run of ASCII longer than twice that, its first and last ``MOJIBAKE_ASCII_REACH`` characters left
#: out (looked at around it, not taken): no sequence of the heuristic holds the run whole, nor reaches past those
#: characters from the characters around it. Cut (:func:`_cut_far_from_non_ascii`) by a plain line break: a
#: replacement naming the groups kept, as the pattern was first written, costs a Python call per run.
_FAR_FROM_NON_ASCII = re.compile(rf"(?<=[\x00-\x7f]{{{MOJIBAKE_ASCII_REACH}}})[\x00-\x7f]+"
                                 rf"(?=[\x00-\x7f]{{{MOJIBAKE_ASCII_REACH}}})")


def _cut_far_from_non_ascii(text: str) -> str:
    """``text`` with the middle of each long ASCII run (``_FAR_FROM_NON_ASCII``) replaced by a line break."""
    return _FAR_FROM_NON_ASCII.sub("\n", text)


def looks_like_mojibake(text: str) -> bool:
    """:func:`ftfy.badness.is_bad`, asked first of ``text`` near its characters beyond ASCII.

    The heuristic is a regular expression slow on every character it reads;
    every sequence it looks for holds a character beyond ASCII and at most
    ``MOJIBAKE_ASCII_REACH`` characters in a row that may be ASCII, so it
    is asked first of ``text`` with the middle of each longer ASCII run cut
    out (a line break in its place): such a sequence in ``text`` stands whole
    in what is left, so where that holds none, neither does ``text``. Where
    it does (mojibake is rare), ``text`` itself is asked, so the answer is
    always ``is_bad(text)``.
    """
    from ftfy.badness import is_bad

    return is_bad(_cut_far_from_non_ascii(text)) and is_bad(text)


def _ftfy_changes(text: str, config: NormalizeConfig) -> bool:
    """Whether ``ftfy.fix_text`` could change ``text``, a line holding characters beyond plain ASCII.

    It changes a line only where a fixer finds its characters, where the
    line looks like mojibake, or where the line is not in the
    configured normal form; most lines of prose in other alphabets have none
    of these, and the three checks cost a fraction of the fixers' passes.
    """
    return (_ftfy_characters(config.straighten_quotes).search(text) is not None or looks_like_mojibake(text)
            or not unicodedata.is_normalized(config.unicode_form, text))


#: What else :func:`normalize_text` changes in a line of printable ASCII: a tab or a run of spaces
#: (made one space).
_SPACE_WORK_IN_ASCII = r"|\t| {2}"


@cache
def _line_work(straighten_quotes: bool) -> re.Pattern[str]:
    """A character (or run of spaces) that :func:`normalize_text` may change wherever it stands in a line."""
    return re.compile(_ftfy_work(straighten_quotes).pattern + _SPACE_WORK_IN_ASCII)


def lines_to_normalize(text: str, config: NormalizeConfig = DEFAULT_CONFIG) -> Iterator[tuple[int, int]]:
    """The lines of ``text`` that :func:`normalize_text` may change, as (start, end) offsets (end at the "\\n").

    Any other line is printable ASCII with single spaces (typographic quotes
    and dashes allowed where quotes stay): normalising it, widened over the
    spaces around it or not, gives the line stripped. One search over the
    whole text, resumed after each line found, finds them: most lines of a
    page are of the other kind and cost no Python call at all.
    """
    work = _line_work(config.straighten_quotes)
    position = 0
    while (found := work.search(text, position)) is not None:
        start = text.rfind("\n", 0, found.start()) + 1
        end = text.find("\n", found.end())
        end = len(text) if end < 0 else end
        yield start, end
        position = end + 1


@cache
def _mojibake_at_line_starts() -> re.Pattern[str]:
    """ftfy's mojibake heuristic with ``^`` matching at every line's start: asked of lines joined by line breaks,
    it finds a sequence wherever asking each line on its own would."""
    from ftfy.badness import BADNESS_RE

    return re.compile(BADNESS_RE.pattern, BADNESS_RE.flags | re.MULTILINE)


def normalize_lines(lines: Sequence[str], config: NormalizeConfig = DEFAULT_CONFIG) -> list[str]:
    """Each of ``lines`` as :func:`normalize_text` gives it, its checks for ftfy's work made over all of them at once.

    Where none of the lines holds a character a fixer changes, nor (asked
    of them joined, their long ASCII runs cut as in
    :func:`looks_like_mojibake`) a sequence of mojibake, a line needs ftfy
    only when it is not in the configured normal form: one search of each
    kind a document instead of one a line. Joining loses no match: a line
    break is none of the fixers' characters, and a sequence of mojibake in a
    line stands whole in the joined lines cut (``^``, a line's start, is read
    at every line break there). It may add one (a line break is a space to
    the heuristic): then every line is checked on its own.
    """
    joined = "\n".join(lines)
    if (_ftfy_characters(config.straighten_quotes).search(joined)
            or _mojibake_at_line_starts().search(_cut_far_from_non_ascii(joined))):
        return [normalize_text(line, config) for line in lines]
    form = config.unicode_form
    return [_single_spaced(line) if unicodedata.is_normalized(form, line) else normalize_text(line, config)
            for line in lines]


def normalize_text(text: str, config: NormalizeConfig = DEFAULT_CONFIG) -> str:
    """One line of text repaired (mojibake, entities, control characters), composed and with single spaces."""
    if _ftfy_work(config.straighten_quotes).search(text) and _ftfy_changes(text, config):
        import ftfy

        text = ftfy.fix_text(text, _fixer_config(config))
    return _single_spaced(text)
