"""The SQL unit of work: one transaction for the state and the events it produced."""

from __future__ import annotations

from collections.abc import Sequence
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


class SqlUnitOfWork:
    """Implements the contacts and accounts unit-of-work ports on one connection."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._connection: AsyncConnection | None = None
        self._events: list[Event] = []

    async def __aenter__(self) -> Self:
        connection = await self._engine.connect()
        self._connection = await connection.execution_options(**WRITE_TRANSACTION)
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

    def record(self, events: Sequence[Event]) -> None:
        self._events.extend(events)

    async def commit(self) -> None:
        assert self._connection is not None, "commit outside 'async with'"
        await append_events(self._connection, self._events)
        self._events = []
        await self._connection.commit()

    async def rollback(self) -> None:
        assert self._connection is not None
        self._events = []
        await self._connection.rollback()
