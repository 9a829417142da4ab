"""Cut a text into segments (one per non-blank line) with their character offsets.

Scraped text puts one block per line: a paragraph, a menu item, a caption.
Lines are therefore the unit every later stage judges; blank lines only group
them into blocks, which the noise stage uses as neighbourhood evidence.
"""

from __future__ import annotations

import dataclasses

from ..config import LimitsConfig
from ..document import Doc, Segment
from ..errors import Reject
from ..records import RejectReason, StageName
from ..rules.dates import SCRAPER_HEADER
from ..text.repair import SPACE


def segment_text(text: str) -> tuple[Segment, ...]:
    """Split ``text`` into stripped non-blank lines with offsets into ``text``.

    A leading scraper header ("date 2018-07-27 …") becomes a segment of its
    own, so that the date and the text after it can be judged apart.

    Each line's segments get the next block number: the blocks the line
    model was trained on are counted per non-blank line (both parts of a
    split scraper header share one), whatever the blank lines between.
    """
    segments: list[Segment] = []
    block = 0
    position = 0
    for line in text.split("\n"):
        stripped = line.strip(SPACE)
        if stripped:
            start = position if line[0] not in SPACE else position + len(line) - len(line.lstrip(SPACE))
            header = None if segments else SCRAPER_HEADER.match(stripped)
            if header:
                segments.extend(_split_header(stripped, start, header.end(), block))
            else:
                segments.append(Segment(start, start + len(stripped), stripped, block, stripped))
            block += 1
        position += len(line) + 1
    return tuple(segments)


def _split_header(line: str, offset: int, cut: int, block: int) -> list[Segment]:
    head = line[:cut].strip(SPACE)
    head_start = offset + line.index(head)
    parts = [Segment(head_start, head_start + len(head), head, block, head)]
    rest = line[cut:]
    if rest.strip(SPACE):
        rest_start = offset + cut + (len(rest) - len(rest.lstrip(SPACE)))
        text = rest.strip(SPACE)
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
