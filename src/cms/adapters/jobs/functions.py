"""Job functions: each builds a command and hands it to a fresh bus, nothing more."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from cms.adapters.jobs.mprn_requests import backoff_s
from cms.core.accounts.commands import DisableInactiveUsers, PurgeExpiredSessions
from cms.core.contacts.commands import CreateMprn, LapseUnansweredQuestions, RequestMissingMprns
from cms.core.contacts.ports import MeterPointCreationFailed
from cms.core.contacts.read_model import RedeliverContactEvents
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


async def create_mprn(ctx: dict[str, Any], crn: str) -> str | None:
    """Ask UK Link for the contact's MPRN; on failure arq retries it with back-off."""
    from arq import Retry

    bus: MessageBus = ctx[BUS_FACTORY]()
    try:
        return await bus.handle(CreateMprn(crn=crn))  # type: ignore[no-any-return]
    except MeterPointCreationFailed as error:
        attempt = int(ctx.get("job_try", 1))
        logger.warning("MPRN for %s not created (%s); attempt %d", crn, error.message, attempt)
        raise Retry(defer=backoff_s(attempt)) from error


async def request_missing_mprns(ctx: dict[str, Any]) -> int:
    bus: MessageBus = ctx[BUS_FACTORY]()
    return int(await bus.handle(RequestMissingMprns()))


async def lapse_unanswered_questions(ctx: dict[str, Any]) -> int:
    bus: MessageBus = ctx[BUS_FACTORY]()
    lapsed = await bus.handle(LapseUnansweredQuestions())
    if lapsed:
        logger.info("lapsed %d contacts with unanswered questions", len(lapsed))
    return len(lapsed)


async def redeliver_contact_events(ctx: dict[str, Any]) -> int:
    bus: MessageBus = ctx[BUS_FACTORY]()
    return int(await bus.handle(RedeliverContactEvents()))


@dataclass(frozen=True)
class PeriodicJob:
    function: Callable[[dict[str, Any]], Awaitable[Any]]
    every_s: int
    minute: int | set[int]  # for arq's cron: at this minute (or these minutes)...
    hour: int | None = None  # ...of this hour (None: every hour)


PERIODIC_JOBS: tuple[PeriodicJob, ...] = (
    PeriodicJob(purge_expired_sessions, every_s=3600, minute=17),
    # Daily, early in the morning UK time, before the service opens at 07:00.
    PeriodicJob(disable_inactive_users, every_s=24 * 3600, minute=5, hour=2),
    PeriodicJob(lapse_unanswered_questions, every_s=24 * 3600, minute=20, hour=2),
    # Accepted contacts whose MPRN job was lost (a crash, Redis down) are asked for again.
    PeriodicJob(request_missing_mprns, every_s=300, minute=set(range(0, 60, 5))),
    PeriodicJob(redeliver_contact_events, every_s=60, minute=set(range(60))),
)
