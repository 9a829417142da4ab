"""The article's header travels on the Doc: the noise stage sets it, the metadata and dates stages read it."""

from __future__ import annotations

import dataclasses
import datetime as dt

from conftest import SEEDS, fold

from newsclean.assembly import build_pipeline
from newsclean.config import DatesConfig, NormalizeConfig, PipelineConfig
from newsclean.document import Doc, Header, HeaderLine, RawDocument, Removal, Segment
from newsclean.noise.header import judge_header, read_header
from newsclean.noise.verdicts import Verdict
from newsclean.records import DateSource
from newsclean.review.inspection import find_document, inspect_raw
from newsclean.rules.registry import DEK, HEADER_LINE, HEADLINE, SCRAPER_HEADER
from newsclean.rules.rule import HeaderPart
from newsclean.stages.dates import DatesStage
from newsclean.stages.metadata import MetadataStage
from newsclean.text.language import LanguageIdentifier


def _segments(*texts: str) -> list[Segment]:
    out, start = [], 0
    for block, text in enumerate(texts):
        out.append(Segment(start, start + len(text), text, block, text))
        start += len(text) + 2
    return out


def test_the_header_is_read_from_the_verdicts_that_stand() -> None:
    segments = _segments("A headline of the story", "Another headline", "The dek", "Body.")
    verdicts = [Verdict.of(HEADLINE), Verdict.of(HEADER_LINE), Verdict(DEK, 0.8), None]
    header = read_header(segments, verdicts)
    assert header.lines == (HeaderLine(HeaderPart.TITLE, 0, 23, "A headline of the story"),
                            HeaderLine(HeaderPart.DEK, 43, 50, "The dek"))
    assert header.first(HeaderPart.TITLE).text == "A headline of the story"  # type: ignore[union-attr]
    assert header.first(HeaderPart.BYLINE) is None and header.of(HeaderPart.DEK) == header.lines[1:]
    assert read_header(segments, [None] * 4) == Header()  # a header kept in the body is no header


def test_every_header_line_is_a_removal_of_a_rule_filling_its_part(config: PipelineConfig) -> None:
    pipeline = build_pipeline(config)
    parts = set()
    for path in sorted(SEEDS.glob("*.txt")):
        doc = inspect_raw(find_document(path, 0, config), pipeline).doc
        removals = {(r.start, r.end): r for r in doc.removals}
        for line in doc.header.lines:
            removal = removals[(line.start, line.end)]
            assert removal.rule.fills is line.part and removal.text == line.text
            parts.add(line.part)
        assert not {r.rule for r in doc.removals if r.rule.fills is not None} - {
            removals[(line.start, line.end)].rule for line in doc.header.lines}
        if (dek := doc.header.first(HeaderPart.DEK) or doc.header.first(HeaderPart.SCRAPER_SUMMARY)) is not None:
            assert fold(doc.article.subtitle) == fold(dek.text)  # type: ignore[union-attr]
    assert {HeaderPart.SCRAPER_HEADER, HeaderPart.SCRAPER_SUMMARY, HeaderPart.TITLE} <= parts


def _doc(segments: list[Segment], header: Header) -> Doc:
    text = "\n\n".join(s.text for s in segments)
    return Doc(RawDocument("test", text), len(text), "0", "test", text=text, segments=tuple(segments), header=header)


def test_the_metadata_stage_fills_its_fields_from_the_header() -> None:
    body = _segments("x" * 10, "y" * 10, "The council met on Monday and agreed to the budget after a long debate "
                     "about schools, roads and the harbour, which had waited two years for repairs.")
    header = Header((HeaderLine(HeaderPart.SCRAPER_SUMMARY, 0, 10, "The scraper's summary"),
                     HeaderLine(HeaderPart.TITLE, 12, 22, "Council agrees the budget"),
                     HeaderLine(HeaderPart.BYLINE, 24, 34, "By Jane Doe")))
    doc = MetadataStage(LanguageIdentifier(), NormalizeConfig())(_doc(body[2:], header))
    assert (doc.title, doc.subtitle, doc.byline) == ("Council agrees the budget", "The scraper's summary", "Jane Doe")
    dek = HeaderLine(HeaderPart.DEK, 0, 10, "The dek comes first")
    doc = MetadataStage(LanguageIdentifier(), NormalizeConfig())(
        _doc(body[2:], dataclasses.replace(header, lines=(*header.lines, dek))))
    assert doc.subtitle == "The dek comes first"


def test_the_dates_stage_reads_the_scraper_header_from_the_header() -> None:
    segments = _segments("date 2020-05-04", "A story about the council and its budget, told at length.")
    scraper = segments[0]
    doc = Doc(RawDocument("test", ""), 0, "0", "test", segments=tuple(segments[1:]),
              removals=(Removal(SCRAPER_HEADER, scraper.start, scraper.end, scraper.text, SCRAPER_HEADER.score),),
              header=Header((HeaderLine(HeaderPart.SCRAPER_HEADER, scraper.start, scraper.end, scraper.text),)))
    dates = DatesStage(DatesConfig(reference_date=dt.date(2024, 1, 1)))
    published = dates(doc).published
    assert published is not None
    assert (published.value, published.source) == (dt.date(2020, 5, 4), DateSource.SCRAPER_HEADER)
    # the same line, not in the header, is weighed as any other dateline
    published = dates(dataclasses.replace(doc, header=Header())).published
    assert published is not None and published.source is DateSource.DATELINE


_HEADLINE = "New Library Opens to Long Lines"
_STORY = (("The county's new library opened on Saturday, and the first visitors were waiting at the door an hour "
           "before the staff unlocked it."),
          "The building replaces a branch that closed six years ago after the roof failed in a winter storm.")


def test_a_line_under_a_list_below_the_headline_is_no_dek() -> None:
    rows = ("Stage 1: 10 March – Springfield", "Stage 2: 8 April – Shelbyville", "Stage 3: 22 April – Ogdenville",
            "Stage 4: 6 May – North Haverbrook")
    note = "* Calendar subject to the changes the organiser often makes"
    segments = _segments(_HEADLINE, *rows, note, *_STORY)
    verdicts = judge_header(segments, [None] * len(segments), header_limit=8)
    assert [v.rule if v else None for v in verdicts] == [HEADLINE] + [None] * (len(segments) - 1)
    # right under the headline, the same line is its dek
    segments = _segments(_HEADLINE, note, *rows, *_STORY)
    assert judge_header(segments, [None] * len(segments), header_limit=8)[1] == Verdict.of(DEK)


def test_a_long_line_between_the_headline_and_the_story_is_no_header_line() -> None:
    kicker, lede = "Residents cheer as the doors finally open", ("The council approved a new bridge over the river on Tuesday after two "
                                             "years of debate and three public hearings")
    segments = _segments(_HEADLINE, "Opening Day", kicker, lede, *_STORY)
    verdicts = judge_header(segments, [None] * len(segments), header_limit=8)
    assert [v.rule if v else None for v in verdicts] == [HEADLINE, DEK, HEADER_LINE, None, None, None]
