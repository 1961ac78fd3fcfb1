"""The engine's bulk steps spread over the machine's cores.

Two steps of a comparison cost the same for every item and need nothing but
the item: reading the facts of each sentence, and asking the paraphrase
model about each candidate pair.  On a large story (hundreds of articles) or
a long document they are most of the time, so they run in worker processes,
one per core (threads would share one interpreter lock).

Workers cost something to start (a fresh interpreter that imports the
engine and loads its model, about 0.2 s), so small inputs, which are the
usual ones, stay in this process: only a step of at least ``min_items``
items is spread.  The pool is started on first use and reused by later
comparisons in the same process (the reader compares pair after pair).

How workers start: by ``fork`` on Linux when this process has no other
thread (the command line): a forked worker starts at once, with the engine
and its model already loaded.  A process with threads (the reader runs
comparisons in a thread) must not fork: a lock some other thread held would
be copied held, and the worker could deadlock.  Its workers come from a
``forkserver`` (or ``spawn`` where there is none), which re-imports the
program's main module in each worker, as Python's multiprocessing always
does for those methods.  Should the machine refuse processes at all (no
``/dev/shm``, a sandbox), the step runs here instead: slower, never wrong.

``NEWSDIFF_WORKERS`` sets the number of workers (``1``: no workers).
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # imported when first needed: 35 ms the one-shot path rarely needs
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.context import BaseContext

T = TypeVar("T")
R = TypeVar("R")

ENV_VAR = "NEWSDIFF_WORKERS"
#: Chunks per worker: enough for the workers to finish together when chunks differ in cost.
CHUNKS_PER_WORKER = 4
#: Modules the fork server imports once, so that each worker starts with the engine loaded.
_PRELOAD = ["newsdiff.facts", "newsdiff.paraphrase"]

#: The shared pool and its number of workers, once started.
_pool: tuple[int, ProcessPoolExecutor] | None = None
_pool_lock = threading.Lock()


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


def map_chunks(work: Callable[[list[T]], list[R]], items: Sequence[T], min_items: int) -> list[R]:
    """``work`` over ``items`` in chunks, its results in the order of ``items``.

    ``work`` takes a list of items and returns one result per item; it must be
    a module-level function (it is sent to the workers by name).  Fewer than
    ``min_items`` items, or one worker, and it runs here on all of them.
    """
    count = workers()
    if len(items) < max(min_items, 2) or count < 2:
        return work(list(items))
    from concurrent.futures.process import BrokenProcessPool

    size = -(-len(items) // (count * CHUNKS_PER_WORKER))
    chunks = [list(items[n : n + size]) for n in range(0, len(items), size)]
    try:
        results = list(_executor(count).map(work, chunks))
    except (OSError, BrokenProcessPool):
        shutdown()  # the next step tries a fresh pool
        return work(list(items))
    return [result for chunk in results for result in chunk]


def _executor(count: int) -> ProcessPoolExecutor:
    """The shared pool of ``count`` workers, started on first use."""
    from concurrent.futures import ProcessPoolExecutor

    global _pool
    with _pool_lock:
        if _pool is None or _pool[0] != count:
            if _pool is not None:
                _pool[1].shutdown(wait=False)
            _pool = (count, ProcessPoolExecutor(count, mp_context=_start_method()))
        return _pool[1]


def _start_method() -> BaseContext:
    """How to start workers safely here (see the module docstring)."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


def shutdown() -> None:
    """Stop the workers, if any: after a failure, and at exit (before Python takes apart
    the modules the pool's own clean-up needs)."""
    global _pool
    with _pool_lock:
        if _pool is not None:
            _pool[1].shutdown(wait=True, cancel_futures=True)
        _pool = None


atexit.register(shutdown)
