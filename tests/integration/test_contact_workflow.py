"""The MNC workflow across three organisations, through the bus, on both databases."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from dependency_injector import providers

from cms.adapters.jobs.mprn_requests import InProcessMprnRequests
from cms.core.accounts.model import OrganisationKind, Role, Viewer
from cms.core.contacts.commands import (
    AcceptContact,
    AllocateToNetwork,
    AnswerQuestion,
    AskShipper,
    CreateMprn,
    LapseUnansweredQuestions,
    PickUpContact,
    RaiseMncContact,
    RejectContact,
    WithdrawContact,
)
from cms.core.contacts.identifiers import Mprn
from cms.core.contacts.lifecycle import ContactStatus
from cms.core.contacts.model import InvalidTransition
from cms.core.contacts.ports import MeterPointCreationFailed
from cms.core.contacts.queries import QueueScope, find_contact, work_queue
from cms.core.contacts.raising import ContactLoggedResult
from cms.core.contacts.values import MarketSector, MncReason
from cms.core.shared.errors import NotFound
from tests.support.world import World, paf_csv_line

S = ContactStatus


class FlakyRegistry:
    """UK Link that fails the first `failures` calls, then answers with the real registry."""

    def __init__(self, real: Any, failures: int) -> None:
        self.real, self.failures, self.calls = real, failures, 0

    async def create_meter_point(self, request_id: str, udprn: str | None, key: str) -> Mprn:
        self.calls += 1
        if self.calls <= self.failures:
            raise MeterPointCreationFailed("UK Link answered 503")
        return await self.real.create_meter_point(request_id, udprn, key)


@pytest.fixture
def people(world: World, run: Any) -> dict[str, Viewer]:
    run(world.organisation("AGS", OrganisationKind.SHIPPER, "Alpha Gas Shipping"))
    run(world.organisation("CDSP", OrganisationKind.CDSP, "Xoserve (CDSP)"))
    run(world.user("alice@alpha.example", "AGS", "Alice Ashworth"))
    run(world.user("agent@cdsp.example", "CDSP", "Priya Agent", (Role.USER, Role.SUPERVISOR)))
    run(world.user("agent2@cdsp.example", "CDSP", "Sam Second"))
    run(world.user("dn@cadent.example", "CADENT", "Carys Cadent", (Role.USER, Role.SUPERVISOR)))
    run(world.user("dn@ngn.example", "NGN", "Niall Northern"))
    run(
        world.load_paf(
            [
                paf_csv_line(
                    postcode="M20 3JH",
                    post_town="MANCHESTER",
                    thoroughfare="Palatine Road",
                    building_number=str(41 + n),
                    udprn=str(40_000_000 + n),
                )
                for n in range(5)
            ]
        )
    )
    return {
        name: run(world.sign_in(email))[0]
        for name, email in [
            ("alice", "alice@alpha.example"),
            ("agent", "agent@cdsp.example"),
            ("agent2", "agent2@cdsp.example"),
            ("cadent", "dn@cadent.example"),
            ("ngn", "dn@ngn.example"),
        ]
    }


def _raise(world: World, run: Any, alice: Viewer, n: int = 0) -> str:
    outcome = run(
        world.bus().handle(
            RaiseMncContact(
                raised_by=alice,
                udprn=str(40_000_000 + n),
                manual_address=None,
                market_sector=MarketSector.DOMESTIC,
                annual_quantity_kwh=12_000,
                reason=MncReason.NEW_SERVICE,
            )
        )
    )
    assert isinstance(outcome, ContactLoggedResult)
    return str(outcome.crn)


def _accept(world: World, run: Any, p: dict[str, Viewer], crn: str) -> None:
    """Picked up and allocated by the CDSP, then accepted by Cadent."""
    for command in (
        PickUpContact(viewer=p["agent"], crn=crn),
        AllocateToNetwork(viewer=p["agent"], crn=crn),
        AcceptContact(viewer=p["cadent"], crn=crn),
    ):
        run(world.bus().handle(command))


def _status(world: World, run: Any, viewer: Viewer, crn: str) -> ContactStatus:
    view = run(find_contact(world.container.contact_queries(), viewer, crn))
    assert view is not None
    return view.status


def test_the_whole_journey_ends_with_a_new_mprn(
    world: World, run: Any, people: dict[str, Viewer]
) -> None:
    bus, p = world.bus(), people
    crn = _raise(world, run, p["alice"])
    assert run(find_contact(world.container.contact_queries(), p["cadent"], crn)) is None
    run(bus.handle(PickUpContact(viewer=p["agent"], crn=crn)))
    run(bus.handle(AllocateToNetwork(viewer=p["agent"], crn=crn, note="Site checked")))
    assert _status(world, run, p["cadent"], crn) is S.WITH_NETWORK
    assert run(find_contact(world.container.contact_queries(), p["ngn"], crn)) is None
    run(bus.handle(AcceptContact(viewer=p["cadent"], crn=crn)))
    run(world.container.mprn_requests().drain())

    view = run(find_contact(world.container.contact_queries(), p["alice"], crn))
    assert view.status is S.MPRN_CREATED and Mprn.parse(view.mprn)
    history = run(world.container.contact_queries().history([crn]))[crn]
    assert [entry.kind for entry in history] == [
        "LOGGED",
        "PICKED_UP",
        "ALLOCATED_TO_NETWORK",
        "NETWORK_ACCEPTED",
        "MPRN_CREATED",
    ]
    assert history[2].note == "Site checked" and history[-1].actor_id is None


def test_creating_the_mprn_twice_makes_one(world: World, run: Any, people: dict) -> None:
    p = people
    world.container.mprn_requests.override(providers.Object(_Ignore()))
    world.container.workflow.reset()  # rebuilt with the override on next use
    crn = _raise(world, run, p["alice"])
    _accept(world, run, p, crn)
    first = run(world.bus().handle(CreateMprn(crn=crn)))
    second = run(world.bus().handle(CreateMprn(crn=crn)))
    again = run(world.container.meter_point_registry().create_meter_point(crn, None, "x"))
    assert first is not None and second is None and str(again) == first


class _Ignore:
    async def request_mprn(self, crn: str) -> None:
        pass


def test_a_failing_uk_link_is_retried_until_it_answers(
    world: World, run: Any, people: dict[str, Viewer]
) -> None:
    flaky = FlakyRegistry(world.container.meter_point_registry(), failures=2)
    world.container.meter_point_registry.override(providers.Object(flaky))
    requests = InProcessMprnRequests(world.container.bus, base_s=0.01)
    world.container.mprn_requests.override(providers.Object(requests))
    world.container.workflow.reset()  # rebuilt with the override on next use
    p = people
    crn = _raise(world, run, p["alice"])
    _accept(world, run, p, crn)
    run(requests.drain())
    assert flaky.calls == 3
    assert _status(world, run, p["alice"], crn) is S.MPRN_CREATED


def test_two_agents_picking_up_one_contact(world: World, run: Any, people: dict) -> None:
    p = people
    crn = _raise(world, run, p["alice"])

    async def both() -> list[Any]:
        return await asyncio.gather(
            world.bus().handle(PickUpContact(viewer=p["agent"], crn=crn)),
            world.bus().handle(PickUpContact(viewer=p["agent2"], crn=crn)),
            return_exceptions=True,
        )

    outcomes = run(both())
    assert sum(1 for outcome in outcomes if outcome == crn) == 1
    loser = next(outcome for outcome in outcomes if outcome != crn)
    assert isinstance(loser, InvalidTransition) and loser.status is S.WITH_CDSP
    history = run(world.container.contact_queries().history([crn]))[crn]
    assert [entry.kind for entry in history] == ["LOGGED", "PICKED_UP"]


def test_clarification_answered_goes_back_to_who_asked(
    world: World, run: Any, people: dict
) -> None:
    bus, p = world.bus(), people
    crn = _raise(world, run, p["alice"])
    run(bus.handle(PickUpContact(viewer=p["agent"], crn=crn)))
    run(bus.handle(AskShipper(viewer=p["agent"], crn=crn, question="Is the meter fitted?")))
    queue = run(
        work_queue(world.container.contact_queries(), p["alice"], QueueScope.MINE, 25, None)
    )
    assert [view.crn for _, view in queue.items] == [crn]
    run(bus.handle(AnswerQuestion(viewer=p["alice"], crn=crn, answer="Not yet")))
    assert _status(world, run, p["agent"], crn) is S.WITH_CDSP
    mine = run(work_queue(world.container.contact_queries(), p["agent"], QueueScope.MINE, 25, None))
    assert [view.crn for _, view in mine.items] == [crn]


def test_an_unanswered_question_lapses_after_10_working_days(
    world: World, run: Any, people: dict
) -> None:
    bus, p = world.bus(), people
    crn = _raise(world, run, p["alice"])
    run(bus.handle(PickUpContact(viewer=p["agent"], crn=crn)))
    run(bus.handle(AskShipper(viewer=p["agent"], crn=crn, question="Is the meter fitted?")))
    world.clock.set(world.clock.now() + timedelta(days=14))  # 10 working days, Monday start
    assert run(bus.handle(LapseUnansweredQuestions())) == []
    world.clock.set(world.clock.now() + timedelta(days=1))
    assert run(bus.handle(LapseUnansweredQuestions())) == [crn]
    assert _status(world, run, p["alice"], crn) is S.LAPSED


def test_withdrawal_is_refused_once_the_network_accepted(
    world: World, run: Any, people: dict
) -> None:
    world.container.mprn_requests.override(providers.Object(_Ignore()))
    world.container.workflow.reset()  # rebuilt with the override on next use
    p = people
    crn = _raise(world, run, p["alice"])
    _accept(world, run, p, crn)
    with pytest.raises(InvalidTransition):
        run(world.bus().handle(WithdrawContact(viewer=p["alice"], crn=crn, note="No longer")))
    other = _raise(world, run, p["alice"], 1)
    run(world.bus().handle(WithdrawContact(viewer=p["alice"], crn=other, note="Sold the site")))
    assert _status(world, run, p["alice"], other) is S.WITHDRAWN


def test_another_network_cannot_act_or_see(world: World, run: Any, people: dict) -> None:
    p = people
    crn = _raise(world, run, p["alice"])
    run(world.bus().handle(PickUpContact(viewer=p["agent"], crn=crn)))
    run(world.bus().handle(AllocateToNetwork(viewer=p["agent"], crn=crn)))
    with pytest.raises(NotFound):
        run(
            world.bus().handle(
                RejectContact(
                    viewer=p["ngn"], crn=crn, reason_code="NO_GAS_SERVICE", note="Not ours"
                )
            )
        )
    run(
        world.bus().handle(
            RejectContact(viewer=p["cadent"], crn=crn, reason_code="no_gas_service", note="No main")
        )
    )
    assert _status(world, run, p["alice"], crn) is S.REJECTED


def test_the_shipper_gets_the_question_and_one_reminder_two_working_days_before_the_lapse(
    world: World, run: Any, people: dict
) -> None:
    bus, p = world.bus(), people
    crn = _raise(world, run, p["alice"])
    run(bus.handle(PickUpContact(viewer=p["agent"], crn=crn)))
    run(bus.handle(AskShipper(viewer=p["agent"], crn=crn, question="Is the meter fitted?")))
    asked = world.sender.to("alice@alpha.example")
    assert "Is the meter fitted?" in asked[-1].body

    def reminders() -> int:
        return sum(
            "Reminder" in message.subject for message in world.sender.to("alice@alpha.example")
        )

    world.clock.set(world.clock.now() + timedelta(days=9))  # Wednesday: 7 working days on
    run(bus.handle(LapseUnansweredQuestions()))
    assert reminders() == 0
    world.clock.set(world.clock.now() + timedelta(days=1))  # 8 working days: remind
    run(bus.handle(LapseUnansweredQuestions()))
    run(bus.handle(LapseUnansweredQuestions()))  # a second run the same day sends nothing more
    assert reminders() == 1
    history = run(world.container.contact_queries().history([crn]))[crn]
    assert [entry.kind for entry in history][-1] == "REMINDER_SENT"
    assert _status(world, run, p["alice"], crn) is S.AWAITING_SHIPPER
