"""Job functions: each builds a command and hands it to a fresh bus, nothing more."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from cms.core.accounts.commands import PurgeExpiredSessions
from cms.core.shared.bus import MessageBus

logger = logging.getLogger(__name__)

BUS_FACTORY = "bus_factory"  # the key under which a job's context carries the bus factory


async def purge_expired_sessions(ctx: dict[str, Any]) -> int:
    bus: MessageBus = ctx[BUS_FACTORY]()
    deleted = int(await bus.handle(PurgeExpiredSessions()))
    if deleted:
        logger.info("purged %d expired sessions", deleted)
    return deleted


@dataclass(frozen=True)
class PeriodicJob:
    function: Callable[[dict[str, Any]], Awaitable[Any]]
    every_s: int
    minute: int | None = None  # for arq's cron: run at this minute of every hour


PERIODIC_JOBS: tuple[PeriodicJob, ...] = (
    PeriodicJob(purge_expired_sessions, every_s=3600, minute=17),
)
