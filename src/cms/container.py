"""The one composition root: every adapter bound to the port it implements."""

from __future__ import annotations

from dependency_injector import containers, providers

from cms.adapters.calendar.bank_holidays import england_and_wales_bank_holidays
from cms.adapters.paf.store import SqlAddressBook
from cms.adapters.phones.rules import LibPhoneNumberRules
from cms.adapters.security.passwords import Argon2PasswordHasher
from cms.adapters.sql.accounts_queries import SqlAccountQueries
from cms.adapters.sql.contacts_queries import SqlContactQueries
from cms.adapters.sql.engine import create_engine
from cms.adapters.sql.reference_data import SqlLdzReference
from cms.adapters.sql.unit_of_work import SqlUnitOfWork
from cms.adapters.uklink.simulated import SimulatedUkLink
from cms.core.accounts.commands import Authenticate, PurgeExpiredSessions, SignIn, SignOut
from cms.core.accounts.handlers import AccountsHandlers, SessionPolicy
from cms.core.contacts.commands import RaiseMncContact
from cms.core.contacts.handlers import ContactsHandlers
from cms.core.shared.bus import MessageBus
from cms.core.shared.calendar import WorkingDayCalendar
from cms.core.shared.clock import SystemClock
from cms.graphql.context import ApiServices
from cms.settings import Settings


def build_bus(accounts: AccountsHandlers, contacts: ContactsHandlers) -> MessageBus:
    """A fresh bus for one request or job (it holds no state between them)."""
    return MessageBus(
        {
            SignIn: accounts.sign_in,
            SignOut: accounts.sign_out,
            Authenticate: accounts.authenticate,
            PurgeExpiredSessions: accounts.purge_expired_sessions,
            RaiseMncContact: contacts.raise_mnc_contact,
        }
    )


class Container(containers.DeclarativeContainer):
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
    ldz_reference = providers.Singleton(SqlLdzReference, engine)
    uk_link = providers.Singleton(SimulatedUkLink, engine)
    unit_of_work = providers.Factory(SqlUnitOfWork, engine)
    account_queries = providers.Singleton(SqlAccountQueries, engine)
    contact_queries = providers.Singleton(SqlContactQueries, engine)

    session_policy = providers.Singleton(
        SessionPolicy,
        idle_timeout_s=settings.provided.session_idle_timeout_s,
        absolute_timeout_s=settings.provided.session_absolute_timeout_s,
    )
    accounts = providers.Singleton(
        AccountsHandlers,
        uow=unit_of_work.provider,
        hasher=password_hasher,
        clock=clock,
        sessions=session_policy,
    )
    contacts = providers.Singleton(
        ContactsHandlers,
        uow=unit_of_work.provider,
        addresses=address_book,
        ldz_reference=ldz_reference,
        uk_link=uk_link,
        phones=phone_rules,
        calendar=calendar,
        clock=clock,
    )
    bus = providers.Factory(build_bus, accounts=accounts, contacts=contacts)

    api_services = providers.Singleton(
        ApiServices,
        accounts=accounts,
        contacts=contacts,
        account_queries=account_queries,
        contact_queries=contact_queries,
        addresses=address_book,
        ldz_reference=ldz_reference,
        clock=clock,
        bus_factory=bus.provider,
        cookie_name=settings.provided.cookie_name,
        secure_cookies=providers.Callable(lambda s: not s.is_development, settings),
        session_max_age_s=settings.provided.session_absolute_timeout_s,
    )


def build_container(settings: Settings | None = None) -> Container:
    container = Container()
    if settings is not None:
        container.settings.override(providers.Object(settings))
    return container


async def close_container(container: Container) -> None:
    """Release the database pool (making an engine opens no connection, so this is cheap)."""
    await container.engine().dispose()
