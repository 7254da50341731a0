from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.world import World


@pytest.fixture
def world(database_url: str, run: Any) -> Iterator[World]:
    """The application on a fresh database, with reference data and the four networks."""
    world = World.start(database_url)
    run(world.reference_data())
    run(world.networks())
    yield world
    run(world.close())
