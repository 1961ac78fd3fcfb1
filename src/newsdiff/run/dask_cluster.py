"""The engine's bulk steps on a Dask cluster: the executor behind ``--scheduler ADDRESS``.

When one machine is not enough, corpus mode runs on an existing Dask cluster
(``dask.distributed``: pure Python, pip-installed, a scheduler and workers
started with ``dask scheduler`` and ``dask worker``, or any deployment of
them).  This executor is the only place that knows it: :meth:`map_chunks` is
a map over chunks submitted to the cluster, :meth:`aside` a submitted task.
The work functions are the same module-level functions the local worker
processes run, so the results are the same (a test runs a corpus on a
``LocalCluster`` of two workers and compares the tables with an in-process run).

Every worker needs newsdiff, with the corpus extra, installed (the same
version: the work is sent by reference to its functions, by cloudpickle).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from newsdiff.values import InputError

if TYPE_CHECKING:
    from distributed import Client

A = TypeVar("A")
T = TypeVar("T")
R = TypeVar("R")

#: Chunks per worker thread: enough for the workers to finish together.
CHUNKS_PER_THREAD = 4
#: A step is sent to the cluster from this much work (seconds of one core): below it, the
#: round trips cost more than the work.
MIN_SPREAD_SECONDS = 1.0
#: How long connecting to a scheduler may take before the run gives up.
CONNECT_SECONDS = 20


class DaskCluster:
    """The steps worth it on the cluster of ``client``; the rest in this process."""

    def __init__(self, client: Client) -> None:
        self.client = client

    @classmethod
    def connect(cls, address: str) -> DaskCluster:
        """Connect to the scheduler at ``address`` (``tcp://host:8786``); an address that
        answers no scheduler is a one-line error."""
        try:
            from distributed import Client
        except ImportError:
            raise InputError("--scheduler needs Dask: pip install 'newsdiff[corpus]'") from None
        try:
            return cls(Client(address, timeout=CONNECT_SECONDS))
        except (OSError, TimeoutError, ValueError) as e:
            raise InputError(f"cannot reach a Dask scheduler at {address}: {e}") from None

    def _threads(self) -> int:
        return max(1, sum(self.client.nthreads().values()))

    def spreads(self, items: int, per_second: int) -> bool:
        return items >= 2 and items >= per_second * MIN_SPREAD_SECONDS

    def map_chunks(self, work: Callable[[list[T]], list[R]], items: Sequence[T],
                   per_second: int) -> list[R]:
        if not self.spreads(len(items), per_second):
            return work(list(items))
        size = -(-len(items) // (self._threads() * CHUNKS_PER_THREAD))
        chunks = [list(items[n:n + size]) for n in range(0, len(items), size)]
        futures = self.client.map(work, chunks, pure=False)
        return [result for chunk in self.client.gather(futures) for result in chunk]

    def aside(self, work: Callable[[A], R], arg: A, seconds: float) -> Callable[[], R]:
        future = self.client.submit(work, arg, pure=False)
        return future.result

    def close(self) -> None:
        self.client.close()
