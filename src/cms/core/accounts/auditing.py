"""Appending to the audit log from the accounts handlers."""

from __future__ import annotations

from datetime import datetime

from cms.core.accounts.audit import AuditEvent, AuditRecord
from cms.core.accounts.ports import AccountsUnitOfWork


async def audit(
    uow: AccountsUnitOfWork,
    event: AuditEvent,
    at: datetime,
    actor_id: str | None,
    subject_id: str | None,
    client_address: str | None,
    **details: str,
) -> None:
    """Record a security event in the same transaction as the change it describes."""
    await uow.audit.append(
        AuditRecord(
            event=event,
            at=at,
            actor_id=actor_id,
            subject_id=subject_id,
            client_address=client_address,
            details=details,
        )
    )
