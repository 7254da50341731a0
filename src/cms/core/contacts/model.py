"""The MNC contact aggregate: its state, and the only ways that state may change."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from cms.core.addresses.address import Address
from cms.core.addresses.ldz import Ldz
from cms.core.contacts.crn import Crn
from cms.core.contacts.events import (
    ContactAcceptedByNetwork,
    ContactAllocatedToNetwork,
    ContactAssigned,
    ContactEvent,
    ContactHandedBack,
    ContactLapsed,
    ContactLogged,
    ContactMovedToNetwork,
    ContactPickedUp,
    ContactRejected,
    ContactWithdrawn,
    MprnCreated,
    QuestionAnswered,
    QuestionAsked,
    QuestionReminderSent,
    SiteVisitBooked,
)
from cms.core.contacts.identifiers import Mprn
from cms.core.contacts.lifecycle import (
    SERVICE_LEVEL_WORKING_DAYS,
    WAITING_ON,
    ContactStatus,
    Move,
    Party,
    Transition,
    is_open,
    transitions_for,
)
from cms.core.contacts.rejection_reasons import known_reason
from cms.core.contacts.values import MncRequest
from cms.core.shared.calendar import WorkingDayCalendar
from cms.core.shared.errors import DomainError, NotPermitted
from cms.core.shared.ids import new_id
from cms.core.shared.rejections import Rejected, Rejection


@dataclass(frozen=True, slots=True)
class Actor:
    """Who makes a move (a party, and the person if one does), and when; the calendar counts
    the service level of the status the move reaches."""

    party: Party
    user_id: str | None
    at: datetime
    calendar: WorkingDayCalendar


class InvalidTransition(DomainError):
    """The move is not allowed from the contact's current status."""

    def __init__(self, message: str, status: ContactStatus) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class Site:
    """Where the meter point is wanted: a PAF delivery point or a manual address."""

    address: Address
    manual: bool
    ldz: Ldz
    network: str  # short code of the network organisation that owns the LDZ

    @property
    def udprn(self) -> str | None:
        return None if self.manual else self.address.udprn


@dataclass(eq=False)
class MncContact:
    """A Shipper's Meter Number Creation contact."""

    crn: Crn
    status: ContactStatus
    shipper_organisation_id: str
    raised_by: str
    raised_at: datetime
    site: Site
    request: MncRequest
    due_by: datetime | None = None
    mprn: Mprn | None = None
    assignee_id: str | None = None
    asked_from: ContactStatus | None = None
    reminded_at: datetime | None = None  # when the Shipper was reminded of the open question
    allocated_network: str | None = None  # set when allocated: the network may then see it
    planned_visit: date | None = None
    rejection_reason: str | None = None  # a code of REJECTION_REASONS, once rejected
    version: int = 0
    events: list[ContactEvent] = field(default_factory=list)

    @classmethod
    def raise_(
        cls,
        *,
        crn: Crn,
        shipper_organisation_id: str,
        raised_by: str,
        at: datetime,
        site: Site,
        request: MncRequest,
        calendar: WorkingDayCalendar,
    ) -> MncContact:
        """A contact that passed its submission checks: LOGGED, with the CDSP's clock running."""
        contact = cls(
            crn=crn,
            status=ContactStatus.LOGGED,
            shipper_organisation_id=shipper_organisation_id,
            raised_by=raised_by,
            raised_at=at,
            site=site,
            request=request,
        )
        contact.due_by = contact._due_by(at, calendar)
        contact.events.append(
            ContactLogged(
                event_id=new_id(),
                stream_id=str(crn),
                occurred_at=at,
                actor_id=raised_by,
                from_status=None,
                to_status=ContactStatus.LOGGED,
                shipper_organisation_id=shipper_organisation_id,
                network=site.network,
                ldz=site.ldz,
                udprn=site.udprn,
                manual_address=site.manual,
                address=address_payload(site.address),
                request=request,
            )
        )
        return contact

    @property
    def is_open(self) -> bool:
        return is_open(self.status)

    @property
    def waiting_on(self) -> Party | None:
        return WAITING_ON.get(self.status)

    def transition_for(self, move: Move, actor: Party) -> Transition:
        """The one transition this move takes from here, or why it may not be made."""
        allowed = transitions_for(move, self.status)
        if not allowed:
            raise InvalidTransition(
                f"{self.crn} is {self.status}; it cannot be {move.lower().replace('_', ' ')} "
                "from that status.",
                self.status,
            )
        by_actor = [t for t in allowed if t.actor is actor]
        if not by_actor:
            raise NotPermitted(f"Only the {allowed[0].actor} may do that to {self.crn}.")
        if move is Move.ANSWER_QUESTION:
            by_actor = [t for t in by_actor if t.target is self.asked_from]
            if not by_actor:
                raise InvalidTransition(f"{self.crn} has no open question to answer.", self.status)
        return by_actor[0]

    def pick_up(self, by: Actor, *, note: str | None = None) -> ContactEvent:
        """The CDSP agent takes the logged contact and becomes its assignee."""
        transition = self.transition_for(Move.PICK_UP, by.party)
        if not by.user_id:
            raise NotPermitted(f"{self.crn} is picked up by a person, who then works on it.")
        self.assignee_id = by.user_id
        return self._made(
            transition,
            by,
            ContactPickedUp(**self._stamp(transition, by, note), assignee_id=by.user_id),
        )

    def ask_shipper(self, by: Actor, question: str) -> ContactEvent:
        """The CDSP or the network asks the Shipper; the asker stays assigned for the answer."""
        transition = self.transition_for(Move.ASK_SHIPPER, by.party)
        self.asked_from = transition.source
        self.reminded_at = None
        return self._made(transition, by, QuestionAsked(**self._stamp(transition, by, question)))

    def answer_question(self, by: Actor, answer: str) -> ContactEvent:
        """The Shipper answers, and the contact goes back to whoever asked."""
        transition = self.transition_for(Move.ANSWER_QUESTION, by.party)
        self.asked_from = None
        return self._made(transition, by, QuestionAnswered(**self._stamp(transition, by, answer)))

    def allocate_to_network(self, by: Actor, *, note: str | None = None) -> ContactEvent:
        """The CDSP passes the contact to the network that owns the site's LDZ."""
        transition = self.transition_for(Move.ALLOCATE_TO_NETWORK, by.party)
        network = self.site.network
        self.allocated_network = network
        self.assignee_id = None  # the network assigns its own people
        return self._made(
            transition,
            by,
            ContactAllocatedToNetwork(**self._stamp(transition, by, note), network=network),
        )

    def move_to_network(self, by: Actor, network: str, note: str) -> ContactEvent:
        """The CDSP moves the contact to another network than the one it is with."""
        transition = self.transition_for(Move.MOVE_TO_NETWORK, by.party)
        if network == self.allocated_network:
            raise Rejected(
                [
                    Rejection(
                        "SAME_NETWORK",
                        "networkId",
                        f"{self.crn} is already with that network; choose another one.",
                    )
                ]
            )
        moved_from = self.allocated_network
        self.allocated_network = network
        self.assignee_id = None  # the new network assigns its own people
        self.planned_visit = None  # a visit the old network booked does not happen
        return self._made(
            transition,
            by,
            ContactMovedToNetwork(
                **self._stamp(transition, by, note), network=network, from_network=moved_from
            ),
        )

    def hand_back(self, by: Actor, note: str) -> ContactEvent:
        """The network returns the contact to the CDSP's queue, saying why."""
        transition = self.transition_for(Move.HAND_BACK, by.party)
        network = self.allocated_network
        if network is None:
            raise InvalidTransition(
                f"{self.crn} is allocated to no network, so no network can hand it back.",
                self.status,
            )
        self.allocated_network = None  # the network no longer sees it
        self.assignee_id = None  # it waits in the CDSP's queue for whoever takes it
        self.planned_visit = None
        return self._made(
            transition, by, ContactHandedBack(**self._stamp(transition, by, note), network=network)
        )

    def book_site_visit(
        self, by: Actor, planned_for: date, *, note: str | None = None
    ) -> ContactEvent:
        """The network plans a visit to the site."""
        transition = self.transition_for(Move.BOOK_SITE_VISIT, by.party)
        self.planned_visit = planned_for
        return self._made(
            transition,
            by,
            SiteVisitBooked(
                **self._stamp(transition, by, note), planned_for=planned_for.isoformat()
            ),
        )

    def accept(self, by: Actor, *, note: str | None = None) -> ContactEvent:
        """The network accepts: UK Link is asked for the MPRN next."""
        transition = self.transition_for(Move.ACCEPT, by.party)
        return self._made(
            transition, by, ContactAcceptedByNetwork(**self._stamp(transition, by, note))
        )

    def reject(self, by: Actor, reason_code: str, note: str) -> ContactEvent:
        """The CDSP or the network rejects the contact for one of the controlled reasons."""
        transition = self.transition_for(Move.REJECT, by.party)
        code = known_reason(reason_code)
        self.rejection_reason = code
        return self._made(
            transition, by, ContactRejected(**self._stamp(transition, by, note), reason_code=code)
        )

    def withdraw(self, by: Actor, note: str) -> ContactEvent:
        """The Shipper withdraws the contact before the network accepts it."""
        transition = self.transition_for(Move.WITHDRAW, by.party)
        return self._made(transition, by, ContactWithdrawn(**self._stamp(transition, by, note)))

    def lapse(self, by: Actor, note: str) -> ContactEvent:
        """The system lapses a question the Shipper left unanswered."""
        transition = self.transition_for(Move.LAPSE, by.party)
        return self._made(transition, by, ContactLapsed(**self._stamp(transition, by, note)))

    def record_mprn(self, by: Actor, mprn: Mprn, note: str) -> ContactEvent:
        """The system records the meter point UK Link created."""
        transition = self.transition_for(Move.RECORD_MPRN, by.party)
        self.mprn = mprn
        return self._made(
            transition, by, MprnCreated(**self._stamp(transition, by, note), mprn=str(mprn))
        )

    def _stamp(self, transition: Transition, by: Actor, note: str | None) -> dict[str, Any]:
        """What every move's event says: which contact, when, who, from where to where, why."""
        return {
            "event_id": new_id(),
            "stream_id": str(self.crn),
            "occurred_at": by.at,
            "actor_id": by.user_id,
            "from_status": transition.source,
            "to_status": transition.target,
            "note": note,
        }

    def _made(self, transition: Transition, by: Actor, event: ContactEvent) -> ContactEvent:
        """Enter the move's target status, with its service level, and record its event."""
        self.status = transition.target
        if not self.is_open:
            self.assignee_id = None
        self.due_by = self._due_by(by.at, by.calendar)
        self.events.append(event)
        return event

    def collect_events(self) -> list[ContactEvent]:
        """The events recorded since the last collection; the contact keeps none of them."""
        events, self.events = self.events, []
        return events

    def remind(self, at: datetime, note: str) -> ContactEvent:
        """Record that the Shipper was reminded of the question (once per question)."""
        self.reminded_at = at
        event = QuestionReminderSent(
            event_id=new_id(),
            stream_id=str(self.crn),
            occurred_at=at,
            actor_id=None,
            from_status=self.status,
            to_status=self.status,
            note=note,
        )
        self.events.append(event)
        return event

    def assign(
        self, assignee_id: str | None, *, actor: Party, actor_id: str, at: datetime
    ) -> ContactEvent:
        """A supervisor of the organisation the contact waits on assigns it, or frees it."""
        if self.waiting_on is not actor:
            raise InvalidTransition(
                f"{self.crn} is {self.status}; only the organisation it waits on can assign it.",
                self.status,
            )
        self.assignee_id = assignee_id
        event = ContactAssigned(
            event_id=new_id(),
            stream_id=str(self.crn),
            occurred_at=at,
            actor_id=actor_id,
            from_status=self.status,
            to_status=self.status,
            assignee_id=assignee_id,
        )
        self.events.append(event)
        return event

    def _due_by(self, since: datetime, calendar: WorkingDayCalendar) -> datetime | None:
        party = WAITING_ON.get(self.status)
        days = SERVICE_LEVEL_WORKING_DAYS.get(party) if party else None
        return calendar.due_by(since, days) if days is not None else None


def address_payload(address: Address) -> dict[str, str | None]:
    payload = asdict(address)
    payload["postcode"] = str(address.postcode)
    return payload
