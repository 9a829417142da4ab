"""The byte n-gram features of py3langid's model in a text, counted with NumPy.

py3langid finds its features by walking an Aho-Corasick automaton over the
text's bytes, one Python step per byte: most of the time language
identification takes. In such an automaton the state after a byte depends on
the last few bytes only (as many as its longest state spells), so
:class:`NgramCounter` runs that many steps for every position at once and gets
the same features, counted in the same order, as the walk.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

#: The frontier of the breadth-first search is expanded this many rows at a time: small
#: steps leave no large blocks behind that the allocator would keep (some 15 MB per worker).
_ROWS_PER_STEP = 256
#: Text the counter checks itself on against the byte-by-byte walk when it is built.
_SELF_TEST = ("Le gouvernement a annoncé mardi 3 mars de nouvelles mesures. The council met on Friday. "
              "Die Regierung hat am Dienstag neue Maßnahmen angekündigt. Правительство объявило о мерах. "
              "政府は火曜日に新たな措置を発表した。 الحكومة أعلنت")


class NgramCounter:
    """Counts the features of py3langid's automaton in encoded text.

    ``next_move``, ``rows`` and ``output`` are the model's transition rows,
    each state's row and each state's feature (-1: none), as
    ``py3langid.modelio.load_model`` returns them.
    """

    def __init__(self, next_move: Sequence[int], rows: Sequence[int], output: Sequence[int]) -> None:
        self._moves = np.asarray(next_move)
        self._row_start = np.asarray(rows, dtype=np.int64) << 8
        self._output = np.asarray(output, dtype=np.int64)
        self._longest = self._longest_state()
        # the state after each first byte read from the start, then after each pair of bytes (256 kB): the first
        # two steps of every position in one look-up of a small table instead of two of the model's
        first = self._moves[self._row_start[0] + np.arange(256)].astype(np.int64)
        self._after_one = first
        self._after_two = self._moves[(self._row_start[first][:, np.newaxis] + np.arange(256)).ravel()]
        from py3langid.langid import visit_counts

        sample = _SELF_TEST.encode("utf-8")
        features, counts = self.features(sample)
        if list(visit_counts(self._moves, self._row_start, self._output, sample).items()) != list(
                zip(features.tolist(), counts.tolist())):
            raise ValueError("py3langid's automaton does not depend on the last bytes alone: "
                             "this model cannot be counted with NumPy")

    def _longest_state(self) -> int:
        """How many bytes the deepest state spells: its distance from the start, breadth first."""
        table = self._moves.reshape(-1, 256)  # one row of next states per distinct row
        seen = np.zeros(len(self._row_start), dtype=bool)
        seen[0] = True
        frontier = np.array([0], dtype=np.int64)
        depth = 0
        while True:
            found = []
            rows = np.unique(self._row_start[frontier] >> 8)  # states often share a row
            for start in range(0, len(rows), _ROWS_PER_STEP):
                children = table[rows[start:start + _ROWS_PER_STEP]].ravel()
                children = np.unique(children[~seen[children]])
                seen[children] = True
                found.append(children)
            frontier = np.concatenate(found).astype(np.int64)
            if not len(frontier):
                return depth
            depth += 1

    def features(self, data: bytes) -> tuple[np.ndarray, np.ndarray]:
        """The features found in ``data`` and how often, in the order each first occurs."""
        size = len(data)
        byte = np.frombuffer(data, dtype=np.uint8)
        state = np.zeros(size, dtype=np.int64)
        # every position reads the byte ``lag`` places back, oldest first (the start only has so many)
        lag = min(self._longest, size) - 1
        if lag >= 1:  # the two oldest at once: a position ``lag`` or more in reads two, the one before it one
            pairs = byte[:size - lag].astype(np.intp) << 8
            pairs |= byte[1:size - lag + 1]
            state[lag:] = self._after_two[pairs]
            state[lag - 1] = self._after_one[byte[0]]
            lag -= 2
        for back in range(lag, -1, -1):
            state[back:] = self._moves[self._row_start[state[back:]] + byte[:size - back]]
        found = self._output[state]
        found = found[found >= 0]
        count = len(found)
        if not count:
            return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.float32)
        # sort by feature, then position: each run is one feature, its head the first occurrence
        keyed = found * count
        keyed += np.arange(count)
        keyed.sort()
        feature = keyed // count
        heads = np.empty(count, dtype=bool)
        heads[0] = True
        np.not_equal(feature[1:], feature[:-1], out=heads[1:])
        head = heads.nonzero()[0]
        order = (keyed[head] - feature[head] * count).argsort()  # by first occurrence
        ends = np.empty(len(head), dtype=np.intp)
        ends[:-1] = head[1:]
        ends[-1] = count
        return feature[head][order].astype(np.intp), (ends - head)[order].astype(np.float32)

