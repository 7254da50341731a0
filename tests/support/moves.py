"""Walking a contact along the lifecycle in tests: each move of the table by its own method."""

from __future__ import annotations

from datetime import date, datetime

from cms.core.contacts.events import ContactEvent
from cms.core.contacts.identifiers import Mprn
from cms.core.contacts.lifecycle import Move, Party
from cms.core.contacts.model import Actor, MncContact
from cms.core.shared.calendar import WorkingDayCalendar


def make_move(
    contact: MncContact,
    move: Move,
    *,
    actor: Party,
    actor_id: str | None,
    at: datetime,
    calendar: WorkingDayCalendar,
    note: str = "",
    reason_code: str | None = None,
    planned_for: date | None = None,
    mprn: Mprn | None = None,
    network: str | None = None,
) -> ContactEvent:
    """Make one move by its method; a move that needs what was not given is a mistake in the
    test (TypeError), not a refusal of the domain's."""
    by = Actor(actor, actor_id, at, calendar)
    if move is Move.PICK_UP:
        return contact.pick_up(by, note=note or None)
    if move is Move.ASK_SHIPPER:
        return contact.ask_shipper(by, note)
    if move is Move.ANSWER_QUESTION:
        return contact.answer_question(by, note)
    if move is Move.ALLOCATE_TO_NETWORK:
        return contact.allocate_to_network(by, note=note or None)
    if move is Move.MOVE_TO_NETWORK and network is not None:
        return contact.move_to_network(by, network, note)
    if move is Move.HAND_BACK:
        return contact.hand_back(by, note)
    if move is Move.BOOK_SITE_VISIT and planned_for is not None:
        return contact.book_site_visit(by, planned_for, note=note or None)
    if move is Move.ACCEPT:
        return contact.accept(by, note=note or None)
    if move is Move.REJECT and reason_code is not None:
        return contact.reject(by, reason_code, note)
    if move is Move.WITHDRAW:
        return contact.withdraw(by, note)
    if move is Move.LAPSE:
        return contact.lapse(by, note)
    if move is Move.RECORD_MPRN and mprn is not None:
        return contact.record_mprn(by, mprn, note)
    raise TypeError(f"{move} needs more than was given, or is not made by a method")
