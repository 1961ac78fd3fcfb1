"""How a step's cost grows with its input, measured so that a busy machine cannot fail it.

Tests of "this stays fast on hostile or large input" compare the CPU time
this process spends on a small and a large input (best of three each)
rather than assert a wall-clock limit: a quadratic step grows by the square
of the size ratio, a linear one by the ratio, whatever else the machine is
doing.
"""

from __future__ import annotations

import time
from collections.abc import Callable


def growth(run: Callable[[int], object], small: int, large: int) -> float:
    """How many times more CPU time ``run(large)`` takes than ``run(small)``."""
    return _cost(run, large) / max(_cost(run, small), 1e-6)


def near_linear(run: Callable[[int], object], small: int, large: int) -> bool:
    """Whether ``run`` grows clearly slower than quadratically from ``small`` to ``large``
    (by less than the size ratio to the power 1.5)."""
    return growth(run, small, large) < (large / small) ** 1.5


def _cost(run: Callable[[int], object], size: int) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        run(size)
        best = min(best, time.process_time() - start)
    return best
