"""Trafilatura's evaluation metric: passages that must be in the body and passages that must not.

Re-implemented from the evaluation kit's ``score_snippets.py`` (the tests may
not read ../shared): a "with" passage found in the output is a true positive,
missed a false negative; a "without" passage found is a false positive.
Counts are summed over the pages; texts are compared after NFKC, quote and
dash folding, soft hyphens dropped and whitespace collapsed. In text mode a
"with" passage the page text does not hold cannot be recovered by any cleaner
and is left out.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"',
                         "«": '"', "»": '"', "–": "-", "—": "-", "\u00ad": None})


def fold(text: str | None) -> str:
    """Text as the passages are compared: NFKC, straight quotes, plain dashes, single spaces."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text or "").translate(_QUOTES)).strip()


def passage_scores(pages: list[tuple[dict, str, str | None]]) -> tuple[float, float, float]:
    """Precision, recall and F1 over ``(truth, output, page_text)`` triples.

    ``truth`` holds the "with" and "without" passages; ``page_text`` is the
    cleaner's input in text mode (passages it lacks are left out), None in HTML mode.
    """
    tp = fp = fn = 0
    for truth, output, page_text in pages:
        withs = truth["with"]
        if page_text is not None:
            source = fold(page_text)
            withs = [w for w in withs if fold(w) in source]
        out = fold(output)
        found = sum(fold(w) in out for w in withs)
        tp, fn = tp + found, fn + len(withs) - found
        fp += sum(fold(w) in out for w in truth["without"])
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-9)
