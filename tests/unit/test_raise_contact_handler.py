"""Raising an MNC contact, end to end through the handler on fakes of every port."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

import pytest

from cms.core.accounts.model import Organisation, OrganisationKind, Role, Viewer
from cms.core.addresses.address import Address
from cms.core.addresses.ldz import Ldz
from cms.core.addresses.postcode import Postcode
from cms.core.addresses.search import PostcodeSearch
from cms.core.contacts.commands import RaiseMncContact
from cms.core.contacts.crn import Crn
from cms.core.contacts.events import ContactLogged, ContactSubmissionRefused
from cms.core.contacts.identifiers import Mprn
from cms.core.contacts.lifecycle import ContactStatus
from cms.core.contacts.model import MncContact, Site
from cms.core.contacts.raising import (
    ContactLoggedResult,
    ContactRejectedResult,
    ContactsHandlers,
    RaiseOutcome,
)
from cms.core.contacts.values import (
    ManualAddress,
    MarketSector,
    MncReason,
    MncRequest,
    PafSuggestion,
)
from cms.core.shared.calendar import UK, WorkingDayCalendar
from cms.core.shared.clock import FixedClock
from cms.core.shared.errors import NotPermitted
from tests.support.fakes import (
    FakeHolidays,
    FakePhoneNumberRules,
    IndustryNetworks,
    InMemoryAddressBook,
    InMemoryContactsStore,
    InMemoryLdzReference,
    InMemoryUkLink,
    unit_of_work_factory,
)
from tests.support.paf_fakes import InMemoryAddressIndex

ALPHA = Organisation("org-alpha", "Alpha Gas Shipping", OrganisationKind.SHIPPER, "ALPHA")
BETA = Organisation("org-beta", "Beta Energy Shipping", OrganisationKind.SHIPPER, "BETA")
ALICE = Viewer("user-alice", "Alice Ward", "alice@alpha.example", ALPHA, frozenset({Role.USER}))
ARTHUR = Viewer("user-arthur", "Arthur Lee", "arthur@alpha.example", ALPHA, frozenset({Role.USER}))
BEN = Viewer("user-ben", "Ben Ortiz", "ben@beta.example", BETA, frozenset({Role.USER}))
NOT_SHIPPERS = [
    Viewer(
        f"user-{kind.lower()}",
        "Someone",
        f"someone@{kind.lower()}.example",
        Organisation(f"org-{kind.lower()}", f"A {kind} organisation", kind, kind[:4]),
        frozenset({Role.USER, Role.SUPERVISOR}),
    )
    for kind in OrganisationKind
    if kind is not OrganisationKind.SHIPPER
]

LS6_2AB = Postcode.parse("LS6 2AB")
OAK_12 = Address("12345678", LS6_2AB, "LEEDS", building_number="12", thoroughfare="OAK ROAD")
OAK_14 = Address("12345679", LS6_2AB, "LEEDS", building_number="14", thoroughfare="OAK ROAD")
OAK_16 = Address("12345680", LS6_2AB, "LEEDS", building_number="16", thoroughfare="OAK ROAD")
BELFAST_3 = Address(
    "23456789", Postcode.parse("BT1 5GS"), "BELFAST", building_number="3", thoroughfare="MAY STREET"
)
# Two businesses sharing one premises: one premises key, a UDPRN each.
BAKERY = Address(
    "12345690", LS6_2AB, "LEEDS", "OAK ROAD BAKERY", building_number="20", thoroughfare="OAK ROAD"
)
PHARMACY = replace(BAKERY, udprn="12345691", organisation_name="OAK ROAD PHARMACY")
MPRN_AT_OAK_14 = Mprn.parse("3938424403")
ANOTHER_MPRN = Mprn.from_body("12345678")

# A Monday morning in winter (GMT), so service levels count from a working day.
MONDAY = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@dataclass
class World:
    store: InMemoryContactsStore
    addresses: InMemoryAddressBook
    index: InMemoryAddressIndex
    uk_link: InMemoryUkLink
    holidays: FakeHolidays
    clock: FixedClock
    handlers: ContactsHandlers
    networks: IndustryNetworks

    def raise_(self, viewer: Viewer = ALICE, **fields: Any) -> RaiseOutcome:
        return asyncio.run(self.handlers.raise_mnc_contact(command(viewer, **fields)))

    def logged(self, viewer: Viewer = ALICE, **fields: Any) -> ContactLoggedResult:
        outcome = self.raise_(viewer, **fields)
        assert isinstance(outcome, ContactLoggedResult), outcome
        return outcome

    def refused(self, viewer: Viewer = ALICE, **fields: Any) -> ContactRejectedResult:
        outcome = self.raise_(viewer, **fields)
        assert isinstance(outcome, ContactRejectedResult), outcome
        return outcome


def command(viewer: Viewer = ALICE, **fields: Any) -> RaiseMncContact:
    values: dict[str, Any] = {
        "raised_by": viewer,
        "udprn": OAK_12.udprn,
        "manual_address": None,
        "market_sector": MarketSector.DOMESTIC,
        "annual_quantity_kwh": 12_000,
        "reason": MncReason.NEW_SERVICE,
    }
    values.update(fields)
    return RaiseMncContact(**values)


def manual(building: str, street: str | None, town: str, postcode: str) -> dict[str, Any]:
    return {"udprn": None, "manual_address": ManualAddress(building, street, town, postcode)}


@pytest.fixture
def world() -> World:
    store = InMemoryContactsStore()
    paf = [OAK_12, OAK_14, OAK_16, BELFAST_3, BAKERY, PHARMACY]
    addresses = InMemoryAddressBook(paf)
    index = InMemoryAddressIndex(paf)
    uk_link = InMemoryUkLink({MPRN_AT_OAK_14: OAK_14})
    holidays = FakeHolidays()
    clock = FixedClock(MONDAY)
    networks = IndustryNetworks()
    handlers = ContactsHandlers(
        uow=unit_of_work_factory(store),
        addresses=addresses,
        address_index=index,
        ldz_reference=InMemoryLdzReference(),
        uk_link=uk_link,
        phones=FakePhoneNumberRules({"0113 496 0000": "+441134960000"}),
        networks=networks,
        calendar=WorkingDayCalendar(holidays),
        clock=clock,
    )
    return World(store, addresses, index, uk_link, holidays, clock, handlers, networks)


def codes(outcome: ContactRejectedResult) -> set[str]:
    return {reason.code for reason in outcome.reasons}


# ---------------------------------------------------------------- logging a contact


def test_a_site_without_a_meter_point_is_logged_with_the_first_crn_of_the_year(
    world: World,
) -> None:
    outcome = world.logged(site_contact_phone="0113 496 0000", notes="New build, plot 4.")

    assert str(outcome.crn) == "MNC-2026-000001"
    contact = world.store.contacts["MNC-2026-000001"]
    assert contact.status is ContactStatus.LOGGED
    assert contact.shipper_organisation_id == ALPHA.id
    assert contact.raised_by == ALICE.user_id
    assert contact.raised_at == MONDAY
    assert contact.site.udprn == OAK_12.udprn
    assert not contact.site.manual
    assert contact.site.ldz is Ldz.NE
    assert contact.site.network == "NGN"
    assert contact.request.site_contact_phone == "+441134960000"
    assert contact.request.notes == "New build, plot 4."


def test_the_contact_and_its_logged_event_are_written_in_one_commit(world: World) -> None:
    crn = str(world.logged().crn)

    [commit] = [c for c in world.store.commits if c.contacts]
    assert [str(c.crn) for c in commit.contacts] == [crn]
    [event] = commit.events
    assert isinstance(event, ContactLogged)
    assert event.kind == "LOGGED"
    assert event.stream_id == crn
    assert event.actor_id == ALICE.user_id
    assert event.occurred_at == MONDAY
    assert (event.from_status, event.to_status) == (None, ContactStatus.LOGGED)
    assert event.udprn == OAK_12.udprn
    assert [(s.crn, s.reason_codes) for s in commit.submissions] == [(crn, ())]


def test_crns_increase_and_restart_each_year(world: World) -> None:
    first = world.logged(udprn=OAK_12.udprn).crn
    second = world.logged(udprn=OAK_16.udprn).crn
    world.clock.set(datetime(2027, 1, 4, 9, 0, tzinfo=UTC))
    next_year = world.logged(**manual("20", "Elm Grove", "Leeds", "LS6 2AB")).crn

    assert [str(first), str(second), str(next_year)] == [
        "MNC-2026-000001",
        "MNC-2026-000002",
        "MNC-2027-000001",
    ]


def test_a_refused_submission_uses_up_no_crn(world: World) -> None:
    world.logged(udprn=OAK_12.udprn)
    world.refused(udprn=OAK_16.udprn, annual_quantity_kwh=0)
    assert str(world.logged(udprn=OAK_16.udprn).crn) == "MNC-2026-000002"


def test_warnings_come_back_with_the_crn_and_do_not_stop_the_contact(world: World) -> None:
    outcome = world.logged(annual_quantity_kwh=80_000)
    assert [w.code for w in outcome.warnings] == ["AQ_ABOVE_DOMESTIC_RANGE"]
    assert str(outcome.crn) in world.store.contacts


def test_a_manual_address_is_logged_and_flagged_for_review(world: World) -> None:
    outcome = world.logged(**manual("20", "elm grove", "leeds", "ls6 2ab"))

    contact = world.store.contacts[str(outcome.crn)]
    assert contact.site.manual
    assert contact.site.udprn is None
    assert contact.site.address.post_town == "LEEDS"
    assert str(contact.site.address.postcode) == "LS6 2AB"
    assert contact.site.ldz is Ldz.NE


# ---------------------------------------------------------------- a typed address and the PAF


@pytest.mark.parametrize(
    ("building", "street", "town", "postcode"),
    [
        ("12", "Oak Road", "LEEDS", "LS6 2AB"),
        (" 12 ", "oak rd.", "leeds", "ls62ab"),
        ("12,", "OAK  ROAD", "Leeds", "LS6 2ab"),
        ("12", None, "Leeds", "LS6 2AB"),  # no street: the premises and postcode name it
        ("12", "Oak Road", "Headingley", "LS6 2AB"),  # the post town is not compared
    ],
    ids=["as-the-paf-has-it", "abbreviated", "punctuated", "without-a-street", "another-town"],
)
def test_a_typed_address_the_paf_holds_is_refused_naming_the_paf_address(
    world: World, building: str, street: str | None, town: str, postcode: str
) -> None:
    outcome = world.refused(**manual(building, street, town, postcode))

    [reason] = outcome.reasons
    assert (reason.code, reason.field) == ("MANUAL_ADDRESS_IN_PAF", "manualAddress")
    assert "12 OAK ROAD, LEEDS, LS6 2AB" in reason.message
    assert "choose it from the address search" in reason.message
    assert isinstance(reason, PafSuggestion) and reason.suggested_udprn == OAK_12.udprn
    assert world.store.contacts == {}
    assert world.index.searches == [PostcodeSearch(key_prefix="LS06 2AB", complete=True)]


def test_a_typed_address_shared_by_two_businesses_offers_the_first(world: World) -> None:
    outcome = world.refused(**manual("20", "Oak Road", "Leeds", "LS6 2AB"))

    [reason] = outcome.reasons
    assert reason.code == "MANUAL_ADDRESS_IN_PAF"
    assert "2 delivery points" in reason.message
    assert "OAK ROAD BAKERY, 20 OAK ROAD, LEEDS, LS6 2AB" in reason.message
    assert isinstance(reason, PafSuggestion) and reason.suggested_udprn == BAKERY.udprn


@pytest.mark.parametrize(
    ("building", "street"),
    [("18", "Oak Road"), ("12", "Elm Grove"), ("12A", "Oak Road"), ("Flat 1, 12", "Oak Road")],
    ids=["another-number", "another-street", "a-letter-more", "a-flat-inside"],
)
def test_a_typed_address_the_paf_does_not_hold_is_logged_with_a_warning(
    world: World, building: str, street: str
) -> None:
    outcome = world.logged(**manual(building, street, "Leeds", "LS6 2AB"))

    [warning] = outcome.warnings
    assert (warning.code, warning.field) == ("ADDRESS_NOT_IN_PAF", "manualAddress")
    assert "CDSP will check" in warning.message
    contact = world.store.contacts[str(outcome.crn)]
    assert contact.site.manual and contact.site.udprn is None


def test_a_typed_address_in_a_postcode_the_paf_lacks_is_logged_with_a_warning(
    world: World,
) -> None:
    outcome = world.logged(**manual("The Old Dairy", "Mill Lane", "Harrogate", "HG3 1RZ"))
    assert [w.code for w in outcome.warnings] == ["ADDRESS_NOT_IN_PAF"]


# ---------------------------------------------------------------- refusals


def test_a_refusal_stores_no_contact_but_is_logged_for_reporting(world: World) -> None:
    outcome = world.refused(udprn="99999999", annual_quantity_kwh=0, meter_serial_number="AB 12")

    # Every fault at once: the fields' own, and the address that cannot be found.
    assert codes(outcome) == {"ADDRESS_NOT_IN_PAF", "AQ_NOT_POSITIVE", "METER_SERIAL_INVALID"}
    assert world.store.contacts == {}
    [record] = world.store.submissions
    assert record.crn is None
    assert record.shipper_organisation_id == ALPHA.id
    assert record.user_id == ALICE.user_id
    assert set(record.reason_codes) == codes(outcome)
    [event] = world.store.events
    assert isinstance(event, ContactSubmissionRefused)
    assert set(event.reason_codes) == codes(outcome)
    assert not any(isinstance(e, ContactLogged) for e in world.store.events)


def test_a_northern_ireland_postcode_is_refused_as_outside_gb_gas(world: World) -> None:
    outcome = world.refused(**manual("3", "May Street", "Belfast", "BT1 5GS"))

    [reason] = outcome.reasons
    assert reason.code == "POSTCODE_OUTSIDE_GB_GAS"
    assert reason.field == "manualAddress.postcode"
    assert "Northern Ireland" in reason.message
    assert world.store.contacts == {}


def test_a_paf_address_in_northern_ireland_is_refused_too(world: World) -> None:
    outcome = world.refused(udprn=BELFAST_3.udprn)
    assert [(r.code, r.field) for r in outcome.reasons] == [("POSTCODE_OUTSIDE_GB_GAS", "udprn")]


def test_a_site_in_a_zone_no_network_looks_after_yet_is_refused_saying_whom_to_ask(
    world: World,
) -> None:
    world.networks.unowned.add(Ldz.NE)  # Leeds is in the North East zone

    outcome = world.refused()

    assert [(r.code, r.field) for r in outcome.reasons] == [("NO_NETWORK_FOR_LDZ", "udprn")]
    assert "North East" in outcome.reasons[0].message
    assert "ask the CDSP" in outcome.reasons[0].message
    assert world.store.contacts == {}


def test_the_contact_goes_to_the_network_recorded_as_owning_the_zone(world: World) -> None:
    world.logged()

    assert world.store.contacts["MNC-2026-000001"].site.network == "NGN"


def test_a_site_whose_udprn_has_a_meter_point_is_refused(world: World) -> None:
    # UK Link holds the delivery point under an older spelling: only the UDPRN matches.
    world.uk_link.meter_points = {MPRN_AT_OAK_14: replace(OAK_14, thoroughfare="OAK RD")}

    outcome = world.refused(udprn=OAK_14.udprn)

    [reason] = outcome.reasons
    assert (reason.code, reason.field) == ("SITE_HAS_MPRN", "udprn")
    assert str(MPRN_AT_OAK_14) in reason.message
    assert world.store.contacts == {}


def test_a_manual_address_matching_a_meter_points_address_is_refused(world: World) -> None:
    # UK Link knows a meter point at premises the PAF does not hold.
    rear = replace(OAK_14, udprn=None, building_number=None, building_name="14A")
    world.uk_link.meter_points = {MPRN_AT_OAK_14: rear}

    outcome = world.refused(**manual(" 14a ", "Oak Road.", "Leeds", "ls62ab"))

    [reason] = outcome.reasons
    assert (reason.code, reason.field) == ("SITE_HAS_MPRN", "manualAddress")
    assert str(MPRN_AT_OAK_14) in reason.message


def test_a_meter_point_known_only_by_its_address_refuses_a_paf_address(world: World) -> None:
    world.uk_link.meter_points = {ANOTHER_MPRN: replace(OAK_12, udprn=None)}

    [reason] = world.refused(udprn=OAK_12.udprn).reasons

    assert (reason.code, reason.field) == ("SITE_HAS_MPRN", "udprn")
    assert str(ANOTHER_MPRN) in reason.message


def test_a_neighbouring_business_meter_point_does_not_refuse_the_other(world: World) -> None:
    assert BAKERY.matching_key() == PHARMACY.matching_key()
    world.uk_link.meter_points = {ANOTHER_MPRN: BAKERY}

    world.logged(udprn=PHARMACY.udprn)
    assert codes(world.refused(udprn=BAKERY.udprn)) == {"SITE_HAS_MPRN"}


def test_businesses_sharing_premises_each_get_their_own_contact(world: World) -> None:
    first = world.logged(udprn=BAKERY.udprn).crn
    second = world.logged(udprn=PHARMACY.udprn).crn
    assert first != second
    assert codes(world.refused(udprn=PHARMACY.udprn)) == {"OPEN_CONTACT_EXISTS"}


def test_an_open_contact_for_the_site_is_named_to_its_own_shipper(world: World) -> None:
    crn = str(world.logged(ALICE).crn)

    outcome = world.refused(ARTHUR)  # a colleague at the same shipper

    [reason] = outcome.reasons
    assert (reason.code, reason.field) == ("OPEN_CONTACT_EXISTS", "udprn")
    assert crn in reason.message
    assert list(world.store.contacts) == [crn]


def test_an_open_contact_for_the_site_is_not_named_to_another_shipper(world: World) -> None:
    crn = world.logged(ALICE).crn

    outcome = world.refused(BEN)

    [reason] = outcome.reasons
    assert reason.code == "OPEN_CONTACT_EXISTS"
    assert str(crn) not in reason.message
    assert "MNC-" not in reason.message
    assert f"{crn.sequence}" not in reason.message


def test_a_manual_address_for_a_site_with_an_open_paf_contact_is_refused(world: World) -> None:
    world.logged(udprn=OAK_12.udprn)
    outcome = world.refused(**manual("12", "Oak Road", "Leeds", "LS6 2AB"))
    assert sorted((r.code, r.field) for r in outcome.reasons) == [
        ("MANUAL_ADDRESS_IN_PAF", "manualAddress"),
        ("OPEN_CONTACT_EXISTS", "manualAddress"),
    ]


def test_once_the_open_contact_is_closed_the_site_can_be_raised_again(world: World) -> None:
    crn = str(world.logged().crn)
    world.store.contacts[crn].status = ContactStatus.WITHDRAWN

    assert str(world.logged().crn) == "MNC-2026-000002"


@pytest.mark.parametrize("viewer", NOT_SHIPPERS, ids=lambda v: v.kind.value)
def test_only_a_shippers_user_may_raise_a_contact(world: World, viewer: Viewer) -> None:
    with pytest.raises(NotPermitted):
        world.raise_(viewer)
    assert world.store.contacts == {}
    assert world.store.commits == []


def _contact_at(address: Address, crn: str, shipper: str) -> MncContact:
    return MncContact.raise_(
        crn=Crn.parse(crn),
        shipper_organisation_id=shipper,
        raised_by="user-elsewhere",
        at=MONDAY,
        site=Site(address=address, manual=False, ldz=Ldz.NE, network="NGN"),
        request=MncRequest(MarketSector.DOMESTIC, 10_000, MncReason.NEW_SERVICE),
        calendar=WorkingDayCalendar(FakeHolidays()),
    )


def test_a_duplicate_caught_at_commit_time_becomes_an_open_contact_refusal(world: World) -> None:
    # Another shipper's submission for the same site commits between our check and our insert.
    rival = _contact_at(OAK_12, "MNC-2026-000900", BETA.id)
    world.store.after_next_open_check(lambda: world.store.put(rival))

    outcome = world.raise_(ALICE)

    assert isinstance(outcome, ContactRejectedResult)
    [reason] = outcome.reasons
    assert reason.code == "OPEN_CONTACT_EXISTS"
    assert "MNC-" not in reason.message
    assert list(world.store.contacts) == ["MNC-2026-000900"]
    assert [(r.crn, r.reason_codes) for r in world.store.submissions] == [
        (None, ("OPEN_CONTACT_EXISTS",))
    ]
    assert not any(isinstance(e, ContactLogged) for e in world.store.events)


# ---------------------------------------------------------------- the CDSP's due date


def due_by(world: World, raised_at: datetime) -> datetime:
    world.clock.set(raised_at)
    crn = str(world.logged().crn)
    due = world.store.contacts[crn].due_by
    assert due is not None
    return due


def test_raised_on_a_monday_it_is_due_on_wednesday_at_five(world: World) -> None:
    assert due_by(world, MONDAY) == datetime(2026, 3, 4, 17, 0, tzinfo=UK)


def test_raised_on_a_friday_it_is_due_on_tuesday_at_five_uk_time(world: World) -> None:
    due = due_by(world, datetime(2026, 3, 6, 14, 0, tzinfo=UTC))
    assert due == datetime(2026, 3, 10, 17, 0, tzinfo=UK)
    assert due.astimezone(UK).strftime("%A %H:%M") == "Tuesday 17:00"


def test_a_bank_holiday_monday_pushes_the_due_date_to_wednesday(world: World) -> None:
    world.holidays.days.add(date(2026, 5, 4))
    due = due_by(world, datetime(2026, 5, 1, 14, 0, tzinfo=UTC))
    assert due == datetime(2026, 5, 6, 17, 0, tzinfo=UK)
    assert due == datetime(2026, 5, 6, 16, 0, tzinfo=UTC)  # 17:00 BST
