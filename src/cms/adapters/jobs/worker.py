"""arq worker settings for the distributed mode."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable
from typing import Any

from arq import cron
from arq.connections import RedisSettings
from arq.worker import Worker, func

from cms.adapters.jobs.functions import BUS_FACTORY, PERIODIC_JOBS, create_mprn
from cms.adapters.jobs.mprn_requests import CREATE_MPRN_JOB
from cms.core.shared.bus import MessageBus

logger = logging.getLogger(__name__)
RESTART_FIRST_S, RESTART_MAX_S = 1.0, 10.0
MPRN_ATTEMPTS = 20  # with back-off capped at 5 minutes: over an hour of trying


def worker_settings(redis_url: str, bus_factory: Callable[[], MessageBus]) -> dict[str, Any]:
    """The settings arq's Worker takes; the composition root supplies the bus."""

    async def startup(ctx: dict[str, Any]) -> None:
        ctx[BUS_FACTORY] = bus_factory

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
    }


async def run_worker_process(
    redis_url: str, bus_factory: Callable[[], MessageBus], stop: asyncio.Event | None = None
) -> None:
    """Run arq's jobs until SIGTERM or SIGINT (or `stop`). arq ends when Redis goes away; the
    jobs wait in Redis meanwhile, so arq is started again once Redis is back."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signal_number, stop.set)
    delay = RESTART_FIRST_S
    while not stop.is_set():
        worker = Worker(**worker_settings(redis_url, bus_factory), handle_signals=False)
        started = loop.time()
        running = asyncio.create_task(worker.async_run())
        stopping = asyncio.create_task(stop.wait())
        await asyncio.wait({running, stopping}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        if not running.done():
            running.cancel()
        with contextlib.suppress(BaseException):
            await running
        if running.done() and not running.cancelled() and running.exception() is not None:
            logger.warning("jobs paused: %s; starting again in %.0f s", running.exception(), delay)
        with contextlib.suppress(Exception):
            await worker.close()
        if stop.is_set():
            break
        delay = RESTART_FIRST_S if loop.time() - started > 60 else min(delay * 2, RESTART_MAX_S)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), delay)
