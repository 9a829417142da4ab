"""jusText's context-sensitive revision of paragraph classes, in time linear in the paragraphs.

``justext.core.revise_paragraph_classification`` finds the neighbours of
each short and near-good paragraph by walking the list from it, so a page of
many short paragraphs costs the square of their number: a page of 2,700
paragraphs took 0.3 s there, and the cost grows without bound on a page made
of short lines. :func:`revise_classes` gives every paragraph the class
jusText's function gives it (a test compares them on random sequences and
real pages), finding the neighbours with one walk each way instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

#: The classes a neighbour walk stops at, with and without the near-good ones (as jusText's ``_get_neighbour``).
_GOOD_OR_BAD = frozenset({"good", "bad"})
_SETTLED = frozenset({"good", "bad", "neargood"})
#: The class of the missing neighbour past either end of the page (jusText's).
_EDGE = "bad"


class ClassifiedParagraph(Protocol):
    """What the revision reads and writes on a paragraph jusText's ``classify_paragraphs`` has classified."""

    text: str
    heading: bool
    cf_class: str
    class_type: str


def _nearest(classes: Sequence[str], stops: frozenset[str], *, forward: bool) -> list[str]:
    """For each paragraph, the class of the nearest other one before it (after it when ``forward``) whose
    class is in ``stops``; :data:`_EDGE` when there is none."""
    found = [_EDGE] * len(classes)
    last = _EDGE
    order = range(len(classes) - 1, -1, -1) if forward else range(len(classes))
    for i in order:
        found[i] = last
        if classes[i] in stops:
            last = classes[i]
    return found


def _followed_by_good(paragraphs: Sequence[ClassifiedParagraph], classes: Sequence[str], i: int,
                      max_heading_distance: int) -> bool:
    """Whether a paragraph of class good (by ``classes``) follows paragraph ``i`` within
    ``max_heading_distance`` characters of text between them (jusText's heading rule)."""
    j, distance = i + 1, 0
    while j < len(paragraphs) and distance <= max_heading_distance:
        if classes[j] == "good":
            return True
        distance += len(paragraphs[j].text)
        j += 1
    return False


def revise_classes(paragraphs: Sequence[ClassifiedParagraph], max_heading_distance: int) -> None:
    """Set each paragraph's ``class_type`` as ``justext.core.revise_paragraph_classification`` does."""
    # good headings: jusText copies each class as it goes, so a short heading looks ahead at the classes
    # the paragraphs after it held before the revision began
    before = [p.class_type for p in paragraphs]
    classes = [p.cf_class for p in paragraphs]
    for i, paragraph in enumerate(paragraphs):
        if paragraph.heading and classes[i] == "short" and _followed_by_good(paragraphs, before, i, max_heading_distance):
            classes[i] = "neargood"
    # short paragraphs take their class from their neighbours, all judged on the classes before this pass
    previous, following = _nearest(classes, _GOOD_OR_BAD, forward=False), _nearest(classes, _GOOD_OR_BAD, forward=True)
    previous_any, following_any = _nearest(classes, _SETTLED, forward=False), _nearest(classes, _SETTLED, forward=True)
    revised = list(classes)
    for i, current in enumerate(classes):
        if current != "short":
            continue
        before_it, after_it = previous[i], following[i]
        if before_it == "good" and after_it == "good":
            revised[i] = "good"
        elif before_it == "bad" and after_it == "bad":
            revised[i] = "bad"
        elif (before_it == "bad" and previous_any[i] == "neargood") or (after_it == "bad" and following_any[i] == "neargood"):
            revised[i] = "good"
        else:
            revised[i] = "bad"
    # near-good paragraphs in order: one revised already counts as a neighbour of the next
    following = _nearest(revised, _GOOD_OR_BAD, forward=True)
    last = _EDGE
    for i, current in enumerate(revised):
        if current == "neargood":
            revised[i] = "bad" if (last, following[i]) == ("bad", "bad") else "good"
        if revised[i] in _GOOD_OR_BAD:
            last = revised[i]
    # more good headings: a heading judged bad only in context, followed closely by a good paragraph
    for i, paragraph in enumerate(paragraphs):
        if (paragraph.heading and revised[i] == "bad" and paragraph.cf_class != "bad"
                and _followed_by_good(paragraphs, revised, i, max_heading_distance)):
            revised[i] = "good"
    for paragraph, revised_class in zip(paragraphs, revised):
        paragraph.class_type = revised_class
