"""Work spread over worker processes gives exactly what one process gives."""

from __future__ import annotations

import io
import os
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from newsdiff.engine.annotate import facts_of
from newsdiff.engine.pair import compare
from newsdiff.engine.story import compare_story
from newsdiff.resources import sample_story
from newsdiff.run import default_executor, processes
from newsdiff.run.inprocess import InProcess
from newsdiff.run.processes import ENV_VAR, LocalProcesses
from newsdiff.sources import load_article


@pytest.fixture(scope="module")
def articles():
    return [load_article(str(p)) for p in sample_story()]


class SpreadEverything(LocalProcesses):
    """Worker processes for every bulk step however small, each step's work recorded."""

    def __init__(self) -> None:
        super().__init__()
        self.steps: list[str] = []

    def spreads(self, items, per_second):
        return super().spreads(items, 0)

    def map_chunks(self, work, items, per_second):
        self.steps.append(getattr(work, "func", work).__name__)
        return super().map_chunks(work, items, 0)

    def aside(self, work, arg, seconds):
        self.steps.append(work.__name__)
        return super().aside(work, arg, processes.MIN_ASIDE_SECONDS)


@pytest.fixture
def pool(monkeypatch):
    """Local processes, two workers asked for; stopped after the test."""
    monkeypatch.setenv(ENV_VAR, "2")
    executor = LocalProcesses()
    yield executor
    executor.shutdown()


@pytest.fixture
def spread_everything(monkeypatch):
    monkeypatch.setenv(ENV_VAR, "2")
    executor = SpreadEverything()
    yield executor
    executor.shutdown()


class _TextualStderr(io.StringIO):
    """Like the stand-in Textual puts in ``sys.stderr`` while an app runs."""

    def fileno(self) -> int:
        return -1


def as_in_the_reader(monkeypatch) -> None:
    """Textual's stand-in for ``sys.stderr`` in place, as while the reader runs.  Called
    in the test's body: pytest's output capture puts its own in place after the fixtures."""
    monkeypatch.setattr(sys, "stderr", _TextualStderr())


def test_chunks_come_back_in_order(articles, pool):
    texts = [s.text for a in articles for s in a.sentences]
    assert pool.map_chunks(facts_of, texts, per_second=0) == facts_of(texts)


def test_pairwise_in_workers_equals_one_process(articles, spread_everything):
    spread = compare(articles[0], articles[2], executor=spread_everything)
    assert {"slots_of", "probabilities"} <= set(spread_everything.steps)
    assert spread == compare(articles[0], articles[2], executor=InProcess())


def test_story_in_workers_equals_one_process(articles, spread_everything):
    spread = compare_story(articles, executor=spread_everything)
    assert {"facts_of", "probabilities", "_quotes_and_sources"} <= set(spread_everything.steps)
    assert spread == compare_story(articles, executor=InProcess())


def test_the_default_executor_is_one_for_the_process():
    assert isinstance(default_executor(), LocalProcesses)
    assert default_executor() is default_executor()


def test_no_processes_means_the_work_is_done_here(monkeypatch, articles, pool):
    def refuse(*args, **kwargs):
        raise OSError("no /dev/shm")

    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", refuse)
    texts = [s.text for s in articles[0].sentences]
    assert pool.map_chunks(facts_of, texts, per_second=0) == facts_of(texts)
    assert pool.aside(facts_of, texts, seconds=10)() == facts_of(texts)


def pids(items: list[int]) -> list[int]:
    """The process each item was handled in."""
    return [os.getpid() for _ in items]


def test_workers_start_under_a_replaced_stderr_and_from_a_thread(monkeypatch, pool):
    """The reader's case: a comparison in a thread, with Textual's stderr in place."""
    as_in_the_reader(monkeypatch)
    with ThreadPoolExecutor(1) as thread:
        seen = thread.submit(pool.map_chunks, pids, list(range(40)), 0).result()
    assert os.getpid() not in seen


def stderr_is_devnull(items: list[int]) -> list[tuple[int, bool]]:
    """For each item, the process it was handled in and whether that process's standard
    error descriptor (where a library's warning would go) leads nowhere."""
    quiet = os.path.samestat(os.fstat(2), os.stat(os.devnull))
    return [(os.getpid(), quiet) for _ in items]


def test_workers_under_the_reader_write_nothing_to_the_terminal(monkeypatch, pool):
    as_in_the_reader(monkeypatch)
    with ThreadPoolExecutor(1) as thread:
        seen = thread.submit(pool.map_chunks, stderr_is_devnull, list(range(8)), 0).result()
    assert all(pid != os.getpid() and quiet for pid, quiet in seen)


def test_a_threaded_script_works_alone_unless_its_main_module_is_safe(monkeypatch, pool):
    """A fork server re-runs the main module in each worker: only for programs that say
    that is safe (newsdiff's own command does), or when NEWSDIFF_WORKERS asks for it."""
    monkeypatch.delenv(ENV_VAR)
    monkeypatch.setattr(processes, "workers", lambda: 2)
    monkeypatch.setattr(processes, "_main_is_safe", False)
    with ThreadPoolExecutor(1) as thread:
        alone = thread.submit(pool.map_chunks, pids, list(range(40)), 0).result()
        processes.main_module_is_safe()
        spread = thread.submit(pool.map_chunks, pids, list(range(40)), 0).result()
    assert set(alone) == {os.getpid()}
    assert os.getpid() not in spread


def test_small_steps_stay_in_this_process(monkeypatch, pool):
    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor",
                        lambda *a, **k: pytest.fail("started workers"))
    one = ["He met them twice."]
    assert pool.aside(facts_of, one, seconds=processes.MIN_ASIDE_SECONDS / 2)() == facts_of(one)
    assert pool.map_chunks(facts_of, one * 10, per_second=100) == facts_of(one * 10)
    assert not pool.spreads(10, per_second=100)


@pytest.mark.parametrize("value, expected", [("3", 3), ("0", 1), ("x", None), ("", None)])
def test_workers_setting(monkeypatch, value, expected):
    monkeypatch.setenv(ENV_VAR, value)
    assert processes.workers() == (expected or processes.usable_cores())
