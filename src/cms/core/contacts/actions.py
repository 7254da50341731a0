"""What a viewer may do to a contact now, and what it waits on them for: read from the
lifecycle table, so that a client offers exactly the moves the handlers accept."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from enum import StrEnum

from cms.core.accounts.model import Role, Viewer
from cms.core.addresses.ldz import Ldz
from cms.core.contacts.lifecycle import (
    WAITING_ON,
    ContactStatus,
    Move,
    Party,
    party_of,
    transitions_for,
)
from cms.core.contacts.queries import ContactView, HistoryEntry
from cms.core.contacts.visibility import scope_for
from cms.core.shared.calendar import UK


class ContactAction(StrEnum):
    """The workflow's moves as a person makes them, and assigning the work."""

    PICK_UP = "PICK_UP"
    ASSIGN = "ASSIGN"
    ASK_SHIPPER = "ASK_SHIPPER"
    ANSWER_QUESTION = "ANSWER_QUESTION"
    ALLOCATE_TO_NETWORK = "ALLOCATE_TO_NETWORK"
    MOVE_TO_NETWORK = "MOVE_TO_NETWORK"
    BOOK_SITE_VISIT = "BOOK_SITE_VISIT"
    ACCEPT = "ACCEPT"
    REJECT = "REJECT"
    HAND_BACK = "HAND_BACK"
    WITHDRAW = "WITHDRAW"


MOVE_OF: dict[ContactAction, Move] = {
    ContactAction.PICK_UP: Move.PICK_UP,
    ContactAction.ASK_SHIPPER: Move.ASK_SHIPPER,
    ContactAction.ANSWER_QUESTION: Move.ANSWER_QUESTION,
    ContactAction.ALLOCATE_TO_NETWORK: Move.ALLOCATE_TO_NETWORK,
    ContactAction.MOVE_TO_NETWORK: Move.MOVE_TO_NETWORK,
    ContactAction.HAND_BACK: Move.HAND_BACK,
    ContactAction.BOOK_SITE_VISIT: Move.BOOK_SITE_VISIT,
    ContactAction.ACCEPT: Move.ACCEPT,
    ContactAction.REJECT: Move.REJECT,
    ContactAction.WITHDRAW: Move.WITHDRAW,
}


def available_actions(viewer: Viewer, view: ContactView) -> list[ContactAction]:
    """The moves the viewer may make on this contact now, in ContactAction's order."""
    party = party_of(viewer.kind)
    if party is None or not scope_for(viewer).admits(
        view.shipper_organisation_id, view.allocated_network
    ):
        return []
    actions: list[ContactAction] = []
    for action in ContactAction:
        if action is ContactAction.ASSIGN:
            # A supervisor assigns the work waiting on their own organisation.
            if (
                party in (Party.CDSP, Party.NETWORK)
                and viewer.has_role(Role.SUPERVISOR)
                and WAITING_ON.get(view.status) is party
            ):
                actions.append(action)
        elif any(t.actor is party for t in transitions_for(MOVE_OF[action], view.status)):
            actions.append(action)
    return actions


def open_question(view: ContactView, history: Sequence[HistoryEntry]) -> str | None:
    """The question the Shipper is asked to answer, while the contact waits for the answer."""
    if view.status is not ContactStatus.AWAITING_SHIPPER:
        return None
    asked = [entry for entry in history if entry.kind == "QUESTION_ASKED"]
    return asked[-1].note if asked else None


def network_now(view: ContactView) -> str:
    """The short code of the network the contact is with, or (before allocation, or once handed
    back) the one that owns its LDZ."""
    return view.allocated_network or view.network


_NETWORK_CHANGES = ("ALLOCATED_TO_NETWORK", "MOVED_TO_NETWORK", "HANDED_BACK")


def allocation_reason(
    view: ContactView, history: Sequence[HistoryEntry], network_names: Mapping[str, str]
) -> str:
    """Why the contact is for the network it is, in a sentence: its LDZ's owner, or the CDSP's
    move (with its note); and a hand-back that left it with the CDSP."""

    def name(short_code: str | None) -> str:
        return network_names.get(short_code or "", short_code or "the network")

    changes = [entry for entry in history if entry.kind in _NETWORK_CHANGES]
    last = changes[-1] if changes else None
    if view.allocated_network and last is not None and last.kind == "MOVED_TO_NETWORK":
        return (
            f"Moved to {name(view.allocated_network)} by the CDSP on {_day(last.at)}: "
            f"{last.note or 'no reason given'}"
        )
    ldz = Ldz(view.ldz)
    reason = (
        f"{view.address.postcode} is in LDZ {ldz} ({ldz.display_name}), which belongs to "
        f"{name(view.network)}."
    )
    if view.allocated_network is None and last is not None and last.kind == "HANDED_BACK":
        reason += (
            f" {name(last.network)} handed it back to the CDSP on {_day(last.at)}: "
            f"{last.note or 'no reason given'}"
        )
    return reason


def _day(at: datetime) -> str:
    day = at.astimezone(UK).date()
    return f"{day.day} {day:%B %Y}"
