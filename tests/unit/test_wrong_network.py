"""A contact with the wrong network: the CDSP moves it to another, or the network hands it back.

docs/domain.md, "A contact with the wrong network": each is a lifecycle move with a note, its
event, the due date of whoever acts next, and a change of who may see the contact.
"""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from typing import Any

import pytest

from cms.core.accounts.model import Organisation, OrganisationKind, Role, Viewer
from cms.core.contacts.actions import allocation_reason
from cms.core.contacts.commands import ContactCommand, HandBackToCdsp, MoveToNetwork
from cms.core.contacts.events import ContactHandedBack, ContactMovedToNetwork
from cms.core.contacts.lifecycle import ContactStatus, Move, Party
from cms.core.contacts.model import MncContact
from cms.core.contacts.queries import HistoryEntry
from cms.core.contacts.visibility import scope_for
from cms.core.shared.calendar import WorkingDayCalendar
from cms.core.shared.clock import FixedClock
from cms.core.shared.errors import NotFound, NotPermitted
from cms.core.shared.rejections import Rejected
from tests.support.contacts import (
    ALPHA,
    CRN,
    MONDAY,
    NGN,
    XOSERVE,
    attempt,
    raised_contact,
    view_of,
    workflow_handlers,
)
from tests.support.fakes import InMemoryAccountQueries, InMemoryWorkflowStore
from tests.support.moves import make_move

K, S = OrganisationKind, ContactStatus
WWU = Organisation("org-wwu", "Wales & West Utilities", K.NETWORK, "WWU")
AGENT = Viewer("user-carol", "Carol Shaw", "carol@cdsp.example", XOSERVE, frozenset({Role.USER}))
NIALL = Viewer("user-niall", "Niall Berg", "niall@ngn.example", NGN, frozenset({Role.USER}))
WYN = Viewer("user-wyn", "Wyn Jones", "wyn@wwu.example", WWU, frozenset({Role.USER}))

WEDNESDAY = MONDAY + timedelta(days=2)
WHY_MOVE = "The site is fed from the Welsh network, not Yorkshire's."
WHY_BACK = "Not our area: the main in Oak Road is Wales & West's."


class Desk:
    """The workflow's handlers on fakes, with one of Alpha's contacts allocated to NGN."""

    def __init__(self) -> None:
        self.store = InMemoryWorkflowStore()
        self.calendar = WorkingDayCalendar(lambda day: False)
        self.clock = FixedClock(MONDAY)
        accounts = InMemoryAccountQueries(organisations=[ALPHA, XOSERVE, NGN, WWU])
        self.handlers = workflow_handlers(self.store, accounts, self.calendar, self.clock)
        contact = raised_contact("user-alice", self.calendar)
        self.store.put(contact)
        self.make(Move.PICK_UP, Party.CDSP)
        self.make(Move.ALLOCATE_TO_NETWORK, Party.CDSP)
        contact.assignee_id = NIALL.user_id  # NGN's supervisor gave it to Niall
        contact.events.clear()
        self.clock.set(WEDNESDAY)

    @property
    def contact(self) -> MncContact:
        return self.store.contacts[CRN]

    def make(self, move: Move, party: Party, **extra: Any) -> None:
        make_move(
            self.contact,
            move,
            actor=party,
            actor_id="user-x",
            at=MONDAY,
            calendar=self.calendar,
            **extra,
        )

    def attempt(self, kind: str, command: ContactCommand) -> Any:
        return attempt(self.handlers, kind, command)

    def sees(self, viewer: Viewer) -> bool:
        contact = self.contact
        return scope_for(viewer).admits(contact.shipper_organisation_id, contact.allocated_network)

    def committed_events(self) -> list[Any]:
        return self.store.events


def move(network: Organisation = WWU, note: str = WHY_MOVE) -> MoveToNetwork:
    return MoveToNetwork(viewer=AGENT, crn=CRN, network_id=network.id, note=note)


def hand_back(note: str = WHY_BACK) -> HandBackToCdsp:
    return HandBackToCdsp(viewer=NIALL, crn=CRN, note=note)


# ---------------------------------------------------------------- the CDSP moves it


@pytest.mark.parametrize("booked", [False, True], ids=["with the network", "visit booked"])
def test_the_cdsp_moves_a_contact_to_another_network_which_alone_then_sees_it(
    booked: bool,
) -> None:
    desk = Desk()
    if booked:
        desk.make(Move.BOOK_SITE_VISIT, Party.NETWORK, planned_for=date(2026, 3, 9))

    assert desk.attempt("move_to_network", move()) == CRN

    contact = desk.contact
    assert (contact.status, contact.allocated_network) == (S.WITH_NETWORK, "WWU")
    assert contact.assignee_id is None, "the new network assigns its own people"
    assert contact.planned_visit is None, "the old network's visit does not happen"
    # The new network has its 10 working days from the move: Wednesday to Wednesday fortnight.
    assert contact.due_by is not None and contact.due_by.date() == date(2026, 3, 18)
    assert desk.sees(WYN) and not desk.sees(NIALL)
    [event] = desk.committed_events()
    assert isinstance(event, ContactMovedToNetwork)
    assert (event.network, event.from_network, event.note) == ("WWU", "NGN", WHY_MOVE)
    assert (event.from_status, event.to_status) == (
        S.SITE_VISIT_BOOKED if booked else S.WITH_NETWORK,
        S.WITH_NETWORK,
    )


def test_the_cdsp_moves_a_contact_it_holds_to_the_network_it_chooses() -> None:
    desk = Desk()
    asyncio.run(desk.handlers.hand_back(hand_back()))

    assert desk.attempt("move_to_network", move()) == CRN
    assert (desk.contact.status, desk.contact.allocated_network) == (S.WITH_NETWORK, "WWU")


def test_moving_a_contact_to_the_network_it_is_with_is_refused() -> None:
    desk = Desk()
    answer = desk.attempt("move_to_network", move(NGN))
    assert isinstance(answer, Rejected)
    assert [(r.code, r.field) for r in answer.reasons] == [("SAME_NETWORK", "networkId")]
    assert desk.contact.allocated_network == "NGN"


@pytest.mark.parametrize("network_id", [ALPHA.id, "org-nowhere"])
def test_a_contact_moves_only_to_a_gas_network(network_id: str) -> None:
    desk = Desk()
    answer = desk.attempt(
        "move_to_network", MoveToNetwork(viewer=AGENT, crn=CRN, network_id=network_id, note="x")
    )
    assert isinstance(answer, Rejected)
    assert [(r.code, r.field) for r in answer.reasons] == [("NETWORK_UNKNOWN", "networkId")]
    assert "list of networks" in answer.reasons[0].message


def test_a_move_says_why() -> None:
    desk = Desk()
    answer = desk.attempt("move_to_network", move(note="  "))
    assert isinstance(answer, Rejected)
    assert [(r.code, r.field) for r in answer.reasons] == [("REQUIRED", "note")]
    assert desk.contact.allocated_network == "NGN"


def test_a_network_cannot_move_a_contact_to_another_network() -> None:
    desk = Desk()
    answer = desk.attempt(
        "move_to_network", MoveToNetwork(viewer=NIALL, crn=CRN, network_id=WWU.id, note="x")
    )
    assert isinstance(answer, NotPermitted)
    assert answer.message == "Only the CDSP can move a contact to another network."


# ---------------------------------------------------------------- the network hands it back


@pytest.mark.parametrize("booked", [False, True], ids=["with the network", "visit booked"])
def test_the_network_hands_a_contact_back_to_the_cdsp_and_no_longer_sees_it(
    booked: bool,
) -> None:
    desk = Desk()
    if booked:
        desk.make(Move.BOOK_SITE_VISIT, Party.NETWORK, planned_for=date(2026, 3, 9))

    assert desk.attempt("hand_back", hand_back()) == CRN

    contact = desk.contact
    assert (contact.status, contact.allocated_network) == (S.WITH_CDSP, None)
    assert contact.assignee_id is None and contact.planned_visit is None
    # The CDSP has its 2 working days from the hand-back: Wednesday to Friday.
    assert contact.due_by is not None and contact.due_by.date() == date(2026, 3, 6)
    assert not desk.sees(NIALL) and desk.sees(AGENT)
    [event] = desk.committed_events()
    assert isinstance(event, ContactHandedBack)
    assert (event.network, event.note, event.to_status) == ("NGN", WHY_BACK, S.WITH_CDSP)


def test_a_hand_back_says_why() -> None:
    desk = Desk()
    answer = desk.attempt("hand_back", hand_back(note=""))
    assert isinstance(answer, Rejected)
    assert [(r.code, r.field) for r in answer.reasons] == [("REQUIRED", "note")]
    assert desk.contact.status is S.WITH_NETWORK


def test_another_network_cannot_hand_back_a_contact_it_does_not_see() -> None:
    desk = Desk()
    answer = desk.attempt("hand_back", HandBackToCdsp(viewer=WYN, crn=CRN, note=WHY_BACK))
    assert isinstance(answer, NotFound)
    assert desk.contact.allocated_network == "NGN"


def test_the_cdsp_cannot_hand_a_contact_back_to_itself() -> None:
    desk = Desk()
    answer = desk.attempt("hand_back", HandBackToCdsp(viewer=AGENT, crn=CRN, note=WHY_BACK))
    assert isinstance(answer, NotPermitted)
    assert "Only the gas network it is allocated to can hand a contact back" in answer.message


# ---------------------------------------------------------------- why the network


def _history(desk: Desk) -> list[HistoryEntry]:
    return [
        HistoryEntry(
            at=event.occurred_at,
            actor_id=event.actor_id,
            kind=event.kind,
            from_status=None,
            to_status=None,
            note=event.note,
            network=getattr(event, "network", None),
        )
        for event in desk.committed_events()
    ]


NAMES = {"NGN": "Northern Gas Networks", "WWU": "Wales & West Utilities"}


def test_the_reason_for_the_network_is_the_ldz_that_the_postcode_lies_in() -> None:
    desk = Desk()
    assert allocation_reason(view_of(desk.contact), [], NAMES) == (
        "LS6 2AB is in LDZ NE (North East), which belongs to Northern Gas Networks."
    )


def test_the_reason_for_a_moved_contact_is_the_cdsps_note() -> None:
    desk = Desk()
    asyncio.run(desk.handlers.move_to_network(move()))
    assert allocation_reason(view_of(desk.contact), _history(desk), NAMES) == (
        f"Moved to Wales & West Utilities by the CDSP on 4 March 2026: {WHY_MOVE}"
    )


def test_a_contact_handed_back_says_who_handed_it_back_and_why() -> None:
    desk = Desk()
    asyncio.run(desk.handlers.hand_back(hand_back()))
    assert allocation_reason(view_of(desk.contact), _history(desk), NAMES) == (
        "LS6 2AB is in LDZ NE (North East), which belongs to Northern Gas Networks. "
        f"Northern Gas Networks handed it back to the CDSP on 4 March 2026: {WHY_BACK}"
    )
