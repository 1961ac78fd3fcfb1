"""The executor that runs everything in this process, in order: the reference result."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

A = TypeVar("A")
T = TypeVar("T")
R = TypeVar("R")


class InProcess:
    """Every step here, now (``aside`` when its result is asked for)."""

    def spreads(self, items: int, per_second: int) -> bool:
        return False

    def map_chunks(self, work: Callable[[list[T]], list[R]], items: Sequence[T],
                   per_second: int) -> list[R]:
        return work(list(items))

    def aside(self, work: Callable[[A], R], arg: A, seconds: float) -> Callable[[], R]:
        return lambda: work(arg)
