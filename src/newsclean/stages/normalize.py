"""Normalise every segment: repair mojibake and entities with ftfy, compose Unicode, tidy spaces.

Each segment keeps its offsets into the input and gains its normalised text
(``Segment.norm``), which later stages judge and the body is made of. Quotes
stay typographic unless configured: they carry meaning (quotations, names
like O’Brien) and every modern tool reads them.
"""

from __future__ import annotations

import dataclasses

from ..config import NormalizeConfig
from ..document import Doc, Removal, Segment
from ..errors import Reject
from ..records import RejectReason, StageName
from ..rules.registry import NO_TEXT_AFTER_NORMALIZATION
from ..text.repair import normalize_text, with_stripped_spaces


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
                kept.append(segment.with_norm(norm))
            else:
                dropped.append(Removal(NO_TEXT_AFTER_NORMALIZATION, segment.start, segment.end, segment.text,
                                       NO_TEXT_AFTER_NORMALIZATION.score))
        if not kept:
            raise Reject(RejectReason.NO_BODY, "no text is left once control characters are removed")
        return dataclasses.replace(doc, segments=tuple(kept), removals=doc.removals + tuple(dropped))
