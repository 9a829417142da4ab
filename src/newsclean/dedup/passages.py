"""Which paragraphs of an article another article holds: what the review tools highlight as shared.

The run's ``overlaps`` say how much of an article another one holds; a person
reviewing it wants to see which passages. A paragraph is shared with another
article when that article holds at least :data:`SHARED_PARAGRAPH_SHARE` of the
paragraph's five-word shingles (the same shingles as the run's signatures, so
spacing, punctuation and capitals do not matter, and a paragraph edited in
a word or two still counts).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .signature import shingles

#: Share (0-1) of a paragraph's shingles another article must hold for the paragraph to be shown as shared.
SHARED_PARAGRAPH_SHARE = 0.5


def shared_paragraphs(paragraphs: Sequence[str], others: Mapping[str, str]) -> list[list[str]]:
    """For each of ``paragraphs``, the keys of ``others`` (an article's text by its ``doc_id``) that hold it."""
    other_shingles = {key: set(shingles(text)) for key, text in others.items()}
    shared = []
    for paragraph in paragraphs:
        grams = shingles(paragraph)
        shared.append([key for key, held in other_shingles.items()
                       if grams and sum(gram in held for gram in grams) >= SHARED_PARAGRAPH_SHARE * len(grams)])
    return shared
