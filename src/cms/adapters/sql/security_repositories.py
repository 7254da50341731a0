"""SQL repositories for MFA challenges, trusted devices, nominations, invitations, audit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from cms.adapters.sql.tables import (
    audit_head,
    audit_log,
    invitations,
    mfa_challenges,
    nominations,
    trusted_devices,
)
from cms.core.accounts.audit import AuditEntry, AuditEvent, AuditRecord, chain
from cms.core.accounts.model import (
    ChallengePurpose,
    Invitation,
    MfaChallenge,
    MfaChannel,
    Nomination,
    Role,
    TrustedDevice,
)


def _challenge_values(challenge: MfaChallenge) -> dict[str, Any]:
    values = asdict(challenge)
    values["purpose"] = challenge.purpose.value
    values["channel"] = challenge.channel.value if challenge.channel else None
    return values


class SqlChallengeRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def add(self, challenge: MfaChallenge) -> None:
        await self._connection.execute(
            insert(mfa_challenges).values(**_challenge_values(challenge))
        )

    async def get(self, id_hash: str) -> MfaChallenge | None:
        query = select(mfa_challenges).where(mfa_challenges.c.id_hash == id_hash)
        row = (await self._connection.execute(query)).first()
        if row is None:
            return None
        values = dict(row._mapping)
        values["purpose"] = ChallengePurpose(row.purpose)
        values["channel"] = MfaChannel(row.channel) if row.channel else None
        return MfaChallenge(**values)

    async def void_open_for(self, user_id: str, at: datetime) -> int:
        result = await self._connection.execute(
            update(mfa_challenges)
            .where(mfa_challenges.c.user_id == user_id, mfa_challenges.c.completed_at.is_(None))
            .values(attempts_left=0, expires_at=at)
        )
        return int(result.rowcount or 0)

    async def save(self, challenge: MfaChallenge) -> None:
        values = _challenge_values(challenge)
        await self._connection.execute(
            update(mfa_challenges)
            .where(mfa_challenges.c.id_hash == values.pop("id_hash"))
            .values(**values)
        )


class SqlDeviceRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def add(self, device: TrustedDevice) -> None:
        await self._connection.execute(insert(trusted_devices).values(**asdict(device)))

    async def get(self, token_hash: str) -> TrustedDevice | None:
        query = select(trusted_devices).where(trusted_devices.c.token_hash == token_hash)
        row = (await self._connection.execute(query)).first()
        return TrustedDevice(**dict(row._mapping)) if row else None

    async def revoke(self, token_hash: str, at: datetime) -> None:
        await self._connection.execute(
            update(trusted_devices)
            .where(
                trusted_devices.c.token_hash == token_hash, trusted_devices.c.revoked_at.is_(None)
            )
            .values(revoked_at=at)
        )

    async def revoke_all_for(self, user_id: str, at: datetime) -> int:
        result = await self._connection.execute(
            update(trusted_devices)
            .where(trusted_devices.c.user_id == user_id, trusted_devices.c.revoked_at.is_(None))
            .values(revoked_at=at)
        )
        return int(result.rowcount or 0)


def _nomination_from_row(row: Any) -> Nomination:
    values = dict(row._mapping)
    values["roles"] = frozenset(Role(role) for role in row.roles)
    return Nomination(**values)


class SqlNominationRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def add(self, nomination: Nomination) -> None:
        values = asdict(nomination)
        values["roles"] = sorted(role.value for role in nomination.roles)
        await self._connection.execute(insert(nominations).values(**values))

    async def get(self, nomination_id: str) -> Nomination | None:
        query = select(nominations).where(nominations.c.id == nomination_id)
        row = (await self._connection.execute(query)).first()
        return _nomination_from_row(row) if row else None

    async def save(self, nomination: Nomination) -> None:
        await self._connection.execute(
            update(nominations)
            .where(nominations.c.id == nomination.id)
            .values(
                approved_at=nomination.approved_at,
                approved_by=nomination.approved_by,
                rejected_at=nomination.rejected_at,
                rejected_by=nomination.rejected_by,
                rejection_reason=nomination.rejection_reason,
            )
        )

    async def pending(self, organisation_id: str | None) -> list[Nomination]:
        query = select(nominations).where(
            nominations.c.approved_at.is_(None), nominations.c.rejected_at.is_(None)
        )
        if organisation_id is not None:
            query = query.where(nominations.c.organisation_id == organisation_id)
        rows = (await self._connection.execute(query.order_by(nominations.c.created_at))).all()
        return [_nomination_from_row(row) for row in rows]

    async def pending_for_email(self, email: str, organisation_id: str) -> Nomination | None:
        query = select(nominations).where(
            nominations.c.email == email,
            nominations.c.organisation_id == organisation_id,
            nominations.c.approved_at.is_(None),
            nominations.c.rejected_at.is_(None),
        )
        row = (await self._connection.execute(query)).first()
        return _nomination_from_row(row) if row else None


class SqlInvitationRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def add(self, invitation: Invitation) -> None:
        await self._connection.execute(insert(invitations).values(**asdict(invitation)))

    async def get(self, token_hash: str) -> Invitation | None:
        query = select(invitations).where(invitations.c.token_hash == token_hash)
        row = (await self._connection.execute(query)).first()
        return Invitation(**dict(row._mapping)) if row else None

    async def void_unused_for(self, user_id: str, at: datetime) -> int:
        result = await self._connection.execute(
            update(invitations)
            .where(invitations.c.user_id == user_id, invitations.c.used_at.is_(None))
            .values(used_at=at)
        )
        return int(result.rowcount or 0)

    async def latest_for(self, user_id: str) -> Invitation | None:
        query = (
            select(invitations)
            .where(invitations.c.user_id == user_id)
            .order_by(invitations.c.created_at.desc())
        )
        row = (await self._connection.execute(query)).first()
        return Invitation(**dict(row._mapping)) if row else None

    async def mark_used(self, token_hash: str, at: datetime) -> bool:
        result = await self._connection.execute(
            update(invitations)
            .where(invitations.c.token_hash == token_hash, invitations.c.used_at.is_(None))
            .values(used_at=at)
        )
        return bool(result.rowcount)


def audit_entry_from_row(row: Any) -> AuditEntry:
    return AuditEntry(
        seq=row.seq,
        record=AuditRecord(
            event=AuditEvent(row.event),
            at=row.at,
            actor_id=row.actor_id,
            subject_id=row.subject_id,
            client_address=row.client_address,
            details=dict(row.details),
        ),
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


class SqlAuditLog:
    """Appends under a lock on the chain's head row, so concurrent appends stay one chain."""

    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def append(self, record: AuditRecord) -> AuditEntry:
        head = (
            await self._connection.execute(
                select(audit_head.c.seq, audit_head.c.hash)
                .where(audit_head.c.id == 1)
                .with_for_update()
            )
        ).one()
        entry = chain(head.seq + 1, record, head.hash)
        await self._connection.execute(
            insert(audit_log).values(
                seq=entry.seq,
                at=record.at,
                event=record.event.value,
                actor_id=record.actor_id,
                subject_id=record.subject_id,
                client_address=record.client_address,
                details=dict(record.details),
                prev_hash=entry.prev_hash,
                hash=entry.hash,
            )
        )
        await self._connection.execute(
            update(audit_head).where(audit_head.c.id == 1).values(seq=entry.seq, hash=entry.hash)
        )
        return entry

    async def entries(self, after_seq: int = 0, limit: int | None = None) -> Sequence[AuditEntry]:
        query = select(audit_log).where(audit_log.c.seq > after_seq).order_by(audit_log.c.seq)
        if limit is not None:
            query = query.limit(limit)
        return [audit_entry_from_row(row) for row in (await self._connection.execute(query)).all()]
