"""Job functions: each builds a command and hands it to a fresh bus, nothing more."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from cms.core.accounts.commands import DisableInactiveUsers, PurgeExpiredSessions
from cms.core.shared.bus import MessageBus

logger = logging.getLogger(__name__)

BUS_FACTORY = "bus_factory"  # the key under which a job's context carries the bus factory


async def purge_expired_sessions(ctx: dict[str, Any]) -> int:
    bus: MessageBus = ctx[BUS_FACTORY]()
    deleted = int(await bus.handle(PurgeExpiredSessions()))
    if deleted:
        logger.info("purged %d expired sessions", deleted)
    return deleted


async def disable_inactive_users(ctx: dict[str, Any]) -> dict[str, int]:
    bus: MessageBus = ctx[BUS_FACTORY]()
    report = await bus.handle(DisableInactiveUsers())
    logger.info(
        "inactivity sweep: %d warned, %d disabled", len(report.warned), len(report.disabled)
    )
    return {"warned": len(report.warned), "disabled": len(report.disabled)}


@dataclass(frozen=True)
class PeriodicJob:
    function: Callable[[dict[str, Any]], Awaitable[Any]]
    every_s: int
    minute: int  # for arq's cron: at this minute...
    hour: int | None = None  # ...of this hour (None: every hour)


PERIODIC_JOBS: tuple[PeriodicJob, ...] = (
    PeriodicJob(purge_expired_sessions, every_s=3600, minute=17),
    # Daily, early in the morning UK time, before the service opens at 07:00.
    PeriodicJob(disable_inactive_users, every_s=24 * 3600, minute=5, hour=2),
)
