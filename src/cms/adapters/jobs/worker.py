"""arq worker settings for the distributed mode."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from arq import cron
from arq.connections import RedisSettings
from arq.worker import func

from cms.adapters.jobs.functions import BUS_FACTORY, PERIODIC_JOBS, create_mprn
from cms.adapters.jobs.mprn_requests import CREATE_MPRN_JOB
from cms.core.shared.bus import MessageBus

MPRN_ATTEMPTS = 20  # with back-off capped at 5 minutes: over an hour of trying


def worker_settings(
    redis_url: str,
    bus_factory: Callable[[], MessageBus],
    on_shutdown: Callable[[], Awaitable[None]],
) -> dict[str, Any]:
    """The settings `arq.run_worker` takes; the composition root supplies the bus."""

    async def startup(ctx: dict[str, Any]) -> None:
        ctx[BUS_FACTORY] = bus_factory

    async def shutdown(ctx: dict[str, Any]) -> None:
        await on_shutdown()

    return {
        "functions": [
            *(job.function for job in PERIODIC_JOBS),
            func(create_mprn, name=CREATE_MPRN_JOB, max_tries=MPRN_ATTEMPTS),
        ],
        "cron_jobs": [
            cron(
                job.function,  # type: ignore[arg-type]
                hour=job.hour,
                minute=job.minute,
                run_at_startup=True,
                unique=True,  # one run at a time across workers; the jobs are idempotent too
            )
            for job in PERIODIC_JOBS
        ],
        "redis_settings": RedisSettings.from_dsn(redis_url),
        "on_startup": startup,
        "on_shutdown": shutdown,
    }
