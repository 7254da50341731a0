"""A caller who may never make a move is told NotPermitted first: before anything about their
input, the contact's status, or whether the contact exists (which their kind says nothing of).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from cms.core.accounts.model import Organisation, OrganisationKind, Role, Viewer
from cms.core.contacts.commands import (
    AcceptContact,
    AllocateToNetwork,
    AnswerQuestion,
    AskShipper,
    AssignContact,
    BookSiteVisit,
    ContactCommand,
    HandBackToCdsp,
    MoveToNetwork,
    PickUpContact,
    RejectContact,
    WithdrawContact,
)
from cms.core.contacts.lifecycle import ContactStatus, Move, Party
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
    workflow_handlers,
)
from tests.support.fakes import InMemoryAccountQueries, InMemoryWorkflowStore
from tests.support.moves import make_move

K = OrganisationKind
BRIGHT = Organisation("org-bright", "Bright Supply", K.SUPPLIER, "BRIGHT")
EVERY_ROLE = frozenset({Role.USER, Role.SUPERVISOR})
SHIPPER = Viewer("user-alice", "Alice Ward", "alice@alpha.example", ALPHA, EVERY_ROLE)
CDSP = Viewer("user-carol", "Carol Shaw", "carol@cdsp.example", XOSERVE, EVERY_ROLE)
CDSP_AGENT = Viewer("user-cy", "Cy Agent", "cy@cdsp.example", XOSERVE, frozenset({Role.USER}))
NETWORK = Viewer("user-nina", "Nina Berg", "nina@ngn.example", NGN, EVERY_ROLE)
SUPPLIER = Viewer("user-sam", "Sam Cole", "sam@bright.example", BRIGHT, EVERY_ROLE)

MALFORMED_CRN = "not a reference"

# Each move with inputs that are all wrong: an unknown reason, blank text, a past date.
BAD_INPUTS: dict[str, Callable[[Viewer, str], ContactCommand]] = {
    "pick_up": lambda v, crn: PickUpContact(viewer=v, crn=crn),
    "assign": lambda v, crn: AssignContact(viewer=v, crn=crn, assignee_id="user-nobody"),
    "ask_shipper": lambda v, crn: AskShipper(viewer=v, crn=crn, question=" "),
    "answer_question": lambda v, crn: AnswerQuestion(viewer=v, crn=crn, answer=""),
    "allocate_to_network": lambda v, crn: AllocateToNetwork(viewer=v, crn=crn, note="\x07"),
    "book_site_visit": lambda v, crn: BookSiteVisit(
        viewer=v, crn=crn, planned_for=date(2020, 1, 1)
    ),
    "accept": lambda v, crn: AcceptContact(viewer=v, crn=crn, note="x" * 1_001),
    "reject": lambda v, crn: RejectContact(viewer=v, crn=crn, reason_code="NOPE", note=""),
    "withdraw": lambda v, crn: WithdrawContact(viewer=v, crn=crn, note=""),
    "move_to_network": lambda v, crn: MoveToNetwork(viewer=v, crn=crn, network_id="", note=""),
    "hand_back": lambda v, crn: HandBackToCdsp(viewer=v, crn=crn, note=" "),
}

# Who may never make each move, by the kind of their organisation (and, to assign, their role).
NEVER: list[tuple[str, Viewer]] = [
    *((kind, SHIPPER) for kind in ("pick_up", "assign", "ask_shipper", "allocate_to_network")),
    *((kind, SHIPPER) for kind in ("book_site_visit", "accept", "reject")),
    *((kind, CDSP) for kind in ("answer_question", "book_site_visit", "accept", "withdraw")),
    *((kind, NETWORK) for kind in ("pick_up", "answer_question", "allocate_to_network")),
    ("withdraw", NETWORK),
    *(("move_to_network", viewer) for viewer in (SHIPPER, NETWORK)),
    *(("hand_back", viewer) for viewer in (SHIPPER, CDSP)),
    ("assign", CDSP_AGENT),
    *((kind, SUPPLIER) for kind in BAD_INPUTS),
]


def _ids(case: tuple[str, Viewer]) -> str:
    kind, viewer = case
    return f"{kind}-by-{viewer.user_id}"


class Desk:
    """The workflow's handlers on fakes, with one contact raised by Alpha."""

    def __init__(self) -> None:
        self.store = InMemoryWorkflowStore()
        self.calendar = WorkingDayCalendar(lambda day: False)
        self.handlers = workflow_handlers(
            self.store, InMemoryAccountQueries(), self.calendar, FixedClock(MONDAY)
        )
        self.store.put(raised_contact(SHIPPER.user_id, self.calendar))

    def move_to(self, *moves: tuple[Move, Party]) -> None:
        contact = self.store.contacts[CRN]
        for move, party in moves:
            make_move(
                contact,
                move,
                actor=party,
                actor_id="user-carol",
                at=MONDAY,
                calendar=self.calendar,
                note="n",
            )
        contact.events.clear()

    def attempt(self, kind: str, command: ContactCommand) -> Any:
        return attempt(self.handlers, kind, command)


@pytest.mark.parametrize(("kind", "viewer"), NEVER, ids=[_ids(case) for case in NEVER])
def test_a_move_the_caller_may_never_make_is_refused_before_their_input_is_read(
    kind: str, viewer: Viewer
) -> None:
    desk = Desk()
    answer = desk.attempt(kind, BAD_INPUTS[kind](viewer, MALFORMED_CRN))
    assert isinstance(answer, NotPermitted), answer
    assert MALFORMED_CRN not in answer.message
    assert desk.store.contacts[CRN].status is ContactStatus.LOGGED


@pytest.mark.parametrize(("kind", "viewer"), NEVER, ids=[_ids(case) for case in NEVER])
def test_a_move_the_caller_may_never_make_is_refused_whatever_the_contacts_status(
    kind: str, viewer: Viewer
) -> None:
    desk = Desk()  # LOGGED: no move but picking up leaves it, and for most callers it is unseen
    answer = desk.attempt(kind, BAD_INPUTS[kind](viewer, CRN))
    assert isinstance(answer, NotPermitted), answer
    assert CRN not in answer.message


def test_a_shipper_trying_to_reject_its_own_contact_is_told_it_is_not_permitted() -> None:
    desk = Desk()
    desk.move_to((Move.PICK_UP, Party.CDSP))
    answer = desk.attempt(
        "reject", RejectContact(viewer=SHIPPER, crn=CRN, reason_code="OTHER", note="Changed mind")
    )
    assert isinstance(answer, NotPermitted), answer
    assert "CDSP" in answer.message and "network" in answer.message
    assert desk.store.contacts[CRN].status is ContactStatus.WITH_CDSP


def test_a_caller_who_may_make_the_move_still_has_their_input_checked_first() -> None:
    desk = Desk()
    answer = desk.attempt("reject", BAD_INPUTS["reject"](CDSP, CRN))
    assert isinstance(answer, Rejected)
    assert {reason.code for reason in answer.reasons} == {"REASON_CODE_UNKNOWN"}


def test_a_contact_the_caller_may_not_see_still_looks_absent() -> None:
    desk = Desk()  # not allocated: the network may reject contacts, but not see this one
    seen = desk.attempt(
        "reject", RejectContact(viewer=NETWORK, crn=CRN, reason_code="OTHER", note="No site")
    )
    never_issued = desk.attempt(
        "reject",
        RejectContact(viewer=NETWORK, crn="MNC-2026-999999", reason_code="OTHER", note="No site"),
    )
    assert isinstance(seen, NotFound) and isinstance(never_issued, NotFound)
    assert seen.message.replace(CRN, "MNC-2026-999999") == never_issued.message
