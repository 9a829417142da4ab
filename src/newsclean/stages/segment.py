"""Cut a text into segments (one per non-blank line) with their character offsets.

Scraped text puts one block per line: a paragraph, a menu item, a caption.
Lines are therefore the unit every later stage judges; blank lines only group
them into blocks, which the noise stage uses as neighbourhood evidence.
"""

from __future__ import annotations

import dataclasses
import re

from ..document import Doc, Segment
from ..errors import Reject
from ..records import RejectReason, StageName
from ..rules.dates import SCRAPER_HEADER

_LINE = re.compile(r"[^\n]*")


def segment_text(text: str) -> tuple[Segment, ...]:
    """Split ``text`` into stripped non-blank lines with offsets into ``text``.

    A leading scraper header ("date 2018-07-27 …") becomes a segment of its
    own, so that the date and the text after it can be judged apart.
    """
    segments: list[Segment] = []
    block = 0
    for match in _LINE.finditer(text):
        line = match.group(0)
        stripped = line.strip()
        if not stripped:
            if segments and segments[-1].block == block:
                block += 1
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        end = start + len(stripped)
        if not segments:
            header = SCRAPER_HEADER.match(stripped)
            if header:
                segments.extend(_split_header(stripped, start, header.end(), block))
                continue
        segments.append(Segment(start, end, stripped, block))
    return tuple(segments)


def _split_header(line: str, offset: int, cut: int, block: int) -> list[Segment]:
    head = line[:cut].strip()
    head_start = offset + line.index(head)
    parts = [Segment(head_start, head_start + len(head), head, block)]
    rest = line[cut:]
    if rest.strip():
        rest_start = offset + cut + (len(rest) - len(rest.lstrip()))
        parts.append(Segment(rest_start, rest_start + len(rest.strip()), rest.strip(), block))
    return parts


class SegmentStage:
    """Segments the document's text; a text with no segments has no body to find."""

    name = StageName.SEGMENT

    def __call__(self, doc: Doc) -> Doc:
        segments = segment_text(doc.text)
        if not segments:
            raise Reject(RejectReason.NO_BODY, "no text left to segment")
        return dataclasses.replace(doc, segments=segments)
