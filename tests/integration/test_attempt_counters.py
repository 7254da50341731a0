"""Attempt counters: the same behaviour in memory (embedded mode) and in a real Redis (distributed).

Time comes from a FixedClock that the tests move, so both implementations see the same instants.
The Redis flavour works under a unique key prefix per test and deletes its keys afterwards.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from redis.asyncio import Redis

from cms.adapters.counters.memory import MemoryAttemptCounters
from cms.adapters.counters.redis import EXPIRY_MARGIN_S, RedisAttemptCounters
from cms.core.shared.clock import FixedClock
from cms.core.shared.rate_limits import AttemptCounters
from tests.support.databases import redis_or_skip

# Not on a whole second, so rounding of the remaining block time is exercised.
START = datetime(2025, 3, 3, 9, 0, 0, 123_457, tzinfo=UTC)
WINDOW_S = 60

MakeCounters = Callable[..., AttemptCounters]


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


def move(clock: FixedClock, **delta: float) -> None:
    clock.set(clock.now() + timedelta(**delta))


async def _redis_client(url: str) -> Redis:
    client: Redis = Redis.from_url(url)  # made inside the session's loop, as its pool will be
    return client


async def _delete_prefix(client: Redis, prefix: str) -> None:
    keys = [key async for key in client.scan_iter(match=f"{prefix}*", count=500)]
    if keys:
        await client.delete(*keys)


@pytest.fixture
def redis_url() -> str:
    return redis_or_skip()


@pytest.fixture
def redis_prefix(redis_url: str, run: Any) -> Iterator[str]:
    """A key prefix of this test's own; every key under it is deleted afterwards."""
    prefix = f"cms:test:attempts:{uuid.uuid4().hex}:"
    yield prefix
    client = run(_redis_client(redis_url))
    try:
        run(_delete_prefix(client, prefix))
    finally:
        run(client.aclose())


@pytest.fixture
def redis_clients(redis_url: str, redis_prefix: str, run: Any) -> Iterator[list[Redis]]:
    """Redis clients made for this test (each its own connection pool), closed afterwards."""
    clients: list[Redis] = []
    yield clients
    for client in clients:
        run(client.aclose())


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def make_counters(request: pytest.FixtureRequest, clock: FixedClock, run: Any) -> MakeCounters:
    """A factory for counters of each kind on the test's clock: the behaviour tests run on both."""
    if request.param == "memory":
        return lambda **options: MemoryAttemptCounters(clock, **options)
    url: str = request.getfixturevalue("redis_url")
    prefix: str = request.getfixturevalue("redis_prefix")
    clients: list[Redis] = request.getfixturevalue("redis_clients")

    def make_redis(**options: Any) -> AttemptCounters:
        client = run(_redis_client(url))
        clients.append(client)
        return RedisAttemptCounters(client, clock, prefix, **options)

    return make_redis


@pytest.fixture
def counters(make_counters: MakeCounters) -> AttemptCounters:
    return make_counters()


# ---------------------------------------------------------------- the shared behaviour


def test_attempts_are_counted_within_the_window(counters: AttemptCounters, run: Any) -> None:
    assert run(counters.count("sign-in:alice", WINDOW_S)) == 0
    assert [run(counters.add("sign-in:alice", WINDOW_S)) for _ in range(3)] == [1, 2, 3]
    assert run(counters.count("sign-in:alice", WINDOW_S)) == 3
    assert run(counters.count("sign-in:alice", WINDOW_S)) == 3  # counting is not an attempt


def test_old_attempts_fall_out_of_the_window_as_the_clock_moves(
    counters: AttemptCounters, clock: FixedClock, run: Any
) -> None:
    run(counters.add("k", WINDOW_S))  # at START
    move(clock, seconds=30)
    assert run(counters.add("k", WINDOW_S)) == 2  # at START + 30 s

    move(clock, seconds=30, microseconds=-1)  # a microsecond short of a minute after the first
    assert run(counters.count("k", WINDOW_S)) == 2
    move(clock, microseconds=1)  # exactly a minute after the first: it has left the window
    assert run(counters.count("k", WINDOW_S)) == 1
    move(clock, seconds=30)
    assert run(counters.count("k", WINDOW_S)) == 0
    assert run(counters.add("k", WINDOW_S)) == 1


def test_a_new_attempt_after_a_quiet_spell_starts_from_one(
    counters: AttemptCounters, clock: FixedClock, run: Any
) -> None:
    for _ in range(5):
        run(counters.add("k", WINDOW_S))
    move(clock, hours=1)
    assert run(counters.add("k", WINDOW_S)) == 1


def test_clear_forgets_the_attempts_and_the_block(counters: AttemptCounters, run: Any) -> None:
    run(counters.add("k", WINDOW_S))
    run(counters.add("k", WINDOW_S))
    run(counters.block("k", 300))
    run(counters.clear("k"))
    assert run(counters.count("k", WINDOW_S)) == 0
    assert run(counters.blocked_for("k")) == 0
    assert run(counters.add("k", WINDOW_S)) == 1
    run(counters.clear("never-seen"))  # clearing an unknown key is harmless


def test_a_block_lasts_its_ttl_and_then_ends(
    counters: AttemptCounters, clock: FixedClock, run: Any
) -> None:
    assert run(counters.blocked_for("k")) == 0
    run(counters.block("k", 300))
    assert run(counters.blocked_for("k")) == 300
    move(clock, seconds=0.5)
    assert run(counters.blocked_for("k")) == 300  # whole seconds, rounded up
    move(clock, seconds=299)
    assert run(counters.blocked_for("k")) == 1
    move(clock, seconds=0.5)
    assert run(counters.blocked_for("k")) == 0
    move(clock, seconds=10)
    assert run(counters.blocked_for("k")) == 0


def test_a_new_block_replaces_the_old_one(
    counters: AttemptCounters, clock: FixedClock, run: Any
) -> None:
    run(counters.block("k", 300))
    move(clock, seconds=100)
    run(counters.block("k", 900))
    assert run(counters.blocked_for("k")) == 900
    run(counters.block("k", 0))  # no time at all: not blocked
    assert run(counters.blocked_for("k")) == 0


def test_blocking_does_not_touch_the_attempts(counters: AttemptCounters, run: Any) -> None:
    run(counters.add("k", WINDOW_S))
    run(counters.block("k", 60))
    assert run(counters.count("k", WINDOW_S)) == 1
    assert run(counters.add("k", WINDOW_S)) == 2


def test_keys_are_independent(counters: AttemptCounters, run: Any) -> None:
    run(counters.add("ip:192.0.2.1", WINDOW_S))
    run(counters.add("ip:192.0.2.1", WINDOW_S))
    run(counters.add("user:alice", WINDOW_S))
    run(counters.block("ip:192.0.2.1", 120))

    assert run(counters.count("ip:192.0.2.1", WINDOW_S)) == 2
    assert run(counters.count("user:alice", WINDOW_S)) == 1
    assert run(counters.blocked_for("user:alice")) == 0

    run(counters.clear("ip:192.0.2.1"))
    assert run(counters.count("user:alice", WINDOW_S)) == 1
    assert run(counters.count("ip:192.0.2.1", WINDOW_S)) == 0


def test_keys_that_look_like_the_internal_layout_do_not_collide(
    counters: AttemptCounters, run: Any
) -> None:
    run(counters.block("x", 60))
    assert run(counters.add("block:x", WINDOW_S)) == 1
    assert run(counters.blocked_for("x")) == 60
    assert run(counters.blocked_for("hits:x")) == 0


def test_the_attempts_kept_per_key_are_capped_dropping_the_oldest(
    make_counters: MakeCounters, clock: FixedClock, run: Any
) -> None:
    counters = make_counters(max_per_key=5)
    counts = []
    for _ in range(8):  # at START + 0 s ... START + 7 s; the first three are dropped
        counts.append(run(counters.add("flood", WINDOW_S)))
        move(clock, seconds=1)
    assert counts == [1, 2, 3, 4, 5, 5, 5, 5]
    move(clock, seconds=WINDOW_S - 8)  # START + 60 s: the attempt at START + 3 s is still in
    assert run(counters.count("flood", WINDOW_S)) == 5
    move(clock, seconds=3)  # START + 63 s: the one at START + 3 s has left
    assert run(counters.count("flood", WINDOW_S)) == 4


def test_attempts_are_kept_in_time_order_when_the_clock_goes_back(
    counters: AttemptCounters, clock: FixedClock, run: Any
) -> None:
    move(clock, seconds=10)
    run(counters.add("k", WINDOW_S))  # at START + 10 s
    clock.set(START)
    assert run(counters.add("k", WINDOW_S)) == 2  # at START
    move(clock, seconds=65)  # the one at START has left the window, the later one has not
    assert run(counters.count("k", WINDOW_S)) == 1


@pytest.mark.parametrize("window_s", [0, -5])
def test_a_window_must_be_at_least_a_second(
    counters: AttemptCounters, run: Any, window_s: int
) -> None:
    with pytest.raises(ValueError, match="window_s"):
        run(counters.add("k", window_s))
    with pytest.raises(ValueError, match="window_s"):
        run(counters.count("k", window_s))


# ---------------------------------------------------------------- memory only


def test_memory_drops_keys_with_nothing_left(clock: FixedClock, run: Any) -> None:
    counters = MemoryAttemptCounters(clock)
    run(counters.add("a", WINDOW_S))
    run(counters.block("b", 30))
    assert len(counters) == 2
    move(clock, minutes=5)
    assert run(counters.count("a", WINDOW_S)) == 0
    assert run(counters.blocked_for("b")) == 0
    assert len(counters) == 0


def test_memory_sweeps_keys_that_are_never_asked_about_again(clock: FixedClock, run: Any) -> None:
    counters = MemoryAttemptCounters(clock)
    for number in range(3_000):  # a scan from many addresses, each seen once
        run(counters.add(f"ip:{number}", WINDOW_S))
    run(counters.block("user:bob", 10))
    move(clock, minutes=2)
    for _ in range(3_100):  # later traffic, on one key, triggers the sweep
        run(counters.add("ip:busy", WINDOW_S))
    assert len(counters) == 1


# ---------------------------------------------------------------- Redis only


@pytest.mark.redis
def test_redis_keys_live_under_the_prefix_and_expire(
    redis_url: str, redis_prefix: str, clock: FixedClock, run: Any
) -> None:
    async def scenario() -> tuple[set[bytes], int, int]:
        client = Redis.from_url(redis_url)
        try:
            counters = RedisAttemptCounters(client, clock, redis_prefix)
            await counters.add("user:alice", WINDOW_S)
            await counters.block("user:alice", 300)
            keys = {key async for key in client.scan_iter(match=f"{redis_prefix}*")}
            hits_ttl = await client.ttl(f"{redis_prefix}hits:user:alice")
            block_ttl = await client.ttl(f"{redis_prefix}block:user:alice")
            return keys, hits_ttl, block_ttl
        finally:
            await client.aclose()

    keys, hits_ttl, block_ttl = run(scenario())
    assert keys == {
        f"{redis_prefix}hits:user:alice".encode(),
        f"{redis_prefix}block:user:alice".encode(),
    }
    assert WINDOW_S < hits_ttl <= WINDOW_S + EXPIRY_MARGIN_S
    assert 300 < block_ttl <= 300 + EXPIRY_MARGIN_S


@pytest.mark.redis
def test_redis_counts_concurrent_adds_from_two_clients_exactly(
    redis_url: str, redis_prefix: str, clock: FixedClock, run: Any
) -> None:
    """Two processes' worth of clients, 50 adds each at one instant: counts 1..100, once each."""

    async def scenario() -> tuple[list[int], int]:
        first, second = Redis.from_url(redis_url), Redis.from_url(redis_url)
        try:
            one = RedisAttemptCounters(first, clock, redis_prefix)
            two = RedisAttemptCounters(second, clock, redis_prefix)
            counts = await asyncio.gather(
                *(
                    counters.add("sign-in:alice", WINDOW_S)
                    for _ in range(50)
                    for counters in (one, two)
                )
            )
            return list(counts), await one.count("sign-in:alice", WINDOW_S)
        finally:
            await first.aclose()
            await second.aclose()

    counts, total = run(scenario())
    assert sorted(counts) == list(range(1, 101))
    assert total == 100
