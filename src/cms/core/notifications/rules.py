"""Who is told what when a contact moves: pure rules over the contact's own history."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from cms.core.addresses.ldz import NetworkOwner
from cms.core.contacts.lifecycle import FINAL_STATUSES, ContactStatus
from cms.core.contacts.rejection_reasons import REJECTION_REASONS
from cms.core.notifications.model import LoggedEvent, Notification

S = ContactStatus

STATUS_LABELS: Mapping[ContactStatus, str] = {
    S.LOGGED: "logged",
    S.WITH_CDSP: "with the CDSP",
    S.AWAITING_SHIPPER: "awaiting the Shipper's answer",
    S.WITH_NETWORK: "with the network",
    S.SITE_VISIT_BOOKED: "waiting for a site visit",
    S.NETWORK_ACCEPTED: "accepted by the network",
    S.MPRN_CREATED: "complete: its MPRN is created",
    S.REJECTED: "rejected",
    S.WITHDRAWN: "withdrawn",
    S.LAPSED: "lapsed",
}


@dataclass(frozen=True, slots=True)
class Parties:
    """Who has a hand in a contact at some point of its history."""

    raised_by: str | None = None
    shipper_organisation_id: str | None = None
    network: str | None = None
    allocated_network: str | None = None
    assignee_id: str | None = None
    asker_id: str | None = None
    allocator_id: str | None = None  # who last passed it to a network: told of a hand-back
    status: ContactStatus | None = None

    def after(self, event: LoggedEvent) -> Parties:
        """The parties once this event has happened."""
        payload = event.payload
        parties = replace(self, status=event.to_status or self.status)
        if event.kind == "LOGGED":
            parties = replace(
                parties,
                raised_by=event.actor_id,
                shipper_organisation_id=payload.get("shipper_organisation_id"),
                network=payload.get("network"),
            )
        elif event.kind in ("PICKED_UP", "ASSIGNED"):
            parties = replace(parties, assignee_id=payload.get("assignee_id"))
        elif event.kind == "QUESTION_ASKED":
            parties = replace(parties, asker_id=event.actor_id)
        elif event.kind in ("ALLOCATED_TO_NETWORK", "MOVED_TO_NETWORK"):
            parties = replace(
                parties,
                allocated_network=payload.get("network"),
                assignee_id=None,
                allocator_id=event.actor_id,
            )
        elif event.kind == "HANDED_BACK":
            parties = replace(parties, allocated_network=None, assignee_id=None)
        if parties.status in FINAL_STATUSES:
            parties = replace(parties, assignee_id=None)
        return parties


def parties_through(history: Iterable[LoggedEvent]) -> dict[str, tuple[Parties, Parties]]:
    """For each event of one or more contacts' histories (in log order): the parties just
    before it and just after it, keyed by event id."""
    current: dict[str, Parties] = {}
    around: dict[str, tuple[Parties, Parties]] = {}
    for event in history:
        before = current.get(event.crn, Parties())
        after = before.after(event)
        current[event.crn] = after
        around[event.event_id] = (before, after)
    return around


NetworkMembers = Callable[[str], Sequence[str]]  # a network's short code -> its active users


def notifications_for(
    event: LoggedEvent, before: Parties, after: Parties, network_members: NetworkMembers
) -> list[Notification]:
    """The notifications one event makes: at most one per person, never to whoever acted."""
    crn, status = event.crn, after.status
    told: dict[str, Notification] = {}

    def tell(user_ids: Iterable[str | None], message: str) -> None:
        for user_id in user_ids:
            if user_id and user_id != event.actor_id and user_id not in told:
                told[user_id] = Notification.about(event, user_id, message, status)

    # The specific rules first: a person told twice about one event hears the most specific.
    if event.kind == "ASSIGNED" and after.assignee_id:
        tell([after.assignee_id], f"{crn} has been assigned to you ({_label(status)}).")
    if event.kind == "ASSIGNED" and before.assignee_id != after.assignee_id:
        # Whoever had it sees it leave their queue, and should know why.
        where = (
            "it has gone to a colleague"
            if after.assignee_id
            else ("it is back in your organisation's queue")
        )
        tell([before.assignee_id], f"{crn} is no longer assigned to you: {where}.")
    if event.kind == "QUESTION_ANSWERED":
        tell([before.asker_id], f"{crn}: the Shipper has answered your question.")
    if event.kind == "ALLOCATED_TO_NETWORK" and after.allocated_network:
        tell(
            network_members(after.allocated_network),
            f"{crn} has been allocated to your network for a site check.",
        )
    if event.kind == "MOVED_TO_NETWORK" and after.allocated_network:
        tell(
            network_members(after.allocated_network),
            f"{crn} has been moved to your network by the CDSP: {_note_of(event)}",
        )
        if before.allocated_network:
            tell(
                network_members(before.allocated_network),
                f"{crn} has been moved to {_network_name(after.allocated_network)} by the CDSP; "
                "it is no longer with your network.",
            )
    if event.kind == "HANDED_BACK":
        network = _network_name(str(event.payload.get("network") or ""))
        tell(
            [before.allocator_id],
            f"{crn} has been handed back to the CDSP by {network}: {_note_of(event)}",
        )
    # An ending concerns everyone who has had a hand in the contact.
    if status in FINAL_STATUSES and event.changes_status:
        ending = _ending_message(event, crn)
        network_users = network_members(after.allocated_network) if after.allocated_network else []
        tell([before.raised_by, before.assignee_id, *network_users], ending)
    if event.changes_status or event.kind == "MOVED_TO_NETWORK":  # another network: news too
        tell([after.raised_by], _status_message(event, crn, after))
    return list(told.values())


MAX_NOTE_SHOWN = 120


def _note_of(event: LoggedEvent) -> str:
    """The move's note, cut to fit a one-line message."""
    note = " ".join(str(event.payload.get("note") or "no reason given").split())
    return note if len(note) <= MAX_NOTE_SHOWN else note[: MAX_NOTE_SHOWN - 1].rstrip() + "…"


def _label(status: ContactStatus | None) -> str:
    return STATUS_LABELS.get(status, "changed") if status else "changed"


def _status_message(event: LoggedEvent, crn: str, after: Parties) -> str:
    status = after.status
    if event.kind == "QUESTION_ASKED":
        return f"{crn}: you have been asked a question; please answer it in the contact."
    if event.kind in ("ALLOCATED_TO_NETWORK", "MOVED_TO_NETWORK") and after.allocated_network:
        network = _network_name(after.allocated_network)
        return f"{crn} is now with the network, {network}, for a site check."
    if event.kind == "HANDED_BACK":
        network = _network_name(str(event.payload.get("network") or ""))
        return f"{crn} is back with the CDSP: {network} handed it back."
    if event.kind == "SITE_VISIT_BOOKED" and event.payload.get("planned_for"):
        day = _day(str(event.payload["planned_for"]))
        return f"{crn}: the network has booked a site visit for {day}."
    if status in FINAL_STATUSES:
        return _ending_message(event, crn)
    return f"{crn} is now {_label(status)}."


def _ending_message(event: LoggedEvent, crn: str) -> str:
    if event.to_status is S.REJECTED:
        code = str(event.payload.get("reason_code") or "")
        reason = REJECTION_REASONS.get(code, code)
        return (
            f"{crn} has been rejected: {reason.rstrip('.')}."
            if reason
            else (f"{crn} has been rejected.")
        )
    if event.to_status is S.WITHDRAWN:
        return f"{crn} has been withdrawn by the Shipper."
    if event.to_status is S.LAPSED:
        return f"{crn} has lapsed: the question to the Shipper went unanswered."
    if event.to_status is S.MPRN_CREATED and event.payload.get("mprn"):
        return f"{crn} is complete: MPRN {event.payload['mprn']} has been created."
    return f"{crn} is now {_label(event.to_status)}."


def _network_name(short_code: str) -> str:
    try:
        return NetworkOwner(short_code).display_name
    except ValueError:
        return f"the network ({short_code})"


def _day(iso_date: str) -> str:
    """'2026-03-12' as people write it: '12 March 2026'."""
    try:
        day = date.fromisoformat(iso_date)
    except ValueError:
        return iso_date
    return f"{day.day} {day:%B %Y}"
