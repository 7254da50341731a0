"""The security audit log: append-only, each entry chained to the one before by its hash."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the port names the records; the records need the port only to append
    from cms.core.accounts.ports import AccountsUnitOfWork

GENESIS_HASH = "0" * 64


class AuditEvent(StrEnum):
    SIGN_IN_SUCCEEDED = "SIGN_IN_SUCCEEDED"
    SIGN_IN_FAILED = "SIGN_IN_FAILED"
    ACCOUNT_LOCKED = "ACCOUNT_LOCKED"  # no longer written (waits replaced lockouts); kept to read
    SIGN_IN_THROTTLED = "SIGN_IN_THROTTLED"  # a failure started a wait before the next try
    MFA_CODE_SENT = "MFA_CODE_SENT"
    MFA_ENROLLED = "MFA_ENROLLED"
    MFA_FAILED = "MFA_FAILED"
    MFA_CHALLENGE_VOIDED = "MFA_CHALLENGE_VOIDED"
    MFA_RESET = "MFA_RESET"  # an administrator cleared it: the user enrols again
    NOMINATED = "NOMINATED"
    NOMINATION_APPROVED = "NOMINATION_APPROVED"
    NOMINATION_REJECTED = "NOMINATION_REJECTED"
    INVITATION_SENT = "INVITATION_SENT"
    INVITATION_ACCEPTED = "INVITATION_ACCEPTED"
    PASSWORD_CHANGED = "PASSWORD_CHANGED"
    PASSWORD_CHANGE_FAILED = "PASSWORD_CHANGE_FAILED"
    USER_DISABLED = "USER_DISABLED"
    USER_ENABLED = "USER_ENABLED"
    INACTIVITY_WARNING_SENT = "INACTIVITY_WARNING_SENT"
    SESSION_REVOKED = "SESSION_REVOKED"
    DEVICE_TRUSTED = "DEVICE_TRUSTED"
    ORGANISATION_CREATED = "ORGANISATION_CREATED"


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """What happened, to whom, by whom, from where."""

    event: AuditEvent
    at: datetime
    actor_id: str | None
    subject_id: str | None
    client_address: str | None
    details: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    record: AuditRecord
    prev_hash: str
    hash: str


def entry_hash(seq: int, record: AuditRecord, prev_hash: str) -> str:
    """SHA-256 over the entry's canonical JSON and the previous entry's hash."""
    canonical = json.dumps(
        {
            "seq": seq,
            "event": str(record.event),
            "at": record.at.astimezone(UTC).isoformat(),
            "actor": record.actor_id,
            "subject": record.subject_id,
            "client": record.client_address,
            "details": dict(sorted(record.details.items())),
            "prev": prev_hash,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=True,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def chain(seq: int, record: AuditRecord, prev_hash: str) -> AuditEntry:
    return AuditEntry(
        seq=seq, record=record, prev_hash=prev_hash, hash=entry_hash(seq, record, prev_hash)
    )


@dataclass(frozen=True, slots=True)
class ChainBreak:
    entry: AuditEntry
    reason: str


def first_break(
    entries: Iterable[AuditEntry], start_seq: int = 1, prev_hash: str | None = None
) -> ChainBreak | None:
    """The first entry whose content, link or position does not hold, in sequence order.

    `start_seq` and `prev_hash` let a long log be checked in batches, each continuing the last.
    """
    expected_prev, expected_seq = prev_hash or GENESIS_HASH, start_seq
    for entry in entries:
        if entry.seq != expected_seq:
            return ChainBreak(entry, f"expected entry #{expected_seq}; an entry is missing")
        if entry.prev_hash != expected_prev:
            return ChainBreak(entry, "it does not link to the entry before it")
        if entry_hash(entry.seq, entry.record, entry.prev_hash) != entry.hash:
            return ChainBreak(entry, "its content does not match its hash (it was edited)")
        expected_prev, expected_seq = entry.hash, entry.seq + 1
    return None


@dataclass(frozen=True, slots=True)
class ChainCheck:
    """How far the chain was checked: every entry when it holds, or up to the first break."""

    checked: int
    broken: ChainBreak | None = None

    @property
    def ok(self) -> bool:
        return self.broken is None


AuditReader = Callable[[int, int], Awaitable[Sequence[AuditEntry]]]  # (after_seq, limit)
VERIFY_BATCH = 10_000


async def verify_chain(read: AuditReader, batch: int = VERIFY_BATCH) -> ChainCheck:
    """Check the whole log in batches, each as a continuation of the one before."""
    checked, last_seq, last_hash = 0, 0, None
    while True:
        entries = list(await read(last_seq, batch))
        if not entries:
            return ChainCheck(checked)
        broken = first_break(entries, start_seq=last_seq + 1, prev_hash=last_hash)
        if broken is not None:
            return ChainCheck(checked + sum(1 for e in entries if e.seq < broken.entry.seq), broken)
        checked += len(entries)
        last_seq, last_hash = entries[-1].seq, entries[-1].hash


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
