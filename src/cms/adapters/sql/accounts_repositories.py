"""SQL repositories of the accounts module."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, true, update
from sqlalchemy.ext.asyncio import AsyncConnection

from cms.adapters.sql.tables import network_ldzs, organisations, sessions, users
from cms.core.accounts.model import (
    AccountStatus,
    MfaChannel,
    Organisation,
    OrganisationKind,
    Role,
    Session,
    UserAccount,
)


def organisation_from_row(row: Any) -> Organisation:
    return Organisation(
        id=row.id,
        name=row.name,
        kind=OrganisationKind(row.kind),
        short_code=row.short_code,
        international_mobiles_allowed=bool(row.international_mobiles_allowed),
    )


def user_from_row(row: Any) -> UserAccount:
    return UserAccount(
        id=row.id,
        organisation_id=row.organisation_id,
        name=row.name,
        email=row.email,
        roles=frozenset(Role(role) for role in row.roles),
        status=AccountStatus(row.status),
        password_hash=row.password_hash,
        created_at=row.created_at,
        activated_at=row.activated_at,
        last_sign_in_at=row.last_sign_in_at,
        mfa_channel=MfaChannel(row.mfa_channel) if row.mfa_channel else None,
        mobile=row.mobile,
        mfa_destination=row.mfa_destination,
        totp_secret=row.totp_secret,
        totp_last_step=row.totp_last_step,
        last_active_at=row.last_active_at,
        disabled_at=row.disabled_at,
        disabled_reason=row.disabled_reason,
        inactivity_warned_at=row.inactivity_warned_at,
    )


def user_values(user: UserAccount) -> dict[str, Any]:
    return {
        "id": user.id,
        "organisation_id": user.organisation_id,
        "name": user.name,
        "email": user.email,
        "roles": sorted(role.value for role in user.roles),
        "status": user.status.value,
        "password_hash": user.password_hash,
        "created_at": user.created_at,
        "activated_at": user.activated_at,
        "last_sign_in_at": user.last_sign_in_at,
        "mfa_channel": user.mfa_channel.value if user.mfa_channel else None,
        "mobile": user.mobile,
        "mfa_destination": user.mfa_destination,
        "totp_secret": user.totp_secret,
        "totp_last_step": user.totp_last_step,
        "last_active_at": user.last_active_at,
        "disabled_at": user.disabled_at,
        "disabled_reason": user.disabled_reason,
        "inactivity_warned_at": user.inactivity_warned_at,
    }


class SqlUserRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def by_email(self, email: str) -> UserAccount | None:
        row = (await self._connection.execute(select(users).where(users.c.email == email))).first()
        return user_from_row(row) if row else None

    async def get(self, user_id: str) -> UserAccount | None:
        row = (await self._connection.execute(select(users).where(users.c.id == user_id))).first()
        return user_from_row(row) if row else None

    async def add(self, user: UserAccount) -> None:
        await self._connection.execute(insert(users).values(**user_values(user)))

    async def save(self, user: UserAccount) -> None:
        values = user_values(user)
        del values["id"]
        await self._connection.execute(update(users).where(users.c.id == user.id).values(**values))

    async def in_organisation(self, organisation_id: str) -> list[UserAccount]:
        return await self._select(users.c.organisation_id == organisation_id)

    async def all(self) -> list[UserAccount]:
        return await self._select(true())

    async def active_last_seen_before(self, cutoff: datetime) -> list[UserAccount]:
        return await self._select(
            (users.c.status == AccountStatus.ACTIVE.value) & (users.c.last_active_at < cutoff)
        )

    async def disable_if_inactive(
        self, user_id: str, cutoff: datetime, at: datetime, reason: str
    ) -> bool:
        result = await self._connection.execute(
            update(users)
            .where(
                users.c.id == user_id,
                users.c.status == AccountStatus.ACTIVE.value,
                users.c.last_active_at < cutoff,
            )
            .values(status=AccountStatus.DISABLED.value, disabled_at=at, disabled_reason=reason)
        )
        return bool(result.rowcount)

    async def mark_warned_if_due(self, user_id: str, cutoff: datetime, at: datetime) -> bool:
        result = await self._connection.execute(
            update(users)
            .where(
                users.c.id == user_id,
                users.c.status == AccountStatus.ACTIVE.value,
                users.c.last_active_at < cutoff,
                users.c.inactivity_warned_at.is_(None)
                | (users.c.inactivity_warned_at < users.c.last_active_at),
            )
            .values(inactivity_warned_at=at)
        )
        return bool(result.rowcount)

    async def _select(self, condition: Any) -> list[UserAccount]:
        query = select(users).where(condition).order_by(users.c.name, users.c.email)
        return [user_from_row(row) for row in (await self._connection.execute(query)).all()]


class SqlOrganisationRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def get(self, organisation_id: str) -> Organisation | None:
        query = select(organisations).where(organisations.c.id == organisation_id)
        row = (await self._connection.execute(query)).first()
        return organisation_from_row(row) if row else None

    async def by_short_code(self, short_code: str) -> Organisation | None:
        query = select(organisations).where(organisations.c.short_code == short_code)
        row = (await self._connection.execute(query)).first()
        return organisation_from_row(row) if row else None

    async def add(self, organisation: Organisation) -> None:
        await self._connection.execute(
            insert(organisations).values(
                id=organisation.id,
                name=organisation.name,
                kind=organisation.kind.value,
                short_code=organisation.short_code,
                international_mobiles_allowed=organisation.international_mobiles_allowed,
            )
        )

    async def owners_of_ldzs(self, ldzs: Iterable[str]) -> dict[str, Organisation]:
        wanted = sorted(set(ldzs))
        if not wanted:
            return {}
        query = (
            select(organisations, network_ldzs.c.ldz)
            .join(network_ldzs, network_ldzs.c.organisation_id == organisations.c.id)
            .where(network_ldzs.c.ldz.in_(wanted))
        )
        rows = (await self._connection.execute(query)).all()
        return {row.ldz: organisation_from_row(row) for row in rows}

    async def give_ldzs(self, organisation_id: str, ldzs: Iterable[str]) -> None:
        rows = [{"ldz": ldz, "organisation_id": organisation_id} for ldz in sorted(set(ldzs))]
        if rows:
            await self._connection.execute(insert(network_ldzs), rows)


class SqlSessionRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def add(self, session: Session) -> None:
        await self._connection.execute(
            insert(sessions).values(
                token_hash=session.token_hash,
                user_id=session.user_id,
                created_at=session.created_at,
                last_seen_at=session.last_seen_at,
                revoked_at=session.revoked_at,
            )
        )

    async def by_token_hash(self, token_hash: str) -> Session | None:
        query = select(sessions).where(sessions.c.token_hash == token_hash)
        row = (await self._connection.execute(query)).first()
        if row is None:
            return None
        return Session(
            token_hash=row.token_hash,
            user_id=row.user_id,
            created_at=row.created_at,
            last_seen_at=row.last_seen_at,
            revoked_at=row.revoked_at,
        )

    async def touch(self, token_hash: str, at: datetime) -> None:
        await self._connection.execute(
            update(sessions).where(sessions.c.token_hash == token_hash).values(last_seen_at=at)
        )

    async def revoke(self, token_hash: str, at: datetime) -> None:
        await self._connection.execute(
            update(sessions)
            .where(sessions.c.token_hash == token_hash, sessions.c.revoked_at.is_(None))
            .values(revoked_at=at)
        )

    async def revoke_all_for(self, user_id: str, at: datetime, keep: str | None = None) -> int:
        statement = update(sessions).where(
            sessions.c.user_id == user_id, sessions.c.revoked_at.is_(None)
        )
        if keep is not None:
            statement = statement.where(sessions.c.token_hash != keep)
        result = await self._connection.execute(statement.values(revoked_at=at))
        return int(result.rowcount or 0)

    async def delete_created_before(self, cutoff: datetime) -> int:
        result = await self._connection.execute(
            delete(sessions).where(sessions.c.created_at < cutoff)
        )
        return int(result.rowcount or 0)
