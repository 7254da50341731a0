"""Organisations, users, roles and sessions: who is calling and what they may do."""

from __future__ import annotations

import re
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
    # Whether its users may receive sign-in codes on non-UK mobiles (DOMAIN.md, Accounts).
    international_mobiles_allowed: bool = False


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
    mobile: str | None = None  # E.164, from the nomination
    mfa_destination: str | None = None  # where codes go: an email or an E.164 mobile
    totp_secret: str | None = None
    totp_last_step: int | None = None  # a TOTP code is accepted once per time step
    # The inactivity clock: activation, each successful sign-in, and re-enabling reset it.
    last_active_at: datetime | None = None
    disabled_at: datetime | None = None
    disabled_reason: str | None = None
    inactivity_warned_at: datetime | None = None

    @property
    def has_mfa(self) -> bool:
        return self.mfa_channel is not None

    @property
    def email_name(self) -> str:
        """The part of the email before the @, which a password must not contain."""
        return self.email.split("@", 1)[0]

    def activate(self, password_hash: str, now: datetime) -> None:
        """The invitation is accepted: the password is set and the inactivity clock starts."""
        self.password_hash = password_hash
        self.status = AccountStatus.ACTIVE
        self.activated_at = now
        self.last_active_at = now

    def change_password(self, password_hash: str) -> None:
        self.password_hash = password_hash

    def disable(self, now: datetime, reason: str | None) -> None:
        self.status = AccountStatus.DISABLED
        self.disabled_at, self.disabled_reason = now, reason

    def enable(self, now: datetime) -> None:
        """Active again; the inactivity clock restarts, or the nightly sweep would undo it."""
        self.status = AccountStatus.ACTIVE
        self.disabled_at = self.disabled_reason = None
        self.last_active_at, self.inactivity_warned_at = now, None

    def adopt_factor(
        self, channel: MfaChannel | None, destination: str | None, totp_secret: str | None
    ) -> None:
        """Keep a proven second factor in place of any before it."""
        self.mfa_channel = channel
        self.mfa_destination = destination
        self.totp_secret = totp_secret
        self.totp_last_step = None

    def forget_factor(self) -> None:
        """No second factor: the next sign-in chooses one again."""
        self.adopt_factor(None, None, None)

    def use_totp_step(self, step: int) -> None:
        """An authenticator app's code was used: no code of this time step or before is taken."""
        self.totp_last_step = step

    def record_sign_in(self, now: datetime) -> None:
        """A successful sign-in, which restarts the inactivity clock."""
        self.last_sign_in_at = now
        self.last_active_at = now
        self.inactivity_warned_at = None


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
class SessionTimes:
    """How long a session lasts: idle for at most idle_timeout_s, and never past absolute_end."""

    idle_timeout_s: int
    absolute_end: datetime


class ChallengePurpose(StrEnum):
    ENROL = "ENROL"  # first sign-in: choose a second factor and prove it
    SIGN_IN = "SIGN_IN"  # a later sign-in from a device not trusted


@dataclass(slots=True)
class MfaChallenge:
    """A sign-in that passed the password and waits for its second factor.

    Its id is a secret handed to the client only; it is stored as a hash. A one-time code is
    derived from a per-challenge secret (HOTP counter 0), so no code is stored at all.
    """

    id_hash: str
    user_id: str
    purpose: ChallengePurpose
    created_at: datetime
    expires_at: datetime
    attempts_left: int
    channel: MfaChannel | None = None
    destination: str | None = None
    code_secret: str | None = None
    code_expires_at: datetime | None = None
    pending_totp_secret: str | None = None
    completed_at: datetime | None = None

    def is_open(self, now: datetime) -> bool:
        return self.completed_at is None and self.attempts_left > 0 and now < self.expires_at

    def choose_factor(
        self, channel: MfaChannel, destination: str | None, totp_secret: str | None = None
    ) -> None:
        """While enrolling: the factor to prove, forgetting any code or app secret before it."""
        self.channel = channel
        self.destination = destination
        self.pending_totp_secret = totp_secret
        self.code_secret = None

    def issue_code(self, code_secret: str, expires_at: datetime) -> None:
        """A fresh one-time code (derived from code_secret) replaces any sent before."""
        self.code_secret = code_secret
        self.code_expires_at = expires_at

    def code_expired(self, now: datetime) -> bool:
        return self.code_expires_at is not None and now >= self.code_expires_at

    def spend_attempt(self) -> None:
        """A wrong code: one attempt fewer; with none left the challenge is void."""
        self.attempts_left = max(0, self.attempts_left - 1)

    @property
    def is_void(self) -> bool:
        return self.attempts_left == 0

    def complete(self, now: datetime) -> None:
        self.completed_at = now


@dataclass(frozen=True, slots=True)
class Nomination:
    id: str
    organisation_id: str
    name: str
    email: str
    mobile: str | None
    roles: frozenset[Role]
    nominated_by: str
    created_at: datetime
    approved_at: datetime | None = None
    approved_by: str | None = None
    rejected_at: datetime | None = None
    rejected_by: str | None = None
    rejection_reason: str | None = None

    @property
    def is_pending(self) -> bool:
        return self.approved_at is None and self.rejected_at is None


@dataclass(frozen=True, slots=True)
class Invitation:
    token_hash: str
    user_id: str
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class TrustedDevice:
    """A device that passed MFA: sign-ins from it skip the code until it expires."""

    token_hash: str
    user_id: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = None

    def trusts(self, user_id: str, now: datetime) -> bool:
        return self.user_id == user_id and self.revoked_at is None and now < self.expires_at


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


MAX_EMAIL_LENGTH = 254
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def is_email(address: str) -> bool:
    """The one email rule: at most 254 characters, an @ with a dot after it, and no spaces."""
    return len(address) <= MAX_EMAIL_LENGTH and _EMAIL.match(address) is not None
