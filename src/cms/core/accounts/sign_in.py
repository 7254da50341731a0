"""Signing in: a flow of steps, so a second factor can be asked for without reworking it."""

from __future__ import annotations

from dataclasses import dataclass

from cms.core.accounts.model import AccountStatus, UserAccount, Viewer


@dataclass(frozen=True, slots=True)
class SignedIn:
    viewer: Viewer
    session_token: str


@dataclass(frozen=True, slots=True)
class SignInRefused:
    """One message for every cause, so nobody can learn which accounts exist."""

    message: str = "The email address or password is not right, or the account cannot sign in."


SignInOutcome = SignedIn | SignInRefused


@dataclass(frozen=True, slots=True)
class IssueSession:
    """The password was enough: open a session now."""


NextStep = IssueSession


def may_sign_in(user: UserAccount | None) -> bool:
    return user is not None and user.status is AccountStatus.ACTIVE and bool(user.password_hash)


def next_step_after_password(user: UserAccount) -> NextStep:
    """What a user must still do once the password is right.

    Multi-factor authentication will add steps here (enrol, or prove a code); today the
    password completes the sign-in.
    """
    return IssueSession()
