"""The unit of work writes state and events together, or neither."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from cms.adapters.sql.tables import contacts, event_log
from cms.adapters.sql.unit_of_work import SqlUnitOfWork
from cms.core.accounts.model import OrganisationKind
from cms.core.addresses.address import Address
from cms.core.addresses.ldz import Ldz
from cms.core.addresses.postcode import Postcode
from cms.core.contacts.crn import Crn
from cms.core.contacts.model import MncContact, Site
from cms.core.contacts.ports import DuplicateOpenContact
from cms.core.contacts.values import MarketSector, MncReason, MncRequest
from cms.core.shared.calendar import WorkingDayCalendar
from tests.support.world import World


def _contact(world: World, shipper_id: str, user_id: str, sequence: int) -> MncContact:
    address = Address(
        udprn="23750001",
        postcode=Postcode.parse("LS6 2AB"),
        post_town="LEEDS",
        building_number="12",
        thoroughfare="Oak Road",
    )
    return MncContact.raise_(
        crn=Crn.issue("MNC", 2026, sequence),
        shipper_organisation_id=shipper_id,
        raised_by=user_id,
        at=world.clock.now(),
        site=Site(address=address, manual=False, ldz=Ldz.NE, network="NGN"),
        request=MncRequest(
            market_sector=MarketSector.DOMESTIC,
            annual_quantity_kwh=12_000,
            reason=MncReason.NEW_SERVICE,
        ),
        calendar=WorkingDayCalendar(lambda day: False),
    )


async def _counts(world: World) -> tuple[int, int]:
    async with world.engine.connect() as connection:
        stored = (await connection.execute(select(func.count()).select_from(contacts))).scalar()
        events = (await connection.execute(select(func.count()).select_from(event_log))).scalar()
    return int(stored or 0), int(events or 0)


@pytest.fixture
def shipper(world: World, run: Any) -> tuple[str, str]:
    shipper_id = run(world.organisation("AGS", OrganisationKind.SHIPPER, "Alpha Gas Shipping"))
    user_id = run(world.user("alice@alpha.example", "AGS", "Alice Ashworth"))
    return shipper_id, user_id


def test_commit_writes_the_contact_and_its_events_together(
    world: World, run: Any, shipper: tuple[str, str]
) -> None:
    async def scenario() -> None:
        async with SqlUnitOfWork(world.engine) as uow:
            contact = _contact(world, *shipper, sequence=1)
            await uow.contacts.add(contact)
            await uow.commit()

    run(scenario())
    assert run(_counts(world)) == (1, 1)


def test_commit_collects_the_events_of_the_contacts_it_has_seen_once(
    world: World, run: Any, shipper: tuple[str, str]
) -> None:
    async def scenario() -> list[int]:
        async with SqlUnitOfWork(world.engine) as uow:
            contact = _contact(world, *shipper, sequence=1)
            await uow.contacts.add(contact)
            await uow.commit()
            left = len(contact.events)
            await uow.commit()  # nothing new: the logged event is not written twice
        async with SqlUnitOfWork(world.engine) as uow:
            loaded = await uow.contacts.get(contact.crn)
            assert loaded is not None and loaded.events == []
            await uow.commit()
        return [left]

    assert run(scenario()) == [0]
    assert run(_counts(world)) == (1, 1)


def test_leaving_without_commit_writes_neither(
    world: World, run: Any, shipper: tuple[str, str]
) -> None:
    async def scenario() -> None:
        async with SqlUnitOfWork(world.engine) as uow:
            contact = _contact(world, *shipper, sequence=1)
            await uow.contacts.add(contact)

    run(scenario())
    assert run(_counts(world)) == (0, 0)


def test_a_second_open_contact_for_a_delivery_point_is_refused_by_the_database(
    world: World, run: Any, shipper: tuple[str, str]
) -> None:
    async def add(sequence: int) -> None:
        async with SqlUnitOfWork(world.engine) as uow:
            contact = _contact(world, *shipper, sequence=sequence)
            await uow.contacts.add(contact)
            await uow.commit()

    run(add(1))
    with pytest.raises(DuplicateOpenContact):
        run(add(2))
    assert run(_counts(world)) == (1, 1)


def test_crn_sequence_counts_per_type_and_year(world: World, run: Any) -> None:
    async def draw(year: int, times: int) -> list[int]:
        values = []
        for _ in range(times):
            async with SqlUnitOfWork(world.engine) as uow:
                values.append(await uow.crn_sequence.next_value("MNC", year))
                await uow.commit()
        return values

    assert run(draw(2026, 3)) == [1, 2, 3]
    assert run(draw(2027, 2)) == [1, 2]
    assert run(draw(2026, 1)) == [4]


def test_a_rolled_back_sequence_number_is_issued_again(world: World, run: Any) -> None:
    async def scenario() -> tuple[int, int]:
        async with SqlUnitOfWork(world.engine) as uow:
            first = await uow.crn_sequence.next_value("MNC", 2026)
        async with SqlUnitOfWork(world.engine) as uow:
            second = await uow.crn_sequence.next_value("MNC", 2026)
            await uow.commit()
        return first, second

    assert run(scenario()) == (1, 1)
