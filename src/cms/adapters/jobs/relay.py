"""The relay loop: after each commit (or every poll interval), feed new events onward.

Step one writes the notification area, step two publishes to the live channel, step three
sends email copies. Each step has its own checkpoint, so a live channel that is down (Redis
gone) holds back only live delivery: the notification area keeps filling meanwhile.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from cms.adapters.sql.leadership import Leadership
from cms.adapters.sql.notifications import logged_event_from_row
from cms.adapters.sql.projections import EventLogRelay, SqlContactSummaries
from cms.core.notifications.commands import SendEmailCopies
from cms.core.notifications.handlers import NotificationHandlers
from cms.core.notifications.model import LoggedEvent

logger = logging.getLogger(__name__)
Step = Callable[[], Awaitable[int]]
QUIET_LOG_S = 30.0  # a step failing every poll is logged once in this long


def contact_events(rows: Sequence[Any]) -> list[LoggedEvent]:
    return [logged_event_from_row(row) for row in rows if row.stream_type == "contacts"]


def notification_steps(
    relay_engine: Any, handlers: NotificationHandlers, summaries: SqlContactSummaries
) -> list[tuple[str, Step]]:
    async def record(rows: Sequence[Any]) -> None:
        events = contact_events(rows)
        if events:
            await handlers.record(events)

    async def publish(rows: Sequence[Any]) -> None:
        events = contact_events(rows)
        if events:
            # Subscribers read the contact as it is now: make its summary current first.
            await summaries.refresh(list(dict.fromkeys(event.crn for event in events)))
            await handlers.publish(events)

    async def email_copies() -> int:
        return await handlers.send_email_copies(SendEmailCopies())

    notifications = EventLogRelay(relay_engine, "notifications", record)
    live = EventLogRelay(
        relay_engine, "live-channel", publish, follows=notifications, replay_on_start=False
    )
    return [
        ("notification area", notifications.run_once),
        ("live channel", live.run_once),
        ("email copies", email_copies),
    ]


class RelayLoop:
    def __init__(
        self, steps: Sequence[tuple[str, Step]], leadership: Leadership, poll_s: float = 0.1
    ) -> None:
        self._steps = steps
        self._leadership = leadership
        self._poll_s = poll_s
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._failing_since: dict[str, float] = {}

    def wake(self) -> None:
        """Something was committed: run now rather than at the next poll."""
        self._wake.set()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="event-relay")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self._leadership.release()

    async def run_once(self) -> int:
        """Each step once, in order; how many things they handled. A failing step is logged
        and does not stop the ones after it."""
        handled = 0
        for name, step in self._steps:
            try:
                handled += await step()
            except Exception as error:
                self._log_failure(name, error)
            else:
                if self._failing_since.pop(name, None) is not None:
                    logger.info("relay: %s is working again", name)
        return handled

    async def _run(self) -> None:
        while True:
            try:
                leading = await self._leadership.acquire()
            except Exception as error:
                self._log_failure("leadership", error)
                leading = False
            busy = leading and await self.run_once() > 0
            if busy:
                continue  # more may be waiting: catch up before sleeping
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._poll_s if leading else 2.0)

    def _log_failure(self, name: str, error: Exception) -> None:
        now = time.monotonic()
        since = self._failing_since.get(name)
        if since is None or now - since > QUIET_LOG_S:
            self._failing_since[name] = now
            logger.warning("relay: %s failed (%s); will try again", name, error)
