"""Workers forked from a fork server that preloaded the pipeline's models: what they share, and that it
changes no record."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEEDS
from newsclean.assembly import build_pipeline, load_models
from newsclean.document import RawDocument
from newsclean.runner import workers as workers_module
from newsclean.runner.workers import PRELOAD_MODULE, start_method

FORKSERVER = "forkserver" in multiprocessing.get_all_start_methods()


def _seeds() -> list[RawDocument]:
    return [RawDocument(source=path.name, data=path.read_bytes(), index=i)
            for i, path in enumerate(sorted(SEEDS.glob("*.txt")))]


def test_the_fork_server_is_chosen_where_the_platform_offers_it(monkeypatch):
    assert start_method() == ("forkserver" if FORKSERVER else "spawn")
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])  # as on Windows
    assert start_method() == "spawn"


def _what_the_worker_shares(raw: RawDocument) -> tuple[bool, bool, bool]:
    """A worker's task (tests only): whether it has the server's models, and its pipeline uses them."""
    preload = sys.modules.get(PRELOAD_MODULE)
    models = None if preload is None else preload.MODELS
    pipeline = workers_module._worker_pipeline
    used = models is not None and pipeline is not None and any(
        getattr(stage, "identifier", None) is models.identifier for stage in pipeline.stages)
    return preload is not None, models is not None, used


@pytest.mark.skipif(not FORKSERVER, reason="no fork server on this platform")
def test_a_worker_builds_its_pipeline_with_the_models_the_server_loaded(config):
    raws = iter(_seeds()[:2])
    outcomes = list(workers_module._process_in_pool(raws, config.resolved(), 2, task=_what_the_worker_shares))
    assert outcomes == [(True, True, True)] * 2
    assert PRELOAD_MODULE not in sys.modules  # the calling process never loads what only workers need


def test_shared_models_give_the_records_fresh_ones_give(config):
    """One set of models serving two pipelines one after the other (as the server's serves its warm-up and
    then a worker's) changes no record."""
    models = load_models()
    build_pipeline(config, models=models).process(RawDocument(source="other.txt", data=b"Warm " * 40))
    shared, fresh = build_pipeline(config, models=models), build_pipeline(config)
    for raw in _seeds():
        assert shared.process(raw).record == fresh.process(raw).record


def test_a_preload_that_fails_leaves_the_workers_to_load_for_themselves():
    """An error while preloading must not escape: it would kill the fork server, and every worker with it."""
    code = ("import newsclean.assembly as assembly\n"
            "def broken():\n    raise OSError('the model file cannot be read')\n"
            "assembly.load_models = broken\n"
            f"import {PRELOAD_MODULE} as preload\n"
            "assert preload.MODELS is None\n")
    src = Path(workers_module.__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], check=True, env={"PYTHONPATH": str(src)}, timeout=120)


def test_spawned_workers_load_for_themselves_and_give_the_same_records(config, monkeypatch):
    """The start method of platforms without a fork server, tested here too."""
    monkeypatch.setattr(workers_module, "START_METHODS", ("spawn",))
    resolved = config.resolved()
    shares = list(workers_module._process_in_pool(iter(_seeds()[:2]), resolved, 2, task=_what_the_worker_shares))
    assert shares == [(False, False, False)] * 2
    two = [o.record for o in workers_module.process_ordered(iter(_seeds()), resolved, 2)]
    assert two == [o.record for o in workers_module.process_ordered(iter(_seeds()), resolved, 1)]
