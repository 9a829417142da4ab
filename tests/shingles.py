"""The article-extraction benchmark's metric: 4-word-shingle precision, recall and F1.

Re-implemented from the benchmark's description (scrapinghub's
article-extraction-benchmark, MIT): tokens are ``\\w+``; each page's
true/false positives and negatives are normalised to sum to one; precision
and recall are averaged over pages and F1 is their harmonic mean.
"""

from __future__ import annotations

import re
from collections import Counter

_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def page_scores(truth: str, prediction: str) -> tuple[float, float]:
    """Precision and recall of one page."""
    t, p = shingles(truth), shingles(prediction)
    tp = sum(min(t[k], p[k]) for k in t.keys() & p.keys())
    fp = sum(p.values()) - tp
    fn = sum(t.values()) - tp
    if fp == fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


def corpus_scores(truths: dict[str, str], predictions: dict[str, str]) -> tuple[float, float, float]:
    """Mean precision, mean recall and their harmonic mean over the pages."""
    pairs = [page_scores(truths[k], predictions.get(k, "")) for k in truths]
    precision = sum(p for p, _ in pairs) / len(pairs)
    recall = sum(r for _, r in pairs) / len(pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
