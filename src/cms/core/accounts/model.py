"""Organisations, users, roles and sessions: who is calling and what they may do."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class OrganisationKind(StrEnum):
    SHIPPER = "SHIPPER"
    NETWORK = "NETWORK"
    CDSP = "CDSP"
    SUPPLIER = "SUPPLIER"


class Role(StrEnum):
    USER = "USER"
    SUPERVISOR = "SUPERVISOR"
    LSO = "LSO"
    ACCOUNT_ADMIN = "ACCOUNT_ADMIN"


class AccountStatus(StrEnum):
    INVITED = "INVITED"
    ACTIVE = "ACTIVE"
    DISABLED = "DISABLED"


class MfaChannel(StrEnum):
    SMS = "SMS"
    EMAIL = "EMAIL"
    TOTP = "TOTP"


@dataclass(frozen=True, slots=True)
class Organisation:
    id: str
    name: str
    kind: OrganisationKind
    short_code: str


@dataclass(slots=True)
class UserAccount:
    """A person's account, as the write side holds it."""

    id: str
    organisation_id: str
    name: str
    email: str
    roles: frozenset[Role]
    status: AccountStatus
    password_hash: str | None
    created_at: datetime
    activated_at: datetime | None = None
    last_sign_in_at: datetime | None = None
    mfa_channel: MfaChannel | None = None


@dataclass(frozen=True, slots=True)
class Session:
    """A signed-in session; the token itself is never stored, only its hash."""

    token_hash: str
    user_id: str
    created_at: datetime
    last_seen_at: datetime
    revoked_at: datetime | None = None

    def is_live(self, now: datetime, idle_limit_s: int, absolute_limit_s: int) -> bool:
        if self.revoked_at is not None:
            return False
        idle = (now - self.last_seen_at).total_seconds()
        age = (now - self.created_at).total_seconds()
        return idle <= idle_limit_s and age <= absolute_limit_s


@dataclass(frozen=True, slots=True)
class Viewer:
    """The signed-in caller of a request, with what visibility and permissions need."""

    user_id: str
    name: str
    email: str
    organisation: Organisation
    roles: frozenset[Role] = field(default_factory=frozenset)

    def has_role(self, role: Role) -> bool:
        return role in self.roles

    @property
    def kind(self) -> OrganisationKind:
        return self.organisation.kind


def normalise_email(email: str) -> str:
    """Emails are matched without regard to case or surrounding space."""
    return email.strip().lower()
