from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from redis import Redis

from tests.support.databases import redis_or_skip
from tests.support.world import World


@pytest.fixture
def world(database_url: str, run: Any) -> Iterator[World]:
    """The application on a fresh database, with reference data and the four networks."""
    world = World.start(database_url)
    run(world.reference_data())
    run(world.networks())
    yield world
    run(world.close())


@pytest.fixture
def redis_url() -> Iterator[str]:
    """The test Redis database, emptied before and after (it holds only test data)."""
    url = redis_or_skip()
    Redis.from_url(url).flushdb()
    yield url
    Redis.from_url(url).flushdb()
