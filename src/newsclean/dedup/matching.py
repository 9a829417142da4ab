"""From signatures to near-duplicate clusters and overlapping pairs: pure functions over NumPy arrays.

Candidates come from LSH banding with one MinHash value per band: two articles
are compared when they have the same minimum in at least one of the
``NUM_PERM`` permutations. Bands of one row are what the overlaps need: a story
that reuses a fifth of another has a Jaccard similarity near 0.1 with it, which
a band of one row catches with probability 1 - 0.9^128 > 0.9999 while bands of
several rows, tuned for the duplicate threshold of 0.8, would miss it. Every
pair of near-duplicates shares about a hundred of the values, so the same
candidates serve both questions. Each candidate is then scored on the whole
signatures: the share of equal values estimates the Jaccard similarity J, and
with the two shingle counts, what share of each article the other holds
(``|A∩B| = J(|A|+|B|)/(1+J)``).

A value that very many articles share (a story reprinted a thousand times, a
stock phrase) would make a group whose pairs grow as its square; each member
is compared with the group's first ``GROUP_CAP`` members in input order only,
which still links every copy to the first ones, so the clusters stay whole.

Rows are numbered in input order everywhere (row ``i`` came before row ``j``
when ``i < j``), so "the first document of a cluster" is its smallest row, on
every engine and for any number of workers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from .signature import NUM_PERM

#: Members of one LSH group each member is compared with (the earliest in input order): more than the
#: MAX_OVERLAPS an article lists, and any one of them links a copy to its cluster. A larger cap costs
#: memory and time as cap x articles (the pairs are held until scored) and changed no cluster on the
#: dev pages; 64 made matching 2.4x slower on 50,000 articles with shared vocabulary.
GROUP_CAP = 16
#: Equal MinHash values (out of NUM_PERM) below which a pair is taken for chance: one or two
#: collisions are what two unrelated articles sharing a stock phrase give, and they say nothing
#: reliable about how much text is shared.
MIN_SHARED_VALUES = 3
#: Candidate pairs gathered before their repeats are removed (8 bytes each: 2 MB).
UNIQUE_EVERY_PAIRS = 262_144
#: Most overlapping articles listed per article (the largest shares).
MAX_OVERLAPS = 10
#: Candidate pairs scored at once: bounds the memory of the scoring step (pairs x NUM_PERM x 9 bytes, 4.7 MB).
SCORE_CHUNK_PAIRS = 4_096


@dataclass(frozen=True, slots=True)
class Scored:
    """Scored pairs of rows (``first < second``): shared MinHash values and the two shares."""

    first: np.ndarray  # int64 rows
    second: np.ndarray  # int64 rows
    shared: np.ndarray  # int32 equal values out of NUM_PERM
    share_first: np.ndarray  # float64: share of the first's shingles found in the second
    share_second: np.ndarray  # float64: share of the second's shingles found in the first

    @property
    def jaccard(self) -> np.ndarray:
        """The estimated Jaccard similarity of each pair."""
        return self.shared / NUM_PERM


@dataclass(frozen=True, slots=True)
class Matches:
    """What dedup found, per row: the cluster's first row, and the overlapping rows with their shares.

    ``duplicate_of[i]`` is -1 for a row that is first in its cluster or in
    none. Row ``i``'s overlaps are ``overlap_rows[offsets[i]:offsets[i+1]]``
    with ``overlap_shares`` at the same places, largest share first.
    """

    duplicate_of: np.ndarray  # int64, -1 for none
    offsets: np.ndarray  # int64, rows + 1
    overlap_rows: np.ndarray  # int64
    overlap_shares: np.ndarray  # float64

    def counts(self) -> dict[str, int]:
        """How many rows are near-duplicates (not first in their cluster), in how many clusters, and how
        many rows have overlaps: the run summary's figures."""
        duplicates = self.duplicate_of[self.duplicate_of >= 0]
        return {"duplicates": len(duplicates), "clusters": len(np.unique(duplicates)),
                "articles_with_overlaps": int(np.count_nonzero(np.diff(self.offsets)))}

    def overlaps(self, row: int) -> list[tuple[int, float]]:
        """Row ``row``'s overlapping rows and shares, largest share first."""
        start, end = self.offsets[row], self.offsets[row + 1]
        return list(zip(self.overlap_rows[start:end].tolist(), self.overlap_shares[start:end].tolist(), strict=True))


def candidate_pairs(keys: np.ndarray, rows: np.ndarray, cap: int = GROUP_CAP) -> np.ndarray:
    """The pairs ``(earlier, later)`` of ``rows`` that share a key, each later member with its group's
    first ``cap`` members; an array of shape (pairs, 2) holding values of ``rows``.

    ``rows`` orders the members (smaller is earlier in the input); a row
    appears once per key. Local runs call this once per band over all rows,
    the Ray engine once per group of its ``groupby`` on the band key: the same
    pairs either way.
    """
    keys = np.asarray(keys)
    rows = np.asarray(rows)
    if len(rows) < 2:
        return np.empty((0, 2), dtype=rows.dtype)
    order = np.lexsort((rows, keys))
    keys, rows = keys[order], rows[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    sizes = np.diff(np.r_[starts, len(keys)])
    group_start = np.repeat(starts, sizes)
    rank = np.arange(len(keys)) - group_start  # position within the group, in input order
    partners = np.minimum(rank, cap)
    total = int(partners.sum())
    if total == 0:
        return np.empty((0, 2), dtype=rows.dtype)
    later = np.repeat(np.arange(len(keys)), partners)
    within = np.arange(total) - np.repeat(np.cumsum(partners) - partners, partners)
    earlier = np.repeat(group_start, partners) + within
    return np.stack([rows[earlier], rows[later]], axis=1)


def band_keys(values: np.ndarray, band: int) -> np.ndarray:
    """The LSH keys of ``band`` (one MinHash value per band) from its ``values``, tagged with the band so
    keys of different bands never meet in one ``groupby``."""
    return (np.uint64(band) << np.uint64(32)) | values.astype(np.uint64)


def local_candidates(minhashes: np.ndarray, sizes: np.ndarray) -> Iterator[np.ndarray]:
    """The candidate pairs of all bands, band by band, over rows ``0..n-1`` (rows without shingles skipped)."""
    rows = np.flatnonzero(sizes > 0)
    for band in range(minhashes.shape[1]):
        yield candidate_pairs(band_keys(minhashes[rows, band], band), rows)


def score(pairs: np.ndarray, minhashes: np.ndarray, sizes: np.ndarray) -> Scored:
    """Score candidate pairs on their whole signatures (see the module docstring)."""
    first = pairs[:, 0].astype(np.int64)
    second = pairs[:, 1].astype(np.int64)
    shared = np.empty(len(pairs), dtype=np.int32)
    for start in range(0, len(pairs), SCORE_CHUNK_PAIRS):
        chunk = slice(start, start + SCORE_CHUNK_PAIRS)
        shared[chunk] = np.count_nonzero(minhashes[first[chunk]] == minhashes[second[chunk]], axis=1)
    jaccard = shared / NUM_PERM
    size_first = sizes[first].astype(np.float64)
    size_second = sizes[second].astype(np.float64)
    common = jaccard * (size_first + size_second) / (1.0 + jaccard)
    with np.errstate(divide="ignore", invalid="ignore"):
        share_first = np.minimum(1.0, np.where(size_first > 0, common / size_first, 0.0))
        share_second = np.minimum(1.0, np.where(size_second > 0, common / size_second, 0.0))
    return Scored(first, second, shared, share_first, share_second)


def unique_pairs(batches: Iterable[np.ndarray], count: int) -> np.ndarray:
    """The distinct pairs among ``batches`` of pairs of rows below ``count`` (a pair meets in every band its
    articles share), sorted. Each pair is one 64-bit number while they are gathered (8 bytes, one fast sort)."""
    width = np.int64(max(count, 1))
    seen = np.empty(0, dtype=np.int64)
    pending: list[np.ndarray] = []
    pending_rows = 0
    for batch in batches:
        pending.append(batch[:, 0].astype(np.int64) * width + batch[:, 1].astype(np.int64))
        pending_rows += len(batch)
        if pending_rows > UNIQUE_EVERY_PAIRS:  # keep the list of repeats short
            seen = _distinct(np.concatenate([seen, *pending]))
            pending, pending_rows = [], 0
    keys = _distinct(np.concatenate([seen, *pending])) if pending else seen
    return np.stack([keys // width, keys % width], axis=1)


def _distinct(keys: np.ndarray) -> np.ndarray:
    """The distinct values of ``keys``, sorted (a sort and a comparison: faster here than ``np.unique``)."""
    keys.sort()
    return keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys


def match(pairs: np.ndarray, minhashes: np.ndarray, sizes: np.ndarray, *,
          threshold: float, min_overlap: float, max_overlaps: int = MAX_OVERLAPS) -> Matches:
    """Clusters and overlaps of ``n`` rows from their distinct candidate ``pairs``.

    Rows whose estimated Jaccard similarity is at least ``threshold`` are
    near-duplicates; clusters are their connected components, and each row
    of a cluster but the first points at the first. A row lists as overlaps
    the rows that hold at least ``min_overlap`` of its shingles (at most
    ``max_overlaps``, largest share first, then earliest).
    """
    count = len(sizes)
    scored = _real(pairs, minhashes, sizes)
    duplicate = scored.jaccard >= threshold
    duplicate_of = _first_of_clusters(count, scored.first[duplicate], scored.second[duplicate])
    owner = np.concatenate([scored.first, scored.second])
    other = np.concatenate([scored.second, scored.first])
    share = np.concatenate([scored.share_first, scored.share_second])
    keep = share >= min_overlap
    owner, other, share = owner[keep], other[keep], share[keep]
    order = np.lexsort((other, -share, owner))
    owner, other, share = owner[order], other[order], share[order]
    starts = np.searchsorted(owner, np.arange(count), side="left")
    rank = np.arange(len(owner)) - starts[owner] if len(owner) else np.empty(0, np.int64)
    top = rank < max_overlaps
    owner, other, share = owner[top], other[top], share[top]
    offsets = np.searchsorted(owner, np.arange(count + 1), side="left").astype(np.int64)
    return Matches(duplicate_of, offsets, other, np.round(share, 3))


def _real(pairs: np.ndarray, minhashes: np.ndarray, sizes: np.ndarray) -> Scored:
    """The pairs sharing at least MIN_SHARED_VALUES values, scored a chunk at a time, so that only they
    are held (most candidates of a large run share one or two values by chance)."""
    names = ("first", "second", "shared", "share_first", "share_second")
    kept: dict[str, list[np.ndarray]] = {name: [] for name in names}
    for start in range(0, max(len(pairs), 1), SCORE_CHUNK_PAIRS):
        chunk = score(pairs[start:start + SCORE_CHUNK_PAIRS] if len(pairs) else np.empty((0, 2), np.int64),
                      minhashes, sizes)
        real = chunk.shared >= MIN_SHARED_VALUES
        for name in names:
            kept[name].append(getattr(chunk, name)[real])
    return Scored(*(np.concatenate(kept[name]) for name in names))


def _first_of_clusters(count: int, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """For each row, the smallest row of its connected component, or -1 when that is itself."""
    parent = np.arange(count, dtype=np.int64)

    def root(row: int) -> int:
        while parent[row] != row:
            parent[row] = parent[parent[row]]
            row = int(parent[row])
        return row

    for a, b in zip(first.tolist(), second.tolist(), strict=True):
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)  # the root of a component is always its smallest row
    roots = np.arange(count, dtype=np.int64)
    for row in np.unique(np.concatenate([first, second])).tolist():  # the other rows are alone
        roots[row] = root(row)
    return np.where(roots == np.arange(count), -1, roots)
