"""The embedded mode's job runner: the worker's job functions on an asyncio schedule."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any

from cms.adapters.jobs.functions import BUS_FACTORY, PeriodicJob
from cms.core.shared.bus import MessageBus

logger = logging.getLogger(__name__)


class InProcessScheduler:
    def __init__(
        self, jobs: tuple[PeriodicJob, ...], bus_factory: Callable[[], MessageBus]
    ) -> None:
        self._jobs = jobs
        self._context: dict[str, Any] = {BUS_FACTORY: bus_factory}
        self._tasks: list[asyncio.Task[None]] = []

    def start(self) -> None:
        self._tasks = [asyncio.create_task(self._every(job)) for job in self._jobs]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks = []

    async def _every(self, job: PeriodicJob) -> None:
        while True:
            try:
                await job.function(self._context)
            except Exception:  # a failed run must not stop the schedule; it is logged
                logger.exception("job %s failed", job.function.__name__)
            await asyncio.sleep(job.every_s)
