"""The noise stage identifies the body's language only where a pass reads it.

In page text the foreign-block pass and the line classifier read it. In an
HTML extractor's output neither runs (foreign blocks are not judged there,
the classifier is not used), so the stage does not identify it: the verdicts
are the same whatever the language would be.
"""

from __future__ import annotations

import dataclasses

from stories import BODY, HEADLINE

from newsclean.assembly import build_pipeline
from newsclean.config import PipelineConfig
from newsclean.document import Doc, PageMetadata, RawDocument
from newsclean.pipeline import start_document
from newsclean.records import StageName
from newsclean.stages.noise import NoiseStage

#: A block of short lines in another language between two paragraphs: furniture in page text.
FOREIGN = ("Nachrichten aus der Region", "Wetter und Verkehr heute", "Sport am Wochenende im Überblick")
TEXT = "\n\n".join((HEADLINE, BODY[0], *FOREIGN, *BODY[1:], "Share this article", "Tags: library, county"))


def _noise_stage_and_doc(from_page_text: bool) -> tuple[NoiseStage, Doc]:
    pipeline = build_pipeline(PipelineConfig())
    doc = start_document(RawDocument("test", TEXT))
    for stage in pipeline.stages:
        if stage.name is StageName.NOISE:
            page = PageMetadata(title=HEADLINE, from_page_text=from_page_text)
            return stage, dataclasses.replace(doc, page=page)
        doc = stage(doc)
    raise AssertionError("no noise stage")


def test_an_extractors_output_is_judged_without_identifying_its_language(monkeypatch) -> None:
    stage, doc = _noise_stage_and_doc(from_page_text=False)

    def not_asked(text: str) -> None:
        raise AssertionError("the language of an extractor's output was identified")

    verdicts, rescued = stage.judge(doc)
    monkeypatch.setattr(stage.identifier, "identify", not_asked)
    assert stage.judge(doc) == (verdicts, rescued)
    assert any(v is not None for v in verdicts)  # the rules did remove furniture: the verdicts say something
    # whatever the language were, the passes over an extractor's output say the same
    for language in ("en", "de", "fr", None):
        assert stage._rule_passes(doc, language, repeats=False, memo=None) == \
            stage._rule_passes(doc, None, repeats=False, memo=None)


def test_page_text_still_has_its_language_read(monkeypatch) -> None:
    stage, doc = _noise_stage_and_doc(from_page_text=True)
    asked: list[str] = []
    identify = stage.identifier.identify

    def counted(text: str) -> object:
        asked.append(text)
        return identify(text)

    monkeypatch.setattr(stage.identifier, "identify", counted)
    stage.judge(doc)
    assert asked  # the body's language, and the foreign block's, are read
    # the foreign block is judged by the body's language, which therefore matters here
    assert stage._rule_passes(doc, "de", repeats=False, memo=None) != \
        stage._rule_passes(doc, "en", repeats=False, memo=None)
