"""The engine's bulk steps spread over this machine's cores, in worker processes.

Workers cost something to start (a fresh interpreter that imports the
engine and loads its model, about 0.2 s), so small inputs, which are the
usual ones, stay in this process: a step is spread only when it is worth
:data:`MIN_SPREAD_SECONDS` of one core's work (five times a worker's start,
so the chunks' round trips are paid for too), and a step is run aside only
when it is worth :data:`MIN_ASIDE_SECONDS`.  Processes, not threads: threads
would share one interpreter lock.  The pool is started on first use and
reused by later steps (the reader compares pair after pair).

How workers start: by ``fork`` on Linux when this process has no other
thread (the command line; a script): a forked worker starts at once, with
the engine and its model already loaded.  A process with threads (the
reader runs comparisons in a thread) must not fork: a lock some other thread
held would be copied held, and the worker could deadlock.  Its workers come
from a ``forkserver`` (``spawn`` where there is none), which re-runs the
program's main module in each worker, as Python's multiprocessing does for
those methods; a script without an ``if __name__ == "__main__"`` guard
would run again in every worker.  So that way is taken only when the
program says its main module is safe to re-run (:func:`main_module_is_safe`:
newsdiff's own command, reader included) or ``NEWSDIFF_WORKERS`` is set;
otherwise such a process works alone.  Should the machine refuse processes
at all (no ``/dev/shm``, a sandbox), the step runs here instead: slower,
never wrong.

``NEWSDIFF_WORKERS`` sets the number of workers (``1``: no workers).
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # imported when first needed: 35 ms the one-shot path rarely needs
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.context import BaseContext

A = TypeVar("A")
T = TypeVar("T")
R = TypeVar("R")

ENV_VAR = "NEWSDIFF_WORKERS"
#: A step is spread over workers from this much work (seconds of one core).
MIN_SPREAD_SECONDS = 1.0
#: A step is run in a worker beside the caller's work from this much work.
MIN_ASIDE_SECONDS = 0.25
#: Chunks per worker: enough for the workers to finish together when chunks differ in cost.
CHUNKS_PER_WORKER = 4
#: Modules the fork server imports once, so that each worker starts with the engine loaded.
_PRELOAD = ["newsdiff.text.facts", "newsdiff.engine.scoring.model"]

#: Whether the main module may be re-run in workers (see :func:`main_module_is_safe`).
_main_is_safe = False


def main_module_is_safe() -> None:
    """Declare that the program's main module does nothing when imported by a worker
    (its work is under ``if __name__ == "__main__"``), so that workers may be started
    by a fork server even when this process has threads."""
    global _main_is_safe
    _main_is_safe = True


def workers() -> int:
    """How many worker processes to use: ``$NEWSDIFF_WORKERS``, else one per usable core."""
    if configured := os.environ.get(ENV_VAR, "").strip():
        try:
            return max(1, int(configured))
        except ValueError:
            pass
    return usable_cores()


def usable_cores() -> int:
    """The cores this process may run on (a container or ``taskset`` may allow fewer than
    the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class LocalProcesses:
    """Worker processes on this machine, ``$NEWSDIFF_WORKERS`` of them (one per usable
    core by default), for the steps that are worth them; everything else here."""

    def __init__(self) -> None:
        #: The pool and its number of workers, once started.
        self._pool: tuple[int, ProcessPoolExecutor] | None = None
        #: Whether starting a pool failed here once: then every step runs in this process.
        self._refused = False
        self._lock = threading.Lock()
        atexit.register(self.shutdown)

    def spreads(self, items: int, per_second: int) -> bool:
        return self._pool_for(items >= 2 and items >= per_second * MIN_SPREAD_SECONDS) is not None

    def map_chunks(self, work: Callable[[list[T]], list[R]], items: Sequence[T],
                   per_second: int) -> list[R]:
        found = self._pool_for(len(items) >= 2 and len(items) >= per_second * MIN_SPREAD_SECONDS)
        if found is None:
            return work(list(items))
        count, pool = found
        from concurrent.futures.process import BrokenProcessPool

        size = -(-len(items) // (count * CHUNKS_PER_WORKER))
        chunks = [list(items[n : n + size]) for n in range(0, len(items), size)]
        try:
            results = list(pool.map(work, chunks))
        except BrokenProcessPool:  # a worker died (killed, out of memory): do it here
            self.shutdown()
            return work(list(items))
        return [result for chunk in results for result in chunk]

    def aside(self, work: Callable[[A], R], arg: A, seconds: float) -> Callable[[], R]:
        found = self._pool_for(seconds >= MIN_ASIDE_SECONDS)
        if found is None:
            return lambda: work(arg)
        from concurrent.futures.process import BrokenProcessPool

        future = found[1].submit(work, arg)

        def result() -> R:
            try:
                return future.result()
            except BrokenProcessPool:
                self.shutdown()
                return work(arg)

        return result

    def shutdown(self) -> None:
        """Stop the workers, if any: after a failure, and at exit (before Python takes apart
        the modules the pool's own clean-up needs)."""
        with self._lock:
            if self._pool is not None:
                self._pool[1].shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _pool_for(self, worth_it: bool) -> tuple[int, ProcessPoolExecutor] | None:
        """The pool and its number of workers, if spreading the work is ``worth_it``, there
        is more than one worker to spread it over, and workers can be had here."""
        count = workers()
        return self._executor(count) if worth_it and count > 1 else None

    def _executor(self, count: int) -> tuple[int, ProcessPoolExecutor] | None:
        """The pool of ``count`` workers, started on first use; ``None`` if workers cannot
        be started safely here (see :func:`_start_method`), or this machine refused them
        once (it is not asked again)."""
        from concurrent.futures import ProcessPoolExecutor

        with self._lock:
            if self._refused:
                return None
            if self._pool is None or self._pool[0] != count:
                if self._pool is not None:
                    self._pool[1].shutdown(wait=False)
                context = _start_method()
                if context is None:
                    return None
                # Under the reader, whose screen is the terminal, workers must not write to it.
                quiet = _silence_stderr if _stderr_replaced() else None
                try:
                    with _real_stderr():
                        pool = ProcessPoolExecutor(count, mp_context=context, initializer=quiet)
                except (OSError, ValueError):  # no /dev/shm, no semaphores, a sandbox
                    self._refused = True
                    return None
                self._pool = (count, pool)
            return self._pool


_shared: LocalProcesses | None = None


def shared_local_processes() -> LocalProcesses:
    """The process's one :class:`LocalProcesses`, made on first use."""
    global _shared
    if _shared is None:
        _shared = LocalProcesses()
    return _shared


def _stderr_replaced() -> bool:
    """Whether ``sys.stderr`` is not the process's own (Textual replaces it while an app
    runs: the terminal is the app's screen)."""
    try:
        return sys.stderr is None or sys.stderr.fileno() < 0
    except (AttributeError, OSError, ValueError):
        return True


@contextmanager
def _real_stderr() -> Iterator[None]:
    """The process's own standard error while starting the pool.

    Multiprocessing hands its helper process the descriptor of ``sys.stderr``;
    the reader runs under Textual, which replaces ``sys.stderr`` with an object
    whose descriptor is -1, and starting the helper then fails.
    """
    if not _stderr_replaced() or sys.__stderr__ is None:
        yield
        return
    replaced, sys.stderr = sys.stderr, sys.__stderr__
    try:
        yield
    finally:
        sys.stderr = replaced


def _silence_stderr() -> None:
    """A worker's start when the program's terminal is a screen (the reader): its standard
    error goes nowhere, so that a library's warning cannot scribble over the screen.  A
    worker's exceptions still reach the program, which raises them."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)


def _start_method() -> BaseContext | None:
    """How to start workers safely here, if at all (see the module docstring)."""
    import multiprocessing

    if sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if not (_main_is_safe or os.environ.get(ENV_VAR, "").strip()):
        return None
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        return context
    return multiprocessing.get_context("spawn")
