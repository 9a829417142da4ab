"""Language identification of a text, with a confidence.

Wraps py3langid's model, loaded once per :class:`LanguageIdentifier` (that is,
once per pipeline or worker), never at import time.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

#: Below this many characters a language guess is noise.
MIN_CHARS = 12
#: Enough text to identify a language; more only costs time (characters).
SAMPLE_CHARS = 3000
#: Texts whose scores an identifier keeps: the noise passes and the metadata stage ask about
#: the same runs of lines and the same body several times per document.
SCORES_KEPT = 256


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """An ISO 639-1 code (or None when the text is too short) and a confidence (0-1)."""

    code: str | None
    confidence: float


class LanguageIdentifier:
    """Identifies the language of a text with py3langid's Naive Bayes model."""

    def __init__(self) -> None:
        import numpy as np
        from py3langid.langid import MODEL_DIR, MODEL_FILE
        from py3langid.modelio import load_model

        # the model also knows dialects and varieties with three-letter codes; records promise
        # ISO 639-1, so only two-letter languages compete. The model is built with those alone
        # (py3langid's set_languages would keep the full score table too, 28 MB per process).
        scores, priors, labels, next_move, rows, output = load_model(MODEL_DIR / MODEL_FILE)
        keep = [column for column, label in enumerate(labels) if len(label) == 2]
        self._model = _counted_model()(np.ascontiguousarray(scores[:, keep]), priors[keep],
                                       [labels[i] for i in keep], next_move, output, norm_probs=True, tk_row=rows)
        # the probability of every language, as py3langid's classify and rank compute them
        self._scores = lru_cache(maxsize=SCORES_KEPT)(self._model._decide)
        self._first_column = {}
        for column, label in enumerate(self._model.nb_classes):
            self._first_column.setdefault(str(label), column)  # an alias's score is folded into the first

    def identify(self, text: str) -> LanguageGuess:
        """The most likely language of ``text``."""
        sample = text[:SAMPLE_CHARS]
        if len(sample.strip()) < MIN_CHARS:
            return LanguageGuess(None, 0.0)
        scores = self._scores(sample)
        best = int(scores.argmax())
        return LanguageGuess(str(self._model.nb_classes[best]), float(scores[best]))

    def probability(self, text: str, code: str) -> float:
        """How likely it is (0-1) that ``text`` is written in language ``code``."""
        column = self._first_column.get(code)
        return 0.0 if column is None else float(self._scores(text[:SAMPLE_CHARS])[column])


@cache
def _counted_model() -> type:
    """py3langid's identifier, with its features counted by :class:`~newsclean.text.ngrams.NgramCounter`.

    Only the counting changes: the features, their order and so every score
    are the ones py3langid's own walk gives (a test compares them).
    """
    import numpy as np
    from py3langid.langid import LanguageIdentifier as _Model

    from .ngrams import NgramCounter

    class CountedModel(_Model):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._counter = NgramCounter(self.tk_nextmove, self.tk_row, self.tk_output)

        def _raw_score(self, text: bytes) -> np.ndarray:
            features, counts = self._counter.features(text)
            if len(features):
                return np.log1p(counts) @ self.nb_ptc[features] + self.nb_pc
            return super()._raw_score(b"")  # no features: py3langid's own fill

    return CountedModel


#: ISO 639-1 codes of the languages whose stop-word lists jusText ships, by its names for them.
JUSTEXT_NAMES = {
    "af": "Afrikaans", "sq": "Albanian", "ar": "Arabic", "an": "Aragonese", "hy": "Armenian", "az": "Azerbaijani",
    "eu": "Basque", "be": "Belarusian", "bn": "Bengali", "bs": "Bosnian", "br": "Breton", "bg": "Bulgarian",
    "ca": "Catalan", "hr": "Croatian", "cs": "Czech", "da": "Danish", "nl": "Dutch", "en": "English",
    "eo": "Esperanto", "et": "Estonian", "fi": "Finnish", "fr": "French", "gl": "Galician", "ka": "Georgian",
    "de": "German", "el": "Greek", "gu": "Gujarati", "ht": "Haitian", "he": "Hebrew", "hi": "Hindi",
    "hu": "Hungarian", "is": "Icelandic", "io": "Ido", "id": "Indonesian", "ga": "Irish", "it": "Italian",
    "jv": "Javanese", "kn": "Kannada", "kk": "Kazakh", "ko": "Korean", "ku": "Kurdish", "ky": "Kyrgyz",
    "la": "Latin", "lv": "Latvian", "lt": "Lithuanian", "lb": "Luxembourgish", "mk": "Macedonian",
    "ms": "Malay", "ml": "Malayalam", "mr": "Marathi", "mn": "Mongolian", "ne": "Nepali", "nb": "Norwegian_Bokmal",
    "no": "Norwegian_Bokmal", "nn": "Norwegian_Nynorsk", "oc": "Occitan", "fa": "Persian", "pl": "Polish",
    "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sr": "Serbian", "sk": "Slovak", "sl": "Slovenian",
    "es": "Spanish", "sw": "Swahili", "sv": "Swedish", "tl": "Tagalog", "tg": "Tajik", "ta": "Tamil",
    "tt": "Tatar", "te": "Telugu", "th": "Thai", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu",
    "uz": "Uzbek", "vi": "Vietnamese", "cy": "Welsh", "fy": "West_Frisian", "yo": "Yoruba",
}
#: Used when the language is unknown or has no list: function words are shared widely enough.
FALLBACK_STOPWORD_LANGUAGES = ("en", "es", "de", "fr", "pt", "it", "nl")


class StopWords:
    """Stop-word sets per language (jusText's lists), loaded on first use and kept."""

    def __init__(self) -> None:
        self._sets: dict[str | None, frozenset[str]] = {}
        self._listed: dict[str, bool] = {}  # whether jusText has a list of the language itself

    def _load(self, code: str) -> frozenset[str]:
        import justext

        name = JUSTEXT_NAMES.get(code)
        # a code may map to a list this jusText release does not ship (Tajik is missing from 3.0)
        if not name or name not in justext.get_stoplists():
            return frozenset()
        return frozenset(justext.get_stoplist(name))

    def own_list(self, code: str | None) -> frozenset[str] | None:
        """The stop words of language ``code`` when jusText has a list for it, else None.

        An unknown language (``code`` None: too little text to tell) gets the
        common languages' words together, as in :meth:`for_language`.
        """
        if code is not None and code not in self._listed:
            self._listed[code] = bool(self._load(code))
        return self.for_language(code) if code is None or self._listed[code] else None

    def for_language(self, code: str | None) -> frozenset[str]:
        """The stop words of language ``code`` (lower case), or of the common languages together."""
        if code not in self._sets:
            words = self._load(code) if code else frozenset()
            if not words:
                words = frozenset().union(*(self._load(c) for c in FALLBACK_STOPWORD_LANGUAGES))
            self._sets[code] = words
        return self._sets[code]
