"""How a step's cost grows with its input, measured so that a busy machine cannot fail it.

Tests of "this stays fast on hostile or large input" compare the CPU time
this process spends on a small and a large input (best of three each)
rather than assert a wall-clock limit: a quadratic step grows by the square
of the size ratio, a linear one by the ratio, whatever else the machine is
doing.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

#: The least CPU time one measurement takes: a step that takes microseconds is repeated
#: until it is measured well above the clock's and the scheduler's noise.
MIN_MEASURED = 0.005


def growth(run: Callable[[int], object], small: int, large: int, repeats: int = 1) -> float:
    """How many times more CPU time ``run(large)`` takes than ``run(small)``."""
    return _cost(run, large, repeats) / max(_cost(run, small, repeats), 1e-9)


def near_linear(run: Callable[[int], object], small: int, large: int) -> bool:
    """Whether ``run`` grows clearly slower than quadratically from ``small`` to ``large``
    (by less than the size ratio to the power 1.5).

    A step that seems to grow faster is measured again, each size repeated until it takes
    :data:`MIN_MEASURED`: a step of microseconds is otherwise timed within the noise of a
    busy machine.  A step that does grow faster fails both times."""
    bound = (large / small) ** 1.5
    return (growth(run, small, large) < bound
            or growth(run, small, large, _repeats(run, small)) < bound)


def _repeats(run: Callable[[int], object], size: int) -> int:
    """How many calls of ``run(size)`` take at least :data:`MIN_MEASURED` of CPU time."""
    start = time.process_time()
    run(size)
    once = time.process_time() - start
    return max(1, min(1000, math.ceil(MIN_MEASURED / max(once, 1e-6))))


def _cost(run: Callable[[int], object], size: int, repeats: int) -> float:
    """The CPU time of ``repeats`` calls of ``run(size)``, best of three."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for _ in range(repeats):
            run(size)
        best = min(best, time.process_time() - start)
    return best
