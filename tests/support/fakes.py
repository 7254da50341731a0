"""Fakes written for the purpose (not mocks) for the ports of the contacts and addresses modules.

They keep their state in memory and honour the same rules as the real adapters where a handler
relies on them: a unit of work writes nothing until ``commit`` and everything on it, and the
contacts repository refuses a second open contact for one delivery point.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from types import TracebackType
from typing import Self

from cms.core.addresses.address import Address
from cms.core.addresses.ldz import DEFAULT_AREA_LDZ, Ldz
from cms.core.addresses.postcode import Postcode
from cms.core.contacts.identifiers import Mprn
from cms.core.contacts.lifecycle import FINAL_STATUSES
from cms.core.contacts.model import MncContact
from cms.core.contacts.ports import DuplicateOpenContact, OpenContactRef
from cms.core.shared.delivery import DeliveryFailed, OutgoingMessage
from cms.core.shared.messages import Event

# ---------------------------------------------------------------- the contacts unit of work


@dataclass(frozen=True, slots=True)
class SubmissionRecord:
    """One line of the submission log (the right-first-time report reads these)."""

    at: datetime
    shipper_organisation_id: str
    user_id: str
    crn: str | None
    reason_codes: tuple[str, ...]


@dataclass(slots=True)
class Commit:
    """What one unit of work wrote in one transaction."""

    contacts: list[MncContact] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    submissions: list[SubmissionRecord] = field(default_factory=list)


def _holds_same_delivery_point(a: MncContact, b: MncContact) -> bool:
    """What the database's unique constraints catch: the same UDPRN, or the same premises key
    between manual addresses (businesses sharing premises have their own UDPRNs)."""
    if a.site.udprn is not None and a.site.udprn == b.site.udprn:
        return True
    same_key = a.site.address.matching_key() == b.site.address.matching_key()
    return same_key and a.site.manual and b.site.manual


class InMemoryContactsStore:
    """The 'database' behind the fake units of work: only committed state lives here."""

    def __init__(self) -> None:
        self.contacts: dict[str, MncContact] = {}
        self.events: list[Event] = []
        self.submissions: list[SubmissionRecord] = []
        self.crn_counters: dict[tuple[str, int], int] = {}
        self.commits: list[Commit] = []
        self._after_next_open_check: list[Callable[[], None]] = []

    def put(self, contact: MncContact) -> None:
        """Store a contact as if another request had committed it (no constraint check)."""
        self.contacts[str(contact.crn)] = contact

    def after_next_open_check(self, action: Callable[[], None]) -> None:
        """Run ``action`` right after the next open-contact check has answered.

        It stands for another request that commits between our check and our insert: the race
        the database's unique constraint exists for.
        """
        self._after_next_open_check.append(action)

    def open_contacts(self) -> list[MncContact]:
        return [c for c in self.contacts.values() if c.status not in FINAL_STATUSES]

    def _run_interleaved(self) -> None:
        actions, self._after_next_open_check = self._after_next_open_check, []
        for action in actions:
            action()


class InMemoryContactRepository:
    """The ContactRepository port over the store, plus what this unit of work has added."""

    def __init__(self, store: InMemoryContactsStore) -> None:
        self._store = store
        self.added: list[MncContact] = []
        self.seen: list[MncContact] = []  # loaded or added: the unit of work collects events

    async def add(self, contact: MncContact) -> None:
        self.check_constraints(contact, [*self._store.open_contacts(), *self.added])
        self.added.append(contact)
        self.seen.append(contact)

    async def open_contact_at(self, udprn: str | None, address_key: str) -> OpenContactRef | None:
        """By UDPRN, or by premises key among manual addresses; with no UDPRN, by key among all."""
        found = None
        for contact in [*self._store.open_contacts(), *self.added]:
            same_udprn = udprn is not None and contact.site.udprn == udprn
            same_key = contact.site.address.matching_key() == address_key
            if same_udprn or (same_key and (udprn is None or contact.site.manual)):
                found = OpenContactRef(contact.crn, contact.shipper_organisation_id)
                break
        self._store._run_interleaved()
        return found

    @staticmethod
    def check_constraints(contact: MncContact, others: Iterable[MncContact]) -> None:
        """The unique constraints: CRN, and one open contact per delivery point."""
        for other in others:
            if other.crn == contact.crn:
                raise ValueError(f"CRN {contact.crn} is already taken")
            if (
                contact.status not in FINAL_STATUSES
                and other.status not in FINAL_STATUSES
                and _holds_same_delivery_point(contact, other)
            ):
                raise DuplicateOpenContact(str(contact.crn))


class InMemoryCrnSequence:
    """One counter per contact type and year; a rolled-back unit of work uses up no number."""

    def __init__(self, store: InMemoryContactsStore) -> None:
        self._store = store
        self.taken: dict[tuple[str, int], int] = {}

    async def next_value(self, contact_type: str, year: int) -> int:
        key = (contact_type, year)
        value = self.taken.get(key, self._store.crn_counters.get(key, 0)) + 1
        self.taken[key] = value
        return value


class InMemorySubmissionLog:
    def __init__(self) -> None:
        self.records: list[SubmissionRecord] = []

    async def record(
        self,
        *,
        at: datetime,
        shipper_organisation_id: str,
        user_id: str,
        crn: str | None,
        reason_codes: tuple[str, ...],
    ) -> None:
        self.records.append(
            SubmissionRecord(at, shipper_organisation_id, user_id, crn, tuple(reason_codes))
        )


class InMemoryContactsUnitOfWork:
    """The ContactsUnitOfWork port: staged writes, applied together by ``commit``."""

    contacts: InMemoryContactRepository
    crn_sequence: InMemoryCrnSequence
    submissions: InMemorySubmissionLog

    def __init__(self, store: InMemoryContactsStore) -> None:
        self._store = store
        self._events: list[Event] = []
        self._begin()

    def _begin(self) -> None:
        self.contacts = InMemoryContactRepository(self._store)
        self.crn_sequence = InMemoryCrnSequence(self._store)
        self.submissions = InMemorySubmissionLog()
        self._events = []

    async def __aenter__(self) -> Self:
        self._begin()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.rollback()

    def record(self, events: Sequence[Event]) -> None:
        self._events.extend(events)

    async def commit(self) -> None:
        store = self._store
        # The constraint holds at commit too, should another unit of work have committed first.
        for contact in self.contacts.added:
            InMemoryContactRepository.check_constraints(contact, store.contacts.values())
        for contact in self.contacts.seen:
            self._events.extend(contact.collect_events())
        for contact in self.contacts.added:
            store.put(contact)
        store.crn_counters.update(self.crn_sequence.taken)
        store.events.extend(self._events)
        store.submissions.extend(self.submissions.records)
        store.commits.append(
            Commit(
                contacts=list(self.contacts.added),
                events=list(self._events),
                submissions=list(self.submissions.records),
            )
        )
        self._begin()

    async def rollback(self) -> None:
        self._begin()


def unit_of_work_factory(store: InMemoryContactsStore) -> Callable[[], InMemoryContactsUnitOfWork]:
    """What a handler is given: a way to open a new unit of work on the store."""
    return lambda: InMemoryContactsUnitOfWork(store)


# ---------------------------------------------------------------- addresses


class InMemoryAddressBook:
    """The AddressBook port: PAF delivery points by UDPRN."""

    def __init__(self, addresses: Iterable[Address] = ()) -> None:
        self._by_udprn = {a.udprn: a for a in addresses if a.udprn is not None}

    def add(self, address: Address) -> None:
        assert address.udprn is not None, "a PAF delivery point has a UDPRN"
        self._by_udprn[address.udprn] = address

    async def get(self, udprn: str) -> Address | None:
        return self._by_udprn.get(udprn)


class InMemoryLdzReference:
    """The LdzReference port: the shipped area table, plus any finer district rows given."""

    def __init__(self, districts: Mapping[str, Ldz | None] | None = None) -> None:
        self._rows: dict[str, Ldz | None] = {**DEFAULT_AREA_LDZ, **(districts or {})}

    async def entries_for(self, postcode: Postcode) -> dict[str, Ldz | None]:
        wanted = (postcode.district, postcode.area)
        return {prefix: ldz for prefix, ldz in self._rows.items() if prefix in wanted}


# ---------------------------------------------------------------- UK Link and phones


class InMemoryUkLink:
    """The UkLinkGateway port over a dict of meter points and the addresses UK Link holds.

    A meter point whose address has a UDPRN is linked to that PAF delivery point; one without
    is known only by its address.
    """

    def __init__(self, meter_points: Mapping[Mprn, Address] | None = None) -> None:
        self.meter_points: dict[Mprn, Address] = dict(meter_points or {})

    async def meter_point_at(self, udprn: str) -> Mprn | None:
        found = sorted(m for m, a in self.meter_points.items() if a.udprn == udprn)
        return found[0] if found else None

    async def meter_point_at_address(
        self, matching_key: str, *, unlinked_only: bool
    ) -> Mprn | None:
        found = sorted(
            mprn
            for mprn, address in self.meter_points.items()
            if address.matching_key() == matching_key
            and not (unlinked_only and address.udprn is not None)
        )
        return found[0] if found else None


class FakePhoneNumberRules:
    """The PhoneNumberRules port: a fixed list of diallable numbers and their E.164 form."""

    def __init__(self, numbers: Mapping[str, str] | None = None) -> None:
        self._numbers = dict(numbers or {})
        self.asked: list[str] = []

    def normalise(self, text: str) -> str | None:
        self.asked.append(text)
        return self._numbers.get(text)


class AnyPhoneNumberRules:
    """A PhoneNumberRules fake that can dial anything: shows what the checks refuse alone."""

    def normalise(self, text: str) -> str | None:
        return "+44" + "".join(ch for ch in text if ch.isdigit())


# ---------------------------------------------------------------- calendar


class FakeHolidays:
    """A holiday predicate over a given set of days."""

    def __init__(self, days: Iterable[date] = ()) -> None:
        self.days = set(days)

    def __call__(self, day: date) -> bool:
        return day in self.days


class RecordingSender:
    """The MessageSender port: keeps every message, so tests can read codes and invitations."""

    def __init__(self) -> None:
        self.messages: list[OutgoingMessage] = []
        self.failing = False

    async def send(self, message: OutgoingMessage) -> None:
        if self.failing:
            raise DeliveryFailed("the test asked delivery to fail")
        self.messages.append(message)

    def to(self, recipient: str) -> list[OutgoingMessage]:
        return [message for message in self.messages if message.to == recipient]

    def last_code_to(self, recipient: str) -> str:
        for message in reversed(self.to(recipient)):
            found = re.search(r"\b(\d{6})\b", message.body)
            if found:
                return found.group(1)
        raise AssertionError(f"no code was sent to {recipient}")

    def last_token_to(self, recipient: str) -> str:
        for message in reversed(self.to(recipient)):
            found = re.search(r"invitation token: (\S+)\)", message.body)
            if found:
                return found.group(1)
        raise AssertionError(f"no invitation was sent to {recipient}")


# ---------------------------------------------------------------- the workflow's ports
# Added for the lifecycle's stateful test: a store and unit of work that also load and save
# contacts (with the optimistic version check), UK Link as a registry that creates meter points,
# the MPRN job queue, and the accounts read side.

from collections.abc import Awaitable  # noqa: E402
from dataclasses import replace  # noqa: E402

from cms.core.accounts.model import Organisation, OrganisationKind  # noqa: E402
from cms.core.accounts.queries import NetworkView, UserView  # noqa: E402
from cms.core.contacts.crn import Crn  # noqa: E402
from cms.core.contacts.lifecycle import ContactStatus  # noqa: E402
from cms.core.contacts.ports import MeterPointCreationFailed  # noqa: E402
from cms.core.shared.errors import ConcurrencyConflict  # noqa: E402


class InMemoryWorkflowStore(InMemoryContactsStore):
    """The contacts store, plus a hook to commit another request between a read and a write."""

    def __init__(self) -> None:
        super().__init__()
        self._after_next_get: list[Callable[[], Awaitable[None]]] = []

    def after_next_get(self, action: Callable[[], Awaitable[None]]) -> None:
        """Run ``action`` right after the next ``contacts.get`` has answered: a request that
        commits between another's read and its write, the race the version check is for."""
        self._after_next_get.append(action)

    def cancel_after_next_get(self) -> None:
        self._after_next_get = []

    async def _run_after_get(self) -> None:
        actions, self._after_next_get = self._after_next_get, []
        for action in actions:
            await action()


class InMemoryWorkflowContactRepository(InMemoryContactRepository):
    """The whole ContactRepository port: loads give copies free of events, like a database."""

    def __init__(self, store: InMemoryWorkflowStore) -> None:
        super().__init__(store)
        self._workflow_store = store
        self.saved: list[MncContact] = []

    async def get(self, crn: Crn) -> MncContact | None:
        stored = self._workflow_store.contacts.get(str(crn))
        found = None if stored is None else replace(stored, events=[])
        if found is not None:
            self.seen.append(found)
        await self._workflow_store._run_after_get()
        return found

    async def save(self, contact: MncContact) -> None:
        stored = self._workflow_store.contacts.get(str(contact.crn))
        if stored is None or stored.version != contact.version:
            raise ConcurrencyConflict(f"{contact.crn} was changed by someone else meanwhile.")
        contact.version += 1
        self.saved.append(replace(contact, events=[]))

    async def awaiting_mprn(self) -> list[Crn]:
        return self._in_status(ContactStatus.NETWORK_ACCEPTED)

    async def awaiting_shipper(self) -> list[Crn]:
        return self._in_status(ContactStatus.AWAITING_SHIPPER)

    def _in_status(self, status: ContactStatus) -> list[Crn]:
        return [c.crn for c in self._workflow_store.contacts.values() if c.status is status]


class InMemoryWorkflowUnitOfWork(InMemoryContactsUnitOfWork):
    """The ContactsUnitOfWork port over the workflow store: saved contacts are written at
    commit, each only if nobody committed a change to it since it was read."""

    contacts: InMemoryWorkflowContactRepository

    def __init__(self, store: InMemoryWorkflowStore) -> None:
        self._workflow_store = store
        super().__init__(store)

    def _begin(self) -> None:
        super()._begin()
        self.contacts = InMemoryWorkflowContactRepository(self._workflow_store)

    async def commit(self) -> None:
        store = self._workflow_store
        for contact in self.contacts.saved:
            stored = store.contacts.get(str(contact.crn))
            if stored is None or stored.version != contact.version - 1:
                raise ConcurrencyConflict(f"{contact.crn} was changed by someone else meanwhile.")
        for contact in self.contacts.added:
            InMemoryContactRepository.check_constraints(contact, store.contacts.values())
        for contact in self.contacts.saved:
            store.put(contact)
        await super().commit()


def workflow_unit_of_work_factory(
    store: InMemoryWorkflowStore,
) -> Callable[[], InMemoryWorkflowUnitOfWork]:
    return lambda: InMemoryWorkflowUnitOfWork(store)


class InMemoryUkLinkRegister(InMemoryUkLink):
    """UK Link as both the gateway and the MeterPointRegistry: a meter point it creates is
    found by later look-ups, and one request id always gets the same MPRN."""

    def __init__(
        self, meter_points: Mapping[Mprn, Address] | None = None, first_body: int = 50_000_000
    ) -> None:
        super().__init__(meter_points)
        self.created: dict[str, tuple[Mprn, str | None, str]] = {}
        self.asked: list[str] = []
        self.answered: list[tuple[str, Mprn]] = []  # (request id, MPRN) for every answer
        self.failing = False
        self._next_body = first_body

    async def create_meter_point(
        self, request_id: str, udprn: str | None, address_key: str
    ) -> Mprn:
        self.asked.append(request_id)
        if self.failing:
            raise MeterPointCreationFailed("the test asked UK Link to fail")
        if request_id in self.created:
            self.answered.append((request_id, self.created[request_id][0]))
            return self.created[request_id][0]
        taken = set(self.meter_points) | {mprn for mprn, _, _ in self.created.values()}
        mprn = Mprn.from_body(str(self._next_body))
        while mprn in taken:
            self._next_body += 1
            mprn = Mprn.from_body(str(self._next_body))
        self._next_body += 1
        self.created[request_id] = (mprn, udprn, address_key)
        self.answered.append((request_id, mprn))
        return mprn

    async def meter_point_at(self, udprn: str) -> Mprn | None:
        found = [mprn for mprn, u, _ in self.created.values() if u == udprn]
        existing = await super().meter_point_at(udprn)
        return min([*found, *([existing] if existing else [])], default=None)

    async def meter_point_at_address(
        self, matching_key: str, *, unlinked_only: bool
    ) -> Mprn | None:
        found = [
            mprn
            for mprn, udprn, key in self.created.values()
            if key == matching_key and not (unlinked_only and udprn is not None)
        ]
        existing = await super().meter_point_at_address(matching_key, unlinked_only=unlinked_only)
        return min([*found, *([existing] if existing else [])], default=None)


class RecordingMprnRequests:
    """The MprnRequests port: a queue the test drains itself by running ``create_mprn``."""

    def __init__(self) -> None:
        self.requested: list[str] = []
        self.failing = False

    async def request_mprn(self, crn: str) -> None:
        if self.failing:
            raise ConnectionError("the test asked the job queue to be down")
        self.requested.append(crn)


class InMemoryAccountQueries:
    """The AccountQueries port over a fixed list of users and organisations."""

    def __init__(
        self,
        users: Iterable[UserView] = (),
        organisations: Iterable[Organisation] = (),
        ldzs: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        self.ldzs = {organisation_id: set(owned) for organisation_id, owned in (ldzs or {}).items()}
        self.users = {user.id: user for user in users}
        self.organisations = {o.id: o for o in organisations} | {
            u.organisation.id: u.organisation for u in self.users.values()
        }

    async def users_by_ids(self, user_ids: Iterable[str]) -> dict[str, UserView]:
        return {i: self.users[i] for i in user_ids if i in self.users}

    async def organisations_by_ids(
        self, organisation_ids: Iterable[str]
    ) -> dict[str, Organisation]:
        return {i: self.organisations[i] for i in organisation_ids if i in self.organisations}

    async def organisations_by_short_codes(
        self, short_codes: Iterable[str]
    ) -> dict[str, Organisation]:
        wanted = set(short_codes)
        return {o.short_code: o for o in self.organisations.values() if o.short_code in wanted}

    async def networks(self) -> list[NetworkView]:
        return [
            NetworkView(o, tuple(sorted(self.ldzs.get(o.id, ()))))
            for o in sorted(self.organisations.values(), key=lambda o: o.name)
            if o.kind is OrganisationKind.NETWORK
        ]

    async def network_owning(self, ldz: str) -> Organisation | None:
        owners = [o for o in self.organisations.values() if ldz in self.ldzs.get(o.id, ())]
        return owners[0] if owners else None


class IndustryNetworks:
    """The NetworkDirectory port as the industry has it: each LDZ's owner, by its short code,
    except for the zones in `unowned` (no network in CMS looks after them yet)."""

    def __init__(self, unowned: Iterable[Ldz] = ()) -> None:
        self.unowned = set(unowned)

    async def network_owning(self, ldz: str) -> Organisation | None:
        if Ldz(ldz) in self.unowned:
            return None
        owner = Ldz(ldz).owner
        return Organisation(
            f"org-{owner.value.lower()}", owner.display_name, OrganisationKind.NETWORK, owner.value
        )
