"""The SQL unit of work: one transaction for the state and the events it produced."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from cms.adapters.sql.accounts_repositories import (
    SqlOrganisationRepository,
    SqlSessionRepository,
    SqlUserRepository,
)
from cms.adapters.sql.contacts_repositories import (
    SqlContactRepository,
    SqlCrnSequence,
    SqlSubmissionLog,
)
from cms.adapters.sql.engine import WRITE_TRANSACTION
from cms.adapters.sql.event_store import append_events
from cms.adapters.sql.security_repositories import (
    SqlAuditLog,
    SqlChallengeRepository,
    SqlDeviceRepository,
    SqlInvitationRepository,
    SqlNominationRepository,
)
from cms.core.shared.messages import Event

logger = logging.getLogger(__name__)


class SqlUnitOfWork:
    """Implements the contacts and accounts unit-of-work ports on one connection."""

    def __init__(
        self,
        engine: AsyncEngine,
        after_commit: Callable[[Sequence[Event]], Awaitable[None]] | None = None,
        read_only: bool = False,
    ) -> None:
        self._engine = engine
        # Reads begin deferred, so on SQLite they never wait for (or block) writers.
        self._options = {} if read_only else WRITE_TRANSACTION
        self._after_commit = after_commit
        self._connection: AsyncConnection | None = None
        self._events: list[Event] = []
        self._committed: list[Event] = []

    async def __aenter__(self) -> Self:
        connection = await self._engine.connect()
        self._connection = await connection.execution_options(**self._options)
        await self._connection.begin()
        connection = self._connection
        self.contacts = SqlContactRepository(connection)
        self.crn_sequence = SqlCrnSequence(connection)
        self.submissions = SqlSubmissionLog(connection)
        self.users = SqlUserRepository(connection)
        self.organisations = SqlOrganisationRepository(connection)
        self.sessions = SqlSessionRepository(connection)
        self.challenges = SqlChallengeRepository(connection)
        self.devices = SqlDeviceRepository(connection)
        self.nominations = SqlNominationRepository(connection)
        self.invitations = SqlInvitationRepository(connection)
        self.audit = SqlAuditLog(connection)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._connection is not None
        try:
            if self._connection.in_transaction():
                await self._connection.rollback()
        finally:
            await self._connection.close()
            self._connection = None
            self._events = []
        # The handlers run once the connection is back in the pool: holding it while they
        # take another could exhaust the pool under load.
        committed, self._committed = self._committed, []
        if self._after_commit is not None and committed:
            try:
                await self._after_commit(committed)
            except Exception:  # committed already; the relay will deliver these events again
                logger.exception("an event handler failed after commit; the relay will retry")

    def record(self, events: Sequence[Event]) -> None:
        self._events.extend(events)

    async def commit(self) -> None:
        """The state, the events recorded by hand and those of every contact seen (collected,
        so a second commit does not write them again), in one transaction."""
        if self._connection is None:
            raise RuntimeError("commit outside 'async with'")
        collected = [event for contact in self.contacts.seen for event in contact.collect_events()]
        events, self._events = [*self._events, *collected], []
        await append_events(self._connection, events)
        await self._connection.commit()
        self._committed.extend(events)

    async def rollback(self) -> None:
        assert self._connection is not None
        self._events = []
        await self._connection.rollback()
