"""The one composition root: every adapter bound to the port it implements."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

from dependency_injector import containers, providers
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine

from cms.adapters.calendar.bank_holidays import england_and_wales_bank_holidays
from cms.adapters.counters.memory import MemoryAttemptCounters
from cms.adapters.counters.redis import RedisAttemptCounters
from cms.adapters.delivery.email import SmtpEmailSender
from cms.adapters.delivery.outbox_file import OutboxFileSender
from cms.adapters.delivery.routing import RoutingSender
from cms.adapters.delivery.sms import HttpSmsSender
from cms.adapters.jobs.mprn_requests import ArqMprnRequests, InProcessMprnRequests
from cms.adapters.jobs.relay import RelayLoop, notification_steps
from cms.adapters.paf.search import PostgresAddressIndex, SqliteAddressIndex
from cms.adapters.paf.store import SqlAddressBook
from cms.adapters.phones.rules import LibPhoneNumberRules
from cms.adapters.pubsub.hub import LiveHub
from cms.adapters.pubsub.in_process import InProcessLiveChannel
from cms.adapters.pubsub.redis import RedisLiveChannel
from cms.adapters.security.common_passwords import FileCommonPasswords
from cms.adapters.security.one_time_codes import PyOtpCodes
from cms.adapters.security.passwords import Argon2PasswordHasher
from cms.adapters.sql.accounts_queries import SqlAccountQueries
from cms.adapters.sql.contacts_queries import SqlContactQueries
from cms.adapters.sql.engine import create_engine
from cms.adapters.sql.leadership import Leadership
from cms.adapters.sql.notifications import (
    SqlContactHistories,
    SqlNotificationStore,
    SqlPreferenceStore,
    SqlRecipients,
)
from cms.adapters.sql.projections import SqlContactSummaries, summaries_relay
from cms.adapters.sql.reference_data import SqlLdzReference
from cms.adapters.sql.unit_of_work import SqlUnitOfWork
from cms.adapters.uklink.simulated import (
    FaultInjectingRegistry,
    SimulatedMeterPointRegistry,
    SimulatedUkLink,
)
from cms.core.accounts.administration import AdministrationHandlers
from cms.core.accounts.authentication import AuthenticationHandlers
from cms.core.accounts.commands import (
    AcceptInvitation,
    ApproveNomination,
    Authenticate,
    ChangePassword,
    CreateAdministrator,
    CreateOrganisation,
    DescribeSession,
    DisableInactiveUsers,
    DisableUser,
    EnableUser,
    EnrolMfa,
    NominateUser,
    PurgeExpiredSessions,
    RejectNomination,
    ResendInvitation,
    ResetSecondFactor,
    SignIn,
    SignOut,
    VerifyMfa,
)
from cms.core.accounts.inactivity import InactivityHandlers
from cms.core.accounts.sign_in import SecurityPolicy
from cms.core.addresses.search import AddressIndex
from cms.core.contacts.commands import (
    AcceptContact,
    AllocateToNetwork,
    AnswerQuestion,
    AskShipper,
    AssignContact,
    BookSiteVisit,
    CreateMprn,
    HandBackToCdsp,
    LapseUnansweredQuestions,
    MoveToNetwork,
    PickUpContact,
    RaiseMncContact,
    RejectContact,
    RequestMissingMprns,
    WithdrawContact,
)
from cms.core.contacts.ports import MeterPointRegistry, MprnRequests
from cms.core.contacts.raising import ContactsHandlers
from cms.core.contacts.read_model import (
    ReadModelHandlers,
    RedeliverContactEvents,
    keep_summaries_current,
)
from cms.core.contacts.workflow import WorkflowHandlers
from cms.core.notifications.commands import (
    MarkAllNotificationsRead,
    MarkNotificationRead,
    SendEmailCopies,
    SetNotificationPreferences,
)
from cms.core.notifications.handlers import NotificationHandlers
from cms.core.notifications.ports import LiveChannel
from cms.core.shared.bus import MessageBus
from cms.core.shared.calendar import WorkingDayCalendar
from cms.core.shared.clock import Clock, SystemClock
from cms.core.shared.delivery import MessageSender
from cms.core.shared.messages import Event
from cms.core.shared.rate_limits import AttemptCounters
from cms.graphql.context import ApiServices
from cms.graphql.notifications.live import SharedContactViews, SharedSessionChecks
from cms.settings import Settings


def build_bus(
    authentication: AuthenticationHandlers,
    administration: AdministrationHandlers,
    inactivity: InactivityHandlers,
    contacts: ContactsHandlers,
    workflow: WorkflowHandlers,
    read_model: ReadModelHandlers,
    notifications: NotificationHandlers,
) -> MessageBus:
    """A fresh bus for one request or job (it holds no state between them)."""
    return MessageBus(
        {
            SignIn: authentication.sign_in,
            EnrolMfa: authentication.enrol_mfa,
            VerifyMfa: authentication.verify_mfa,
            SignOut: authentication.sign_out,
            DescribeSession: authentication.describe_session,
            Authenticate: authentication.authenticate,
            ChangePassword: authentication.change_password,
            PurgeExpiredSessions: authentication.purge_expired_sessions,
            NominateUser: administration.nominate_user,
            ApproveNomination: administration.approve_nomination,
            CreateOrganisation: administration.create_organisation,
            CreateAdministrator: administration.create_administrator,
            RejectNomination: administration.reject_nomination,
            ResendInvitation: administration.resend_invitation,
            ResetSecondFactor: administration.reset_second_factor,
            AcceptInvitation: administration.accept_invitation,
            DisableUser: administration.disable_user,
            EnableUser: administration.enable_user,
            DisableInactiveUsers: inactivity.disable_inactive_users,
            RaiseMncContact: contacts.raise_mnc_contact,
            PickUpContact: workflow.pick_up,
            AssignContact: workflow.assign,
            AskShipper: workflow.ask_shipper,
            AnswerQuestion: workflow.answer_question,
            AllocateToNetwork: workflow.allocate_to_network,
            MoveToNetwork: workflow.move_to_network,
            HandBackToCdsp: workflow.hand_back,
            BookSiteVisit: workflow.book_site_visit,
            AcceptContact: workflow.accept,
            RejectContact: workflow.reject,
            WithdrawContact: workflow.withdraw,
            CreateMprn: workflow.create_mprn,
            RequestMissingMprns: workflow.request_missing_mprns,
            LapseUnansweredQuestions: workflow.lapse_unanswered,
            RedeliverContactEvents: read_model.redeliver,
            MarkNotificationRead: notifications.mark_read,
            MarkAllNotificationsRead: notifications.mark_all_read,
            SetNotificationPreferences: notifications.set_preferences,
            SendEmailCopies: notifications.send_email_copies,
        }
    )


def build_sender(settings: Settings) -> MessageSender:
    """Embedded and development: every message goes to var/outbox.jsonl for people to read.
    Otherwise email goes over SMTP and texts to the SMS provider, when they are configured."""
    outbox = OutboxFileSender(Path(settings.outbox_path))
    if settings.is_development or not settings.distributed:
        return outbox
    email: MessageSender = outbox
    sms: MessageSender = outbox
    if settings.smtp_host:
        email = SmtpEmailSender(
            host=settings.smtp_host,
            port=settings.smtp_port,
            sender_address=settings.smtp_from,
            username=settings.smtp_username,
            password=settings.smtp_password,
            use_tls=settings.smtp_tls,
            start_tls=settings.smtp_starttls,
        )
    if settings.sms_url:
        sms = HttpSmsSender(
            endpoint_url=settings.sms_url,
            api_token=settings.sms_token or "",
            sender_id=settings.sms_sender_id,
        )
    return RoutingSender(email=email, sms=sms)


def build_mprn_requests(settings: Settings, container: Container) -> MprnRequests:
    """arq jobs when Redis is there (the worker runs them); asyncio tasks when embedded."""
    if settings.redis_url:
        return ArqMprnRequests(settings.redis_url)
    return InProcessMprnRequests(lambda: container.bus())


def build_registry(settings: Settings, engine: AsyncEngine, clock: Clock) -> MeterPointRegistry:
    registry = SimulatedMeterPointRegistry(engine, clock)
    if settings.uklink_simulated_failing_calls or settings.uklink_simulated_slow_calls:
        return FaultInjectingRegistry(
            registry,
            settings.uklink_simulated_failing_calls,
            settings.uklink_simulated_slow_calls,
            settings.uklink_simulated_slow_s,
        )
    return registry


def build_redis(settings: Settings) -> Redis | None:
    return Redis.from_url(settings.redis_url) if settings.redis_url else None


def build_address_index(engine: AsyncEngine) -> AddressIndex:
    """GIN and B-tree on PostgreSQL; FTS5 on SQLite."""
    if engine.dialect.name == "postgresql":
        return PostgresAddressIndex(engine)
    return SqliteAddressIndex(engine)


def build_live_channel(settings: Settings, redis: Redis | None, hub: LiveHub) -> LiveChannel:
    """Redis pub/sub reaches every server process; embedded, there is only this one."""
    if redis is None:
        return InProcessLiveChannel(hub)
    return RedisLiveChannel(redis, settings.live_channel)


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


def build_counters(redis: Redis | None, clock: Clock) -> AttemptCounters:
    """Shared counters in Redis when several processes serve; in memory when embedded."""
    return RedisAttemptCounters(redis, clock) if redis is not None else MemoryAttemptCounters(clock)


class Container(containers.DeclarativeContainer):
    __self__ = providers.Self()
    settings = providers.Singleton(Settings)
    clock = providers.Singleton(SystemClock)
    engine = providers.Singleton(
        create_engine, url=settings.provided.database_url, echo=settings.provided.sql_echo
    )

    password_hasher = providers.Singleton(Argon2PasswordHasher)
    phone_rules = providers.Singleton(LibPhoneNumberRules)
    calendar = providers.Singleton(
        WorkingDayCalendar,
        is_holiday=providers.Callable(england_and_wales_bank_holidays),
        extra_closures=settings.provided.closure_days,
    )
    address_book = providers.Singleton(SqlAddressBook, engine)
    address_index = providers.Singleton(build_address_index, engine)
    ldz_reference = providers.Singleton(SqlLdzReference, engine)
    uk_link = providers.Singleton(SimulatedUkLink, engine)
    contact_summaries = providers.Singleton(SqlContactSummaries, engine)
    redis = providers.Singleton(build_redis, settings)
    sender = providers.Singleton(build_sender, settings)

    # Notifications: the relay feeds them from the event log; the hub fans them out live.
    notification_store = providers.Singleton(SqlNotificationStore, engine)
    notification_preferences = providers.Singleton(SqlPreferenceStore, engine)
    live_hub = providers.Singleton(LiveHub, queue_size=settings.provided.live_queue_size)
    live_channel = providers.Singleton(build_live_channel, settings, redis, live_hub)
    notifications = providers.Singleton(
        NotificationHandlers,
        store=notification_store,
        preferences=notification_preferences,
        histories=providers.Singleton(SqlContactHistories, engine),
        recipients=providers.Singleton(SqlRecipients, engine),
        live=live_channel,
        sender=sender,
        clock=clock,
        public_url=settings.provided.public_url,
    )
    relay_loop = providers.Singleton(
        RelayLoop,
        steps=providers.Callable(notification_steps, engine, notifications, contact_summaries),
        leadership=providers.Singleton(Leadership, engine),
        poll_s=settings.provided.relay_poll_s,
    )
    # Event handlers run right after each commit; the relay redelivers what they missed.
    after_commit = providers.Singleton(build_after_commit, contact_summaries, relay_loop)
    unit_of_work = providers.Factory(SqlUnitOfWork, engine, after_commit=after_commit)
    read_unit_of_work = providers.Factory(SqlUnitOfWork, engine, read_only=True)
    contact_relay = providers.Singleton(summaries_relay, engine, contact_summaries)
    read_model = providers.Singleton(ReadModelHandlers, contact_relay)
    account_queries = providers.Singleton(SqlAccountQueries, engine)
    contact_queries = providers.Singleton(SqlContactQueries, engine)

    security_policy = providers.Singleton(
        SecurityPolicy,
        idle_timeout_s=settings.provided.session_idle_timeout_s,
        absolute_timeout_s=settings.provided.session_absolute_timeout_s,
    )
    counters = providers.Singleton(build_counters, redis, clock)
    one_time_codes = providers.Singleton(PyOtpCodes)
    common_passwords = providers.Singleton(FileCommonPasswords)
    authentication = providers.Singleton(
        AuthenticationHandlers,
        uow=unit_of_work.provider,
        hasher=password_hasher,
        codes=one_time_codes,
        counters=counters,
        sender=sender,
        mobiles=phone_rules,
        common_passwords=common_passwords,
        clock=clock,
        policy=security_policy,
        read_uow=read_unit_of_work.provider,
    )
    administration = providers.Singleton(
        AdministrationHandlers,
        uow=unit_of_work.provider,
        hasher=password_hasher,
        mobiles=phone_rules,
        common_passwords=common_passwords,
        sender=sender,
        clock=clock,
        policy=security_policy,
        public_url=settings.provided.public_url,
    )
    inactivity = providers.Singleton(
        InactivityHandlers,
        uow=unit_of_work.provider,
        sender=sender,
        clock=clock,
        policy=security_policy,
    )
    contacts = providers.Singleton(
        ContactsHandlers,
        uow=unit_of_work.provider,
        addresses=address_book,
        address_index=address_index,
        ldz_reference=ldz_reference,
        uk_link=uk_link,
        phones=phone_rules,
        networks=account_queries,
        calendar=calendar,
        clock=clock,
    )
    meter_point_registry = providers.Singleton(build_registry, settings, engine, clock)
    mprn_requests = providers.Singleton(build_mprn_requests, settings, __self__)
    workflow = providers.Singleton(
        WorkflowHandlers,
        uow=unit_of_work.provider,
        accounts=account_queries,
        registry=meter_point_registry,
        mprn_requests=mprn_requests,
        calendar=calendar,
        clock=clock,
        sender=sender,
        uk_link_timeout_s=settings.provided.uklink_timeout_s,
    )
    bus = providers.Factory(
        build_bus,
        workflow=workflow,
        read_model=read_model,
        authentication=authentication,
        administration=administration,
        inactivity=inactivity,
        contacts=contacts,
        notifications=notifications,
    )

    api_services = providers.Singleton(
        ApiServices,
        account_queries=account_queries,
        administration_queries=account_queries,
        contact_queries=contact_queries,
        addresses=address_book,
        address_index=address_index,
        ldz_reference=ldz_reference,
        clock=clock,
        bus_factory=bus.provider,
        cookie_name=settings.provided.cookie_name,
        device_cookie_name=settings.provided.device_cookie_name,
        secure_cookies=providers.Callable(lambda s: not s.is_development, settings),
        session_max_age_s=settings.provided.session_absolute_timeout_s,
        device_max_age_s=providers.Callable(
            lambda p: p.trusted_device_days * 86400, security_policy
        ),
        notifications=notification_store,
        notification_preferences=notification_preferences,
        live_feed=live_hub,
        shared_contact_views=providers.Singleton(SharedContactViews, contact_queries),
        session_checks=providers.Singleton(SharedSessionChecks),
    )


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
