"""Queueing the job that asks UK Link for a new MPRN: arq in the distributed mode,
an asyncio task with back-off in the embedded one. Both run the same command."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from arq import ArqRedis, create_pool
from arq.connections import RedisSettings

from cms.core.contacts.commands import CreateMprn
from cms.core.contacts.ports import MeterPointCreationFailed
from cms.core.shared.bus import MessageBus

logger = logging.getLogger(__name__)
CREATE_MPRN_JOB = "create_mprn"


def backoff_s(attempt: int, base_s: float = 1.0, cap_s: float = 300.0) -> float:
    """1, 2, 4, 8 ... seconds, at most five minutes."""
    return float(min(cap_s, base_s * 2 ** max(0, attempt - 1)))


class InProcessMprnRequests:
    def __init__(
        self, bus_factory: Callable[[], MessageBus], attempts: int = 10, base_s: float = 1.0
    ) -> None:
        self._bus_factory = bus_factory
        self._attempts = attempts
        self._base_s = base_s
        self._in_flight: dict[str, asyncio.Task[None]] = {}

    async def request_mprn(self, crn: str) -> None:
        if crn not in self._in_flight:  # one attempt sequence per contact at a time
            task = asyncio.create_task(self._create(crn))
            self._in_flight[crn] = task
            task.add_done_callback(lambda _: self._in_flight.pop(crn, None))

    async def _create(self, crn: str) -> None:
        for attempt in range(1, self._attempts + 1):
            try:
                await self._bus_factory().handle(CreateMprn(crn=crn))
                return
            except MeterPointCreationFailed as error:
                delay = backoff_s(attempt, self._base_s)
                logger.warning(
                    "MPRN for %s not created (%s); retry in %.0f s", crn, error.message, delay
                )
                await asyncio.sleep(delay)
        logger.error(
            "MPRN for %s not created after %d attempts; the sweep will retry", crn, self._attempts
        )

    async def drain(self) -> None:
        """Wait for the requests under way (tests, and a clean shutdown)."""
        while self._in_flight:
            await asyncio.gather(*list(self._in_flight.values()), return_exceptions=True)


class ArqMprnRequests:
    """Enqueues one arq job per contact: the job id makes a second request a no-op."""

    def __init__(self, redis_url: str) -> None:
        self._settings = RedisSettings.from_dsn(redis_url)
        self._pool: ArqRedis | None = None

    async def request_mprn(self, crn: str) -> None:
        if self._pool is None:
            self._pool = await create_pool(self._settings)
        await self._pool.enqueue_job(CREATE_MPRN_JOB, crn, _job_id=f"{CREATE_MPRN_JOB}:{crn}")

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.aclose()
            self._pool = None
