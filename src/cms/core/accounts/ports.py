"""What the accounts module needs from the outside world."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Protocol

from cms.core.accounts.audit import AuditEntry, AuditRecord
from cms.core.accounts.model import (
    Invitation,
    MfaChallenge,
    Nomination,
    Organisation,
    Session,
    TrustedDevice,
    UserAccount,
)
from cms.core.shared.unit_of_work import UnitOfWork


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...

    def verify(self, password_hash: str, password: str) -> bool: ...


class CommonPasswords(Protocol):
    def is_common(self, password: str) -> bool: ...


class MobileNumbers(Protocol):
    def normalise_mobile(self, text: str, allow_international: bool) -> str | None:
        """The number in E.164 form if it is a mobile that can receive texts, else None."""
        ...


class OneTimeCodes(Protocol):
    """Generating and checking one-time codes (pyotp behind it)."""

    def new_secret(self) -> str: ...

    def code_for(self, secret: str) -> str:
        """The single 6-digit code a per-challenge secret stands for."""
        ...

    def totp_step_matching(self, secret: str, code: str, at: datetime) -> int | None:
        """The time step whose TOTP code this is (one step of drift allowed), or None."""
        ...

    def totp_uri(self, secret: str, account: str) -> str: ...


class UserRepository(Protocol):
    async def by_email(self, email: str) -> UserAccount | None: ...

    async def get(self, user_id: str) -> UserAccount | None: ...

    async def add(self, user: UserAccount) -> None: ...

    async def save(self, user: UserAccount) -> None: ...

    async def in_organisation(self, organisation_id: str) -> list[UserAccount]: ...

    async def all(self) -> list[UserAccount]: ...

    async def active_last_seen_before(self, cutoff: datetime) -> list[UserAccount]: ...

    async def disable_if_inactive(
        self, user_id: str, cutoff: datetime, at: datetime, reason: str
    ) -> bool:
        """Disable the user only if still ACTIVE and inactive since `cutoff`: True if it did."""
        ...

    async def mark_warned_if_due(self, user_id: str, cutoff: datetime, at: datetime) -> bool:
        """Record an inactivity warning unless one was sent since the user's last activity."""
        ...


class OrganisationRepository(Protocol):
    async def get(self, organisation_id: str) -> Organisation | None: ...

    async def by_short_code(self, short_code: str) -> Organisation | None: ...

    async def add(self, organisation: Organisation) -> None: ...

    async def owners_of_ldzs(self, ldzs: Iterable[str]) -> dict[str, Organisation]:
        """The network organisation owning each of these LDZs, for those that have one."""
        ...

    async def give_ldzs(self, organisation_id: str, ldzs: Iterable[str]) -> None:
        """Record the organisation as the owner of these LDZs (none of them owned yet)."""
        ...


class SessionRepository(Protocol):
    async def add(self, session: Session) -> None: ...

    async def by_token_hash(self, token_hash: str) -> Session | None: ...

    async def touch(self, token_hash: str, at: datetime) -> None: ...

    async def revoke(self, token_hash: str, at: datetime) -> None: ...

    async def revoke_all_for(self, user_id: str, at: datetime, keep: str | None = None) -> int:
        """Revoke the user's live sessions, except the one whose hash is `keep`."""
        ...

    async def delete_created_before(self, cutoff: datetime) -> int: ...


class ChallengeRepository(Protocol):
    async def add(self, challenge: MfaChallenge) -> None: ...

    async def get(self, id_hash: str) -> MfaChallenge | None: ...

    async def save(self, challenge: MfaChallenge) -> None: ...

    async def void_open_for(self, user_id: str, at: datetime) -> int:
        """End the user's sign-ins that wait for a code: none of them can finish now."""
        ...


class DeviceRepository(Protocol):
    async def add(self, device: TrustedDevice) -> None: ...

    async def get(self, token_hash: str) -> TrustedDevice | None: ...

    async def revoke(self, token_hash: str, at: datetime) -> None: ...

    async def revoke_all_for(self, user_id: str, at: datetime) -> int: ...


class NominationRepository(Protocol):
    async def add(self, nomination: Nomination) -> None: ...

    async def get(self, nomination_id: str) -> Nomination | None: ...

    async def save(self, nomination: Nomination) -> None: ...

    async def pending(self, organisation_id: str | None) -> list[Nomination]:
        """Nominations neither approved nor rejected: of one organisation, or of all."""
        ...

    async def pending_for_email(self, email: str, organisation_id: str) -> Nomination | None:
        """The organisation's nomination of this email that waits for approval, if any."""
        ...


class InvitationRepository(Protocol):
    async def add(self, invitation: Invitation) -> None: ...

    async def get(self, token_hash: str) -> Invitation | None: ...

    async def mark_used(self, token_hash: str, at: datetime) -> bool:
        """Use the invitation once: False if it was already used."""
        ...

    async def void_unused_for(self, user_id: str, at: datetime) -> int:
        """Mark the user's unused invitations used: a new one replaces them."""
        ...

    async def latest_for(self, user_id: str) -> Invitation | None: ...


class AuditLog(Protocol):
    async def append(self, record: AuditRecord) -> AuditEntry: ...

    async def entries(
        self, after_seq: int = 0, limit: int | None = None
    ) -> Sequence[AuditEntry]: ...


class AccountsUnitOfWork(UnitOfWork, Protocol):
    users: UserRepository
    organisations: OrganisationRepository
    sessions: SessionRepository
    challenges: ChallengeRepository
    devices: DeviceRepository
    nominations: NominationRepository
    invitations: InvitationRepository
    audit: AuditLog
