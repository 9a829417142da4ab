"""Finding input documents and reading them, lazily, into :class:`RawDocument` objects.

Inputs are files, directories (walked recursively) and glob patterns. A file
is one document, except JSON Lines, where every line is one. Reading never
raises for a bad document: an unreadable file, an oversized one or a broken
JSON line becomes a ``RawDocument`` carrying a :class:`ReadFailure`, so the
pipeline still counts it and reports why. Only an input that does not exist
at all raises, before anything is read, because that is a mistake in the
command, not in the data.

Memory stays flat whatever the input size: directories are listed one at a
time, JSON Lines are streamed line by line, and no file or line is read past
``limits.max_input_bytes``.
"""

from __future__ import annotations

import glob
import gzip
import io
import logging
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Literal, overload

from ..document import RawDocument
from ..errors import NewscleanError
from ..records import ContentType, RejectReason
from .lines import GZIP_ERRORS, JsonFields, failed_document, parse_jsonl_line, read_lines

logger = logging.getLogger(__name__)

#: Suffixes of files that hold one document each (HTML or plain text).
SINGLE_DOCUMENT_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".xhtml"})
#: Of those, the suffixes that say the file is HTML: a hint the decode stage weighs
#: (an HTML fragment without <html> would otherwise pass for plain text).
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
#: Suffixes of JSON Lines files: one JSON object, hence one document, per line.
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
#: Suffixes of WARC files: one document per HTML response record (``.warc.gz`` too).
WARC_SUFFIXES = frozenset({".warc"})
#: The input that stands for standard input (JSON Lines, WARC or one plain-text or HTML document).
STDIN = "-"
#: Any supported file may be gzip-compressed, with this suffix appended.
GZIP_SUFFIX = ".gz"
#: Characters that make a path that does not exist a glob pattern.
GLOB_CHARACTERS = frozenset("*?[")


class InputNotFound(NewscleanError):
    """An input path does not exist, or a glob pattern matches no supported file."""


class PathSkip(StrEnum):
    """Why a folder walk or a glob pattern passed over a path (the run summary lists each one)."""

    HIDDEN = "hidden"  # a file or folder whose name starts with a dot (.git, .cache, .DS_Store), as tools skip them
    UNSUPPORTED = "unsupported_format"  # a file whose name names no format newsclean reads (.jpg, .csv, .md)
    LINK_LOOP = "symlink_loop"  # a symbolic link to a folder above it, which would be walked forever


#: Paths passed over, by path, with the reason: filled in as the inputs are listed.
SkippedPaths = dict[str, PathSkip]


@dataclass(frozen=True, slots=True)
class UnreadFile:
    """A file holding one document, listed but not read yet: :meth:`read` reads it, wherever it runs.

    A run that cleans documents in worker processes hands a worker this rather
    than the document, so the page crosses no pipe and the one process that
    reads and writes for every worker never holds it (see
    :func:`iter_documents`, ``defer_files``). It names its document as the
    document read will (``source``, ``index``).
    """

    source: str
    max_input_bytes: int
    index: int = 0  # a file holding one document is its document 0

    @property
    def compressed(self) -> bool:
        """Whether the file is gzipped (its stored bytes are then not the document's)."""
        return self.source.lower().endswith(GZIP_SUFFIX)

    def read(self) -> RawDocument:
        """The document, exactly as :func:`iter_documents` would have read it (a failure included)."""
        return _read_single(Path(self.source), self.max_input_bytes)


def read_document(item: RawDocument | UnreadFile) -> RawDocument:
    """``item`` as a document: an :class:`UnreadFile` is read, a document is itself."""
    return item.read() if isinstance(item, UnreadFile) else item


@overload
def iter_documents(inputs: Iterable[str | Path], *, max_input_bytes: int, text_field: str = ...,
                   html_field: str = ..., url_field: str = ..., id_field: str = ...,
                   skipped: Counter[str] | None = ..., files: list[str] | None = ...,
                   skipped_paths: SkippedPaths | None = ..., defer_files: Literal[False] = ...,
                   ) -> Iterator[RawDocument]: ...


@overload
def iter_documents(inputs: Iterable[str | Path], *, max_input_bytes: int, text_field: str = ...,
                   html_field: str = ..., url_field: str = ..., id_field: str = ...,
                   skipped: Counter[str] | None = ..., files: list[str] | None = ...,
                   skipped_paths: SkippedPaths | None = ..., defer_files: bool,
                   ) -> Iterator[RawDocument | UnreadFile]: ...


def iter_documents(
    inputs: Iterable[str | Path],
    *,
    max_input_bytes: int,
    text_field: str = "text",
    html_field: str = "html",
    url_field: str = "url",
    id_field: str = "id",
    skipped: Counter[str] | None = None,
    files: list[str] | None = None,
    skipped_paths: SkippedPaths | None = None,
    defer_files: bool = False,
) -> Iterator[RawDocument] | Iterator[RawDocument | UnreadFile]:
    """Every document in ``inputs``, in a deterministic order, read lazily.

    Each input is a file (always read, whatever its name), a directory
    (walked recursively, entries sorted by name, hidden ones and unsupported
    files passed over) or a glob pattern (expanded sorted, ``**`` recursive;
    it selects supported files only). Every path passed over is recorded in
    ``skipped_paths`` with its :class:`PathSkip` reason (a hidden folder as
    itself, not its contents). Every input is checked before anything is
    read, so a typo fails at once with :class:`InputNotFound` rather than
    after hours of work. ``-`` reads standard input. WARC records that are
    not pages are counted in ``skipped`` by :class:`~newsclean.io.warc.SkipReason`.
    Every file opened is appended to ``files`` as it is, so a file that holds
    no document (an empty JSON Lines file) can still be accounted for.
    With ``defer_files``, a file holding one document is yielded unread, as
    an :class:`UnreadFile` to read where the document is cleaned; JSON Lines,
    WARC files and standard input are read here all the same (their
    documents come one after another from one stream).
    """
    passed_over: SkippedPaths = {} if skipped_paths is None else skipped_paths
    roots = [root for item in inputs for root in _expand(item, passed_over)]
    fields = JsonFields(text=text_field, html=html_field, url=url_field, id=id_field)
    return _read_all(roots, max_input_bytes, fields, Counter() if skipped is None else skipped,
                     [] if files is None else files, passed_over, defer_files)


def input_files(inputs: Iterable[str | Path],
                skipped_paths: SkippedPaths | None = None) -> Iterator[Path | RawDocument]:
    """Every input file, in the order :func:`iter_documents` reads them, listed lazily.

    A folder that cannot be listed is yielded as a failed :class:`RawDocument`
    so it is still counted; paths passed over go to ``skipped_paths``. Every
    input is checked first, as in :func:`iter_documents`; standard input
    (``-``) is no file and is refused. Engines that read files elsewhere (on
    a cluster) list them with this and read each with :func:`read_file`.
    """
    passed_over: SkippedPaths = {} if skipped_paths is None else skipped_paths
    roots = [root for item in inputs for root in _expand(item, passed_over)]
    if any(str(root) == STDIN for root in roots):
        raise InputNotFound("standard input ('-') cannot be listed as a file: save it to a file first")
    return (item for root in roots for item in _discover(root, passed_over))


def input_kind(path: Path) -> str | None:
    """``"jsonl"``, ``"warc"``, ``"single"`` or ``None`` (unsupported), judged by the file name."""
    suffix = _suffix(path)
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in WARC_SUFFIXES:
        return "warc"
    if suffix in SINGLE_DOCUMENT_SUFFIXES:
        return "single"
    return None


def _suffix(path: Path) -> str:
    """The lower-case suffix that names the format, looking through a ``.gz``."""
    name = path.name.lower()
    return os.path.splitext(name.removesuffix(GZIP_SUFFIX))[1]


def _expand(item: str | Path, passed_over: SkippedPaths) -> list[Path]:
    """The paths one input stands for; raises :class:`InputNotFound` when there are none.

    A path that exists is taken as it is, hidden or not: naming a file is
    asking for it. A glob's matches that are unsupported files are passed over.
    """
    if str(item) == STDIN:
        return [Path(STDIN)]
    path = Path(item)
    if os.path.lexists(path):
        return [path]
    text = str(item)
    if not GLOB_CHARACTERS.intersection(text):
        raise InputNotFound(f"input '{text}' does not exist")
    matches = [Path(m) for m in sorted(glob.glob(text, recursive=True))]
    files = [m for m in matches if m.is_file() and input_kind(m) is not None]
    for match in matches:
        if match.is_file() and input_kind(match) is None:
            _pass_over(passed_over, match, PathSkip.UNSUPPORTED)
    if not files:
        raise InputNotFound(f"glob pattern '{text}' matches no supported input file "
                            f"({len(matches)} paths matched, none of them a supported file)")
    return files


def read_file(path: Path, *, max_input_bytes: int, fields: JsonFields = JsonFields(),
              skipped: Counter[str] | None = None) -> Iterator[RawDocument]:
    """The documents of one input file, streamed, whatever its kind (one document, one per line or record).

    WARC records that are not pages are counted in ``skipped``.
    """
    kind = input_kind(path)
    if kind == "jsonl":
        yield from _read_jsonl(path, max_input_bytes, fields)
    elif kind == "warc":
        yield from _read_warc(path, max_input_bytes, Counter() if skipped is None else skipped)
    else:
        yield _read_single(path, max_input_bytes)


def _read_all(roots: list[Path], max_input_bytes: int, fields: JsonFields, skipped: Counter[str],
              files: list[str], passed_over: SkippedPaths, defer: bool) -> Iterator[RawDocument | UnreadFile]:
    for root in roots:
        if str(root) == STDIN:
            from .stdin import read_stdin  # imported when standard input is read

            yield from read_stdin(sys.stdin.buffer, max_input_bytes=max_input_bytes, fields=fields,
                                  skipped=skipped)
            continue
        for item in _discover(root, passed_over):
            if isinstance(item, RawDocument):
                yield item
            else:
                files.append(str(item))
                if defer and input_kind(item) not in ("jsonl", "warc"):  # read_file reads it as one document
                    yield UnreadFile(str(item), max_input_bytes)
                else:
                    yield from read_file(item, max_input_bytes=max_input_bytes, fields=fields, skipped=skipped)


def _read_warc(path: Path, max_input_bytes: int, skipped: Counter[str]) -> Iterator[RawDocument]:
    """The HTML response records of a WARC file, streamed (warcio recognises gzip by content)."""
    from .warc import read_warc  # imported when a WARC file is read: a worker reading pages never needs it

    try:
        with open(path, "rb") as stream:
            yield from read_warc(stream, source=str(path), max_input_bytes=max_input_bytes, skipped=skipped)
    except OSError as exc:
        yield failed_document(str(path), 0, RejectReason.READ_ERROR, f"cannot read file: {_os_error(exc)}")


def _discover(root: Path, passed_over: SkippedPaths) -> Iterator[Path | RawDocument]:
    """The files under ``root`` (or ``root`` itself); a failed directory listing becomes a failure."""
    if root.is_dir():
        yield from _walk(root, frozenset(), passed_over)
    else:
        yield root


def _walk(directory: Path, ancestors: frozenset[tuple[int, int]],
          passed_over: SkippedPaths) -> Iterator[Path | RawDocument]:
    """Supported files below ``directory``, depth first, sorted by name in each directory.

    ``ancestors`` holds the (device, inode) of the directories above, so a
    symbolic link pointing back up the tree is not followed forever. Hidden
    entries, unsupported files and link loops are recorded in ``passed_over``.
    """
    try:
        status = directory.stat()
        identity = (status.st_dev, status.st_ino)
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        yield failed_document(str(directory), 0, RejectReason.READ_ERROR, f"cannot list directory: {_os_error(exc)}")
        return
    if identity in ancestors:
        _pass_over(passed_over, directory, PathSkip.LINK_LOOP)
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            _pass_over(passed_over, path, PathSkip.HIDDEN)
        elif _is_dir(entry):
            yield from _walk(path, ancestors | {identity}, passed_over)
        elif input_kind(path) is not None:
            yield path
        else:
            _pass_over(passed_over, path, PathSkip.UNSUPPORTED)


def _pass_over(passed_over: SkippedPaths, path: Path, reason: PathSkip) -> None:
    logger.info("skipping %s: %s", path, reason.value)
    passed_over[str(path)] = reason


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a dangling or unreadable entry: let reading it report the problem
        return False


def _read_single(path: Path, max_input_bytes: int) -> RawDocument:
    """A file holding one document, read whole unless it exceeds ``max_input_bytes``."""
    source = str(path)
    compressed = path.name.lower().endswith(GZIP_SUFFIX)
    try:
        size = path.stat().st_size
        if size > max_input_bytes:
            what = "compressed file" if compressed else "file"
            return _too_large(source, 0, f"{what} is {size} bytes, which exceeds "
                                         f"limits.max_input_bytes={max_input_bytes}")
        with _open(path, compressed) as stream:
            data = stream.read(max_input_bytes + 1)
    except GZIP_ERRORS as exc:
        return failed_document(source, 0, RejectReason.READ_ERROR, f"corrupt or truncated gzip file: {exc}")
    except OSError as exc:
        return failed_document(source, 0, RejectReason.READ_ERROR, f"cannot read file: {_os_error(exc)}")
    if len(data) > max_input_bytes:
        return _too_large(source, 0, f"decompressed content exceeds limits.max_input_bytes="
                                     f"{max_input_bytes} (stopped reading at {len(data)} bytes)")
    hint = ContentType.HTML if _suffix(path) in HTML_SUFFIXES else None
    return RawDocument(source=source, data=data, index=0, content_type=hint)


def _read_jsonl(path: Path, max_input_bytes: int, fields: JsonFields) -> Iterator[RawDocument]:
    """One document per non-blank line, streamed; a read error ends the file with one failure."""
    source = str(path)
    next_index = 0  # the index the next line gets, and the failure if reading breaks off
    try:
        with _open(path, path.name.lower().endswith(GZIP_SUFFIX)) as stream:
            for line, size in read_lines(stream, max_input_bytes):
                index, next_index = next_index, next_index + 1
                if line is None:
                    yield _too_large(source, index, f"line {index + 1} is {size} bytes, which exceeds "
                                                    f"limits.max_input_bytes={max_input_bytes}")
                elif line.strip():
                    yield parse_jsonl_line(line, source=source, index=index, fields=fields)
    except GZIP_ERRORS as exc:
        yield failed_document(source, next_index, RejectReason.READ_ERROR,
                      f"{_from_line(next_index)}corrupt or truncated gzip file: {exc}")
    except OSError as exc:
        yield failed_document(source, next_index, RejectReason.READ_ERROR,
                      f"{_from_line(next_index)}cannot read file: {_os_error(exc)}")


def _from_line(index: int) -> str:
    """Where reading broke off, for a failure's detail: nothing when it never started."""
    return f"from line {index + 1} on, the rest is lost: " if index else ""


def _open(path: Path, compressed: bool) -> io.BufferedIOBase:
    return gzip.open(path, "rb") if compressed else open(path, "rb")


def _too_large(source: str, index: int, detail: str) -> RawDocument:
    return failed_document(source, index, RejectReason.TOO_LARGE, detail)


def _os_error(exc: OSError) -> str:
    """An OS error without the file name, which the document's source already gives."""
    return exc.strerror or str(exc)