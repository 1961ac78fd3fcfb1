"""The private ``concurrent.futures`` API of :mod:`newsdiff.run.compat` is still there and
still does what is relied on: run this first after upgrading Python."""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import pytest

from newsdiff.run.compat import kill_workers


def pid_after(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def test_the_pool_still_keeps_its_workers_where_it_is_read():
    """``_processes``: its live workers, by process id, each a ``multiprocessing`` process."""
    pool = ProcessPoolExecutor(2)
    try:
        worker = pool.submit(pid_after, 0).result()
        assert worker in pool._processes
        assert pool._processes[worker].pid == worker
    finally:
        pool.shutdown()


def test_killing_the_workers_ends_their_work_and_breaks_the_pool():
    pool = ProcessPoolExecutor(2)
    try:
        worker = pool.submit(pid_after, 0).result()
        long = pool.submit(pid_after, 60)
        kill_workers(pool)
        with pytest.raises(BrokenProcessPool):
            long.result(timeout=30)  # not the minute the work would take
    finally:
        pool.shutdown(wait=True)
    with pytest.raises(ProcessLookupError):
        os.kill(worker, 0)  # gone, and reaped by the pool
