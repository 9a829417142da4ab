"""Limits that turn pathological documents into rejections: lines, characters, and time, without leaks.

The time limit is tested with a real stall: a user's own boilerplate pattern
with catastrophic backtracking, which runs inside the regular expression
engine for hours unless interrupted. The pool's last resort (killing a worker
stuck where the alarm cannot reach, or replacing one that died) is tested
with the stage in ``stalls.py``.
"""

from __future__ import annotations

import threading
from functools import partial

import psutil
import pytest

import newsclean
from newsclean.runner import workers as workers_module
from newsclean.config import LimitsConfig, NoiseConfig, PipelineConfig
from newsclean.document import RawDocument
from newsclean.errors import CleaningRejected
from newsclean.records import Article, RejectReason, RemovalKind, StageName
from newsclean.runner.workers import process_ordered
from stalls import CRASH, STALL, faulty_pipeline
from stories import BODY, HEADLINE, doc

#: A user pattern that backtracks exponentially on a line of a's without a b.
CATASTROPHIC = r"(a+)+b"
STALLING_LINE = "a" * 48
#: Short, so the tests are quick, yet well above a normal document's time on a busy machine
#: (a few hundredths of a second); the stalls last hours without the limit (seconds).
LIMIT_SECONDS = 1.0


@pytest.fixture
def stalling_config(config) -> PipelineConfig:
    return config.model_copy(update={
        "limits": LimitsConfig(seconds_per_document=LIMIT_SECONDS),
        "noise": NoiseConfig(extra_patterns={RemovalKind.OTHER: (CATASTROPHIC,)}),
    })


def _raw(index: int, text: str) -> RawDocument:
    return RawDocument(source=f"doc-{index}.txt", data=text.encode(), index=index)


def _corpus() -> list[RawDocument]:
    good = doc(HEADLINE, *BODY)
    stalling = doc(HEADLINE, BODY[0], STALLING_LINE, *BODY[1:])
    return [_raw(i, stalling if i in (1, 4) else good) for i in range(7)]


@pytest.fixture
def no_leaks():
    """Fails the test when it leaves a child process or a thread behind."""
    threads = set(threading.enumerate())
    yield
    assert _children() == [], "a child process is left behind"
    left = set(threading.enumerate()) - threads
    assert not left, f"threads left behind: {sorted(t.name for t in left)}"


def _children() -> list[str]:
    """Command lines of this process's descendants, but multiprocessing's resource tracker and fork server.

    Each is one process per interpreter, started with the first pool and kept
    until the interpreter exits by design: it is no worker left behind.
    """
    lines = [" ".join(p.cmdline()) for p in psutil.Process().children(recursive=True)]
    return [line for line in lines if "resource_tracker" not in line and "multiprocessing.forkserver" not in line]


def test_too_many_lines_is_too_large(config):
    limited = config.model_copy(update={"limits": LimitsConfig(max_lines=100)})
    with pytest.raises(CleaningRejected) as caught:
        newsclean.clean_text("\n".join(f"w{i}" for i in range(101)), config=limited)
    assert caught.value.rejection.reason is RejectReason.TOO_LARGE
    assert "101 non-blank lines exceed limits.max_lines=100" in caught.value.rejection.detail


def test_a_stall_in_process_becomes_a_timeout(stalling_config, no_leaks):
    with pytest.raises(CleaningRejected) as caught:
        newsclean.clean_text(doc(HEADLINE, BODY[0], STALLING_LINE, *BODY[1:]), config=stalling_config)
    rejection = caught.value.rejection
    assert (rejection.reason, rejection.stage) == (RejectReason.TIMEOUT, StageName.NOISE)
    assert f"limits.seconds_per_document={LIMIT_SECONDS:g}" in rejection.detail
    # the pipeline is intact afterwards: the next document is cleaned
    assert isinstance(newsclean.clean_text(doc(HEADLINE, *BODY), config=stalling_config), Article)


@pytest.mark.parametrize("workers", [1, 2])
def test_stalls_cost_their_documents_only(stalling_config, workers, no_leaks):
    outcomes = [o.record for o in process_ordered(iter(_corpus()), stalling_config, workers)]
    assert [r.source_index for r in outcomes] == list(range(7))
    reasons = [getattr(r, "reason", None) for r in outcomes]
    assert reasons == [None, RejectReason.TIMEOUT, None, None, RejectReason.TIMEOUT, None, None]


def test_without_a_limit_nothing_is_interrupted(config):
    unlimited = config.model_copy(update={"limits": LimitsConfig(seconds_per_document=None)})
    assert newsclean.clean_text(doc(HEADLINE, *BODY), config=unlimited).text


def test_a_stuck_worker_and_a_dead_one_cost_their_documents_only(config, no_leaks, tmp_path):
    runs = tmp_path / "runs.log"
    limited = config.model_copy(update={"limits": LimitsConfig(seconds_per_document=LIMIT_SECONDS)})
    raws = [_raw(i, doc(HEADLINE, *BODY)) for i in range(8)]
    raws[2] = RawDocument(source="stuck.txt", data=STALL, index=2)
    raws[5] = RawDocument(source="crash.txt", data=CRASH, index=5)
    outcomes = [o.record for o in process_ordered(iter(raws), limited, 2, build=partial(faulty_pipeline, runs_log=str(runs)))]
    assert [r.source_index for r in outcomes] == list(range(8))
    assert (outcomes[2].reason, outcomes[2].stage) == (RejectReason.TIMEOUT, StageName.WORKER)
    hard = workers_module.HARD_LIMIT_FACTOR * LIMIT_SECONDS + workers_module.HARD_LIMIT_GRACE_SECONDS
    assert f"stopped after {hard:g} s" in outcomes[2].detail
    assert (outcomes[5].reason, outcomes[5].stage) == (RejectReason.INTERNAL_ERROR, StageName.WORKER)
    assert all(isinstance(r, Article) for i, r in enumerate(outcomes) if i not in (2, 5))
    # only the stuck and the crashed tasks failed: every document was cleaned once, none again
    assert sorted(int(line) for line in runs.read_text().split()) == list(range(8))


def test_workers_that_keep_dying_stop_the_run(config, no_leaks):
    raws = [RawDocument(source=f"crash-{i}.txt", data=CRASH, index=i) for i in range(5)]
    with pytest.raises(workers_module.WorkerFailed, match="3 documents in a row"):
        list(process_ordered(iter(raws), config, 2, build=faulty_pipeline))


def unbuildable_pipeline(config):  # module level: workers import it by name
    raise OSError("the line model cannot be read")


def test_workers_that_cannot_build_their_pipeline_stop_the_run_with_the_reason(config, no_leaks):
    raws = [_raw(i, doc(HEADLINE, *BODY)) for i in range(3)]
    with pytest.raises(workers_module.WorkerFailed, match="OSError: the line model cannot be read"):
        list(process_ordered(iter(raws), config, 2, build=unbuildable_pipeline))


def test_loading_for_a_new_kind_of_document_is_no_documents_time(stalling_config):
    """The first document of a content type waits for what that type loads; its clock waits too, then runs on."""
    import time

    from newsclean.assembly import build_pipeline
    from newsclean.pipeline import Pipeline

    loaded = []

    def slow_warm_up(content_type):  # as loading a library on a busy machine would
        loaded.append(content_type)
        time.sleep(2 * LIMIT_SECONDS)

    stages = build_pipeline(stalling_config).stages
    pipeline = Pipeline(stages, seconds_per_document=LIMIT_SECONDS, warm_up=slow_warm_up)
    assert isinstance(pipeline.process(_raw(0, doc(HEADLINE, *BODY))).record, Article)
    assert loaded == ["text"]
    # the clock restarted after the warm-up: a stall later in the same document is still stopped
    pipeline = Pipeline(stages, seconds_per_document=LIMIT_SECONDS, warm_up=slow_warm_up)
    stalled = pipeline.process(_raw(1, doc(HEADLINE, BODY[0], STALLING_LINE, *BODY[1:]))).record
    assert (stalled.reason, stalled.stage) == (RejectReason.TIMEOUT, StageName.NOISE)
    assert pipeline.process(_raw(2, doc(HEADLINE, *BODY))).record.text  # warmed once per content type
    assert loaded == ["text", "text"]


def test_a_process_cleaning_plain_text_never_loads_what_html_needs():
    import subprocess
    import sys

    code = """
import sys
from newsclean.assembly import build_pipeline
from newsclean.config import PipelineConfig
from newsclean.document import RawDocument
pipeline = build_pipeline(PipelineConfig())
text = b"A Headline Here\\n\\n" + b"A sentence of the story, long enough to be a paragraph of it. " * 5
print(type(pipeline.process(RawDocument(source="a.txt", data=text)).record).__name__, "trafilatura" in sys.modules)
html = b"<html><body><article><p>" + text + b"</p></article></body></html>"
print(type(pipeline.process(RawDocument(source="a.html", data=html)).record).__name__, "trafilatura" in sys.modules)
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split("\n")[:2] == ["Article False", "Article True"]
