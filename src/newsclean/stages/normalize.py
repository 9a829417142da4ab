"""Normalise every segment: repair mojibake and entities with ftfy, compose Unicode, tidy spaces.

Each segment keeps its offsets into the input and gains its normalised text
(``Segment.norm``), which later stages judge and the body is made of. Quotes
stay typographic unless configured: they carry meaning (quotations, names
like O’Brien) and every modern tool reads them.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache

from ..config import NormalizeConfig
from ..document import Doc, Removal, Segment
from ..errors import Reject
from ..records import RejectReason, RemovalKind, StageName
from .segment import with_stripped_spaces

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


def normalize_text(text: str, config: NormalizeConfig = DEFAULT_CONFIG) -> str:
    """One line of text repaired (mojibake, entities, control characters), composed and with single spaces."""
    needs_ftfy = _FTFY_WORK_IN_ASCII if config.straighten_quotes else _FTFY_WORK_IN_TYPOGRAPHY
    if needs_ftfy.search(text):
        import ftfy

        text = ftfy.fix_text(text, _fixer_config(config))
    return _SPACES.sub(" ", text).strip()


class NormalizeStage:
    """Gives every segment its normalised text; segments that normalise to nothing are recorded and dropped."""

    name = StageName.NORMALIZE

    def __init__(self, config: NormalizeConfig) -> None:
        self.config = config

    def __call__(self, doc: Doc) -> Doc:
        kept: list[Segment] = []
        dropped: list[Removal] = []
        for segment in doc.segments:
            norm = normalize_text(with_stripped_spaces(doc.text, segment.start, segment.end), self.config)
            if norm:
                kept.append(dataclasses.replace(segment, norm=norm))
            else:
                dropped.append(Removal(RemovalKind.OTHER, "other.no_text_after_normalization",
                                       segment.start, segment.end, segment.text, 1.0))
        if not kept:
            raise Reject(RejectReason.NO_BODY, "no text is left once control characters are removed")
        return dataclasses.replace(doc, segments=tuple(kept), removals=doc.removals + tuple(dropped))
