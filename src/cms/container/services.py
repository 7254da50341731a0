"""The services part: the command handlers, the bus that routes to them, the unit of work, and
what runs in the background."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from dependency_injector import containers, providers

from cms.adapters.jobs.functions import PERIODIC_JOBS
from cms.adapters.jobs.in_process import InProcessScheduler
from cms.adapters.jobs.mprn_requests import ArqMprnRequests, InProcessMprnRequests
from cms.adapters.jobs.relay import RelayLoop, notification_steps
from cms.adapters.pubsub.redis import RedisLiveListener
from cms.adapters.sql.projections import SqlContactSummaries
from cms.adapters.sql.unit_of_work import SqlUnitOfWork
from cms.core.accounts.account_care import AccountCareHandlers
from cms.core.accounts.inactivity import InactivityHandlers
from cms.core.accounts.invitations import InvitationHandlers
from cms.core.accounts.mfa import MfaHandlers
from cms.core.accounts.nominations import NominationHandlers
from cms.core.accounts.organisations import OrganisationHandlers
from cms.core.accounts.routes import routes as accounts_routes
from cms.core.accounts.sessions import SessionHandlers
from cms.core.accounts.signing_in import SignInHandlers
from cms.core.contacts.ports import MprnRequests
from cms.core.contacts.raising import ContactsHandlers
from cms.core.contacts.read_model import ReadModelHandlers, keep_summaries_current
from cms.core.contacts.routes import routes as contacts_routes
from cms.core.contacts.workflow import WorkflowHandlers
from cms.core.notifications.handlers import NotificationHandlers
from cms.core.notifications.routes import routes as notifications_routes
from cms.core.shared.bus import Handler, MessageBus
from cms.core.shared.messages import Command, Event


def merge_routes(*tables: Mapping[type[Command], Handler]) -> dict[type[Command], Handler]:
    """Every module's routes in one table; a command two modules claim is a mistake."""
    merged: dict[type[Command], Handler] = {}
    for table in tables:
        for command, handler in table.items():
            if command in merged:
                raise ValueError(f"{command.__name__} has two routes")
            merged[command] = handler
    return merged


def in_process_mprn_requests(services: Any) -> MprnRequests:
    """Embedded: asyncio tasks in this process, each with a fresh bus."""
    return InProcessMprnRequests(lambda: services.bus())


def build_after_commit(
    summaries: SqlContactSummaries, relay: RelayLoop
) -> Callable[[Sequence[Event]], Awaitable[None]]:
    """Run right after each commit: the summaries are made current at once, and the relay (if
    it runs in this process) is woken to tell people without waiting for its next poll."""

    async def after_commit(events: Sequence[Event]) -> None:
        try:
            await keep_summaries_current(events, summaries)
        finally:
            relay.wake()

    return after_commit


class Services(containers.DeclarativeContainer):
    __self__ = providers.Self()
    core = providers.DependenciesContainer()
    gateways = providers.DependenciesContainer()

    # Notifications: the relay feeds them from the event log; the hub fans them out live.
    notifications = providers.Singleton(
        NotificationHandlers,
        store=gateways.notification_store,
        preferences=gateways.notification_preferences,
        histories=gateways.contact_histories,
        recipients=gateways.recipients,
        live=gateways.live_channel,
        sender=gateways.sender,
        clock=core.clock,
        public_url=core.settings.provided.public_url,
    )
    relay_loop = providers.Singleton(
        RelayLoop,
        steps=providers.Callable(
            notification_steps, gateways.engine, notifications, gateways.contact_summaries
        ),
        leadership=gateways.leadership,
        poll_s=core.settings.provided.relay_poll_s,
    )
    # Event handlers run right after each commit; the relay redelivers what they missed.
    after_commit = providers.Singleton(build_after_commit, gateways.contact_summaries, relay_loop)
    unit_of_work = providers.Factory(SqlUnitOfWork, gateways.engine, after_commit=after_commit)
    read_model = providers.Singleton(ReadModelHandlers, gateways.contact_relay)

    sessions = providers.Singleton(
        SessionHandlers,
        uow=unit_of_work.provider,
        clock=core.clock,
        policy=core.security_policy,
        read_uow=gateways.read_unit_of_work.provider,
    )
    mfa = providers.Singleton(
        MfaHandlers,
        uow=unit_of_work.provider,
        codes=gateways.one_time_codes,
        counters=gateways.counters,
        sender=gateways.sender,
        mobiles=gateways.phone_rules,
        clock=core.clock,
        policy=core.security_policy,
        sessions=sessions,
    )
    signing_in = providers.Singleton(
        SignInHandlers,
        uow=unit_of_work.provider,
        hasher=gateways.password_hasher,
        counters=gateways.counters,
        common_passwords=gateways.common_passwords,
        clock=core.clock,
        policy=core.security_policy,
        mfa=mfa,
        sessions=sessions,
    )
    invitations = providers.Singleton(
        InvitationHandlers,
        uow=unit_of_work.provider,
        hasher=gateways.password_hasher,
        common_passwords=gateways.common_passwords,
        sender=gateways.sender,
        clock=core.clock,
        policy=core.security_policy,
        public_url=core.settings.provided.public_url,
    )
    nominations = providers.Singleton(
        NominationHandlers,
        uow=unit_of_work.provider,
        mobiles=gateways.phone_rules,
        sender=gateways.sender,
        clock=core.clock,
        invitations=invitations,
    )
    organisations = providers.Singleton(
        OrganisationHandlers, uow=unit_of_work.provider, clock=core.clock
    )
    account_care = providers.Singleton(
        AccountCareHandlers, uow=unit_of_work.provider, sender=gateways.sender, clock=core.clock
    )
    inactivity = providers.Singleton(
        InactivityHandlers,
        uow=unit_of_work.provider,
        sender=gateways.sender,
        clock=core.clock,
        policy=core.security_policy,
    )
    contacts = providers.Singleton(
        ContactsHandlers,
        uow=unit_of_work.provider,
        addresses=gateways.address_book,
        address_index=gateways.address_index,
        ldz_reference=gateways.ldz_reference,
        uk_link=gateways.uk_link,
        phones=gateways.phone_rules,
        networks=gateways.account_queries,
        calendar=core.calendar,
        clock=core.clock,
    )
    # New MPRNs are asked for by jobs: arq's in Redis (the worker runs them) when distributed.
    mprn_requests = providers.Selector(
        core.mode,
        embedded=providers.Singleton(in_process_mprn_requests, __self__),
        distributed=providers.Singleton(ArqMprnRequests, core.settings.provided.redis_url),
    )
    workflow = providers.Singleton(
        WorkflowHandlers,
        uow=unit_of_work.provider,
        accounts=gateways.account_queries,
        registry=gateways.meter_point_registry,
        mprn_requests=mprn_requests,
        calendar=core.calendar,
        clock=core.clock,
        sender=gateways.sender,
        uk_link_timeout_s=core.settings.provided.uklink_timeout_s,
    )

    # Each module says which of its handlers takes each command; the bus, one per request or
    # job (it holds no state between them), routes by the merged table.
    routes = providers.Factory(
        merge_routes,
        providers.Factory(
            accounts_routes,
            signing_in,
            mfa,
            sessions,
            nominations,
            invitations,
            organisations,
            account_care,
            inactivity,
        ),
        providers.Factory(contacts_routes, contacts, workflow, read_model),
        providers.Factory(notifications_routes, notifications),
    )
    bus = providers.Factory(MessageBus, routes)

    # What `cms serve` runs beside the API. Embedded: the periodic jobs and the relay, and
    # live messages go straight to the hub. Distributed: `cms worker` runs jobs and relay, and
    # this process listens to Redis for the live messages.
    app_background = providers.Selector(
        core.mode,
        embedded=providers.List(
            providers.Factory(InProcessScheduler, PERIODIC_JOBS, bus.provider), relay_loop
        ),
        distributed=providers.List(
            providers.Factory(
                RedisLiveListener,
                core.settings.provided.redis_url,
                gateways.live_hub,
                core.settings.provided.live_channel,
            )
        ),
    )
