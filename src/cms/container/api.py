"""The API part: what the GraphQL resolvers are given, in parts by what they serve."""

from __future__ import annotations

from dependency_injector import containers, providers

from cms.core.accounts.policy import SecurityPolicy
from cms.graphql.context import (
    AccountServices,
    AddressServices,
    ApiServices,
    ContactServices,
    LiveServices,
    NotificationServices,
    SessionCookies,
)
from cms.graphql.notifications.shared_views import SharedContactViews, SharedSessionChecks
from cms.settings import Settings


def session_cookies(settings: Settings, policy: SecurityPolicy) -> SessionCookies:
    return SessionCookies(
        session_name=settings.cookie_name,
        device_name=settings.device_cookie_name,
        secure=not settings.is_development,
        session_max_age_s=settings.session_absolute_timeout_s,
        device_max_age_s=policy.trusted_device_days * 86400,
    )


class Api(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()
    gateways = providers.DependenciesContainer()
    services = providers.DependenciesContainer()

    api_services = providers.Singleton(
        ApiServices,
        clock=core.clock,
        bus_factory=services.bus.provider,
        cookies=providers.Singleton(session_cookies, core.settings, core.security_policy),
        accounts=providers.Singleton(
            AccountServices,
            queries=gateways.account_queries,
            administration=gateways.account_queries,
        ),
        contacts=providers.Singleton(ContactServices, queries=gateways.contact_queries),
        addresses=providers.Singleton(
            AddressServices,
            book=gateways.address_book,
            index=gateways.address_index,
            ldz_reference=gateways.ldz_reference,
        ),
        notifications=providers.Singleton(
            NotificationServices,
            store=gateways.notification_store,
            preferences=gateways.notification_preferences,
        ),
        live=providers.Singleton(
            LiveServices,
            feed=gateways.live_hub,
            contact_views=providers.Singleton(SharedContactViews, gateways.contact_queries),
            session_checks=providers.Singleton(SharedSessionChecks),
        ),
    )
