"""Normalise every segment: repair mojibake and entities with ftfy, compose Unicode, tidy spaces.

Each segment keeps its offsets into the input and gains its normalised text
(``Segment.norm``), which later stages judge and the body is made of. Quotes
stay typographic unless configured: they carry meaning (quotations, names
like O’Brien) and every modern tool reads them.

Most lines of a page are plain printable ASCII with single spaces, which
normalise to themselves stripped: the segment stage already gave them that
text. One search over the whole text finds the other lines
(:func:`~newsclean.text.repair.lines_to_normalize`), and only their segments
are normalised, with the checks for ftfy's work made over them all at once
(:func:`~newsclean.text.repair.normalize_lines`).
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left, bisect_right

from ..config import NormalizeConfig
from ..document import Doc, Removal, Segment
from ..errors import Reject
from ..records import RejectReason, StageName
from ..rules.registry import NO_TEXT_AFTER_NORMALIZATION
from ..text.repair import lines_to_normalize, normalize_lines, with_stripped_spaces


def segments_to_normalize(text: str, segments: tuple[Segment, ...], config: NormalizeConfig) -> list[int]:
    """Indexes (ascending) of the ``segments`` (in text order) whose normalised text may differ from their text.

    A segment on a line :func:`normalize_text` leaves alone as it is, with
    its text as its ``norm`` (as the segment stage makes it), needs no work.
    """
    starts = [segment.start for segment in segments]
    work = {i for i, segment in enumerate(segments) if segment.norm != segment.text}
    for line_start, line_end in lines_to_normalize(text, config):
        work.update(range(bisect_left(starts, line_start), bisect_right(starts, line_end)))
    return sorted(work)


class NormalizeStage:
    """Gives every segment its normalised text; segments that normalise to nothing are recorded and dropped."""

    name = StageName.NORMALIZE

    def __init__(self, config: NormalizeConfig) -> None:
        self.config = config

    def __call__(self, doc: Doc) -> Doc:
        segments: list[Segment | None] = list(doc.segments)
        dropped: list[Removal] = []
        work = segments_to_normalize(doc.text, doc.segments, self.config)
        widened = [with_stripped_spaces(doc.text, doc.segments[i].start, doc.segments[i].end) for i in work]
        for i, norm in zip(work, normalize_lines(widened, self.config)):
            segment = doc.segments[i]
            if norm:
                segments[i] = segment.with_norm(norm)
            else:
                segments[i] = None
                dropped.append(Removal(NO_TEXT_AFTER_NORMALIZATION, segment.start, segment.end, segment.text,
                                       NO_TEXT_AFTER_NORMALIZATION.score))
        kept = tuple(segment for segment in segments if segment is not None) if dropped else tuple(segments)
        if not kept:
            raise Reject(RejectReason.NO_BODY, "no text is left once control characters are removed")
        return dataclasses.replace(doc, segments=kept, removals=doc.removals + tuple(dropped))
