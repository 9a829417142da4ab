"""Cut a text into segments (one per non-blank line) with their character offsets.

Scraped text puts one block per line: a paragraph, a menu item, a caption.
Lines are therefore the unit every later stage judges; blank lines only group
them into blocks, which the noise stage uses as neighbourhood evidence.
"""

from __future__ import annotations

import dataclasses
import re

from ..config import LimitsConfig
from ..document import Doc, Segment
from ..errors import Reject
from ..records import RejectReason, StageName
from ..rules.dates import SCRAPER_HEADER

_LINE = re.compile(r"[^\n]*")
#: What is stripped from a line's ends: spaces, not every character Python calls
#: whitespace (U+0085 and the C0 separators are text that ftfy repairs).
_SPACE = " \t\f\v\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


def segment_text(text: str) -> tuple[Segment, ...]:
    """Split ``text`` into stripped non-blank lines with offsets into ``text``.

    A leading scraper header ("date 2018-07-27 …") becomes a segment of its
    own, so that the date and the text after it can be judged apart.
    """
    segments: list[Segment] = []
    block = 0
    for match in _LINE.finditer(text):
        line = match.group(0)
        stripped = line.strip(_SPACE)
        if not stripped:
            if segments and segments[-1].block == block:
                block += 1
            continue
        start = match.start() + (len(line) - len(line.lstrip(_SPACE)))
        end = start + len(stripped)
        if not segments:
            header = SCRAPER_HEADER.match(stripped)
            if header:
                segments.extend(_split_header(stripped, start, header.end(), block))
                continue
        segments.append(Segment(start, end, stripped, block, stripped))
    return tuple(segments)


def with_stripped_spaces(text: str, start: int, end: int) -> str:
    """``text[start:end]`` widened over the spaces around it on its line, which segmenting strips.

    Mojibake can straddle them ("Â" then a no-break space is one mangled no-break
    space): repairing the widened text, then stripping, fixes what stripping
    first would cut in half. Each space is looked at by the segments beside it
    only, so widening every segment costs linear time.
    """
    while start > 0 and text[start - 1] in _SPACE:
        start -= 1
    while end < len(text) and text[end] in _SPACE:
        end += 1
    return text[start:end]


def _split_header(line: str, offset: int, cut: int, block: int) -> list[Segment]:
    head = line[:cut].strip(_SPACE)
    head_start = offset + line.index(head)
    parts = [Segment(head_start, head_start + len(head), head, block, head)]
    rest = line[cut:]
    if rest.strip(_SPACE):
        rest_start = offset + cut + (len(rest) - len(rest.lstrip(_SPACE)))
        text = rest.strip(_SPACE)
        parts.append(Segment(rest_start, rest_start + len(text), text, block, text))
    return parts


class SegmentStage:
    """Segments the document's text; a text with no segments has no body to find.

    A text of more than ``limits.max_lines`` lines is no article but a dump
    (a log, a word list): it is rejected before the per-line work begins.
    """

    name = StageName.SEGMENT

    def __init__(self, limits: LimitsConfig | None = None) -> None:
        self.limits = limits or LimitsConfig()

    def __call__(self, doc: Doc) -> Doc:
        segments = segment_text(doc.text)
        if not segments:
            raise Reject(RejectReason.NO_BODY, "no text left to segment")
        if len(segments) > self.limits.max_lines:
            raise Reject(RejectReason.TOO_LARGE, f"{len(segments)} non-blank lines exceed "
                                                 f"limits.max_lines={self.limits.max_lines}")
        return dataclasses.replace(doc, segments=segments)
