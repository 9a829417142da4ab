"""Take the page furniture out of the body, keeping every removal with its reason.

Segments are judged in three passes, as jusText does: each line alone against
the boilerplate vocabulary (:mod:`newsclean.noise.lines`); then with its
neighbours (:mod:`newsclean.noise.neighbours`: a video title above its blurb,
lists of dated headlines, blocks in another language, repeated lines, the
short lines trailing the story); then the article's header region
(:mod:`newsclean.noise.header`), whose headline, dek, dateline and byline move
into their own fields rather than staying in the body. With the trained line
model, the classifier's passes (:mod:`newsclean.noise.classifier`) judge what
the rules left open. This module is the stage: it orders the passes.
"""

from __future__ import annotations

import dataclasses

from ..config import NoiseConfig
from ..document import Doc
from ..noise.classifier import Classifier
from ..noise.header import judge_header, judged_again, read_header
from ..noise.lines import prepare_rules, user_rules
from ..noise.memo import PageMemo
from ..noise.neighbours import body_language, judge_tail
from ..noise.verdicts import Verdicts, removals_for
from ..records import PageStatus, StageName
from ..rules.noise import LINE_RULES
from ..text.language import LanguageIdentifier, StopWords
from ..text.linemodel import LineModel


class NoiseStage:
    """Removes boilerplate segments and records each removal with its kind and rule."""

    name = StageName.NOISE

    def __init__(self, config: NoiseConfig, identifier: LanguageIdentifier, *, header_limit: int,
                 model: LineModel | None = None, stopwords: StopWords | None = None) -> None:
        self.config = config
        self.identifier = identifier
        self.header_limit = header_limit
        self.model = model
        self.stopwords = stopwords or StopWords()
        self.rules = prepare_rules(user_rules(config) + LINE_RULES)
        self.classifier = None if model is None else Classifier(model, config, identifier, self.stopwords,
                                                                header_limit=header_limit)

    def with_model(self, model: LineModel | None) -> NoiseStage:
        """This stage with ``model`` as its line classifier (``None``: the rules alone); this one is unchanged.

        The training script cleans pages with the model it has just fitted
        through the very stage users run.
        """
        return NoiseStage(self.config, self.identifier, header_limit=self.header_limit, model=model,
                          stopwords=self.stopwords)

    def rule_verdicts(self, doc: Doc, *, repeats: bool = True,
                      memo: PageMemo | None = None) -> tuple[Verdicts, str | None]:
        """The verdicts of the rule passes (each line alone, then with its neighbours) and the body's language.

        ``repeats=False`` leaves repeated lines open (see :func:`~newsclean.noise.neighbours.judge_repeats`). The page's furniture
        (dated lists, foreign blocks) is only judged in page text, not in an extractor's output.
        """
        language = body_language(doc.segments, self.identifier)
        return self._rule_passes(doc, language, repeats=repeats, memo=memo), language

    def _rule_passes(self, doc: Doc, language: str | None, *, repeats: bool, memo: PageMemo | None) -> Verdicts:
        """The verdicts of the rule passes with ``language`` taken for the body's (see :meth:`rule_verdicts`)."""
        segments = doc.segments
        memo = memo if memo is not None else PageMemo()
        verdicts: Verdicts = [memo.line_verdict(s.norm, self.rules) for s in segments]
        return memo.neighbours(segments, verdicts, language, self.identifier, self.config, repeats=repeats,
                               furniture=doc.page is None or doc.page.from_page_text)

    def judge(self, doc: Doc, memo: PageMemo | None = None) -> tuple[Verdicts, bool]:
        """Every segment's verdict (None for body text), and whether the body had to be rescued.

        A rescued body is the classifier's best guess on a page where it saw
        no article (an index page, a table, a wall): the record says so.
        """
        rescued = False
        memo = memo if memo is not None else PageMemo()
        segments = doc.segments
        page = doc.page
        if page is not None and not page.from_page_text:  # HTML: the extractors took the furniture out
            # an extractor's output repeats only what the article does (code, a refrain, a table's rows): measured on
            # every evaluation source, removing its repeats cost recall (0.021 F1 on pages-readability) for 0.001 on
            # pages. No pass here reads the body's language (its foreign blocks are not judged, the classifier does
            # not run), so it is not identified: a third of the stage's time on an HTML page
            verdicts = self._rule_passes(doc, None, repeats=False, memo=memo)
            # no dek: a line equal to the page's description is more often its lede, which pages reuse
            # as their description, than a standfirst (measured: taking it cost recall on two sources of three)
            verdicts = judge_header(segments, verdicts, header_limit=self.header_limit,
                                    known_title=page.title or "")
            return self._without_kept_kinds(verdicts), rescued
        # with the classifier, repeats are judged once the body's extent is known
        verdicts, language = self.rule_verdicts(doc, repeats=self.model is None, memo=memo)
        if self.classifier is None:
            verdicts = judge_tail(segments, verdicts)
            verdicts = judge_header(segments, verdicts, header_limit=self.header_limit)
        else:
            verdicts, rescued = self.classifier.judge(segments, verdicts, language, memo)
        verdicts = self._without_kept_kinds(verdicts)
        if self.model is not None and not rescued:
            verdicts = self._judge_output_again(doc, verdicts, memo)
        return verdicts, rescued

    def _without_kept_kinds(self, verdicts: Verdicts) -> Verdicts:
        """``verdicts`` with those of the kinds the configuration keeps in the body taken back."""
        keep = self.config.keep_kinds
        return [v if v is None or v.kind not in keep else None for v in verdicts]

    def _judge_output_again(self, doc: Doc, verdicts: Verdicts, memo: PageMemo) -> Verdicts:
        """Judge the kept lines again as a new run over the output would; what it removes goes now.

        Cleaning is idempotent by construction: the body's extent, the header
        and the repeats of a page read differently once its furniture is gone,
        and what a second run would remove is removed now. One call suffices:
        :meth:`judge` on the kept lines judges its own output again in turn, so
        it returns what no further run would change. A headline or dek found
        again, after the first headline was taken, is recorded as a header line.
        """
        kept = [i for i, v in enumerate(verdicts) if v is None]
        if not kept or len(kept) == len(verdicts):
            return verdicts
        again, rescued = self.judge(dataclasses.replace(doc, segments=tuple(doc.segments[i] for i in kept)), memo)
        if rescued:
            return verdicts
        return judged_again(verdicts, kept, again)

    def __call__(self, doc: Doc) -> Doc:
        verdicts, rescued = self.judge(doc)
        kept = tuple(s for s, v in zip(doc.segments, verdicts) if v is None)
        doc = dataclasses.replace(doc, segments=kept, removals=doc.removals + removals_for(doc.segments, verdicts),
                                  header=read_header(doc.segments, verdicts))
        if rescued:
            doc = dataclasses.replace(doc, status=PageStatus.NO_CLEAR_BODY, warnings=doc.warnings + (
                "no clear article body: the classifier saw none, so the page's most likely lines were kept",))
        return doc
