"""Work spread over worker processes gives exactly what one process gives, and the workers
end with the program, however it ends.

The tests of the program's end run it as a child, a story of 200 articles (large enough to
spread), and look for its processes in ``/proc`` afterwards: they are Linux's.  A process is
the child's if its environment carries a mark set for the child alone (its workers, fork server
and resource tracker inherit it), which finds them after they lose their parent too.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import pytest

from newsdiff.engine.annotate import facts_of
from newsdiff.engine.pair import compare
from newsdiff.engine.story import compare_story
from newsdiff.resources import sample_story
from newsdiff.run import default_executor, processes
from newsdiff.run.inprocess import InProcess
from newsdiff.run.processes import ENV_VAR, LocalProcesses
from newsdiff.sources import load_article
from tests.locations import ROOT


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
    assert {"facts_of", "probabilities", "_quotations_and_sources", "quotes"} <= set(
        spread_everything.steps)
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


def signals_of(items: list[int]) -> list[tuple[bool, bool, set[int]]]:
    """For each item, whether the process it was handled in ignores Ctrl-C, whether SIGTERM
    simply ends it, and which of the two it holds back."""
    ignores_ctrl_c = signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    ended_by_sigterm = signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
    held = signal.pthread_sigmask(signal.SIG_BLOCK, set()) & {signal.SIGINT, signal.SIGTERM}
    return [(ignores_ctrl_c, ended_by_sigterm, held) for _ in items]


@contextmanager
def sigterm_left_to_python() -> Iterator[None]:
    """Python's default for SIGTERM meanwhile (pytest's may differ), the handling found
    before it afterwards."""
    before = signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


@pytest.mark.parametrize("from_a_thread", [False, True], ids=["forked", "by-a-fork-server"])
def test_workers_ignore_ctrl_c_and_sigterm_just_ends_them(pool, from_a_thread):
    """Workers start with the program's handlers (forked) and its signal mask, with Ctrl-C
    and SIGTERM held back while they start: neither the handlers nor the mask stay theirs."""
    with sigterm_left_to_python(), processes.interruptible(), ThreadPoolExecutor(1) as thread:
        step = partial(pool.map_chunks, signals_of, list(range(8)), 0)
        seen = thread.submit(step).result() if from_a_thread else step()
    assert seen == [(True, True, set())] * 8


def held_back(thread: int) -> set[int]:
    """Which of Ctrl-C and SIGTERM the thread of native id ``thread`` holds back (Linux)."""
    status = Path(f"/proc/self/task/{thread}/status").read_text()
    mask = int(next(line.split()[1] for line in status.splitlines()
                    if line.startswith("SigBlk:")), 16)
    return {s for s in (signal.SIGINT, signal.SIGTERM) if mask >> (s - 1) & 1}


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
def test_the_pools_threads_leave_interrupts_to_the_main_thread(pool):
    """The kernel hands a signal to any thread that does not hold it back: not to the pool's,
    which would leave the main thread waiting."""
    before = {t.native_id for t in threading.enumerate()}
    pool.map_chunks(pids, list(range(40)), 0)
    started_by_the_pool = [t.native_id for t in threading.enumerate()
                           if t.native_id not in before]
    assert started_by_the_pool, "the pool started no thread"
    assert [held_back(t) for t in started_by_the_pool] == [
        {signal.SIGINT, signal.SIGTERM}] * len(started_by_the_pool)
    assert held_back(threading.main_thread().native_id) == set()


def test_sigterm_is_handled_only_from_the_main_thread_over_pythons_default():
    """An embedding program's own handling stays."""
    def own(signum, frame):
        pass

    def handler_within() -> object:
        with processes.interruptible():
            return signal.getsignal(signal.SIGTERM)

    with sigterm_left_to_python():
        with ThreadPoolExecutor(1) as thread:
            assert thread.submit(handler_within).result() == signal.SIG_DFL
        assert handler_within() not in (signal.SIG_DFL, own)
        assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
        signal.signal(signal.SIGTERM, own)
        assert handler_within() is own


def started(folder: Path, items: list[int]) -> list[int]:
    """Leave this worker's pid in ``folder``, then take a minute over the chunk."""
    (folder / str(os.getpid())).touch()
    time.sleep(60)
    return items


def working(folder: Path, count: int = 2) -> bool:
    """Whether ``count`` workers have begun a chunk of :func:`started`."""
    return len(list(folder.iterdir())) >= count


def ended(pids: list[int], within: float = 10.0) -> bool:
    """Whether every process of ``pids`` has ended (and been reaped) within ``within`` s."""
    deadline = time.monotonic() + within
    while any(exists(pid) for pid in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def wait_for(condition: Callable[[], bool], within: float = 60.0) -> None:
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, "waited in vain"
        time.sleep(0.02)


#: Long enough for an interrupted step to end on a loaded machine, well short of the minute
#: its workers would take (:func:`started`).
PROMPTLY = 30


@contextmanager
def alarm_is_ctrl_c(when: Callable[[], bool] = lambda: True) -> Iterator[None]:
    """SIGALRM, once ``when()`` holds, raises ``KeyboardInterrupt`` in the main thread, as
    Python's own handler of SIGINT does (SIGINT itself would reach pytest too)."""
    def check(signum, frame):
        if when():
            signal.setitimer(signal.ITIMER_REAL, 0)
            raise KeyboardInterrupt

    before = signal.signal(signal.SIGALRM, check)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


@contextmanager
def ctrl_c_once(when: Callable[[], bool]) -> Iterator[None]:
    """Ctrl-C in the main thread once ``when()`` holds, checked on a timer's signal (a thread
    to send it would make the workers come from a fork server)."""
    with alarm_is_ctrl_c(when):
        signal.setitimer(signal.ITIMER_REAL, 0.05, 0.05)
        yield


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="a POSIX timer")
def test_ctrl_c_mid_step_ends_its_workers_quietly(tmp_path, capfd, pool):
    """The interrupt goes on at once, its workers killed rather than left to finish their
    minute (the program would wait for them at exit), with nothing printed from the pool's
    own thread; the next step starts new workers."""
    began = time.monotonic()
    with ctrl_c_once(partial(working, tmp_path)), pytest.raises(KeyboardInterrupt):
        pool.map_chunks(partial(started, tmp_path), list(range(8)), 0)
    assert time.monotonic() - began < PROMPTLY
    assert ended([int(p.name) for p in tmp_path.iterdir()])
    assert "Traceback" not in capfd.readouterr().err
    assert os.getpid() not in pool.map_chunks(pids, list(range(40)), 0)


def test_a_signal_another_thread_takes_still_ends_the_wait(tmp_path, pool):
    """The kernel may hand a process's signal to any of its threads that does not hold it
    back; Python then runs its handler in the main thread, which must not sleep through it
    until the workers finish."""
    pool.map_chunks(pids, list(range(40)), 0)  # the workers forked while there is one thread

    def ctrl_c_taken_here() -> None:
        wait_for(partial(working, tmp_path))
        signal.pthread_kill(threading.get_ident(), signal.SIGALRM)

    began = time.monotonic()
    with alarm_is_ctrl_c(), ThreadPoolExecutor(1) as thread:
        taken = thread.submit(ctrl_c_taken_here)
        with pytest.raises(KeyboardInterrupt):
            pool.map_chunks(partial(started, tmp_path), list(range(8)), 0)
        taken.result()
    assert time.monotonic() - began < PROMPTLY
    assert ended([int(p.name) for p in tmp_path.iterdir()])


def test_ctrl_c_while_workers_start_is_answered_once_they_have():
    """A worker started half-way would wait for what it was about to be sent, and print a
    traceback: Ctrl-C waits, even when another thread takes it (Python then runs its handler
    in the main thread at once)."""
    ctrl_c = threading.Event()

    def take_ctrl_c() -> None:
        ctrl_c.wait()
        signal.pthread_kill(threading.get_ident(), signal.SIGINT)

    taker = threading.Thread(target=take_ctrl_c)  # started before: it does not hold it back
    taker.start()
    started_in_full = False
    with pytest.raises(KeyboardInterrupt), processes._interrupts_held():
        ctrl_c.set()
        taker.join()
        for _ in range(10_000):  # Python looks for signals to handle on each round
            pass
        started_in_full = True
    assert started_in_full


def test_stopped_workers_fail_the_step_waiting_on_them(tmp_path, pool):
    """``stop`` (a signal handler's): a step waiting in another thread raises at once rather
    than do the work here, as the program is ending."""
    with ThreadPoolExecutor(1) as thread:
        step = thread.submit(pool.map_chunks, partial(started, tmp_path), list(range(8)), 0)
        wait_for(partial(working, tmp_path))
        pool.stop()
        with pytest.raises(BrokenProcessPool):
            step.result(timeout=PROMPTLY)
    assert ended([int(p.name) for p in tmp_path.iterdir()])


def test_an_interrupted_program_stops_its_workers_at_once(tmp_path, monkeypatch):
    """Ctrl-C while a worker works aside, the program busy with its own part: the worker is
    stopped before the interrupt leaves :func:`interruptible` (Python's exit would wait for
    its minute)."""
    monkeypatch.setenv(ENV_VAR, "2")
    shared = processes.shared_local_processes()
    with pytest.raises(KeyboardInterrupt), processes.interruptible():
        result = shared.aside(partial(started, tmp_path), [1], seconds=60)
        wait_for(partial(working, tmp_path, 1))
        raise KeyboardInterrupt
    assert ended([int(p.name) for p in tmp_path.iterdir()])
    with pytest.raises(BrokenProcessPool):
        result()


def test_the_one_shot_path_imports_no_pool():
    """Importing the executors costs the command line nothing it may not need: the pool,
    multiprocessing and ctypes come with the first step worth workers."""
    heavy = {"concurrent.futures", "multiprocessing", "ctypes", "textual", "rich", "dask"}
    code = ("import sys; from newsdiff.run import default_executor; "
            "from newsdiff.run.inprocess import InProcess; default_executor(); "
            f"print(sorted({heavy!r} & set(sys.modules)))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert run.stdout.strip() == "[]"


#: The program the end tests run: a story of 200 articles, its workers started by fork or, with
#: another thread running, by a fork server; run as newsdiff's command runs its work.
PROGRAM = """
import sys, threading, faulthandler, signal
faulthandler.register(signal.SIGUSR1, all_threads=True)
from benchmarks.story import story_articles
from newsdiff.engine.story import compare_story
from newsdiff.run.processes import interruptible

if sys.argv[1] == "forkserver":
    threading.Thread(target=threading.Event().wait, daemon=True).start()
articles = story_articles(200)
with interruptible():
    try:
        compare_story(articles)
    except KeyboardInterrupt:
        print("newsdiff: interrupted", file=sys.stderr)
        sys.exit(130)
"""

#: The variable that marks the processes of one run of :data:`PROGRAM`.
MARK = "NEWSDIFF_TEST_PROGRAM"


def marked(mark: str) -> set[int]:
    """The live processes whose environment carries ``mark`` (a zombie's has gone)."""
    needle = f"{MARK}={mark}\0".encode()
    found = set()
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and needle in (entry / "environ").read_bytes():
                found.add(int(entry.name))
        except OSError:  # ended meanwhile, or another user's
            continue
    return found


def left_after(mark: str, within: float) -> set[int]:
    """The processes :func:`marked` with ``mark`` still running after up to ``within`` s."""
    deadline = time.monotonic() + within
    while (left := marked(mark)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def kill(pids: set[int]) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads /proc (Linux)")
@pytest.mark.parametrize("start", ["fork", "forkserver"])
@pytest.mark.parametrize("how, status, said", [
    ("SIGKILL", -signal.SIGKILL, None),  # (a fork server's resource tracker may then warn)
    ("SIGTERM", 128 + signal.SIGTERM, ""),
    ("SIGINT", 128 + signal.SIGINT, "newsdiff: interrupted\n"),  # Ctrl-C: to every process
])
def test_no_worker_outlives_the_program(tmp_path, start, how, status, said):
    """Mid-story, the program is killed, terminated or interrupted: it ends with ``status``
    and says ``said`` (no worker's traceback), and within 5 s of its end no process of it is
    left to hold its output open, not even a fork server's."""
    mark = uuid.uuid4().hex
    err = tmp_path / "stderr"
    with err.open("wb") as stderr:  # a file, not a pipe: nothing waits on its reader
        child = subprocess.Popen(
            [sys.executable, "-c", PROGRAM, start], cwd=ROOT, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True,
            env=dict(os.environ, **{ENV_VAR: "2", MARK: mark}))
    # Its two workers; by a fork server, the server and the resource tracker too.
    helpers = 2 if start == "fork" else 4
    try:
        wait_for(lambda: child.poll() is not None or len(marked(mark) - {child.pid}) >= helpers)
        assert child.poll() is None, err.read_text()
        if how == "SIGINT":
            os.killpg(child.pid, signal.SIGINT)
        else:
            os.kill(child.pid, getattr(signal, how))
        child.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.kill(child.pid, signal.SIGUSR1)  # its threads' stacks, to stderr
        time.sleep(1)
        kill(marked(mark) | {child.pid})
        child.wait()
        pytest.fail(f"still running a minute after {how}:\n{err.read_text()}")
    finally:
        left = left_after(mark, within=5)
        kill(left)
        child.wait()
    assert not left, f"{sorted(left)} still running 5 s after the program ended by {how}"
    assert child.returncode == status, err.read_text()
    assert said is None or err.read_text() == said
