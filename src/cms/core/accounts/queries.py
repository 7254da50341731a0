"""The read side of accounts: users as other modules and the API see them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from cms.core.accounts.audit import AuditEntry
from cms.core.accounts.model import (
    AccountStatus,
    MfaChannel,
    Nomination,
    Organisation,
    OrganisationKind,
    Role,
    Viewer,
)
from cms.core.shared.calendar import UK
from cms.core.shared.errors import InvalidValue


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

    async def users_by_emails(self, emails: Iterable[str]) -> dict[str, UserView]: ...

    async def organisations_by_ids(
        self, organisation_ids: Iterable[str]
    ) -> dict[str, Organisation]: ...

    async def pending_nominations(self, organisation_id: str | None) -> list[Nomination]: ...

    async def audit_entries(self, after_seq: int, limit: int) -> list[AuditEntry]: ...


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


def days_inactive(user: UserView, now: datetime) -> int | None:
    """Whole UK days since the account was last active (None: never active, e.g. invited)."""
    if user.last_active_at is None or user.status is AccountStatus.INVITED:
        return None
    today = now.astimezone(UK).date()
    return max(0, (today - user.last_active_at.astimezone(UK).date()).days)


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
