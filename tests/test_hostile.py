"""The hostile corpus through the command line: every file ends as an article or a precise rejection.

``tests/data/hostile/`` holds the small files; the large ones (50 MB, a 2 MB
line, 200,000 lines, HTML nested 100,000 deep) are generated into a temporary
folder by the same script, ``make_hostile.py``, whose table of cases is also
what ``expected.json`` is written from. The run happens with the network
blocked: nothing in the pipeline may open a connection, whatever a page links to.
"""

from __future__ import annotations

import http.server
import importlib.util
import json
import shutil
import socket
import sys
import threading
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import newsclean
from conftest import DATA, REFERENCE_DATE
from newsclean.cli import app
from newsclean.io.read import input_kind

HOSTILE = DATA / "hostile"
EXPECTED: dict[str, dict] = json.loads((HOSTILE / "expected.json").read_text(encoding="utf-8"))


def _generator():
    spec = importlib.util.spec_from_file_location("make_hostile", HOSTILE / "make_hostile.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


class NetworkBlocked:
    """Refuses every outgoing connection and name lookup made from Python, and remembers them."""

    def __init__(self) -> None:
        self.attempts: list[str] = []

    def refuse(self, what: str):
        def refused(*args, **kwargs):
            self.attempts.append(f"{what}{args[1:] if what.startswith('socket.') else args}")
            raise OSError(f"network access during processing: {what}")
        return refused

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(socket.socket, "connect", self.refuse("socket.connect"))
        monkeypatch.setattr(socket.socket, "connect_ex", self.refuse("socket.connect_ex"))
        monkeypatch.setattr(socket, "create_connection", self.refuse("create_connection"))
        monkeypatch.setattr(socket, "getaddrinfo", self.refuse("getaddrinfo"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    shutil.copytree(HOSTILE, folder, dirs_exist_ok=True)
    _generator().write(folder, small=False, large=True)
    return folder


def _cli_run(corpus: Path, out: Path, workers: int) -> dict:
    settings = out.parent / f"{out.name}.toml"
    settings.write_text(f"[dates]\nreference_date = {REFERENCE_DATE.isoformat()}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(corpus), "--out", str(out), "--config", str(settings),
                                      "--no-progress", "--workers", str(workers)])
    assert result.exit_code == 0, result.output
    return json.loads((out / "run_summary.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def runs(corpus, tmp_path_factory):
    """The corpus run twice through the CLI: in-process with the network blocked, and with two workers."""
    out = tmp_path_factory.mktemp("out")
    blocked = NetworkBlocked()
    with pytest.MonkeyPatch.context() as monkeypatch:
        blocked.install(monkeypatch)
        one = _cli_run(corpus, out / "one", workers=1)
    two = _cli_run(corpus, out / "two", workers=2)
    return out, one, two, blocked


@pytest.fixture(scope="module")
def records(runs, corpus) -> dict[str, list[dict]]:
    """Every record of the in-process run, articles and rejections, by file relative to the corpus."""
    out = runs[0] / "one"
    by_file: dict[str, list[dict]] = {}
    for table in ("articles", "rejects"):
        for row in pq.read_table(out / f"{table}.parquet").to_pylist():
            by_file.setdefault(Path(row["source"]).relative_to(corpus).as_posix(), []).append(row)
    return by_file


def _outcome(row: dict) -> str:
    return row.get("reason") or "article"


def test_the_committed_files_are_what_the_script_writes(tmp_path):
    generator = _generator()
    generator.write(tmp_path)
    for case in generator.CASES:
        assert (HOSTILE / case.name).read_bytes() == (tmp_path / case.name).read_bytes(), case.name
    assert json.loads((HOSTILE / "expected.json").read_text(encoding="utf-8")) == generator.expected()


def _skipped_paths(summary: dict, corpus: Path) -> dict[str, str]:
    return {Path(path).relative_to(corpus).as_posix(): reason for path, reason in summary["skipped_paths"].items()}


def test_every_file_is_accounted_for(runs, corpus):
    _, summary, _, _ = runs
    files = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*")
                   if p.is_file() and input_kind(p) is not None)
    assert files == sorted(EXPECTED), "expected.json and the corpus list different files"
    listed = {Path(source).relative_to(corpus).as_posix(): counts for source, counts in summary["per_source"].items()}
    assert sorted(listed) == [name for name in files if EXPECTED[name]["outcome"] != "skipped"]
    # every file of the folder, supported or not, was read or is listed as passed over (itself or its folder)
    skipped = _skipped_paths(summary, corpus)
    for path in corpus.rglob("*"):
        name = path.relative_to(corpus).as_posix()
        if path.is_file() and name not in listed:
            assert any(part in skipped for part in [name, *(p.as_posix() for p in Path(name).parents)]), name
    assert skipped["make_hostile.py"] == skipped["expected.json"] == "unsupported_format"
    for name, counts in listed.items():
        assert counts["documents"] == counts["articles"] + counts["rejects"]
        assert (counts["documents"] == 0) == (EXPECTED[name]["outcome"] == "no_documents")
    assert summary["documents"] == summary["articles"] + summary["rejects"] == sum(
        c["documents"] for c in listed.values())


@pytest.mark.parametrize("name", [
    pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=case["known_failure"]))
    if "known_failure" in case else name
    for name, case in EXPECTED.items()
])
def test_each_file_ends_as_expected(records, runs, corpus, name):
    case = EXPECTED[name]
    rows = records.get(name, [])
    if case["outcome"] in ("no_documents", "skipped"):
        assert rows == []
        if case["outcome"] == "skipped":
            path, reason = case["skipped_as"]
            assert _skipped_paths(runs[1], corpus)[path] == reason
        return
    if "documents" in case:
        assert Counter(map(_outcome, rows)) == Counter(case["documents"])
        return
    (row,) = rows
    assert _outcome(row) == case["outcome"], row.get("detail")
    if row.get("reason"):
        assert row["detail"], "a rejection must say what went wrong"
        return
    assert row["status"] == case.get("status", "article")
    for snippet in case.get("contains", ()):
        assert snippet in row["text"]
    for snippet in case.get("warns", ()):
        assert any(snippet in warning for warning in row["warnings"]), row["warnings"]
    texts = " ".join(str(row[column]) for column in ("text", "title", "subtitle", "byline", "removed"))
    for snippet in case.get("excludes", ()):
        assert snippet not in texts
    if "published" in case:
        assert row["published"] == case["published"]
    for column, value in case.get("fields", {}).items():
        assert row[column] == value, column


def test_nothing_is_fetched(runs):
    assert runs[3].attempts == []


def test_the_records_do_not_depend_on_the_number_of_workers(runs):
    out, one, two, _ = runs
    for table in ("articles", "rejects"):
        assert pq.read_table(out / "one" / f"{table}.parquet").to_pylist() == \
            pq.read_table(out / "two" / f"{table}.parquet").to_pylist()
    assert one["rejects_by_reason"] == two["rejects_by_reason"]


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        self.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"FETCHED CONTENT")

    def log_message(self, *args) -> None:
        pass


def test_no_library_fetches_what_a_page_references(config):
    """Even from C (libxml2 has its own HTTP client): a local server would see any request."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        page = (HOSTILE / "external_resources.html").read_text(encoding="utf-8")
        page = page.replace("http://192.0.2.1/", f"http://127.0.0.1:{server.server_port}/")
        article = newsclean.clean_html(page, config=config)
    finally:
        server.shutdown()
        server.server_close()
    assert _Recorder.hits == []
    assert "FETCHED" not in article.text
