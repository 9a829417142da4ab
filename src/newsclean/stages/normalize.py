"""Normalise the kept text: repair mojibake and entities with ftfy, compose Unicode, tidy spaces.

Runs after noise removal, so the offsets of removals still point into the
text as it was segmented. Quotes stay typographic unless configured: they
carry meaning (quotations, names like O’Brien) and every modern tool reads them.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache

from ..config import NormalizeConfig
from ..document import Doc
from ..records import StageName

_SPACES = re.compile(r"[^\S\n]+")


@cache
def _fixer_config(config: NormalizeConfig):  # type: ignore[no-untyped-def]
    from ftfy import TextFixerConfig

    return TextFixerConfig(uncurl_quotes=config.straighten_quotes, normalization=config.unicode_form,
                           fix_character_width=False, explain=False)


def normalize_text(text: str, config: NormalizeConfig = NormalizeConfig()) -> str:
    """One line of text repaired (mojibake, entities, control characters), composed and with single spaces."""
    import ftfy

    fixed = ftfy.fix_text(text, _fixer_config(config))
    return _SPACES.sub(" ", fixed).strip()


class NormalizeStage:
    """Normalises every kept segment into a paragraph; empty results are dropped."""

    name = StageName.NORMALIZE

    def __init__(self, config: NormalizeConfig) -> None:
        self.config = config

    def __call__(self, doc: Doc) -> Doc:
        paragraphs = tuple(p for s in doc.segments if (p := normalize_text(s.text, self.config)))
        return dataclasses.replace(doc, paragraphs=paragraphs)
