"""Language identification of a text, with a confidence.

Wraps py3langid's model, loaded once per :class:`LanguageIdentifier` (that is,
once per pipeline or worker), never at import time.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Below this many characters a language guess is noise.
MIN_CHARS = 12
#: Enough text to identify a language; more only costs time (characters).
SAMPLE_CHARS = 3000


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """An ISO 639-1 code (or None when the text is too short) and a confidence (0-1)."""

    code: str | None
    confidence: float


class LanguageIdentifier:
    """Identifies the language of a text with py3langid's Naive Bayes model."""

    def __init__(self) -> None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier as _Model

        self._model = _Model.from_model_file(MODEL_FILE, norm_probs=True)
        # the model also knows dialects and varieties with three-letter codes;
        # records promise ISO 639-1, so only two-letter languages compete
        self._model.set_languages([code for code in self._model.labels if len(code) == 2])

    def identify(self, text: str) -> LanguageGuess:
        """The most likely language of ``text``."""
        sample = text[:SAMPLE_CHARS]
        if len(sample.strip()) < MIN_CHARS:
            return LanguageGuess(None, 0.0)
        code, confidence = self._model.classify(sample)
        return LanguageGuess(str(code), float(confidence))

    def probability(self, text: str, code: str) -> float:
        """How likely it is (0-1) that ``text`` is written in language ``code``."""
        sample = text[:SAMPLE_CHARS]
        for label, score in self._model.rank(sample):
            if label == code:
                return float(score)
        return 0.0
