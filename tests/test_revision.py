"""jusText's revision of paragraph classes by their neighbours, in linear time (html/revision.py), is jusText's."""

from __future__ import annotations

import copy
import gzip
import json

from conftest import DATA
from hypothesis import given, settings
from hypothesis import strategies as st
from justext.core import classify_paragraphs, revise_paragraph_classification

from newsclean.html import extractors
from newsclean.html.paragraphs import paragraphs
from newsclean.html.parse import parse_page
from newsclean.html.revision import revise_classes

CLASSES = ["good", "bad", "short", "neargood"]


class Paragraph:
    """The fields the revision reads and writes (jusText's Paragraph has more, none of them read there)."""

    def __init__(self, text: str, heading: bool, cf_class: str, class_type: str) -> None:
        self.text, self.heading, self.cf_class, self.class_type = text, heading, cf_class, class_type


paragraph = st.builds(Paragraph, st.text(alphabet="ab ", max_size=60), st.booleans(), st.sampled_from(CLASSES),
                      st.sampled_from(["", *CLASSES]))


@settings(max_examples=400)
@given(st.lists(paragraph, max_size=40), st.integers(min_value=0, max_value=120))
def test_classes_are_revised_as_jusText_revises_them(found, max_heading_distance):
    theirs = copy.deepcopy(found)
    revise_paragraph_classification(theirs, max_heading_distance)
    revise_classes(found, max_heading_distance)
    assert [p.class_type for p in found] == [p.class_type for p in theirs]


def test_the_classes_of_real_pages_are_jusTexts():
    with gzip.open(DATA / "pages.jsonl.gz", "rt", encoding="utf-8") as f:
        pages = [json.loads(line) for line in f]
    revised = 0
    for page in pages:
        found = paragraphs(parse_page(page["html"]))
        classify_paragraphs(found, extractors._all_stopwords(), extractors.JUSTEXT_LENGTH_LOW,
                            extractors.JUSTEXT_LENGTH_HIGH, extractors.JUSTEXT_STOPWORDS_LOW,
                            extractors.JUSTEXT_STOPWORDS_HIGH, extractors.JUSTEXT_MAX_LINK_DENSITY, True)
        theirs = copy.deepcopy(found)
        revise_paragraph_classification(theirs, extractors.JUSTEXT_MAX_HEADING_DISTANCE)
        revise_classes(found, extractors.JUSTEXT_MAX_HEADING_DISTANCE)
        assert [p.class_type for p in found] == [p.class_type for p in theirs]
        revised += sum(p.class_type != p.cf_class for p in found)
    assert revised > 100  # the pages exercise the revision, not only the copy of the first classes
