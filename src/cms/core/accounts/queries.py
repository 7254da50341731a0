"""The read side of accounts: users as other modules and the API see them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from cms.core.accounts.audit import AuditEntry, AuditEvent
from cms.core.accounts.model import (
    AccountStatus,
    Invitation,
    MfaChannel,
    Nomination,
    Organisation,
    OrganisationKind,
    Role,
    Viewer,
)
from cms.core.accounts.sign_in import whom_to_ask
from cms.core.shared.calendar import UK
from cms.core.shared.errors import InvalidValue
from cms.core.shared.ids import hash_token
from cms.core.shared.masking import mask_email


@dataclass(frozen=True, slots=True)
class UserView:
    id: str
    name: str
    email: str
    organisation: Organisation
    roles: frozenset[Role]
    status: AccountStatus
    last_sign_in_at: datetime | None
    mfa_channel: MfaChannel | None
    # The inactivity clock: activation, each sign-in, and being enabled again restart it.
    last_active_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class NetworkView:
    """A network organisation and the LDZs it owns (codes, in order)."""

    organisation: Organisation
    ldzs: tuple[str, ...]


class AccountQueries(Protocol):
    async def users_by_ids(self, user_ids: Iterable[str]) -> dict[str, UserView]: ...

    async def organisations_by_ids(
        self, organisation_ids: Iterable[str]
    ) -> dict[str, Organisation]: ...

    async def organisations_by_short_codes(
        self, short_codes: Iterable[str]
    ) -> dict[str, Organisation]: ...

    async def networks(self) -> list[NetworkView]:
        """Every network organisation with its LDZs, by name."""
        ...

    async def network_owning(self, ldz: str) -> Organisation | None:
        """The network organisation that owns this LDZ, if one does."""
        ...


class AdministrationQueries(Protocol):
    async def users_of(self, organisation_id: str | None) -> list[UserView]:
        """Users of one organisation, or of every organisation when None."""
        ...

    async def users_by_ids(self, user_ids: Iterable[str]) -> dict[str, UserView]: ...

    async def invitation(self, token_hash: str) -> Invitation | None: ...

    async def all_organisations(self) -> list[Organisation]:
        """Every organisation, by name."""
        ...

    async def users_by_emails(self, emails: Iterable[str]) -> dict[str, UserView]: ...

    async def organisations_by_ids(
        self, organisation_ids: Iterable[str]
    ) -> dict[str, Organisation]: ...

    async def pending_nominations(self, organisation_id: str | None) -> list[Nomination]: ...

    async def audit_entries(
        self,
        after_seq: int,
        limit: int,
        user_id: str | None = None,
        event: AuditEvent | None = None,
    ) -> list[AuditEntry]:
        """In order; with `user_id`, those it acted in or was the subject of; with `event`,
        that event's only."""
        ...


def administered_scope(viewer: Viewer) -> tuple[bool, str | None]:
    """Whether the viewer administers accounts at all, and of which organisation (None: all)."""
    if viewer.kind is OrganisationKind.CDSP and viewer.has_role(Role.ACCOUNT_ADMIN):
        return True, None
    if viewer.has_role(Role.LSO):
        return True, viewer.organisation.id
    return False, None


def may_see_account_details(viewer: Viewer | None, user: UserView) -> bool:
    """A person's roles, status, last sign-in and second factor are for themself, their own
    LSO and the CDSP's account administrators; anyone else sees a name and an organisation."""
    if viewer is None:
        return False
    allowed, organisation_id = administered_scope(viewer)
    administers = allowed and organisation_id in (None, user.organisation.id)
    return viewer.user_id == user.id or administers


MAX_USER_SEARCH = 100


def user_search_words(search: str | None) -> tuple[str, ...]:
    """The words a user list is narrowed by (each must be in the name or the email)."""
    text = (search or "").strip()
    if len(text) > MAX_USER_SEARCH:
        raise InvalidValue(
            "SEARCH_TOO_LONG",
            f"The search has {len(text)} characters; give at most {MAX_USER_SEARCH}: words of "
            "the person's name or email address.",
            "search",
        )
    return tuple(word.casefold() for word in text.split())


def matches(user: UserView, words: tuple[str, ...]) -> bool:
    haystack = f"{user.name} {user.email}".casefold()
    return all(word in haystack for word in words)


async def administered_users(
    queries: AdministrationQueries,
    viewer: Viewer,
    search: str | None = None,
    status: AccountStatus | None = None,
) -> list[UserView]:
    """LSO: their own organisation's users; CDSP account administrator: everyone's; those
    whose name or email holds every word searched for, and of the status asked for."""
    words = user_search_words(search)
    allowed, organisation_id = administered_scope(viewer)
    if not allowed:
        return []
    users = await queries.users_of(organisation_id)
    return [
        user for user in users if matches(user, words) and (status is None or user.status is status)
    ]


async def administered_user(
    queries: AdministrationQueries, viewer: Viewer, user_id: str
) -> UserView | None:
    """The account with this id if the viewer looks after it (as `administered_users`)."""
    allowed, organisation_id = administered_scope(viewer)
    if not allowed:
        return None
    user = (await queries.users_by_ids([user_id])).get(user_id)
    if user is None or organisation_id not in (None, user.organisation.id):
        return None
    return user


def days_inactive(user: UserView, now: datetime) -> int | None:
    """Whole UK days since the account was last active (None: never active, e.g. invited)."""
    if user.last_active_at is None or user.status is AccountStatus.INVITED:
        return None
    today = now.astimezone(UK).date()
    return max(0, (today - user.last_active_at.astimezone(UK).date()).days)


async def administered_organisations(
    queries: AdministrationQueries, viewer: Viewer
) -> list[Organisation]:
    """Where the viewer may nominate people: every organisation for a CDSP account
    administrator, their own for an LSO, none for anyone else."""
    allowed, organisation_id = administered_scope(viewer)
    if not allowed:
        return []
    if organisation_id is not None:
        return [viewer.organisation]
    return await queries.all_organisations()


async def visible_nominations(queries: AdministrationQueries, viewer: Viewer) -> list[Nomination]:
    """Pending nominations: the LSO's own, or all of them for a CDSP account administrator."""
    allowed, organisation_id = administered_scope(viewer)
    return await queries.pending_nominations(organisation_id) if allowed else []


def email_clash(email: str, organisation_name: str) -> str:
    return (
        f"{email} already has an account at {organisation_name}, and an email address can "
        "have only one account."
    )


async def nomination_clashes(
    queries: AdministrationQueries, viewer: Viewer, nominations: list[Nomination]
) -> dict[str, str]:
    """Why each nomination could not become an account as it stands, by nomination id.

    For a CDSP account administrator only: an email's account or nomination in another
    organisation is not for an LSO to learn.
    """
    allowed, everyone = administered_scope(viewer)
    if not allowed or everyone is not None or not nominations:
        return {}
    accounts = await queries.users_by_emails({nomination.email for nomination in nominations})
    names = await queries.organisations_by_ids({n.organisation_id for n in nominations})
    clashes: dict[str, str] = {}
    for nomination in nominations:
        account = accounts.get(nomination.email)
        others = sorted(
            names[other.organisation_id].name
            for other in nominations
            if other.email == nomination.email and other.id != nomination.id
        )
        if account is not None:
            clashes[nomination.id] = email_clash(nomination.email, account.organisation.name)
        elif others:
            clashes[nomination.id] = (
                f"{' and '.join(others)} also nominated {nomination.email}; once one of these "
                "nominations is approved, the other cannot be."
            )
    return clashes


def may_read_audit(viewer: Viewer) -> bool:
    return viewer.kind is OrganisationKind.CDSP and (
        viewer.has_role(Role.ACCOUNT_ADMIN) or viewer.has_role(Role.LSO)
    )


def parse_audit_event(text: str) -> AuditEvent:
    name = text.strip().upper()
    if name not in AuditEvent.__members__:
        raise InvalidValue(
            "EVENT_UNKNOWN",
            f"'{text[:40]}' is not an audit event; use one of {', '.join(AuditEvent)}.",
            "event",
        )
    return AuditEvent(name)


class InvitationState(StrEnum):
    VALID = "VALID"  # it can set the password now
    EXPIRED = "EXPIRED"
    USED = "USED"  # used already, or replaced by a newer one
    UNKNOWN = "UNKNOWN"  # not a token this service gave out


@dataclass(frozen=True, slots=True)
class InvitationView:
    """What the invitation page shows whoever opened the link (no one is signed in)."""

    state: InvitationState
    ask_whom: str
    message: str
    first_name: str | None = None  # VALID only: the person's own, to greet them
    masked_email: str | None = None
    organisation_name: str | None = None  # not for an UNKNOWN token
    expires_at: datetime | None = None


MAX_TOKEN_LENGTH = 200


async def invitation_status(
    queries: AdministrationQueries, token: str, now: datetime
) -> InvitationView:
    """Whether the link can still set a password, and otherwise whom to ask for a new one.

    Tokens carry 256 random bits, so answering for an unknown one tells a guesser nothing.
    """
    token = token.strip()
    if len(token) > MAX_TOKEN_LENGTH:
        raise InvalidValue(
            "TOKEN_INVALID",
            f"The token has {len(token)} characters, more than any invitation's; open the link "
            "from the email whole, as it is.",
            "token",
        )
    invitation = await queries.invitation(hash_token(token)) if token else None
    user = (
        (await queries.users_by_ids([invitation.user_id])).get(invitation.user_id)
        if (invitation)
        else None
    )
    if invitation is None or user is None:
        whom = whom_to_ask([])
        return InvitationView(
            InvitationState.UNKNOWN,
            whom,
            "This link is not an invitation CMS knows: check that you opened the whole link "
            f"from the email, or ask {whom} to send you a new invitation.",
        )
    colleagues = await queries.users_of(user.organisation.id)
    lsos = [
        other.name
        for other in colleagues
        if Role.LSO in other.roles and other.id != user.id and other.status is AccountStatus.ACTIVE
    ]
    whom = whom_to_ask(lsos, user.organisation.kind is OrganisationKind.CDSP)
    organisation = user.organisation.name
    if invitation.used_at is not None or user.status is not AccountStatus.INVITED:
        return InvitationView(
            InvitationState.USED,
            whom,
            "This invitation has been used already, or a newer one was sent. If you have set "
            f"your password, sign in; if not, ask {whom} to send you a new invitation.",
            organisation_name=organisation,
        )
    if now >= invitation.expires_at:
        return InvitationView(
            InvitationState.EXPIRED,
            whom,
            f"This invitation expired on {_when(invitation.expires_at)}; ask {whom} to send you "
            "a new one.",
            organisation_name=organisation,
        )
    return InvitationView(
        InvitationState.VALID,
        whom,
        f"Set the password of your CMS account at {organisation} by "
        f"{_when(invitation.expires_at)}.",
        first_name=user.name.split()[0] if user.name.split() else None,
        masked_email=mask_email(user.email),
        organisation_name=organisation,
        expires_at=invitation.expires_at,
    )


def _when(at: datetime) -> str:
    local = at.astimezone(UK)
    return f"{local.day} {local:%B %Y} at {local:%H:%M}"
