"""Signing in: outcomes of each step, and the security policy's numbers in one place."""

from __future__ import annotations

from dataclasses import dataclass

from cms.core.accounts.model import AccountStatus, MfaChannel, UserAccount, Viewer

GENERIC_REFUSAL = "The email address or password is not right, or the account cannot sign in."


@dataclass(frozen=True, slots=True)
class SecurityPolicy:
    """The account rules' numbers (decisions in DOMAIN.md and the accounts issue)."""

    idle_timeout_s: int = 30 * 60
    absolute_timeout_s: int = 12 * 60 * 60
    account_failure_limit: int = 10
    account_failure_window_s: int = 5 * 60
    lockout_s: int = 15 * 60
    client_failure_limit: int = 100
    client_failure_window_s: int = 5 * 60
    code_ttl_s: int = 5 * 60
    challenge_ttl_s: int = 15 * 60
    code_attempts: int = 5
    codes_per_window: int = 3
    code_window_s: int = 15 * 60
    trusted_device_days: int = 30
    invitation_ttl_s: int = 72 * 60 * 60
    inactivity_days: int = 90
    inactivity_warning_days: int = 14


@dataclass(frozen=True, slots=True)
class SignedIn:
    viewer: Viewer
    session_token: str
    device_token: str | None = None  # set when the user asked to trust this device


@dataclass(frozen=True, slots=True)
class SignInRefused:
    """One message for every cause before the password is proven: no account enumeration."""

    message: str = GENERIC_REFUSAL


@dataclass(frozen=True, slots=True)
class MfaEnrolmentRequired:
    challenge_id: str


@dataclass(frozen=True, slots=True)
class MfaRequired:
    challenge_id: str
    channel: MfaChannel
    masked_destination: str | None
    totp_provisioning_uri: str | None = None  # only while enrolling an authenticator app


@dataclass(frozen=True, slots=True)
class MfaFailed:
    message: str
    attempts_left: int


SignInOutcome = SignedIn | SignInRefused | MfaEnrolmentRequired | MfaRequired
VerifyOutcome = SignedIn | MfaFailed


def may_sign_in(user: UserAccount | None) -> bool:
    return user is not None and user.status is AccountStatus.ACTIVE and bool(user.password_hash)
