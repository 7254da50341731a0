"""The embedded mode runs the worker's job functions on a schedule inside the server."""

from __future__ import annotations

import asyncio
from typing import Any

from cms.adapters.jobs.functions import BUS_FACTORY, PeriodicJob
from cms.adapters.jobs.in_process import InProcessScheduler
from cms.core.shared.bus import MessageBus


def test_jobs_repeat_and_a_failing_run_does_not_stop_the_schedule(run: Any) -> None:
    calls: list[str] = []

    async def flaky(ctx: dict[str, Any]) -> None:
        calls.append("run")
        assert isinstance(ctx[BUS_FACTORY](), MessageBus)
        if len(calls) == 1:
            raise RuntimeError("the first run fails")

    async def scenario() -> None:
        scheduler = InProcessScheduler(
            (PeriodicJob(flaky, every_s=0, minute=0),), lambda: MessageBus({})
        )
        scheduler.start()
        await asyncio.sleep(0.05)
        await scheduler.stop()

    run(scenario())
    assert len(calls) >= 3
