"""Where the engine's bulk work runs: behind one protocol, :class:`Executor`.

The engine has a few steps that cost the same for every item and need
nothing but the item (asking the pair model about each candidate pair,
reading each sentence's details), and a few that need nothing of the steps
beside them (a story's quotes, beside its claims).  It hands those to an
executor with what it knows about them: how many items one core does in a
second, or how long the step takes.  The executor decides, from what *it*
costs to start, whether spreading them pays:

- :class:`~newsdiff.run.inprocess.InProcess` does everything here, in order;
- :class:`~newsdiff.run.processes.LocalProcesses` spreads large steps over
  worker processes on this machine, one per usable core.

A distributed engine plugs in here as one more executor: ``map_chunks`` is a
map over partitions, ``aside`` a submitted task.  Results never depend on the
executor, only how fast they come (a test holds every executor to that).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

A = TypeVar("A")
T = TypeVar("T")
R = TypeVar("R")


class Executor(Protocol):
    """Runs the engine's bulk steps, here or elsewhere, with the same results."""

    def spreads(self, items: int, per_second: int) -> bool:
        """Whether :meth:`map_chunks` would send a step of ``items`` items away (a caller
        may then ask the work to send back less)."""

    def map_chunks(self, work: Callable[[list[T]], list[R]], items: Sequence[T],
                   per_second: int) -> list[R]:
        """``work`` over ``items`` in chunks, its results in the order of ``items``.

        ``work`` takes a list of items and returns one result per item; it must be
        picklable (a module-level function, or a ``functools.partial`` of one) for
        an executor that sends it elsewhere.  ``per_second``: how many items one
        core does in a second, from which the executor judges whether to spread.
        """

    def aside(self, work: Callable[[A], R], arg: A, seconds: float) -> Callable[[], R]:
        """Start ``work(arg)`` (about ``seconds`` of work) while the caller goes on; the
        returned function waits for its result."""


def default_executor() -> Executor:
    """What the engine uses when the caller names no executor: this machine's worker
    processes when a step is worth them, as one :class:`LocalProcesses` shared by the
    process (its pool is started on first use and reused by later comparisons)."""
    from newsdiff.run.processes import shared_local_processes

    return shared_local_processes()
