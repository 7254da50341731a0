"""Commands of the accounts module."""

from __future__ import annotations

from dataclasses import dataclass

from cms.core.accounts.model import MfaChannel, OrganisationKind, Role, Viewer
from cms.core.shared.messages import Command


@dataclass(frozen=True, kw_only=True)
class SignIn(Command):
    email: str
    password: str
    client_address: str | None = None
    device_token: str | None = None  # the remember-device cookie, if the browser has one


@dataclass(frozen=True, kw_only=True)
class EnrolMfa(Command):
    challenge_id: str
    channel: MfaChannel
    destination: str | None
    client_address: str | None = None


@dataclass(frozen=True, kw_only=True)
class VerifyMfa(Command):
    challenge_id: str
    code: str
    remember_device: bool = False
    client_address: str | None = None


@dataclass(frozen=True, kw_only=True)
class SignOut(Command):
    session_token: str
    device_token: str | None = None
    client_address: str | None = None


@dataclass(frozen=True, kw_only=True)
class Authenticate(Command):
    """Resolve a session token to the caller, refreshing the idle timer."""

    session_token: str


@dataclass(frozen=True, kw_only=True)
class DescribeSession(Command):
    """When a live session ends, for a browser's timeout warning; None when it is not live.

    With keep_alive, the idle timer starts again now (the user chose to stay signed in)."""

    session_token: str
    keep_alive: bool = False


@dataclass(frozen=True, kw_only=True)
class ChangePassword(Command):
    viewer: Viewer
    session_token: str
    current_password: str
    new_password: str
    client_address: str | None = None


@dataclass(frozen=True, kw_only=True)
class PurgeExpiredSessions(Command):
    """Delete sessions past their absolute lifetime: they can never be used again."""


@dataclass(frozen=True, kw_only=True)
class NominateUser(Command):
    viewer: Viewer
    name: str
    email: str
    mobile: str | None
    roles: frozenset[Role]
    # Another organisation than the viewer's: a CDSP account administrator nominating its
    # first Local Security Officer.
    organisation_id: str | None = None
    client_address: str | None = None


@dataclass(frozen=True, kw_only=True)
class CreateAdministrator(Command):
    """From the command line: a CDSP account administrator, invited to set a password (the
    first person who can sign in to a new installation). The CDSP is made if missing."""

    email: str
    name: str
    cdsp_name: str = "CDSP"


@dataclass(frozen=True, kw_only=True)
class CreateOrganisation(Command):
    """A CDSP account administrator sets up an organisation; a network with its LDZs."""

    viewer: Viewer
    kind: OrganisationKind
    name: str
    short_code: str
    ldzs: tuple[str, ...] = ()
    international_mobiles_allowed: bool = False
    client_address: str | None = None


@dataclass(frozen=True, kw_only=True)
class ApproveNomination(Command):
    viewer: Viewer
    nomination_id: str
    client_address: str | None = None


@dataclass(frozen=True, kw_only=True)
class RejectNomination(Command):
    viewer: Viewer
    nomination_id: str
    reason: str
    client_address: str | None = None


@dataclass(frozen=True, kw_only=True)
class ResendInvitation(Command):
    """A new invitation for an account that waits for its password (the last one expired)."""

    viewer: Viewer
    user_id: str
    client_address: str | None = None


@dataclass(frozen=True, kw_only=True)
class ResetSecondFactor(Command):
    """The user lost their second factor: they choose one again at their next sign-in."""

    viewer: Viewer
    user_id: str
    reason: str
    client_address: str | None = None


@dataclass(frozen=True, kw_only=True)
class AcceptInvitation(Command):
    token: str
    password: str
    client_address: str | None = None


@dataclass(frozen=True, kw_only=True)
class DisableUser(Command):
    viewer: Viewer
    user_id: str
    reason: str
    client_address: str | None = None


@dataclass(frozen=True, kw_only=True)
class EnableUser(Command):
    viewer: Viewer
    user_id: str
    reason: str | None = None
    client_address: str | None = None


@dataclass(frozen=True, kw_only=True)
class DisableInactiveUsers(Command):
    """The daily sweep: warn at 76 days without activity, disable after 90."""
