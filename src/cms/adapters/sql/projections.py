"""The contacts' query model on SQL, and the relay that feeds event handlers from the log."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from cms.adapters.sql.bulk import dialect_insert
from cms.adapters.sql.engine import WRITE_TRANSACTION
from cms.adapters.sql.tables import (
    SUMMARY_COLUMNS,
    contact_summaries,
    contacts,
    event_log,
    relay_checkpoints,
)

logger = logging.getLogger(__name__)
BATCH = 1_000
# Transactions may commit out of position order on PostgreSQL; re-reading the last positions
# catches one that committed late. Handlers are idempotent, so a second delivery is harmless.
OVERLAP = 500


class SqlContactSummaries:
    """The ContactReadModel port: copies each contact's state, newer versions only."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def refresh(self, crns: Sequence[str]) -> None:
        async with self._engine.connect() as connection:
            connection = await connection.execution_options(**WRITE_TRANSACTION)
            insert_ = dialect_insert(connection)
            source = select(*(contacts.c[name] for name in SUMMARY_COLUMNS)).where(
                contacts.c.crn.in_(list(crns))
            )
            statement = insert_(contact_summaries).from_select(list(SUMMARY_COLUMNS), source)
            statement = statement.on_conflict_do_update(
                index_elements=[contact_summaries.c.crn],
                set_={name: statement.excluded[name] for name in SUMMARY_COLUMNS if name != "crn"},
                where=contact_summaries.c.version < statement.excluded.version,
            )
            async with connection.begin():
                await connection.execute(statement)


EventsHandler = Callable[[Sequence[Any]], Awaitable[None]]  # takes event_log rows


def summaries_relay(engine: AsyncEngine, summaries: SqlContactSummaries) -> EventLogRelay:
    """The relay that redelivers contact events to the summaries (the post-commit handler
    already ran for most; this catches any a crash or a failed refresh left behind)."""

    async def refresh_from(rows: Sequence[Any]) -> None:
        crns = list(dict.fromkeys(row.stream_id for row in rows if row.stream_type == "contacts"))
        if crns:
            await summaries.refresh(crns)

    return EventLogRelay(engine, "contact-summaries", refresh_from)


class EventLogRelay:
    """Reads the event log in order, at least once, and hands each batch to a handler.

    It re-reads the last OVERLAP positions on every run and remembers which it has handed
    over, so an event that commits late is still delivered once, without re-sending the rest.
    After a restart the memory is empty and the overlap is delivered again (handlers are
    idempotent), unless `replay_on_start` is off: the live channel's subscribers would see
    old news again, so that relay starts from its checkpoint exactly. A relay that follows
    another only takes events that one has delivered.
    """

    def __init__(
        self,
        engine: AsyncEngine,
        consumer: str,
        handler: EventsHandler,
        *,
        follows: EventLogRelay | None = None,
        replay_on_start: bool = True,
    ) -> None:
        self._engine = engine
        self._consumer = consumer
        self._handler = handler
        self._follows = follows
        self._checkpoint: int | None = None
        self._delivered: set[int] = set()
        self._replay_on_start = replay_on_start

    def has_delivered(self, position: int) -> bool:
        if position in self._delivered:
            return True
        return self._checkpoint is not None and position <= self._checkpoint - OVERLAP

    async def run_once(self) -> int:
        """Deliver what was logged since the checkpoint; returns how many events were handled."""
        checkpoint = await self._load_checkpoint()
        async with self._engine.connect() as connection:
            positions = (
                (
                    await connection.execute(
                        select(event_log.c.position)
                        .where(event_log.c.position > max(0, checkpoint - OVERLAP))
                        .order_by(event_log.c.position)
                        .limit(OVERLAP + BATCH)
                    )
                )
                .scalars()
                .all()
            )
        new = [
            position
            for position in positions
            if position not in self._delivered
            and (self._follows is None or self._follows.has_delivered(position))
        ]
        for start in range(0, len(new), BATCH):
            chunk = new[start : start + BATCH]
            async with self._engine.connect() as connection:
                rows = (
                    await connection.execute(
                        select(event_log)
                        .where(event_log.c.position.in_(chunk))
                        .order_by(event_log.c.position)
                    )
                ).all()
            await self._handler(rows)
            self._delivered.update(chunk)
            if chunk[-1] > checkpoint:
                checkpoint = chunk[-1]
                await self._save_checkpoint(checkpoint)
                self._checkpoint = checkpoint
        low = checkpoint - OVERLAP
        self._delivered = {position for position in self._delivered if position > low}
        return len(new)

    async def _load_checkpoint(self) -> int:
        if self._checkpoint is None:
            async with self._engine.connect() as connection:
                checkpoint = (
                    await connection.execute(
                        select(relay_checkpoints.c.position).where(
                            relay_checkpoints.c.consumer == self._consumer
                        )
                    )
                ).scalar_one_or_none() or 0
                if not self._replay_on_start:
                    self._delivered = set(
                        (
                            await connection.execute(
                                select(event_log.c.position).where(
                                    event_log.c.position > max(0, checkpoint - OVERLAP),
                                    event_log.c.position <= checkpoint,
                                )
                            )
                        ).scalars()
                    )
            self._checkpoint = checkpoint
        return self._checkpoint

    async def _save_checkpoint(self, position: int) -> None:
        async with self._engine.connect() as connection:
            connection = await connection.execution_options(**WRITE_TRANSACTION)
            insert_ = dialect_insert(connection)
            statement = insert_(relay_checkpoints).values(
                consumer=self._consumer, position=position
            )
            statement = statement.on_conflict_do_update(
                index_elements=[relay_checkpoints.c.consumer],
                set_={"position": statement.excluded.position},
                where=relay_checkpoints.c.position < statement.excluded.position,
            )
            async with connection.begin():
                await connection.execute(statement)
