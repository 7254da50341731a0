"""The gateways part: every adapter bound to the port it implements. What differs between the
embedded and the distributed mode is chosen here on the core part's mode, and nowhere else."""

from __future__ import annotations

from pathlib import Path

from dependency_injector import containers, providers
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine

from cms.adapters.counters.memory import MemoryAttemptCounters
from cms.adapters.counters.redis import RedisAttemptCounters
from cms.adapters.delivery.email import SmtpEmailSender
from cms.adapters.delivery.outbox_file import OutboxFileSender
from cms.adapters.delivery.routing import RoutingSender
from cms.adapters.delivery.sms import HttpSmsSender
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
from cms.core.addresses.search import AddressIndex
from cms.core.contacts.ports import MeterPointRegistry
from cms.core.shared.clock import Clock
from cms.core.shared.delivery import MessageSender
from cms.settings import Settings


def build_sender(settings: Settings, outbox: MessageSender) -> MessageSender:
    """The distributed mode's messages: email over SMTP and texts to the SMS provider, where
    they are configured, else (and always in development) the outbox file."""
    if settings.is_development:
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


def build_address_index(engine: AsyncEngine) -> AddressIndex:
    """GIN and B-tree on PostgreSQL; FTS5 on SQLite."""
    if engine.dialect.name == "postgresql":
        return PostgresAddressIndex(engine)
    return SqliteAddressIndex(engine)


class Gateways(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()
    settings = core.settings
    clock = core.clock

    engine = providers.Singleton(
        create_engine, url=settings.provided.database_url, echo=settings.provided.sql_echo
    )
    # Redis is there in the distributed mode alone: it shares what several processes must.
    redis = providers.Selector(
        core.mode,
        embedded=providers.Object(None),
        distributed=providers.Singleton(Redis.from_url, settings.provided.redis_url),
    )
    read_unit_of_work = providers.Factory(SqlUnitOfWork, engine, read_only=True)

    password_hasher = providers.Singleton(Argon2PasswordHasher)
    one_time_codes = providers.Singleton(PyOtpCodes)
    common_passwords = providers.Singleton(FileCommonPasswords)
    # Attempt counters: in memory when embedded; in Redis, shared by every process, when not.
    counters = providers.Selector(
        core.mode,
        embedded=providers.Singleton(MemoryAttemptCounters, clock),
        distributed=providers.Singleton(RedisAttemptCounters, redis, clock),
    )
    phone_rules = providers.Singleton(LibPhoneNumberRules)
    # Embedded: every message goes to var/outbox.jsonl for people to read.
    outbox = providers.Singleton(
        OutboxFileSender, providers.Callable(Path, settings.provided.outbox_path)
    )
    sender = providers.Selector(
        core.mode,
        embedded=outbox,
        distributed=providers.Singleton(build_sender, settings, outbox),
    )

    address_book = providers.Singleton(SqlAddressBook, engine)
    address_index = providers.Singleton(build_address_index, engine)
    ldz_reference = providers.Singleton(SqlLdzReference, engine)
    uk_link = providers.Singleton(SimulatedUkLink, engine)
    meter_point_registry = providers.Singleton(build_registry, settings, engine, clock)

    account_queries = providers.Singleton(SqlAccountQueries, engine)
    contact_queries = providers.Singleton(SqlContactQueries, engine)
    contact_summaries = providers.Singleton(SqlContactSummaries, engine)
    contact_relay = providers.Singleton(summaries_relay, engine, contact_summaries)

    notification_store = providers.Singleton(SqlNotificationStore, engine)
    notification_preferences = providers.Singleton(SqlPreferenceStore, engine)
    contact_histories = providers.Singleton(SqlContactHistories, engine)
    recipients = providers.Singleton(SqlRecipients, engine)
    leadership = providers.Singleton(Leadership, engine)
    # Live messages: the hub fans them out to this process's subscribers. Embedded, there is
    # only this process; distributed, Redis carries them to every server process.
    live_hub = providers.Singleton(LiveHub, queue_size=settings.provided.live_queue_size)
    live_channel = providers.Selector(
        core.mode,
        embedded=providers.Singleton(InProcessLiveChannel, live_hub),
        distributed=providers.Singleton(RedisLiveChannel, redis, settings.provided.live_channel),
    )
