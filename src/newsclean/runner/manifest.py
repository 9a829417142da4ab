"""The run manifest: which documents are durable in the output, so a killed run can resume.

A run appends one JSON line to ``_manifest.jsonl`` each time an output part
is committed (complete and renamed into place), and syncs it to disk before
going on. The line names the part, the documents in it (per input file, as
ranges of document indices), the SHA-256 of every input file they came from,
and the counts the run summary is made of. The first line describes the run
(configuration, inputs). A kill can cut the last line short; loading ignores
a line that is not complete JSON, which only forgets the last part, whose
documents are then cleaned again into a new part, so nothing is counted twice.

A resumed run skips every document the manifest lists, refuses to go on when
an input file changed since (its hash differs) or the configuration is not
the same, and adds new parts after the committed ones.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..errors import NewscleanError

logger = logging.getLogger(__name__)

MANIFEST_FILE = "_manifest.jsonl"
#: Bumped when the manifest's lines change meaning; a resume refuses another version.
MANIFEST_VERSION = 1
#: Files are hashed in chunks of this size (bytes), never read whole.
HASH_CHUNK_BYTES = 1 << 20


class ResumeError(NewscleanError):
    """The interrupted run cannot be resumed as asked: the message says why and what to do."""


def file_sha256(path: str | Path) -> str | None:
    """The SHA-256 of a file's bytes (as stored, compressed or not), or None when it is no readable file."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as stream:
            while chunk := stream.read(HASH_CHUNK_BYTES):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def to_ranges(indices: Iterable[int]) -> list[list[int]]:
    """Sorted indices as inclusive ``[first, last]`` runs: ``[0, 1, 2, 5]`` -> ``[[0, 2], [5, 5]]``."""
    runs: list[list[int]] = []
    for index in sorted(indices):
        if runs and index == runs[-1][1] + 1:
            runs[-1][1] = index
        else:
            runs.append([index, index])
    return runs


def from_ranges(runs: Iterable[Iterable[int]]) -> Iterator[int]:
    """The indices of ``[first, last]`` runs."""
    for first, last in runs:
        yield from range(first, last + 1)


@dataclass
class ManifestState:
    """What a manifest says is durable: documents per input file, hashes, parts, and their counts."""

    run: dict[str, Any] = field(default_factory=dict)
    parts: list[dict[str, Any]] = field(default_factory=list)
    done: dict[str, set[int]] = field(default_factory=dict)  # input file -> document indices durable
    hashes: dict[str, str | None] = field(default_factory=dict)

    @property
    def next_part(self) -> int:
        """A part number after every committed one, in either table."""
        return max((part["part"] for part in self.parts), default=-1) + 1

    def is_done(self, source: str, index: int) -> bool:
        return index in self.done.get(source, ())


def load(path: Path) -> ManifestState:
    """The state a manifest records; a last line cut short by a kill is ignored."""
    state = ManifestState()
    with open(path, encoding="utf-8") as stream:
        lines = stream.read().split("\n")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except ValueError:
            if number < len(lines) - 1:  # not the last line: the file was damaged, not cut short
                raise ResumeError(f"{path}: line {number} is not JSON; the manifest is damaged, "
                                  f"rerun without --resume") from None
            logger.info("%s: ignoring a last line cut short (%d characters)", path, len(line))
            continue
        if entry.get("kind") == "run":
            state.run = entry
        elif entry.get("kind") == "part":
            state.parts.append(entry)
            for source, runs in entry["documents"].items():
                state.done.setdefault(source, set()).update(from_ranges(runs))
            state.hashes.update(entry["sources"])
    return state


class ManifestWriter:
    """Appends lines to a manifest, each synced to disk before :meth:`append` returns."""

    def __init__(self, path: Path, *, fresh: bool) -> None:
        self.path = path
        self._stream: IO[str] = open(path, "w" if fresh else "a", encoding="utf-8")  # noqa: SIM115

    def append(self, entry: dict[str, Any]) -> None:
        self._stream.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
        self._stream.flush()
        os.fsync(self._stream.fileno())

    def close(self) -> None:
        self._stream.close()


def run_entry(config_json: dict[str, Any], fingerprint: str, inputs: list[str], version: str) -> dict[str, Any]:
    """The manifest's first line: what the run was asked to do."""
    return {"kind": "run", "manifest_version": MANIFEST_VERSION, "config_fingerprint": fingerprint,
            "configuration": config_json, "inputs": inputs, "pipeline_version": version}


def check_resumable(state: ManifestState, fingerprint: str, inputs: list[str]) -> None:
    """Raise :class:`ResumeError` unless the run can go on where ``state`` stopped."""
    run = state.run
    if run.get("manifest_version") != MANIFEST_VERSION:
        raise ResumeError(f"the interrupted run's manifest has version {run.get('manifest_version')}, "
                          f"this newsclean writes {MANIFEST_VERSION}; rerun without --resume")
    if run.get("config_fingerprint") != fingerprint:
        raise ResumeError("the configuration differs from the interrupted run's (fingerprint "
                          f"{run.get('config_fingerprint')} then, {fingerprint} now); resume with the same "
                          "configuration, or rerun without --resume")
    if run.get("inputs") != inputs:
        raise ResumeError(f"the inputs differ from the interrupted run's ({run.get('inputs')}); resume with the "
                          f"same inputs, or rerun without --resume")
    for source, expected in state.hashes.items():
        if expected is None:
            raise ResumeError(f"{source}: not a file, so it cannot be checked for changes; rerun without --resume")
        if file_sha256(source) != expected:
            raise ResumeError(f"{source}: the file changed since the interrupted run (or is gone); "
                              f"rerun without --resume")
