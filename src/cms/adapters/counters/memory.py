"""Attempt counters in this process's memory: the embedded mode's AttemptCounters.

Each key keeps a deque of attempt times (whole microseconds since the epoch, from the clock it was
given), pruned to the window on every access and capped, so a flood cannot exhaust memory. Blocks
are until-times. Keys whose attempts have all left their window, and blocks that have ended, are
dropped: on access, and by a sweep over every key that runs after as many operations as there are
keys (so it costs O(1) per operation, amortised).

Every method runs without awaiting anything, so under asyncio each is atomic: no lock is needed.
It is not meant to be shared between threads.
"""

from __future__ import annotations

import bisect
from collections import deque
from datetime import UTC, datetime, timedelta

from cms.core.shared.clock import Clock

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_SECOND_US = 1_000_000

DEFAULT_MAX_PER_KEY = 10_000
_MIN_SWEEP_INTERVAL = 1_024


def _now_us(clock: Clock) -> int:
    """The clock's instant in whole microseconds since the epoch: exact, so no float rounding."""
    return (clock.now() - _EPOCH) // _MICROSECOND


def _check_window(window_s: int) -> None:
    if window_s < 1:
        raise ValueError(f"window_s must be at least 1 second, not {window_s!r}")


class MemoryAttemptCounters:
    """Sliding-window attempt counters and blocks, for one process.

    An attempt made exactly `window_s` seconds ago has left the window. A key keeps at most
    `max_per_key` attempts (the newest), so counts stop growing there. Use one window per key:
    asking with a shorter window prunes the attempts a longer one would still count (the Redis
    implementation does the same).
    """

    def __init__(self, clock: Clock, *, max_per_key: int = DEFAULT_MAX_PER_KEY) -> None:
        if max_per_key < 1:
            raise ValueError("max_per_key must be at least 1")
        self._clock = clock
        self._max_per_key = max_per_key
        self._attempts: dict[str, deque[int]] = {}
        self._windows_us: dict[str, int] = {}  # the window each key was last used with
        self._blocked_until_us: dict[str, int] = {}
        self._operations_since_sweep = 0

    def __len__(self) -> int:
        """How many keys hold attempts or a block (swept lazily): for metrics and tests."""
        return len(self._attempts.keys() | self._blocked_until_us.keys())

    async def add(self, key: str, window_s: int) -> int:
        _check_window(window_s)
        now = _now_us(self._clock)
        self._maybe_sweep(now)
        window_us = window_s * _SECOND_US
        attempts = self._attempts.get(key)
        if attempts is None:
            attempts = self._attempts[key] = deque()
        self._windows_us[key] = window_us
        _prune(attempts, now - window_us)
        if attempts and now < attempts[-1]:
            bisect.insort(attempts, now)  # the clock went back: keep the deque in time order
        else:
            attempts.append(now)
        while len(attempts) > self._max_per_key:
            attempts.popleft()  # the oldest go first, as in Redis
        return len(attempts)

    async def count(self, key: str, window_s: int) -> int:
        _check_window(window_s)
        now = _now_us(self._clock)
        self._maybe_sweep(now)
        attempts = self._attempts.get(key)
        if attempts is None:
            return 0
        _prune(attempts, now - window_s * _SECOND_US)
        if not attempts:
            self._forget_attempts(key)
            return 0
        return len(attempts)

    async def clear(self, key: str) -> None:
        self._forget_attempts(key)
        self._blocked_until_us.pop(key, None)

    async def block(self, key: str, ttl_s: int) -> None:
        now = _now_us(self._clock)
        self._maybe_sweep(now)
        if ttl_s <= 0:
            self._blocked_until_us.pop(key, None)
            return
        self._blocked_until_us[key] = now + ttl_s * _SECOND_US

    async def blocked_for(self, key: str) -> int:
        until = self._blocked_until_us.get(key)
        if until is None:
            return 0
        remaining_us = until - _now_us(self._clock)
        if remaining_us <= 0:
            del self._blocked_until_us[key]
            return 0
        return -(-remaining_us // _SECOND_US)  # whole seconds, rounded up

    def _forget_attempts(self, key: str) -> None:
        self._attempts.pop(key, None)
        self._windows_us.pop(key, None)

    def _maybe_sweep(self, now: int) -> None:
        """Drop every key with nothing left in its window, and every ended block."""
        self._operations_since_sweep += 1
        keys = len(self._attempts) + len(self._blocked_until_us)
        if self._operations_since_sweep < max(_MIN_SWEEP_INTERVAL, keys):
            return
        self._operations_since_sweep = 0
        for key, attempts in list(self._attempts.items()):
            _prune(attempts, now - self._windows_us[key])
            if not attempts:
                self._forget_attempts(key)
        for key, until in list(self._blocked_until_us.items()):
            if until <= now:
                del self._blocked_until_us[key]


def _prune(attempts: deque[int], cutoff_us: int) -> None:
    """Drop the attempts made at or before `cutoff_us` (oldest first, so stop at the first kept)."""
    while attempts and attempts[0] <= cutoff_us:
        attempts.popleft()
