"""Business reads the scenarios need before the application offers them."""

from __future__ import annotations

from sqlalchemy import func, select

from cms.adapters.sql.tables import event_log
from cms.core.contacts.events import ContactSubmissionRefused
from tests.support.world import World


async def refused_submissions_for(world: World, organisation_id: str) -> int:
    """How many of a shipper's submissions were refused (the right-first-time figure).

    The reporting query arrives with the reporting release; until then this reads the refusals
    the application records in its event log. It is the one place the scenarios look below the
    message bus: replace it with the reporting query when that exists.
    """
    query = (
        select(func.count())
        .select_from(event_log)
        .where(
            event_log.c.kind == ContactSubmissionRefused.kind,
            event_log.c.stream_id == organisation_id,
        )
    )
    async with world.engine.connect() as connection:
        return int((await connection.execute(query)).scalar_one())
