"""The per-request context that resolvers receive: the caller, the bus, the query ports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from strawberry.dataloader import DataLoader
from strawberry.types import Info

from cms.core.accounts.model import Organisation, Viewer
from cms.core.accounts.queries import AccountQueries, AdministrationQueries, UserView
from cms.core.addresses.ports import AddressBook, LdzReference
from cms.core.addresses.search import AddressIndex
from cms.core.contacts.queries import ContactQueries, HistoryEntry
from cms.core.notifications.live import LiveFeed
from cms.core.notifications.ports import NotificationStore, PreferenceStore
from cms.core.shared.bus import MessageBus
from cms.core.shared.clock import Clock
from cms.graphql.errors import unauthenticated
from cms.graphql.notifications.shared_views import SharedContactViews, SharedSessionChecks


@dataclass(frozen=True)
class SessionCookies:
    """The cookies that carry a session and a remembered device, and how long they last."""

    session_name: str
    device_name: str
    secure: bool
    session_max_age_s: int
    device_max_age_s: int


@dataclass(frozen=True)
class AccountServices:
    """What the accounts' fields read: people and organisations, and their administration."""

    queries: AccountQueries
    administration: AdministrationQueries


@dataclass(frozen=True)
class ContactServices:
    """What the contacts' fields read."""

    queries: ContactQueries


@dataclass(frozen=True)
class AddressServices:
    """What the address fields read: the PAF, its search, and the LDZs."""

    book: AddressBook
    index: AddressIndex
    ldz_reference: LdzReference


@dataclass(frozen=True)
class NotificationServices:
    """What a person's notifications and their preferences are read from."""

    store: NotificationStore
    preferences: PreferenceStore


@dataclass(frozen=True)
class LiveServices:
    """What subscriptions stream from, and the work all of this process's subscribers share."""

    feed: LiveFeed
    contact_views: SharedContactViews
    session_checks: SharedSessionChecks


@dataclass(frozen=True)
class ApiServices:
    """What the API needs, built once by the composition root and shared by requests, in
    parts by what they serve."""

    clock: Clock
    bus_factory: Callable[[], MessageBus]
    cookies: SessionCookies
    accounts: AccountServices
    contacts: ContactServices
    addresses: AddressServices
    notifications: NotificationServices
    live: LiveServices


def _loader(load: Callable[[list[str]], Any]) -> DataLoader[str, Any]:
    async def batch(keys: list[str]) -> list[Any]:
        found = await load(keys)
        return [found.get(key) for key in keys]

    return DataLoader(load_fn=batch)


@dataclass
class Context:
    """One request's context: DataLoaders live exactly as long as it does."""

    request: Request
    response: Response | None
    services: ApiServices
    viewer: Viewer | None
    session_token: str | None
    bus: MessageBus
    users: DataLoader[str, UserView | None] = field(init=False)
    organisations: DataLoader[str, Organisation | None] = field(init=False)
    networks: DataLoader[str, Organisation | None] = field(init=False)
    histories: DataLoader[str, list[HistoryEntry]] = field(init=False)

    def __post_init__(self) -> None:
        self.renew_loaders()

    def renew_loaders(self) -> None:
        """Fresh DataLoaders: per request, and per message in a long-lived subscription."""
        accounts = self.services.accounts.queries
        self.users = _loader(accounts.users_by_ids)
        self.organisations = _loader(accounts.organisations_by_ids)
        self.networks = _loader(accounts.organisations_by_short_codes)
        self.histories = _loader(self.services.contacts.queries.history)

    @property
    def device_token(self) -> str | None:
        """The remember-device cookie: this browser passed MFA recently."""
        return self.request.cookies.get(self.services.cookies.device_name) or None

    @property
    def client_address(self) -> str | None:
        return self.request.client.host if self.request.client else None

    def require_viewer(self) -> Viewer:
        if self.viewer is None:
            raise unauthenticated()
        return self.viewer


ContextInfo = Info[Context, None]
