"""Input discovery and reading: files, directories, globs, gzip and JSON Lines."""

from __future__ import annotations

import errno
import gzip
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsclean.document import RawDocument
from newsclean.io import read as read_module
from newsclean.io.read import InputNotFound, PathSkip, input_files, input_kind, iter_documents
from newsclean.records import ContentType, RejectReason

LIMIT = 10_000  # max_input_bytes for most tests (bytes)


def read(*inputs: str | Path, limit: int = LIMIT, **fields: str) -> list[RawDocument]:
    return list(iter_documents(inputs, max_input_bytes=limit, **fields))


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def write_jsonl(path: Path, lines: list[object | str], compress: bool = False) -> Path:
    text = "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines)
    return write(path, gzip.compress(text.encode()) if compress else text.encode())


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A small crawl: nested folders, hidden entries and unsupported files."""
    write(tmp_path / "b.txt", "bee")
    write(tmp_path / "a.html", "<p>ay</p>")
    write(tmp_path / "sub" / "c.htm", "sea")
    write(tmp_path / "sub" / "deeper" / "d.text", "dee")
    write(tmp_path / "sub" / "e.txt.gz", gzip.compress(b"ee"))
    write(tmp_path / "aa" / "z.xhtml", "zed")
    write(tmp_path / "image.png", b"\x89PNG\r\n\x1a\n")
    write(tmp_path / "notes.md", "not supported")
    write(tmp_path / "archive.tar.gz", b"x")
    write(tmp_path / ".hidden.txt", "hidden")
    write(tmp_path / ".git" / "HEAD.txt", "hidden dir")
    return tmp_path


def test_directory_is_walked_recursively_sorted_and_filtered(tree: Path) -> None:
    docs = read(tree)
    names = [Path(doc.source).relative_to(tree).as_posix() for doc in docs]
    assert names == ["a.html", "aa/z.xhtml", "b.txt", "sub/c.htm", "sub/deeper/d.text", "sub/e.txt.gz"]
    assert [doc.data for doc in docs] == [b"<p>ay</p>", b"zed", b"bee", b"sea", b"dee", b"ee"]
    assert all(doc.index == 0 and doc.error is None for doc in docs)


def test_every_path_the_walk_passes_over_is_listed_with_its_reason(tree: Path) -> None:
    passed_over: dict[str, PathSkip] = {}
    list(iter_documents([tree], max_input_bytes=LIMIT, skipped_paths=passed_over))
    listed = {Path(path).relative_to(tree).as_posix(): reason for path, reason in passed_over.items()}
    assert listed == {
        ".git": PathSkip.HIDDEN,  # the hidden folder itself, not what it holds
        ".hidden.txt": PathSkip.HIDDEN,
        "archive.tar.gz": PathSkip.UNSUPPORTED,
        "image.png": PathSkip.UNSUPPORTED,
        "notes.md": PathSkip.UNSUPPORTED,
    }
    listed_too: dict[str, PathSkip] = {}
    files = list(input_files([tree], listed_too))
    assert len(files) == 6 and listed_too == passed_over  # engines that list files see the same


@pytest.mark.parametrize("name", [".hidden.txt", ".git/HEAD.txt"])
def test_a_hidden_file_named_as_an_input_is_read(tree: Path, name: str) -> None:
    passed_over: dict[str, PathSkip] = {}
    (doc,) = iter_documents([tree / name], max_input_bytes=LIMIT, skipped_paths=passed_over)
    assert doc.data in (b"hidden", b"hidden dir") and passed_over == {}


def test_a_hidden_folder_named_as_an_input_is_walked(tree: Path) -> None:
    assert [doc.data for doc in read(tree / ".git")] == [b"hidden dir"]


def test_unsupported_files_a_glob_matches_are_listed(tree: Path) -> None:
    passed_over: dict[str, PathSkip] = {}
    docs = list(iter_documents([str(tree / "*")], max_input_bytes=LIMIT, skipped_paths=passed_over))
    assert [Path(doc.source).name for doc in docs] == ["a.html", "b.txt"]
    assert sorted(Path(path).name for path in passed_over) == ["archive.tar.gz", "image.png", "notes.md"]


def test_source_is_the_path_as_given_not_resolved(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    assert [doc.source for doc in read("sub")] == [
        os.path.join("sub", "c.htm"), os.path.join("sub", "deeper", "d.text"),
        os.path.join("sub", "e.txt.gz")]
    assert read("b.txt")[0].source == "b.txt"


def test_html_suffix_is_a_content_type_hint(tree: Path) -> None:
    hints = {Path(doc.source).name: doc.content_type for doc in read(tree)}
    assert hints["a.html"] is ContentType.HTML
    assert hints["z.xhtml"] is ContentType.HTML
    assert hints["b.txt"] is None


def test_an_explicit_file_is_read_whatever_its_suffix(tree: Path) -> None:
    (doc,) = read(tree / "notes.md")
    assert doc.data == b"not supported"


@pytest.mark.parametrize(("pattern", "expected"), [
    ("*.txt", ["b.txt"]),
    ("**/*.txt*", ["b.txt", "sub/e.txt.gz"]),
    ("sub/*", ["sub/c.htm", "sub/e.txt.gz"]),  # directories and unsupported files are not selected
    ("[ab].*", ["a.html", "b.txt"]),
])
def test_glob_patterns(tree: Path, pattern: str, expected: list[str]) -> None:
    docs = read(str(tree / pattern))
    assert [Path(doc.source).relative_to(tree).as_posix() for doc in docs] == expected


@pytest.mark.parametrize("missing", ["nope.txt", "nope/*.txt", "*.jsonl", "notes.*"])
def test_missing_input_raises_before_anything_is_read(tree: Path, missing: str) -> None:
    with pytest.raises(InputNotFound, match=r"nope|jsonl|notes"):
        iter_documents([tree / "b.txt", str(tree / missing)], max_input_bytes=LIMIT)


def test_inputs_are_read_lazily(tree: Path) -> None:
    docs = iter_documents([tree], max_input_bytes=LIMIT)
    (tree / "b.txt").unlink()  # discovery happens while iterating, not up front
    assert [Path(doc.source).name for doc in docs][:3] == ["a.html", "z.xhtml", "c.htm"]


@pytest.mark.parametrize(("name", "kind"), [
    ("a.txt", "single"), ("a.TEXT", "single"), ("a.html", "single"), ("a.htm.gz", "single"),
    ("a.jsonl", "jsonl"), ("a.ndjson.gz", "jsonl"), ("a.json", None), ("a.gz", None), ("a.tar.gz", None),
])
def test_input_kind(name: str, kind: str | None) -> None:
    assert input_kind(Path(name)) == kind


@pytest.mark.parametrize(("name", "data", "limit", "reason", "detail"), [
    ("big.txt", b"x" * 101, 100, RejectReason.TOO_LARGE,
     "101 bytes, which exceeds limits.max_input_bytes=100"),
    ("bomb.txt.gz", gzip.compress(b"x" * 10_000), 100, RejectReason.TOO_LARGE,
     "decompressed content exceeds limits.max_input_bytes=100"),
    ("cut.txt.gz", gzip.compress(b"hello " * 100)[:-12], LIMIT, RejectReason.READ_ERROR, "truncated gzip"),
    ("fake.txt.gz", b"plain text, not gzip", LIMIT, RejectReason.READ_ERROR, "gzip"),
])
def test_unreadable_or_oversized_file_becomes_a_failure(
        tmp_path: Path, name: str, data: bytes, limit: int, reason: RejectReason, detail: str) -> None:
    (doc,) = read(write(tmp_path / name, data), limit=limit)
    assert doc.error is not None
    assert doc.error.reason is reason
    assert detail in doc.error.detail
    assert doc.data == b""
    assert doc.source == str(tmp_path / name)


def test_file_at_the_limit_is_read(tmp_path: Path) -> None:
    (doc,) = read(write(tmp_path / "exact.txt", b"x" * 100), limit=100)
    assert doc.error is None and doc.data == b"x" * 100


def test_unreadable_file_becomes_a_read_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "secret.txt", "x")

    def denied(path: Path, compressed: bool) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(read_module, "_open", denied)
    (doc,) = read(path)
    assert doc.error is not None and doc.error.reason is RejectReason.READ_ERROR
    assert doc.error.detail == "cannot read file: Permission denied"


def test_unlistable_directory_becomes_a_read_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "ok" / "a.txt", "a")
    write(tmp_path / "locked" / "b.txt", "b")
    real_scandir = os.scandir

    def scandir(path: os.PathLike[str]) -> Iterator[os.DirEntry[str]]:
        if Path(path).name == "locked":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    docs = read(tmp_path)
    assert [(Path(doc.source).name, doc.error is None) for doc in docs] == [
        ("locked", False), ("a.txt", True)]
    assert docs[0].error is not None and "cannot list directory" in docs[0].error.detail


def test_dangling_symlink_is_a_read_error_not_a_missing_input(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    (doc,) = read(link)
    assert doc.error is not None and doc.error.reason is RejectReason.READ_ERROR


def test_symlink_loop_is_not_followed_forever(tmp_path: Path) -> None:
    write(tmp_path / "d" / "a.txt", "a")
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d")
    passed_over: dict[str, PathSkip] = {}
    assert [doc.data for doc in iter_documents([tmp_path / "d"], max_input_bytes=LIMIT,
                                               skipped_paths=passed_over)] == [b"a"]
    assert passed_over == {str(tmp_path / "d" / "loop"): PathSkip.LINK_LOOP}


# --- JSON Lines ---------------------------------------------------------------------------------

@pytest.mark.parametrize("compress", [False, True])
def test_jsonl_documents(tmp_path: Path, compress: bool) -> None:
    path = write_jsonl(tmp_path / ("docs.jsonl.gz" if compress else "docs.jsonl"), [
        {"text": "plain", "url": "https://example.org/1"},
        {"html": "<p>markup</p>", "text": "ignored when html is present"},
        "",
        {"html": None, "text": "html null falls back to text", "url": 42},
    ], compress=compress)
    docs = read(path)
    assert [(doc.index, doc.data, doc.content_type, doc.url) for doc in docs] == [
        (0, "plain", ContentType.TEXT, "https://example.org/1"),
        (1, "<p>markup</p>", ContentType.HTML, None),
        (3, "html null falls back to text", ContentType.TEXT, None),
    ]
    assert all(doc.source == str(path) and doc.error is None for doc in docs)


@pytest.mark.parametrize(("line", "detail"), [
    ("{not json", "line 1: invalid JSON"),
    ("[1, 2]", "line 1: expected a JSON object, got an array"),
    ('"just a string"', "line 1: expected a JSON object, got a string"),
    ('{"title": "no body"}', "line 1: no 'html' or 'text' field"),
    ('{"text": 12}', "line 1: field 'text' is a number, not a string"),
    ('{"html": ["a"]}', "line 1: field 'html' is an array, not a string"),
    ("[" * 100_000, "line 1: invalid JSON"),  # nesting too deep for the parser
    ('{"text": "\xff"}', "line 1: invalid JSON"),  # not UTF-8 (written as latin-1 below)
])
def test_bad_jsonl_line_becomes_a_read_error(tmp_path: Path, line: str, detail: str) -> None:
    path = write(tmp_path / "bad.jsonl", line.encode("latin-1") + b"\n")
    (doc,) = read(path, limit=1_000_000)
    assert doc.error is not None and doc.error.reason is RejectReason.READ_ERROR
    assert doc.error.detail.startswith(detail)
    assert doc.data == line.encode("latin-1")  # the raw line, so size and hash mean something


def test_bad_lines_do_not_stop_the_file(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "mixed.ndjson", [{"text": "one"}, "oops", "   ", {"text": "four"}])
    docs = read(path)
    assert [(doc.index, doc.error is None) for doc in docs] == [(0, True), (1, False), (3, True)]
    assert docs[1].error is not None and docs[1].error.detail.startswith("line 2: invalid JSON")


def test_custom_field_names(tmp_path: Path) -> None:
    records = [{"body": "b", "page": "<p>p</p>", "link": "u"}, {"body": "b"}]
    path = write_jsonl(tmp_path / "custom.jsonl", records)
    docs = read(path, text_field="body", html_field="page", url_field="link")
    assert [(doc.data, doc.content_type, doc.url) for doc in docs] == [
        ("<p>p</p>", ContentType.HTML, "u"), ("b", ContentType.TEXT, None)]


def test_oversized_jsonl_line_is_too_large_and_skipped(tmp_path: Path) -> None:
    big = {"text": "x" * 500}
    path = write_jsonl(tmp_path / "big.jsonl", [{"text": "a"}, big, {"text": "c"}])
    docs = read(path, limit=100)
    assert [doc.index for doc in docs] == [0, 1, 2]
    assert docs[1].error is not None and docs[1].error.reason is RejectReason.TOO_LARGE
    assert f"line 2 is {len(json.dumps(big))} bytes" in docs[1].error.detail
    assert docs[1].data == b""
    assert [docs[0].data, docs[2].data] == ["a", "c"]


def test_truncated_jsonl_gz_keeps_what_was_read_and_reports_the_rest(tmp_path: Path) -> None:
    lines = [{"text": f"document {i} " + "filler " * 50} for i in range(200)]
    whole = gzip.compress("".join(json.dumps(line) + "\n" for line in lines).encode())
    path = write(tmp_path / "cut.jsonl.gz", whole[: len(whole) // 2])
    docs = read(path)
    good, (last,) = docs[:-1], docs[-1:]
    assert 0 < len(good) < len(lines)
    assert all(doc.error is None for doc in good)
    assert [doc.index for doc in good] == list(range(len(good)))
    assert last.error is not None and last.error.reason is RejectReason.READ_ERROR
    assert last.index == len(good)
    assert "truncated gzip" in last.error.detail


def test_crlf_jsonl(tmp_path: Path) -> None:
    path = write(tmp_path / "win.jsonl", b'{"text": "a"}\r\n{"text": "b"}\r\n')
    assert [doc.data for doc in read(path)] == ["a", "b"]


def test_deferred_files_read_as_the_reader_reads_them(tmp_path: Path) -> None:
    """A run's workers read single-document files themselves: what they read is what the reader gives,
    failures included; JSON Lines are still read in the listing process."""
    write(tmp_path / "a.html", "<p>page</p>")
    write(tmp_path / "b.txt.gz", gzip.compress(b"gzipped text"))
    write(tmp_path / "c.txt", "x" * (LIMIT + 1))  # too large
    write(tmp_path / "d.txt.gz", b"not gzip at all")  # corrupt
    write_jsonl(tmp_path / "e.jsonl", [{"text": "one"}, {"text": "two"}])
    items = list(iter_documents([tmp_path], max_input_bytes=LIMIT, defer_files=True))
    assert [type(item).__name__ for item in items] == ["UnreadFile"] * 4 + ["RawDocument"] * 2
    assert [item.compressed for item in items[:4]] == [False, True, False, True]
    assert [read_module.read_document(item) for item in items] == read(tmp_path)
    assert read_module.read_document(items[0]).content_type is ContentType.HTML
    assert read_module.read_document(items[2]).error.reason is RejectReason.TOO_LARGE
