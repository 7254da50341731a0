"""Attempt counters in Redis: the distributed mode's AttemptCounters, shared by every process.

Each key's attempts are a sorted set scored by the attempt time (whole microseconds since the
epoch, from the clock it was given), each member unique (the time and a random suffix), so two
attempts in the same microsecond, from two processes, are both counted. `add` prunes, adds, caps,
counts and refreshes the expiry in one MULTI/EXEC transaction, so concurrent adds from any number
of processes each see a distinct count. A block is a key holding its until-time; its Redis expiry
only cleans up, the answer always comes from comparing the until-time with the clock.

Redis key layout, under the prefix: ``hits:<key>`` (the sorted set) and ``block:<key>``.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from redis.asyncio import Redis

from cms.core.shared.clock import Clock

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_SECOND_US = 1_000_000

DEFAULT_PREFIX = "cms:attempts:"
DEFAULT_MAX_PER_KEY = 10_000
# Redis expiries run on the server's wall clock, the windows on ours: keep a margin between them.
EXPIRY_MARGIN_S = 60


def _now_us(clock: Clock) -> int:
    """The clock's instant in whole microseconds since the epoch: exact, so no float rounding
    (and exact as a Redis score, a double, until the year 2255)."""
    return (clock.now() - _EPOCH) // _MICROSECOND


def _check_window(window_s: int) -> None:
    if window_s < 1:
        raise ValueError(f"window_s must be at least 1 second, not {window_s!r}")


class RedisAttemptCounters:
    """Sliding-window attempt counters and blocks in Redis; same behaviour as the memory ones.

    An attempt made exactly `window_s` seconds ago has left the window. A key keeps at most
    `max_per_key` attempts (the newest). Use one window per key: asking with a shorter window
    prunes the attempts a longer one would still count.
    """

    def __init__(
        self,
        redis: Redis,
        clock: Clock,
        prefix: str = DEFAULT_PREFIX,
        *,
        max_per_key: int = DEFAULT_MAX_PER_KEY,
    ) -> None:
        if max_per_key < 1:
            raise ValueError("max_per_key must be at least 1")
        self._redis = redis
        self._clock = clock
        self._prefix = prefix
        self._max_per_key = max_per_key

    def _attempts_key(self, key: str) -> str:
        return f"{self._prefix}hits:{key}"

    def _block_key(self, key: str) -> str:
        return f"{self._prefix}block:{key}"

    async def add(self, key: str, window_s: int) -> int:
        _check_window(window_s)
        now = _now_us(self._clock)
        name = self._attempts_key(key)
        member = f"{now}:{secrets.token_hex(8)}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.zremrangebyscore(name, "-inf", now - window_s * _SECOND_US)
            pipe.zadd(name, {member: now})
            pipe.zremrangebyrank(name, 0, -(self._max_per_key + 1))  # the oldest go first
            pipe.zcard(name)
            pipe.expire(name, window_s + EXPIRY_MARGIN_S)
            results = await pipe.execute()
        return int(results[3])

    async def count(self, key: str, window_s: int) -> int:
        _check_window(window_s)
        now = _now_us(self._clock)
        name = self._attempts_key(key)
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.zremrangebyscore(name, "-inf", now - window_s * _SECOND_US)
            pipe.zcard(name)
            results = await pipe.execute()
        return int(results[1])

    async def clear(self, key: str) -> None:
        await self._redis.delete(self._attempts_key(key), self._block_key(key))

    async def block(self, key: str, ttl_s: int) -> None:
        name = self._block_key(key)
        if ttl_s <= 0:
            await self._redis.delete(name)
            return
        until = _now_us(self._clock) + ttl_s * _SECOND_US
        await self._redis.set(name, str(until), ex=ttl_s + EXPIRY_MARGIN_S)

    async def blocked_for(self, key: str) -> int:
        raw = await self._redis.get(self._block_key(key))
        if raw is None:
            return 0
        remaining_us = int(raw) - _now_us(self._clock)
        if remaining_us <= 0:
            return 0  # left for its expiry: deleting here could race with a new block
        return -(-remaining_us // _SECOND_US)  # whole seconds, rounded up
