"""Throttle: keep a least delay between requests to one service (rate limits, usage policies).

Used by the online geocoders and by page fetching; time goes through injectable
``clock``/``sleep`` callables so tests never really sleep.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

__all__ = ["Throttle"]


class Throttle:
    """Keep at least ``min_delay`` seconds between calls of :meth:`wait`.

    ``clock`` and ``sleep`` are injectable so tests run with a fake clock.
    """

    def __init__(
        self,
        min_delay: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.min_delay = max(0.0, float(min_delay))
        self.clock = clock
        self.sleep = sleep
        self._last: float | None = None
        self._lock = threading.Lock()

    def wait(self) -> float:
        """Sleep as long as needed before the next request; return the time slept."""
        with self._lock:
            slept = 0.0
            now = self.clock()
            if self._last is not None and now < self._last + self.min_delay:
                due = self._last + self.min_delay
                slept = due - now
                self.sleep(slept)
                # A clock that did not move (or a sleep cut short) still counts the full delay.
                now = max(self.clock(), due)
            self._last = now
            return slept
