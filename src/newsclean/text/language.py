"""Language identification of a text, with a confidence.

Uses py3langid's Naive Bayes model through its public parts only: the model
file's tables (``py3langid.modelio.load_model``) scored with py3langid's
formula, the byte n-gram features counted by
:class:`~newsclean.text.ngrams.NgramCounter` (3x faster than py3langid's
byte-by-byte walk), or found by that walk in a text of a few words, where
the walk costs less than the counter's fixed cost. A test compares every score with py3langid's own
``LanguageIdentifier.rank`` on the same tables, so a py3langid release that
scores differently fails it; pyproject.toml pins the release range tested.
The model is loaded once per :class:`LanguageIdentifier` (that is, once per
pipeline or worker), never at import time.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

#: Below this many characters a language guess is noise.
MIN_CHARS = 12
#: Enough text to identify a language; more only costs time (characters).
SAMPLE_CHARS = 3000
#: Texts whose scores an identifier keeps: the noise passes and the metadata stage ask about
#: the same runs of lines and the same body several times per document.
SCORES_KEPT = 256
#: Texts shorter than this (bytes, UTF-8) have their features found by walking the automaton one byte at a
#: time, as py3langid does: NumPy's counter costs some 35 us whatever the length, the walk about 0.2 us a
#: byte (measured: even at 220 bytes; 4 texts in 10 the noise passes ask about are shorter than this).
WALK_MAX_BYTES = 160


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """An ISO 639-1 code (or None when the text is too short) and a confidence (0-1)."""

    code: str | None
    confidence: float


@dataclass(frozen=True)
class LanguageModel:
    """py3langid's model restricted to two-letter languages: what scoring a text needs.

    ``weights`` is the log-probability of each feature per language (features
    x languages), ``priors`` each language's; ``aliases`` are the (first,
    duplicate) columns of a label the model holds twice (a language in two
    scripts), whose probabilities are added into the first.
    """

    weights: Any
    priors: Any
    labels: tuple[str, ...]
    aliases: tuple[tuple[int, int], ...]
    next_move: Any
    rows: Any
    output: Any


def load_language_model() -> LanguageModel:
    """py3langid's shipped model with the two-letter languages only.

    The model also knows dialects and varieties with three-letter codes;
    records promise ISO 639-1, so only two-letter languages compete.
    """
    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE
    from py3langid.modelio import load_model

    weights, priors, labels, next_move, rows, output = load_model(MODEL_DIR / MODEL_FILE)
    keep = [column for column, label in enumerate(labels) if len(label) == 2]
    kept = tuple(str(labels[i]) for i in keep)
    first: dict[str, int] = {}
    aliases = []
    for column, label in enumerate(kept):
        if label in first:
            aliases.append((first[label], column))
        else:
            first[label] = column
    # each state's feature as one array, not py3langid's list of Python integers (some 3.7 MB more per process)
    return LanguageModel(np.ascontiguousarray(weights[:, keep]), np.asarray(priors)[keep], kept, tuple(aliases),
                         next_move, rows, np.asarray(output, dtype=np.int64))


class LanguageIdentifier:
    """Identifies the language of a text with py3langid's Naive Bayes model."""

    def __init__(self) -> None:
        import numpy as np

        from .ngrams import NgramCounter

        self.model = load_language_model()
        self._counter = NgramCounter(self.model.next_move, self.model.rows, self.model.output)
        # the model's own tables read one number at a time, without a copy
        self._walk_tables = tuple(memoryview(np.asarray(table)) for table in
                                  (self.model.next_move, self.model.rows, self.model.output))
        self._scores = lru_cache(maxsize=SCORES_KEPT)(self.probabilities)
        self._rows = _row_reader(self.model.weights)
        self._first_column: dict[str, int] = {}
        for column, label in enumerate(self.model.labels):
            self._first_column.setdefault(label, column)  # an alias's score is folded into the first

    def identify(self, text: str) -> LanguageGuess:
        """The most likely language of ``text``."""
        sample = text[:SAMPLE_CHARS]
        if len(sample.strip()) < MIN_CHARS:
            return LanguageGuess(None, 0.0)
        scores = self._scores(sample)
        best = int(scores.argmax())
        return LanguageGuess(self.model.labels[best], float(scores[best]))

    def probability(self, text: str, code: str) -> float:
        """How likely it is (0-1) that ``text`` is written in language ``code``."""
        column = self._first_column.get(code)
        return 0.0 if column is None else float(self._scores(text[:SAMPLE_CHARS])[column])

    def probabilities(self, text: str) -> Any:
        """The probability of every language of :attr:`model` (by column) that ``text`` is written in it.

        py3langid's scoring, step for step (its ``rank`` gives the same
        numbers, to the last bit: a test checks): the text's features are
        counted, their log-counts weigh each language's feature
        log-probabilities, the sum is tempered by the square root of the
        text's length in bytes and normalised; a duplicate label's share is
        added to its first column.
        """
        import numpy as np

        data = _encoded(text)
        features, counts = self._walked(data) if len(data) < WALK_MAX_BYTES else self._counter.features(data)
        if len(features):
            scores = np.log1p(counts) @ self._rows(features) + self.model.priors
        else:  # no feature: every language equally likely
            scores = np.zeros(len(self.model.labels), dtype=np.float32)
        scores *= 1.0 / math.sqrt(len(data) or 1)
        np.exp(scores - scores.max(), out=scores)
        scores /= scores.sum()
        for first, duplicate in self.model.aliases:
            scores[first] += scores[duplicate]
            scores[duplicate] = 0.0
        return scores


    def _walked(self, data: bytes) -> tuple[Any, Any]:
        """The features of ``data`` and how often, in the order each first occurs, as
        :meth:`~newsclean.text.ngrams.NgramCounter.features` gives them: found by py3langid's byte-by-byte
        walk, faster on a short text (see ``WALK_MAX_BYTES``)."""
        import numpy as np

        moves, rows, output = self._walk_tables
        state = 0
        found = []
        for byte in data:
            state = moves[(rows[state] << 8) + byte]
            if (feature := output[state]) >= 0:
                found.append(feature)
        counted = Counter(found)
        return (np.fromiter(counted, dtype=np.intp, count=len(counted)),
                np.fromiter(counted.values(), dtype=np.float32, count=len(counted)))


#: The bits of the negative normal halves, least and greatest: a sign, an exponent field from 1 to 30, any fraction.
NEGATIVE_NORMAL_HALVES = (0x8400, 0xFBFF)
#: How many places a half's fraction moves up to stand as a single's (23 bits of fraction against 10).
HALF_TO_SINGLE_SHIFT = 13
#: What turns a negative normal half's bits, moved ``HALF_TO_SINGLE_SHIFT`` places up, into its single's when
#: added: the sign moved from bit 28 to bit 31, the exponent's bias from 15 to 127
#: ((1 << 31) - (1 << 28) + (112 << 23), modulo 2**32).
NEGATIVE_HALF_TO_SINGLE = 0xA8000000


def _row_reader(weights: Any) -> Callable[[Any], Any]:
    """A function giving the rows ``features`` of ``weights`` in single precision, the precision they are summed in.

    py3langid keeps its weights in half precision; widening the rows a text
    needs one number at a time costs more than the sum itself. Every half is
    widened exactly. py3langid's weights are log-probabilities, negative
    normal halves all of them: a single's bits are then the half's moved up
    and added to (two whole-array operations). Any other table is read
    through a table of the 65,536 halves' single values (256 kB), looked up
    by their bits.
    """
    import numpy as np

    if weights.dtype != np.float16:
        return weights.__getitem__
    bits = weights.view(np.uint16)
    low, high = NEGATIVE_NORMAL_HALVES
    if bits.size and low <= int(bits.min()) and int(bits.max()) <= high:
        def widened(features: Any) -> Any:
            wide = bits.take(features, axis=0).astype(np.uint32)  # (a shift casting as it goes is slower)
            wide <<= HALF_TO_SINGLE_SHIFT
            wide += np.uint32(NEGATIVE_HALF_TO_SINGLE)
            return wide.view(np.float32)
        return widened
    singles = np.arange(1 << 16, dtype=np.uint32).astype(np.uint16).view(np.float16).astype(np.float32)
    return lambda features: singles.take(bits.take(features, axis=0))


def _encoded(text: str) -> bytes:
    """``text`` as py3langid reads it: lower case if all upper case, NFC, UTF-8 (lone surrogates kept)."""
    if text.isupper():
        text = text.lower()
    return unicodedata.normalize("NFC", text).encode("utf-8", errors="surrogatepass")


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
