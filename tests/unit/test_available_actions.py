"""The moves a viewer may make on a contact now: exactly the ones the handlers would accept.

For every status a contact reaches and every kind of person who can see it, each action offered
is tried with good input and must succeed, and each one not offered must be refused; so the
front end, which shows only the offered actions, never offers a dead button nor hides a live one.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from cms.core.accounts.model import AccountStatus, Organisation, OrganisationKind, Role, Viewer
from cms.core.accounts.queries import UserView
from cms.core.contacts.actions import ContactAction, available_actions, open_question
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
from cms.core.contacts.model import InvalidTransition, MncContact
from cms.core.contacts.queries import HistoryEntry
from cms.core.shared.calendar import WorkingDayCalendar
from cms.core.shared.clock import FixedClock
from cms.core.shared.errors import NotFound, NotPermitted
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
BRIGHT = Organisation("org-bright", "Bright Supply", K.SUPPLIER, "BRIGHT")


def _viewer(name: str, organisation: Organisation, *roles: Role) -> Viewer:
    return Viewer(f"user-{name}", name, f"{name}@example.com", organisation, frozenset(roles))


SHIPPER = _viewer("alice", ALPHA, Role.USER)
SHIPPER_SUPERVISOR = _viewer("ann", ALPHA, Role.USER, Role.SUPERVISOR)
AGENT = _viewer("carol", XOSERVE, Role.USER)
CDSP_SUPERVISOR = _viewer("cy", XOSERVE, Role.USER, Role.SUPERVISOR)
NETWORK = _viewer("nina", NGN, Role.USER)
NETWORK_SUPERVISOR = _viewer("ned", NGN, Role.USER, Role.SUPERVISOR)
SUPPLIER = _viewer("sam", BRIGHT, Role.USER, Role.SUPERVISOR)
VIEWERS = (
    SHIPPER, SHIPPER_SUPERVISOR, AGENT, CDSP_SUPERVISOR, NETWORK, NETWORK_SUPERVISOR, SUPPLIER
)  # fmt: skip
USERS = [
    UserView(v.user_id, v.name, v.email, v.organisation, v.roles, AccountStatus.ACTIVE, None, None)
    for v in VIEWERS
]

QUESTION = "Is the service new, or relaid?"

# How each status is reached from LOGGED, by whom.
PATHS: dict[str, list[tuple[Move, Party]]] = {
    "logged": [],
    "with the CDSP": [(Move.PICK_UP, Party.CDSP)],
    "asked by the CDSP": [(Move.PICK_UP, Party.CDSP), (Move.ASK_SHIPPER, Party.CDSP)],
    "with the network": [(Move.PICK_UP, Party.CDSP), (Move.ALLOCATE_TO_NETWORK, Party.CDSP)],
    "asked by the network": [
        (Move.PICK_UP, Party.CDSP),
        (Move.ALLOCATE_TO_NETWORK, Party.CDSP),
        (Move.ASK_SHIPPER, Party.NETWORK),
    ],
    "booked for a visit": [
        (Move.PICK_UP, Party.CDSP),
        (Move.ALLOCATE_TO_NETWORK, Party.CDSP),
        (Move.BOOK_SITE_VISIT, Party.NETWORK),
    ],
    "accepted": [
        (Move.PICK_UP, Party.CDSP),
        (Move.ALLOCATE_TO_NETWORK, Party.CDSP),
        (Move.ACCEPT, Party.NETWORK),
    ],
    "handed back": [
        (Move.PICK_UP, Party.CDSP),
        (Move.ALLOCATE_TO_NETWORK, Party.CDSP),
        (Move.HAND_BACK, Party.NETWORK),
    ],
    "rejected": [(Move.PICK_UP, Party.CDSP), (Move.REJECT, Party.CDSP)],
    "withdrawn": [(Move.WITHDRAW, Party.SHIPPER)],
}

VISIT_DAY = date(2026, 3, 9)
GOOD_INPUT: dict[ContactAction, Callable[[Viewer], ContactCommand]] = {
    ContactAction.PICK_UP: lambda v: PickUpContact(viewer=v, crn=CRN),
    ContactAction.ASSIGN: lambda v: AssignContact(viewer=v, crn=CRN, assignee_id=v.user_id),
    ContactAction.ASK_SHIPPER: lambda v: AskShipper(viewer=v, crn=CRN, question=QUESTION),
    ContactAction.ANSWER_QUESTION: lambda v: AnswerQuestion(viewer=v, crn=CRN, answer="New."),
    ContactAction.ALLOCATE_TO_NETWORK: lambda v: AllocateToNetwork(viewer=v, crn=CRN),
    ContactAction.MOVE_TO_NETWORK: lambda v: MoveToNetwork(
        viewer=v, crn=CRN, network_id=WWU.id, note="The site is in Wales: WWU's area."
    ),
    ContactAction.HAND_BACK: lambda v: HandBackToCdsp(
        viewer=v, crn=CRN, note="Not our area: the site is fed from the Welsh network."
    ),
    ContactAction.BOOK_SITE_VISIT: lambda v: BookSiteVisit(
        viewer=v, crn=CRN, planned_for=VISIT_DAY
    ),
    ContactAction.ACCEPT: lambda v: AcceptContact(viewer=v, crn=CRN),
    ContactAction.REJECT: lambda v: RejectContact(
        viewer=v, crn=CRN, reason_code="OTHER", note="Not a new service."
    ),
    ContactAction.WITHDRAW: lambda v: WithdrawContact(viewer=v, crn=CRN, note="Cancelled."),
}
HANDLER = {
    ContactAction.PICK_UP: "pick_up",
    ContactAction.ASSIGN: "assign",
    ContactAction.ASK_SHIPPER: "ask_shipper",
    ContactAction.ANSWER_QUESTION: "answer_question",
    ContactAction.ALLOCATE_TO_NETWORK: "allocate_to_network",
    ContactAction.MOVE_TO_NETWORK: "move_to_network",
    ContactAction.HAND_BACK: "hand_back",
    ContactAction.BOOK_SITE_VISIT: "book_site_visit",
    ContactAction.ACCEPT: "accept",
    ContactAction.REJECT: "reject",
    ContactAction.WITHDRAW: "withdraw",
}


def _contact(path: str) -> MncContact:
    calendar = WorkingDayCalendar(lambda day: False)
    contact = raised_contact(SHIPPER.user_id, calendar)
    for move, party in PATHS[path]:
        make_move(
            contact,
            move,
            actor=party,
            actor_id="user-carol",
            at=MONDAY,
            calendar=calendar,
            note=QUESTION,
            reason_code="OTHER" if move is Move.REJECT else None,
            planned_for=VISIT_DAY if move is Move.BOOK_SITE_VISIT else None,
        )
    contact.events.clear()
    return contact


def _attempt(contact: MncContact, action: ContactAction, viewer: Viewer) -> Any:
    store = InMemoryWorkflowStore()
    store.put(copy.deepcopy(contact))
    handlers = workflow_handlers(
        store,
        InMemoryAccountQueries(USERS, [WWU]),
        WorkingDayCalendar(lambda day: False),
        FixedClock(MONDAY),
    )
    # Good input is never rejected: a Rejected here is a failure, not a refusal.
    refusals = (NotPermitted, NotFound, InvalidTransition)
    return attempt(handlers, HANDLER[action], GOOD_INPUT[action](viewer), refusals)


def _sees(viewer: Viewer, contact: MncContact) -> bool:
    kind = viewer.kind
    return (
        kind is K.CDSP
        or (kind is K.SHIPPER and contact.shipper_organisation_id == viewer.organisation.id)
        or (kind is K.NETWORK and contact.allocated_network == viewer.organisation.short_code)
    )


CASES = [
    (path, viewer)
    for path in PATHS
    for viewer in VIEWERS
    if viewer.kind is K.SUPPLIER or _sees(viewer, _contact(path))
]


@pytest.mark.parametrize(
    ("path", "viewer"), CASES, ids=[f"{path}-{viewer.name}" for path, viewer in CASES]
)
def test_the_actions_offered_are_exactly_those_the_handlers_accept(
    path: str, viewer: Viewer
) -> None:
    contact = _contact(path)
    offered = available_actions(viewer, view_of(contact))

    accepted = [
        action
        for action in ContactAction
        if not isinstance(_attempt(contact, action, viewer), Exception)
    ]
    assert offered == accepted


def test_what_a_logged_contact_offers_each_person() -> None:
    view = view_of(_contact("logged"))
    assert available_actions(SHIPPER, view) == [ContactAction.WITHDRAW]
    assert available_actions(AGENT, view) == [ContactAction.PICK_UP]
    assert available_actions(CDSP_SUPERVISOR, view) == [
        ContactAction.PICK_UP,
        ContactAction.ASSIGN,
    ]
    assert available_actions(SUPPLIER, view) == []


def test_a_contact_the_viewer_cannot_see_offers_nothing() -> None:
    view = view_of(_contact("with the CDSP"))  # not allocated yet: the network cannot see it
    assert available_actions(NETWORK_SUPERVISOR, view) == []
    other_shipper = _viewer("ben", Organisation("org-beta", "Beta", K.SHIPPER, "BETA"), Role.USER)
    assert available_actions(other_shipper, view) == []


def _entry(kind: str, note: str | None, minutes: int) -> HistoryEntry:
    return HistoryEntry(
        at=MONDAY + timedelta(minutes=minutes),
        actor_id="user-carol",
        kind=kind,
        from_status=None,
        to_status=None,
        note=note,
    )


def test_the_open_question_is_the_last_one_asked_while_the_shipper_is_awaited() -> None:
    history = [
        _entry("LOGGED", None, 0),
        _entry("QUESTION_ASKED", "Which meter?", 1),
        _entry("QUESTION_ANSWERED", "The new one.", 2),
        _entry("QUESTION_ASKED", QUESTION, 3),
    ]
    awaiting = view_of(_contact("asked by the CDSP"))
    assert open_question(awaiting, history) == QUESTION
    answered = view_of(_contact("with the CDSP"))
    assert open_question(answered, history[:3]) is None
