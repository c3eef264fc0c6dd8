"""The clock gp_core.job reads, in tests and the polling benchmark: its pauses pass at once and move
the clock on, so every request's time is exact and nothing waits."""

from __future__ import annotations


class Clock:
    """The `time` gp_core.job reads: `sleep` passes at once and moves `now` on."""

    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds
