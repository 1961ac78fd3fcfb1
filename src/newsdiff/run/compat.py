"""The private API of Python's ``concurrent.futures`` the worker processes rely on, behind
one name here.

An interrupted program must end its workers at once, abandoning their work: a
``ProcessPoolExecutor`` offers no public way before Python 3.14 (whose
``kill_workers()`` may replace this once 3.14 is the oldest supported), and its
``shutdown()`` waits for the work under way.  So its private record of its
workers, ``_processes``, is read.
Nothing else in newsdiff touches a private name of the standard library;
``tests/run/test_compat.py`` checks that the one used here is still there and
still does what is relied on.  After upgrading Python, run that test first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # processes.py imports the pool only when a step is worth it
    from concurrent.futures import ProcessPoolExecutor


def kill_workers(pool: ProcessPoolExecutor) -> None:
    """SIGKILL every worker process ``pool`` has started and not yet reaped; their work is
    lost, and the pool breaks (its own thread then finds them gone and closes it)."""
    for process in list((pool._processes or {}).values()):
        process.kill()
