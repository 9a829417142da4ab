"""The body classifier: two small logistic models over line features, shipped as JSON.

Stage one judges each line by itself and its immediate neighbours; stage two
revises that judgement with the first stage's view of the lines around it.
The weights are trained by ``training/train_line_model.py`` on real pages and
kept in ``rules/line_model.json``; nothing is downloaded at run time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..document import Segment
from .feature_arrays import OWN_FEATURES, LineTable, context_feature_array, open_line_rows
from .features import BASE_FEATURES, CALIBRATION, CONTEXT_FEATURES

MODEL_RESOURCE = "line_model.json"


@dataclass(frozen=True, slots=True)
class LogisticModel:
    """A logistic regression over standardised features."""

    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    #: ``weights``, ``mean`` and ``scale`` as arrays, made once (every scoring reads them)
    _arrays: tuple[np.ndarray, np.ndarray, np.ndarray] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_arrays", tuple(np.asarray(values, dtype=np.float64)
                                                  for values in (self.weights, self.mean, self.scale)))

    def probability(self, row: Sequence[float]) -> float:
        """P(body) for one feature row."""
        z = self.bias + sum(w * (x - m) / s for w, x, m, s in zip(self.weights, row, self.mean, self.scale))
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def probabilities(self, rows: Sequence[Sequence[float]] | np.ndarray) -> list[float]:
        """P(body) for each feature row: :meth:`probability` of every row, to the last bit, at array speed."""
        if not len(rows):
            return []
        return self.probability_array(np.asarray(rows, dtype=np.float64)).tolist()

    def running_sums(self, rows: np.ndarray) -> np.ndarray:
        """The sum of each row's terms over the row's columns (the first features), added as :meth:`probability`
        adds them: what :meth:`probability_array` takes as ``known`` for the rows that continue them."""
        weights, mean, scale = self._arrays
        k = rows.shape[1]
        if not k:
            return np.zeros(len(rows))
        return (weights[:k] * (rows - mean[:k]) / scale[:k]).cumsum(axis=1)[:, -1]

    def probability_array(self, rows: np.ndarray, known: np.ndarray | None = None, known_columns: int = 0) -> np.ndarray:
        """:meth:`probabilities` of the rows of a 2-D array (its first ``len(names)`` columns), as an array.

        ``known``: :meth:`running_sums` of each row's first ``known_columns`` columns, which are then not read (a
        line's own features, the same on every scoring of its page)."""
        weights, mean, scale = self._arrays
        if known is None:
            terms = weights * (rows[:, :len(weights)] - mean) / scale
        else:  # the sum so far, then the other terms: the same additions in the same order
            terms = np.empty((len(rows), 1 + len(weights) - known_columns))
            terms[:, 0] = known
            rest = terms[:, 1:]
            np.subtract(rows[:, known_columns:len(weights)], mean[known_columns:], out=rest)
            rest *= weights[known_columns:]
            rest /= scale[known_columns:]
        # a running sum adds the terms in the order ``sum`` adds them (a pairwise sum would round differently)
        z = np.maximum(-60.0, np.minimum(60.0, self.bias + terms.cumsum(axis=1)[:, -1]))
        # math.exp, not NumPy's: the two may differ in the last bit
        return 1.0 / (1.0 + np.fromiter(map(math.exp, (-z).tolist()), dtype=np.float64, count=len(z)))

    def to_json(self) -> dict[str, Any]:
        return {"names": list(self.names), "mean": list(self.mean), "scale": list(self.scale),
                "weights": list(self.weights), "bias": self.bias}

    @classmethod
    def from_json(cls, data: dict[str, Any], expected: tuple[str, ...]) -> LogisticModel:
        names = tuple(data["names"])
        if names != expected:
            raise ValueError(f"model features {names} do not match the code's {expected}: retrain the model")
        return cls(names, tuple(data["mean"]), tuple(data["scale"]), tuple(data["weights"]), float(data["bias"]))


#: A page's lines as the model reads them (text and block of each open line) and which of them a rule removed.
ScoreKey = tuple[tuple[tuple[str, int], ...], tuple[bool, ...]]


@dataclass(slots=True)
class ScoringMemo:
    """What :meth:`LineModel.score` has worked out for one page in one language, kept between its readings.

    The noise stage scores a page several times (after each pass, in the
    settle loop, and when it reads its own output again); most of those
    readings see lines already scored, or the very same lines. Never share
    one between pages or languages: the features depend on the stop words.
    """

    #: what each line is by itself (made by the first scoring, with that scoring's stop words)
    lines: LineTable | None = None
    scores: dict[ScoreKey, list[float]] = field(default_factory=dict)
    #: for the first ``len(own_sums)`` rows of ``lines``: both stages' running sums over the line's own features
    #: (:meth:`LogisticModel.running_sums`), made once per line
    own_sums: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))


@dataclass(frozen=True, slots=True)
class LineModel:
    """Both stages and the decision threshold (P(body) below it means boilerplate)."""

    base: LogisticModel
    context: LogisticModel
    threshold: float
    info: dict[str, Any]

    def score(self, segments: Sequence[Segment], judged: Sequence[bool], stopwords: frozenset[str],
              memo: ScoringMemo | None = None) -> list[float]:
        """P(body) of every segment after both stages (0 for the lines a rule already removed).

        The model sees only the open lines, as if the removed ones were gone:
        a sidebar the rules took out does not cut the story in two. ``memo``
        (one per page and language) saves recomputing line features and
        scores when the same page is scored again; the list returned is the
        caller's own.
        """
        if memo is None:
            return self._score(segments, judged, stopwords, None)
        key = (tuple((s.norm, s.block) for s in segments), tuple(judged))
        if (known := memo.scores.get(key)) is None:
            if memo.lines is None:
                memo.lines = LineTable(stopwords)
            known = memo.scores[key] = self._score(segments, judged, stopwords, memo)
        return list(known)

    def _score(self, segments: Sequence[Segment], judged: Sequence[bool], stopwords: frozenset[str],
               memo: ScoringMemo | None) -> list[float]:
        lines = None if memo is None else memo.lines
        rows, kept, at = open_line_rows(segments, judged, stopwords, lines)
        if not len(rows):
            return [0.0] * len(segments)
        # each line's own terms summed once per page (the same additions the whole row would make)
        sums = None if memo is None or lines is None else self._own_sums(memo, lines)[at]
        first = self.base.probability_array(rows, None if sums is None else sums[:, 0], OWN_FEATURES)
        both = np.hstack([rows, context_feature_array(first, rows[:, 0])])
        scores = np.zeros(len(segments))
        scores[kept] = self.context.probability_array(both, None if sums is None else sums[:, 1], OWN_FEATURES)
        return scores.tolist()

    def _own_sums(self, memo: ScoringMemo, lines: LineTable) -> np.ndarray:
        """``memo.own_sums`` for every line of ``lines`` (``memo.lines``), those added since the last scoring
        summed now."""
        done, size = len(memo.own_sums), len(lines)
        if done < size:
            own = lines.own[done:size]
            memo.own_sums = np.concatenate([memo.own_sums, np.column_stack(
                [self.base.running_sums(own), self.context.running_sums(own)])])
        return memo.own_sums

    def to_json(self) -> dict[str, Any]:
        return {"threshold": self.threshold, "calibration": CALIBRATION.fingerprint(), "base": self.base.to_json(),
                "context": self.context.to_json(), "info": self.info}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LineModel:
        """The model stored as ``data``; refuses one trained with other feature constants than the code's."""
        if data.get("calibration") != CALIBRATION.fingerprint():
            raise ValueError(
                f"the line model was trained with feature constants {data.get('calibration')!r}, the code computes "
                f"features with {CALIBRATION.fingerprint()!r} (newsclean.text.features.FeatureCalibration): "
                f"retrain it with training/train_line_model.py")
        return cls(
            base=LogisticModel.from_json(data["base"], BASE_FEATURES),
            context=LogisticModel.from_json(data["context"], BASE_FEATURES + CONTEXT_FEATURES),
            threshold=float(data["threshold"]), info=dict(data.get("info", {})),
        )

    @classmethod
    def load(cls, path: str | Path | None = None) -> LineModel:
        """The model at ``path``, or the one shipped with newsclean."""
        if path is None:
            text = resources.files("newsclean.rules").joinpath(MODEL_RESOURCE).read_text(encoding="utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
        return cls.from_json(json.loads(text))
