"""Raising contacts through the bus and reading them back: pages, filters, visibility."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from cms.adapters.sql.tables import event_log
from cms.core.accounts.model import OrganisationKind, Role, Viewer
from cms.core.addresses.postcode import Postcode
from cms.core.contacts.commands import (
    AskShipper,
    PickUpContact,
    RaiseMncContact,
    WithdrawContact,
)
from cms.core.contacts.lifecycle import ContactStatus
from cms.core.contacts.queries import (
    ContactFilterSpec,
    ContactOrder,
    find_contact,
    list_contacts,
    read_contact_text,
)
from cms.core.contacts.raising import ContactLoggedResult
from cms.core.contacts.values import MarketSector, MncReason
from cms.core.shared.errors import InvalidValue
from tests.support.world import World, paf_csv_line

UDPRN_BASE = 30_000_000


def _paf(count: int) -> list[str]:
    return [
        paf_csv_line(
            postcode=f"LS6 {1 + i // 20}{'ABDEFGHJLN'[i % 10]}{'PQRSTU'[(i // 10) % 2]}",
            post_town="LEEDS",
            thoroughfare="Oak Road",
            building_number=str(i + 1),
            udprn=str(UDPRN_BASE + i),
        )
        for i in range(count)
    ]


def _raise(viewer: Viewer, index: int) -> RaiseMncContact:
    return RaiseMncContact(
        raised_by=viewer,
        udprn=str(UDPRN_BASE + index),
        manual_address=None,
        market_sector=MarketSector.DOMESTIC,
        annual_quantity_kwh=12_000,
        reason=MncReason.NEW_SERVICE,
    )


@pytest.fixture
def people(world: World, run: Any) -> dict[str, Viewer]:
    run(world.organisation("AGS", OrganisationKind.SHIPPER, "Alpha Gas Shipping"))
    run(world.organisation("BET", OrganisationKind.SHIPPER, "Beta Energy Trading"))
    run(world.organisation("CDSP", OrganisationKind.CDSP, "Xoserve (CDSP)"))
    run(world.user("alice@alpha.example", "AGS", "Alice Ashworth"))
    run(world.user("bob@beta.example", "BET", "Bob Brennan"))
    run(world.user("agent@cdsp.example", "CDSP", "Priya Agent", (Role.USER, Role.SUPERVISOR)))
    run(world.user("dn@ngn.example", "NGN", "Niall Northern"))
    run(world.load_paf(_paf(40)))
    return {
        name: run(world.sign_in(email))[0]
        for name, email in [
            ("alice", "alice@alpha.example"),
            ("bob", "bob@beta.example"),
            ("agent", "agent@cdsp.example"),
            ("ngn", "dn@ngn.example"),
        ]
    }


def _crns(page: Any) -> list[str]:
    return [view.crn for _, view in page.items]


def test_pages_stay_stable_while_new_contacts_arrive(
    world: World, run: Any, people: dict[str, Viewer]
) -> None:
    bus, queries, alice = world.bus(), world.container.contact_queries(), people["alice"]
    for index in range(5):
        run(bus.handle(_raise(alice, index)))
    now = world.clock.now()
    first = run(list_contacts(queries, alice, ContactFilterSpec(), 2, None, now))
    run(bus.handle(_raise(alice, 5)))  # arrives between two page reads
    second = run(list_contacts(queries, alice, ContactFilterSpec(), 2, first.end_cursor, now))
    third = run(list_contacts(queries, alice, ContactFilterSpec(), 2, second.end_cursor, now))

    assert _crns(first) == ["MNC-2026-000005", "MNC-2026-000004"]
    assert _crns(second) == ["MNC-2026-000003", "MNC-2026-000002"]
    assert _crns(third) == ["MNC-2026-000001"] and not third.has_next_page
    assert first.has_next_page and third.total_count == 6


def test_filters_by_status_postcode_and_raised_dates(
    world: World, run: Any, people: dict[str, Viewer]
) -> None:
    bus, queries, alice = world.bus(), world.container.contact_queries(), people["alice"]
    run(bus.handle(_raise(alice, 0)))
    world.clock.set(world.clock.now() + timedelta(days=3))
    run(bus.handle(_raise(alice, 25)))
    now = world.clock.now()

    def crns(spec: ContactFilterSpec) -> list[str]:
        return _crns(run(list_contacts(queries, alice, spec, 25, None, now)))

    later_day = now.date()
    assert crns(ContactFilterSpec(raised_from=later_day)) == ["MNC-2026-000002"]
    assert crns(ContactFilterSpec(raised_to=later_day - timedelta(days=1))) == ["MNC-2026-000001"]
    assert crns(ContactFilterSpec(postcode=Postcode.parse("ls61ap"))) == ["MNC-2026-000001"]
    assert crns(ContactFilterSpec(statuses=(ContactStatus.WITH_CDSP,))) == []
    assert crns(ContactFilterSpec(overdue=True)) == ["MNC-2026-000001"]  # due in 2 working days
    with pytest.raises(InvalidValue):
        run(list_contacts(queries, alice, ContactFilterSpec(), 25, "not-a-cursor", now))


def test_each_organisation_sees_only_what_it_may(
    world: World, run: Any, people: dict[str, Viewer]
) -> None:
    bus, queries = world.bus(), world.container.contact_queries()
    logged = run(bus.handle(_raise(people["alice"], 0)))
    assert isinstance(logged, ContactLoggedResult)
    crn, now = str(logged.crn), world.clock.now()

    def sees(name: str) -> tuple[bool, int]:
        found = run(find_contact(queries, people[name], crn))
        page = run(list_contacts(queries, people[name], ContactFilterSpec(), 25, None, now))
        return found is not None, page.total_count

    assert sees("alice") == (True, 1)
    assert sees("agent") == (True, 1)
    assert sees("bob") == (False, 0)
    assert sees("ngn") == (False, 0)  # not yet allocated to the network
    assert run(find_contact(queries, people["alice"], crn.lower().replace("-", " "))) is not None


def test_a_hundred_concurrent_raises_get_distinct_crns(postgres_url: str, run: Any) -> None:
    """On PostgreSQL, the CRN sequence and the event log hold under concurrent submissions."""
    world = World.start(postgres_url)
    try:
        run(world.reference_data())
        run(world.networks())
        run(world.organisation("AGS", OrganisationKind.SHIPPER, "Alpha Gas Shipping"))
        run(world.user("alice@alpha.example", "AGS", "Alice Ashworth"))
        run(world.load_paf(_paf(100)))
        alice = run(world.sign_in("alice@alpha.example"))[0]

        async def raise_all() -> list[Any]:
            # One bus per call, as one per request.
            return await asyncio.gather(
                *(world.bus().handle(_raise(alice, index)) for index in range(100))
            )

        outcomes = run(raise_all())

        async def logged_events() -> int:
            async with world.engine.connect() as connection:
                query = (
                    select(func.count()).select_from(event_log).where(event_log.c.kind == "LOGGED")
                )
                return int((await connection.execute(query)).scalar_one())

        assert all(isinstance(outcome, ContactLoggedResult) for outcome in outcomes)
        crns = {str(outcome.crn) for outcome in outcomes}
        assert len(crns) == 100
        assert crns == {f"MNC-2026-{n:06d}" for n in range(1, 101)}
        assert run(logged_events()) == 100
    finally:
        run(world.close())


# ---------------------------------------------------------------- text search and order


def _texts(run: Any, queries: Any, viewer: Viewer, now: Any, text: str) -> list[str]:
    spec = ContactFilterSpec(text=read_contact_text(text))
    return _crns(run(list_contacts(queries, viewer, spec, 25, None, now)))


def test_finds_a_contact_by_its_crn_however_it_is_typed(
    world: World, run: Any, people: dict[str, Viewer]
) -> None:
    bus, queries, alice = world.bus(), world.container.contact_queries(), people["alice"]
    for index in range(3):
        run(bus.handle(_raise(alice, index)))
    now = world.clock.now()

    for typed in ("MNC-2026-000002", "mnc 2026 2", " Mnc2026-000002 ", "mnc--2026--02"):
        assert _texts(run, queries, alice, now, typed) == ["MNC-2026-000002"], typed
    assert _texts(run, queries, people["bob"], now, "MNC-2026-000002") == []  # not Bob's
    with pytest.raises(InvalidValue) as error:
        read_contact_text("MNC-2026")
    assert (error.value.code, error.value.field) == ("CRN_INVALID", "text")


def test_finds_contacts_by_words_of_their_address(
    world: World, run: Any, people: dict[str, Viewer]
) -> None:
    bus, queries, alice = world.bus(), world.container.contact_queries(), people["alice"]
    for index in (0, 1, 11, 20):  # 1, 2 and 12 Oak Road in LS6 1.., 21 Oak Road in LS6 2AP
        run(bus.handle(_raise(alice, index)))
    now = world.clock.now()

    def found(text: str) -> list[str]:
        return sorted(_texts(run, queries, alice, now, text))

    assert found("12 oak rd") == ["MNC-2026-000003"]
    assert found("OAK ROAD, LEEDS") == [f"MNC-2026-00000{n}" for n in (1, 2, 3, 4)]
    assert found("ls6 2ap") == ["MNC-2026-000004"]
    assert found("1 oak") == ["MNC-2026-000001"]  # a whole number, not 12 or 21
    assert found("leeds 1") == ["MNC-2026-000001", "MNC-2026-000003"]  # the last word begun
    assert found("elm grove") == []
    assert _texts(run, queries, people["bob"], now, "oak road") == []
    with pytest.raises(InvalidValue) as error:
        read_contact_text("oak " * 30)
    assert (error.value.code, error.value.field) == ("TEXT_TOO_LONG", "text")


def _all_pages(
    run: Any, queries: Any, viewer: Viewer, order: ContactOrder, now: Any
) -> list[list[str]]:
    pages, after = [], None
    while True:
        page = run(list_contacts(queries, viewer, ContactFilterSpec(), 2, after, now, order))
        pages.append(_crns(page))
        if not page.has_next_page:
            return pages
        after = page.end_cursor


def test_contacts_come_oldest_first_in_stable_pages(
    world: World, run: Any, people: dict[str, Viewer]
) -> None:
    bus, queries, alice = world.bus(), world.container.contact_queries(), people["alice"]
    for index in range(5):
        run(bus.handle(_raise(alice, index)))
    now = world.clock.now()

    assert _all_pages(run, queries, alice, ContactOrder.OLDEST, now) == [
        ["MNC-2026-000001", "MNC-2026-000002"],
        ["MNC-2026-000003", "MNC-2026-000004"],
        ["MNC-2026-000005"],
    ]


def test_contacts_come_soonest_due_first_and_closed_ones_last(
    world: World, run: Any, people: dict[str, Viewer]
) -> None:
    bus, queries, alice = world.bus(), world.container.contact_queries(), people["alice"]
    start = world.clock.now()
    # Raised a working day apart: the CDSP has two working days for each, so each is due a
    # working day after the one before...
    for index in range(5):
        world.clock.set(start + timedelta(days=index))
        run(bus.handle(_raise(alice, index)))
    # ...but the first now waits ten working days for Alice's answer, and the second is closed.
    agent = people["agent"]
    run(bus.handle(PickUpContact(viewer=agent, crn="MNC-2026-000001")))
    run(bus.handle(AskShipper(viewer=agent, crn="MNC-2026-000001", question="New or relaid?")))
    run(bus.handle(WithdrawContact(viewer=alice, crn="MNC-2026-000002", note="Wrong site.")))
    now = world.clock.now()

    pages = _all_pages(run, queries, alice, ContactOrder.DUE_SOONEST, now)

    assert pages == [
        ["MNC-2026-000003", "MNC-2026-000004"],
        ["MNC-2026-000005", "MNC-2026-000001"],
        ["MNC-2026-000002"],  # withdrawn: due on nobody, so last
    ]


def test_a_cursor_of_one_order_is_refused_in_another(
    world: World, run: Any, people: dict[str, Viewer]
) -> None:
    bus, queries, alice = world.bus(), world.container.contact_queries(), people["alice"]
    for index in range(3):
        run(bus.handle(_raise(alice, index)))
    now = world.clock.now()
    newest = run(list_contacts(queries, alice, ContactFilterSpec(), 1, None, now))

    for order in (ContactOrder.OLDEST, ContactOrder.DUE_SOONEST):
        with pytest.raises(InvalidValue) as error:
            run(
                list_contacts(queries, alice, ContactFilterSpec(), 1, newest.end_cursor, now, order)
            )
        assert error.value.code == "CURSOR_INVALID"
