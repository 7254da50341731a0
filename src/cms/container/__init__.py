"""The one composition root, in parts: the core (settings, the mode, time), the gateways (every
adapter bound to the port it implements), the services (handlers, bus, background work) and
the API's services. The embedded-or-distributed mode is decided once, by Settings.mode, and
each part that differs selects on it."""

from __future__ import annotations

from dependency_injector import containers, providers

from cms.adapters.jobs.mprn_requests import ArqMprnRequests
from cms.container.api import Api
from cms.container.core import Core
from cms.container.gateways import Gateways
from cms.container.services import Services
from cms.settings import Settings

__all__ = ["Container", "build_container", "close_container"]


class Container(containers.DeclarativeContainer):
    settings = providers.Singleton(Settings)
    core = providers.Container(Core, settings=settings)
    gateways = providers.Container(Gateways, core=core)
    services = providers.Container(Services, core=core, gateways=gateways)
    api = providers.Container(Api, core=core, gateways=gateways, services=services)

    # The parts' providers the application, the command line and the tests reach for by name
    # (each is the part's own provider: overriding one here overrides it there).
    mode = core.mode
    clock = core.clock
    engine = gateways.engine
    redis = gateways.redis
    password_hasher = gateways.password_hasher
    sender = gateways.sender
    address_book = gateways.address_book
    address_index = gateways.address_index
    ldz_reference = gateways.ldz_reference
    uk_link = gateways.uk_link
    meter_point_registry = gateways.meter_point_registry
    account_queries = gateways.account_queries
    contact_queries = gateways.contact_queries
    contact_summaries = gateways.contact_summaries
    notification_store = gateways.notification_store
    notification_preferences = gateways.notification_preferences
    live_hub = gateways.live_hub
    notifications = services.notifications
    relay_loop = services.relay_loop
    mprn_requests = services.mprn_requests
    workflow = services.workflow
    routes = services.routes
    bus = services.bus
    app_background = services.app_background
    api_services = api.api_services


def build_container(settings: Settings | None = None) -> Container:
    container = Container()
    if settings is not None:
        container.settings.override(providers.Object(settings))
    return container


async def close_container(container: Container) -> None:
    """Release the database pool and the Redis client (making them opens no connection)."""
    await container.engine().dispose()
    redis = container.redis()
    if redis is not None:
        await redis.aclose()
    requests = container.mprn_requests()
    if isinstance(requests, ArqMprnRequests):
        await requests.close()
