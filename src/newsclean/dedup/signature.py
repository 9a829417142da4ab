"""An article's dedup signature: a MinHash of its word shingles, and how many shingles it has.

Words are runs of letters and digits, lower-cased, so a reprint whose spacing,
punctuation or capitals changed has the same shingles. A shingle is five
consecutive words, as in the issue's own measure of how much two stories share
(and the article-extraction benchmark's metric uses four to five): long enough
that two different stories on one topic rarely share one, short enough that a
paragraph that was edited in one place still shares most of its shingles.

The MinHash is rensa's ``RMinHash`` (Rust). On the dev pages it signs about
50,000 articles a second on one core, against about 1,400 for datasketch's
NumPy ``MinHash.update_batch`` with the same number of permutations; the
shingling in Python costs more than rensa does. Its digests are the same in
every process (no per-process hash seed), which the run relies on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

#: Words per shingle.
SHINGLE_WORDS = 5
#: MinHash permutations: the signature's length. 128 x 4 bytes keeps a document's
#: dedup state near half a kilobyte, and estimates a Jaccard similarity of 0.8
#: within about +-0.035 (one standard deviation).
NUM_PERM = 128
#: The seed of rensa's permutations; fixed, so signatures from any process and run agree.
MINHASH_SEED = 1619
#: A word: a run of letters and digits (Unicode-aware), so punctuation never splits or joins shingles.
WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Signature:
    """What dedup keeps of an article: its MinHash (``NUM_PERM`` unsigned 32-bit values) and shingle count."""

    minhash: np.ndarray
    shingles: int


def shingles(text: str, words: int = SHINGLE_WORDS) -> list[str]:
    """The distinct word shingles of ``text``: every run of ``words`` consecutive words, lower-cased.

    A text shorter than one shingle is one shingle of all its words (an empty
    text has none), so a very short article still has a signature.
    """
    tokens = WORD.findall(text.lower())
    if len(tokens) < words:
        return [" ".join(tokens)] if tokens else []
    return list(dict.fromkeys(" ".join(gram) for gram in zip(*(tokens[i:] for i in range(words)))))


def signature(text: str) -> Signature:
    """The :class:`Signature` of an article's text."""
    from rensa import RMinHash  # a compiled module: imported when the first article is signed

    grams = shingles(text)
    minhash = RMinHash(NUM_PERM, MINHASH_SEED)
    minhash.update(grams)
    return Signature(np.asarray(minhash.digest(), dtype=np.uint32), len(grams))
