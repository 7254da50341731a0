"""The per-request context that resolvers receive: the caller, the bus, the query ports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from cms.graphql.notifications.live import SharedContactViews, SharedSessionChecks


@dataclass(frozen=True)
class ApiServices:
    """What the API needs, built once by the composition root and shared by requests."""

    account_queries: AccountQueries
    administration_queries: AdministrationQueries
    contact_queries: ContactQueries
    addresses: AddressBook
    address_index: AddressIndex
    ldz_reference: LdzReference
    clock: Clock
    bus_factory: Callable[[], MessageBus]
    cookie_name: str
    device_cookie_name: str
    secure_cookies: bool
    session_max_age_s: int
    device_max_age_s: int
    notifications: NotificationStore
    notification_preferences: PreferenceStore
    live_feed: LiveFeed
    shared_contact_views: SharedContactViews
    session_checks: SharedSessionChecks


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
        accounts = self.services.account_queries
        self.users = _loader(accounts.users_by_ids)
        self.organisations = _loader(accounts.organisations_by_ids)
        self.networks = _loader(accounts.organisations_by_short_codes)
        self.histories = _loader(self.services.contact_queries.history)

    @property
    def device_token(self) -> str | None:
        """The remember-device cookie: this browser passed MFA recently."""
        return self.request.cookies.get(self.services.device_cookie_name) or None

    @property
    def client_address(self) -> str | None:
        return self.request.client.host if self.request.client else None

    def require_viewer(self) -> Viewer:
        if self.viewer is None:
            raise unauthenticated()
        return self.viewer


ContextInfo = Info[Context, None]
