"""A cleaned page laid out again: kept paragraphs and removed pieces, in the order they stood.

Both the terminal view of one document and the HTML report of a run show the
page this way. The pieces come from the pipeline's own document or from a
record read back from Parquet (``paragraphs`` with ``paragraph_spans``, and
``removed``): offsets in both point into the segmented text, so sorting by
them restores the page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Piece:
    """One line of the page: kept (``kind`` is None) or removed by ``rule`` as ``kind``."""

    start: int
    end: int
    text: str
    kind: str | None = None
    rule: str | None = None
    score: float | None = None

    @property
    def removed(self) -> bool:
        return self.kind is not None


def lay_out(kept: Iterable[Piece], removed: Iterable[Piece]) -> list[Piece]:
    """Kept and removed pieces in page order (by offset; a kept line first when two start together)."""
    return sorted([*kept, *removed], key=lambda piece: (piece.start, piece.removed, piece.end))


def pieces_of_record(row: Mapping[str, Any]) -> list[Piece]:
    """The page of an article row as read from Parquet (a dict of its columns)."""
    paragraphs: Sequence[str] = row.get("paragraphs") or []
    spans: Sequence[Mapping[str, int]] = row.get("paragraph_spans") or []
    if len(spans) != len(paragraphs):  # a file written before paragraph_spans existed: the body, then removals
        spans = [{"start": -1, "end": -1}] * len(paragraphs)
    kept = [Piece(span["start"], span["end"], text) for text, span in zip(paragraphs, spans, strict=True)]
    removed = [Piece(r["start"], r["end"], r["text"], str(r["kind"]), r["rule"], r.get("score"))
               for r in row.get("removed") or []]
    return lay_out(kept, removed)
