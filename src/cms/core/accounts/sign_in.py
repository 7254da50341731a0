"""Signing in: the outcomes of each step, and the words a refusal uses."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cms.core.accounts.model import (
    AccountStatus,
    MfaChannel,
    OrganisationKind,
    Role,
    UserAccount,
    Viewer,
)
from cms.core.accounts.ports import AccountsUnitOfWork

GENERIC_REFUSAL = "The email address or password is not right, or the account cannot sign in."


class RefusalCause(StrEnum):
    """Why a sign-in was refused, as the audit log records it (`cause`); never told the caller.

    The values are the words stored in the audit log since before this enum: keep them.
    """

    WAITING = "waiting"  # a wait from earlier failures had not run out
    UNKNOWN_EMAIL = "unknown email"
    WRONG_PASSWORD = "wrong password"
    ACCOUNT_INVITED = "account invited"  # the invitation was never accepted
    ACCOUNT_DISABLED = "account disabled"
    # Active, yet without a password: enabled again after being disabled while invited.
    ACCOUNT_ACTIVE = "account active"

    @classmethod
    def account(cls, status: AccountStatus) -> RefusalCause:
        """The cause when the password is right but an account of this status cannot sign in."""
        return cls(f"account {status.lower()}")


@dataclass(frozen=True, slots=True)
class SignedIn:
    viewer: Viewer
    session_token: str
    device_token: str | None = None  # set when the user asked to trust this device


@dataclass(frozen=True, slots=True)
class SignInRefused:
    """One message for every cause before the password is proven: no account enumeration.

    A wait (throttling.py) is told too; it depends only on the email and client addresses and
    the device, never on whether the account exists or the password was right.
    """

    message: str = GENERIC_REFUSAL
    # Only once the password is proved: the account is disabled, and the message says why and
    # whom to ask (decision: the person has shown who they are; a guesser learns nothing).
    account_disabled: bool = False


def disabled_refusal(reason: str | None, whom: str) -> SignInRefused:
    why = f": {reason.rstrip('.')}." if reason else "."
    return SignInRefused(
        message=f"Your password is right, but your account is disabled{why} To use CMS again, "
        f"ask {whom} to enable it.",
        account_disabled=True,
    )


def whom_to_ask(lso_names: list[str], is_cdsp: bool = False) -> str:
    """Who re-enables an account or invites again: the organisation's LSOs by name, if any."""
    if lso_names:
        names = " or ".join(sorted(lso_names))
        officer = "Local Security Officer" if len(lso_names) == 1 else "Local Security Officers"
        return f"{names} (your organisation's {officer})"
    if is_cdsp:
        return "a CDSP account administrator"
    return "your organisation's Local Security Officer (or the CDSP's account administrators)"


async def whom_to_ask_about(uow: AccountsUnitOfWork, user: UserAccount) -> str:
    """The people who look after the user's account: their organisation's active LSOs."""
    colleagues = await uow.users.in_organisation(user.organisation_id)
    lsos = [
        other.name
        for other in colleagues
        if Role.LSO in other.roles and other.id != user.id and other.status is AccountStatus.ACTIVE
    ]
    organisation = await uow.organisations.get(user.organisation_id)
    is_cdsp = organisation is not None and organisation.kind is OrganisationKind.CDSP
    return whom_to_ask(lsos, is_cdsp)


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


def refusal_cause(user: UserAccount | None, password_ok: bool) -> RefusalCause | None:
    """Why this password step fails, or None when the user may go on to the second factor."""
    if user is None:
        return RefusalCause.UNKNOWN_EMAIL
    if not password_ok:
        return RefusalCause.WRONG_PASSWORD
    if not may_sign_in(user):
        return RefusalCause.account(user.status)
    return None
