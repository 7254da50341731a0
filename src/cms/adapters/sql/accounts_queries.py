"""The read side of accounts on SQL."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select, true
from sqlalchemy.ext.asyncio import AsyncEngine

from cms.adapters.sql.accounts_repositories import organisation_from_row
from cms.adapters.sql.security_repositories import (
    SqlInvitationRepository,
    SqlNominationRepository,
    audit_entry_from_row,
)
from cms.adapters.sql.tables import audit_log, network_ldzs, organisations, users
from cms.core.accounts.audit import AuditEntry, AuditEvent
from cms.core.accounts.model import (
    AccountStatus,
    Invitation,
    MfaChannel,
    Nomination,
    Organisation,
    OrganisationKind,
    Role,
)
from cms.core.accounts.queries import NetworkView, UserView


class SqlAccountQueries:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def users_by_ids(self, user_ids: Iterable[str]) -> dict[str, UserView]:
        ids = list(set(user_ids))
        if not ids:
            return {}
        views = await self._user_views(users.c.id.in_(ids))
        return {view.id: view for view in views}

    async def users_by_emails(self, emails: Iterable[str]) -> dict[str, UserView]:
        wanted = list(set(emails))
        views = await self._user_views(users.c.email.in_(wanted)) if wanted else []
        return {view.email: view for view in views}

    async def users_of(self, organisation_id: str | None) -> list[UserView]:
        condition = (
            true() if organisation_id is None else users.c.organisation_id == organisation_id
        )
        return await self._user_views(condition)

    async def pending_nominations(self, organisation_id: str | None) -> list[Nomination]:
        async with self._engine.connect() as connection:
            return await SqlNominationRepository(connection).pending(organisation_id)

    async def audit_entries(
        self,
        after_seq: int,
        limit: int,
        user_id: str | None = None,
        event: AuditEvent | None = None,
    ) -> list[AuditEntry]:
        query = select(audit_log).where(audit_log.c.seq > after_seq)
        if user_id is not None:
            query = query.where(
                (audit_log.c.actor_id == user_id) | (audit_log.c.subject_id == user_id)
            )
        if event is not None:
            query = query.where(audit_log.c.event == event.value)
        query = query.order_by(audit_log.c.seq).limit(limit)
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        return [audit_entry_from_row(row) for row in rows]

    async def invitation(self, token_hash: str) -> Invitation | None:
        async with self._engine.connect() as connection:
            return await SqlInvitationRepository(connection).get(token_hash)

    async def _user_views(self, condition: Any) -> list[UserView]:
        query = (
            select(
                users,
                organisations.c.name.label("org_name"),
                organisations.c.kind,
                organisations.c.short_code,
            )
            .join(organisations, organisations.c.id == users.c.organisation_id)
            .where(condition)
            .order_by(organisations.c.name, users.c.name, users.c.email)
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        return [
            UserView(
                id=row.id,
                name=row.name,
                email=row.email,
                organisation=Organisation(
                    id=row.organisation_id,
                    name=row.org_name,
                    kind=OrganisationKind(row.kind),
                    short_code=row.short_code,
                ),
                roles=frozenset(Role(role) for role in row.roles),
                status=AccountStatus(row.status),
                last_sign_in_at=row.last_sign_in_at,
                mfa_channel=MfaChannel(row.mfa_channel) if row.mfa_channel else None,
                last_active_at=row.last_active_at,
            )
            for row in rows
        ]

    async def organisations_by_ids(
        self, organisation_ids: Iterable[str]
    ) -> dict[str, Organisation]:
        return await self._organisations(organisations.c.id, organisation_ids, key="id")

    async def organisations_by_short_codes(
        self, short_codes: Iterable[str]
    ) -> dict[str, Organisation]:
        return await self._organisations(organisations.c.short_code, short_codes, key="short_code")

    async def all_organisations(self) -> list[Organisation]:
        query = select(organisations).order_by(organisations.c.name, organisations.c.id)
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        return [organisation_from_row(row) for row in rows]

    async def networks(self) -> list[NetworkView]:
        query = (
            select(organisations, network_ldzs.c.ldz)
            .outerjoin(network_ldzs, network_ldzs.c.organisation_id == organisations.c.id)
            .where(organisations.c.kind == OrganisationKind.NETWORK.value)
            .order_by(organisations.c.name, organisations.c.id, network_ldzs.c.ldz)
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        found: dict[str, tuple[Organisation, list[str]]] = {}
        for row in rows:
            _, ldzs = found.setdefault(row.id, (organisation_from_row(row), []))
            if row.ldz is not None:
                ldzs.append(row.ldz)
        return [NetworkView(organisation, tuple(ldzs)) for organisation, ldzs in found.values()]

    async def network_owning(self, ldz: str) -> Organisation | None:
        query = (
            select(organisations)
            .join(network_ldzs, network_ldzs.c.organisation_id == organisations.c.id)
            .where(network_ldzs.c.ldz == ldz)
        )
        async with self._engine.connect() as connection:
            row = (await connection.execute(query)).first()
        return organisation_from_row(row) if row else None

    async def _organisations(
        self, column: object, values: Iterable[str], key: str
    ) -> dict[str, Organisation]:
        wanted = list(set(values))
        if not wanted:
            return {}
        query = select(organisations).where(column.in_(wanted))  # type: ignore[attr-defined]
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        found = [organisation_from_row(row) for row in rows]
        return {getattr(org, key): org for org in found}
