"""`cms worker` runs the background jobs on arq and Redis, against PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select

from cms.adapters.sql.tables import sessions
from cms.core.accounts.model import OrganisationKind
from tests.support.databases import redis_or_skip
from tests.support.world import World


def test_the_worker_purges_sessions_past_their_lifetime(postgres_url: str, run: Any) -> None:
    redis_url = redis_or_skip()
    world = World.start(postgres_url)
    # Sign in 13 hours ago: past the 12-hour absolute lifetime by the worker's real clock.
    world.clock.set(world.clock.now().replace(year=2000))
    try:
        run(world.organisation("AGS", OrganisationKind.SHIPPER, "Alpha Gas Shipping"))
        run(world.user("alice@alpha.example", "AGS", "Alice Ashworth"))
        run(world.sign_in("alice@alpha.example"))
        world.clock.set(world.clock.now() + timedelta(days=365 * 30))
        run(world.sign_in("alice@alpha.example"))  # far in the future: must survive

        env = {**os.environ, "CMS_DATABASE_URL": postgres_url, "CMS_REDIS_URL": redis_url}
        worker = subprocess.Popen(
            [sys.executable, "-m", "cms", "worker"], env=env, stderr=subprocess.PIPE, text=True
        )

        async def remaining() -> int:
            async with world.engine.connect() as connection:
                count = select(func.count()).select_from(sessions)
                return int((await connection.execute(count)).scalar_one())

        try:
            deadline = time.monotonic() + 30
            while run(remaining()) != 1 and time.monotonic() < deadline:
                time.sleep(0.2)
        finally:
            worker.terminate()
            _, log = worker.communicate(timeout=20)
        assert run(remaining()) == 1, log
        assert "purge_expired_sessions" in log
    finally:
        run(world.close())
