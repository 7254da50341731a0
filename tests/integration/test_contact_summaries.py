"""The contacts' query model is kept by event handlers; the relay redelivers what they missed."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select

from cms.adapters.sql.tables import contact_summaries
from cms.core.accounts.model import OrganisationKind
from cms.core.contacts.commands import RaiseMncContact
from cms.core.contacts.queries import find_contact
from cms.core.contacts.raising import ContactLoggedResult
from cms.core.contacts.read_model import RedeliverContactEvents
from cms.core.contacts.values import MarketSector, MncReason
from tests.support.world import World, paf_csv_line


def _raise(world: World, run: Any) -> tuple[str, Any]:
    run(world.organisation("AGS", OrganisationKind.SHIPPER, "Alpha Gas Shipping"))
    run(world.user("alice@alpha.example", "AGS", "Alice Ashworth"))
    run(
        world.load_paf(
            [
                paf_csv_line(
                    postcode="LS6 2AB",
                    post_town="LEEDS",
                    thoroughfare="Oak Road",
                    building_number="12",
                    udprn="23750001",
                )
            ]
        )
    )
    alice = run(world.sign_in("alice@alpha.example"))[0]
    logged = run(
        world.bus().handle(
            RaiseMncContact(
                raised_by=alice,
                udprn="23750001",
                manual_address=None,
                market_sector=MarketSector.DOMESTIC,
                annual_quantity_kwh=12_000,
                reason=MncReason.NEW_SERVICE,
            )
        )
    )
    assert isinstance(logged, ContactLoggedResult)
    return str(logged.crn), alice


async def _summaries(world: World) -> list[Any]:
    async with world.engine.connect() as connection:
        return list((await connection.execute(select(contact_summaries))).all())


def test_a_summary_lost_after_commit_comes_back_from_the_event_log(world: World, run: Any) -> None:
    crn, alice = _raise(world, run)
    queries = world.container.contact_queries()
    assert run(find_contact(queries, alice, crn)) is not None  # the handler ran at commit

    async def lose_it() -> None:  # as if the process died between commit and handler
        async with world.engine.begin() as connection:
            await connection.execute(delete(contact_summaries))

    run(lose_it())
    assert run(find_contact(queries, alice, crn)) is None
    assert run(world.bus().handle(RedeliverContactEvents())) >= 1
    assert run(find_contact(queries, alice, crn)) is not None


def test_delivering_the_events_again_changes_nothing(world: World, run: Any) -> None:
    crn, _ = _raise(world, run)
    before = run(_summaries(world))
    run(world.bus().handle(RedeliverContactEvents()))
    run(world.bus().handle(RedeliverContactEvents()))
    run(world.container.contact_summaries().refresh([crn]))
    assert run(_summaries(world)) == before and len(before) == 1
