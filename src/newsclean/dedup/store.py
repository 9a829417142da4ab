"""Signatures kept beside the output parts, so the dedup pass never reads texts and a resumed run has them.

While a run writes an articles part, the signature of every article in it is
appended to a hidden file beside it, ``signatures/articles-part-NNNNN.sig``; when
the part is committed, that file is synced and renamed into place too, and the
manifest line of the part names it. A killed run thus leaves exactly the
signatures of the documents its manifest lists as done, and a resumed run
reads them back instead of cleaning those documents again (the hidden file of
a part that was never committed is deleted with the part).

A record is fixed-size (:data:`RECORD`): the article's place in the input
order, its ``doc_id``, its shingle count and its MinHash, 544 bytes in all.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import numpy as np

from .signature import NUM_PERM, Signature

#: Folder of the signature files, inside the run's staging folder.
SIGNATURES_DIR = "signatures"
#: ``doc_id`` width in bytes (newsclean's ids are 20 hexadecimal characters).
DOC_ID_BYTES = 20
#: One article's dedup record on disk and in memory.
RECORD = np.dtype([("order", "<u8"), ("doc_id", f"S{DOC_ID_BYTES}"), ("shingles", "<u4"),
                   ("minhash", "<u4", (NUM_PERM,))])


@dataclass(frozen=True, slots=True)
class SignatureTable:
    """The records of a whole run in input order: row ``i`` is the ``i``-th article read."""

    records: np.ndarray  # of RECORD, sorted by order

    @property
    def minhashes(self) -> np.ndarray:
        """The MinHash of every row: shape (rows, NUM_PERM), unsigned 32-bit."""
        return self.records["minhash"]

    @property
    def sizes(self) -> np.ndarray:
        """The number of distinct shingles of every row."""
        return self.records["shingles"]

    @property
    def doc_ids(self) -> np.ndarray:
        """The ``doc_id`` of every row, as ASCII bytes."""
        return self.records["doc_id"]

    def __len__(self) -> int:
        return len(self.records)


def record(order: int, doc_id: str, sign: Signature) -> np.ndarray:
    """One article's record."""
    row = np.zeros(1, dtype=RECORD)
    row["order"], row["doc_id"], row["shingles"], row["minhash"] = order, doc_id.encode("ascii"), sign.shingles, \
        sign.minhash
    return row


def load(paths: Iterable[Path]) -> SignatureTable:
    """The records of the files ``paths`` in one table, sorted into input order.

    The files are read into one array made at its final size, so loading
    holds the records once; they are copied again only when out of order (a
    partitioned or resumed run), to sort them.
    """
    files = list(paths)
    records = np.empty(sum(path.stat().st_size // RECORD.itemsize for path in files), dtype=RECORD)
    at = 0
    for path in files:
        count = path.stat().st_size // RECORD.itemsize
        with open(path, "rb") as stream:
            stream.readinto(memoryview(records[at:at + count]).cast("B"))
        at += count
    return _sorted(records)


def load_records(parts: Iterable[np.ndarray]) -> SignatureTable:
    """Arrays of records in one table, sorted into input order."""
    chunks = list(parts)
    return _sorted(np.concatenate(chunks) if chunks else np.empty(0, dtype=RECORD))


def _sorted(records: np.ndarray) -> SignatureTable:
    orders = records["order"]
    if len(orders) > 1 and not bool(np.all(orders[1:] >= orders[:-1])):
        records = records[np.argsort(orders, kind="stable")]
    return SignatureTable(records)


class SignatureLog:
    """The signature files of a run's articles parts: appended while a part is open, committed with it."""

    def __init__(self, staging: Path) -> None:
        self.folder = staging / SIGNATURES_DIR
        self._open: dict[int, tuple[IO[bytes], Path]] = {}

    @staticmethod
    def name(part: int) -> str:
        """The file name of part ``part``'s signatures."""
        return f"articles-part-{part:05d}.sig"

    def add(self, part: int, row: np.ndarray) -> None:
        """Append one record to the file of the open part ``part``."""
        entry = self._open.get(part)
        if entry is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = self.folder / f".{self.name(part)}.tmp-{os.getpid()}"
            entry = self._open[part] = (open(temporary, "wb"), temporary)  # noqa: SIM115 - closed on commit
        entry[0].write(row.tobytes())

    def commit(self, part: int) -> str | None:
        """Sync part ``part``'s file and rename it into place; its path relative to the staging folder,
        or None when the part holds no article."""
        entry = self._open.pop(part, None)
        if entry is None:
            return None
        handle, temporary = entry
        handle.flush()
        os.fsync(handle.fileno())
        handle.close()
        final = self.folder / self.name(part)
        os.replace(temporary, final)
        return f"{SIGNATURES_DIR}/{final.name}"

    def close(self) -> None:
        """Close the files of parts never committed (a failed run); their hidden files go with the next start."""
        for handle, _ in self._open.values():
            handle.close()
        self._open.clear()
