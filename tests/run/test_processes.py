"""Work spread over worker processes gives exactly what one process gives."""

from __future__ import annotations

import io
import os
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from newsdiff.engine import pair as compare_module
from newsdiff.engine.pair import compare, facts_of
from newsdiff.engine.story import compare_story
from newsdiff.resources import sample_story
from newsdiff.run import processes as parallel
from newsdiff.sources import load_article


@pytest.fixture(scope="module")
def articles():
    return [load_article(str(p)) for p in sample_story()]


@pytest.fixture
def spread_everything(monkeypatch):
    """Two workers, and every bulk step spread however small."""
    monkeypatch.setenv(parallel.ENV_VAR, "2")
    monkeypatch.setattr(compare_module, "PARALLEL_MODEL_PAIRS", 0)
    monkeypatch.setattr(compare_module, "PARALLEL_FACTS", 0)
    calls = []
    real = parallel.map_chunks
    monkeypatch.setattr(parallel, "map_chunks",
                        lambda work, items, n: calls.append(work.__name__) or real(work, items, n))
    return calls


@pytest.fixture
def fresh_pool(monkeypatch):
    """Two workers asked for, no pool started or refused yet; its workers stopped after."""
    monkeypatch.setenv(parallel.ENV_VAR, "2")
    monkeypatch.setattr(parallel, "_pool", None)
    monkeypatch.setattr(parallel, "_refused", False)
    yield
    parallel.shutdown()


class _TextualStderr(io.StringIO):
    """Like the stand-in Textual puts in ``sys.stderr`` while an app runs."""

    def fileno(self) -> int:
        return -1


def as_in_the_reader(monkeypatch) -> None:
    """Textual's stand-in for ``sys.stderr`` in place, as while the reader runs.  Called
    in the test's body: pytest's output capture puts its own in place after the fixtures."""
    monkeypatch.setattr(sys, "stderr", _TextualStderr())


def test_chunks_come_back_in_order(monkeypatch, articles):
    monkeypatch.setenv(parallel.ENV_VAR, "2")
    texts = [s.text for a in articles for s in a.sentences]
    assert parallel.map_chunks(facts_of, texts, min_items=0) == facts_of(texts)


def test_pairwise_in_workers_equals_one_process(monkeypatch, articles, spread_everything):
    spread = compare(articles[0], articles[2])
    assert {"slots_of", "paraphrase_probabilities"} <= set(spread_everything)
    monkeypatch.setenv(parallel.ENV_VAR, "1")
    assert spread == compare(articles[0], articles[2])


def test_story_in_workers_equals_one_process(monkeypatch, articles, spread_everything):
    spread = compare_story(articles)
    assert "paraphrase_probabilities" in spread_everything
    monkeypatch.setenv(parallel.ENV_VAR, "1")
    assert spread == compare_story(articles)


def test_no_processes_means_the_work_is_done_here(monkeypatch, articles, fresh_pool):
    def refuse(*args, **kwargs):
        raise OSError("no /dev/shm")

    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", refuse)
    texts = [s.text for s in articles[0].sentences]
    assert parallel.map_chunks(facts_of, texts, min_items=0) == facts_of(texts)
    assert parallel.aside(facts_of, texts, worth_it=True)() == facts_of(texts)


def pids(items: list[int]) -> list[int]:
    """The process each item was handled in."""
    return [os.getpid() for _ in items]


def test_workers_start_under_a_replaced_stderr_and_from_a_thread(monkeypatch, fresh_pool):
    """The reader's case: a comparison in a thread, with Textual's stderr in place."""
    as_in_the_reader(monkeypatch)
    with ThreadPoolExecutor(1) as thread:
        seen = thread.submit(parallel.map_chunks, pids, list(range(40)), 0).result()
    assert os.getpid() not in seen


def stderr_is_devnull(items: list[int]) -> list[tuple[int, bool]]:
    """For each item, the process it was handled in and whether that process's standard
    error descriptor (where a library's warning would go) leads nowhere."""
    quiet = os.path.samestat(os.fstat(2), os.stat(os.devnull))
    return [(os.getpid(), quiet) for _ in items]


def test_workers_under_the_reader_write_nothing_to_the_terminal(monkeypatch, fresh_pool):
    as_in_the_reader(monkeypatch)
    with ThreadPoolExecutor(1) as thread:
        seen = thread.submit(parallel.map_chunks, stderr_is_devnull, list(range(8)), 0).result()
    assert all(pid != os.getpid() and quiet for pid, quiet in seen)


def test_a_threaded_script_works_alone_unless_its_main_module_is_safe(monkeypatch,
                                                                     fresh_pool):
    """A fork server re-runs the main module in each worker: only for programs that say
    that is safe (newsdiff's own command does), or when NEWSDIFF_WORKERS asks for it."""
    monkeypatch.delenv(parallel.ENV_VAR)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "_main_is_safe", False)
    with ThreadPoolExecutor(1) as thread:
        alone = thread.submit(parallel.map_chunks, pids, list(range(40)), 0).result()
        parallel.main_module_is_safe()
        spread = thread.submit(parallel.map_chunks, pids, list(range(40)), 0).result()
    assert set(alone) == {os.getpid()}
    assert os.getpid() not in spread


def test_few_items_stay_in_this_process(monkeypatch):
    monkeypatch.setenv(parallel.ENV_VAR, "2")
    monkeypatch.setattr(parallel, "_executor", lambda count: pytest.fail("started workers"))
    assert parallel.aside(facts_of, ["He met them twice."], worth_it=False)() == facts_of(
        ["He met them twice."])
    assert parallel.map_chunks(facts_of, ["He met them twice."], min_items=2) == facts_of(
        ["He met them twice."])


@pytest.mark.parametrize("value, expected", [("3", 3), ("0", 1), ("x", None), ("", None)])
def test_workers_setting(monkeypatch, value, expected):
    monkeypatch.setenv(parallel.ENV_VAR, value)
    assert parallel.workers() == (expected or parallel.usable_cores())
