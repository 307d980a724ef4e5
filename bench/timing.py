"""The one way the benchmarks time Python code in-process: the best of a few passes."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable


def best(run: Callable[[], object], passes: int, clock: Callable[[], float] = time.perf_counter,
         ) -> float:
    """The fastest of ``passes`` timed runs, in seconds (garbage collection paused, as timeit
    does, so a collection triggered by earlier work does not land in one contender's time)."""
    times = []
    for _ in range(passes):
        gc.collect()
        gc.disable()
        try:
            start = clock()
            run()
            times.append(clock() - start)
        finally:
            gc.enable()
    return min(times)
