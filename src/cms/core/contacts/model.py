"""The MNC contact aggregate: its state, and the only ways that state may change."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

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
from cms.core.contacts.values import MarketSector, MncReason
from cms.core.shared.calendar import WorkingDayCalendar
from cms.core.shared.errors import DomainError, NotPermitted
from cms.core.shared.ids import new_id
from cms.core.shared.rejections import Rejected, Rejection

EventT = TypeVar("EventT", bound=ContactEvent)


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


@dataclass(frozen=True, slots=True)
class MncRequest:
    """What the Shipper asked for, once it has passed the submission checks."""

    market_sector: MarketSector
    annual_quantity_kwh: int
    reason: MncReason
    meter_serial_number: str | None = None
    site_contact_name: str | None = None
    site_contact_phone: str | None = None
    notes: str | None = None


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
                market_sector=request.market_sector,
                annual_quantity_kwh=request.annual_quantity_kwh,
                reason=request.reason,
                meter_serial_number=request.meter_serial_number,
                site_contact_name=request.site_contact_name,
                site_contact_phone=request.site_contact_phone,
                notes=request.notes,
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

    def move(
        self,
        move: Move,
        *,
        actor: Party,
        actor_id: str | None,
        at: datetime,
        calendar: WorkingDayCalendar,
        note: str | None = None,
        reason_code: str | None = None,
        planned_for: date | None = None,
        mprn: Mprn | None = None,
        network: str | None = None,
    ) -> ContactEvent:
        """Make one move of the lifecycle table, by `actor`, and record its event."""
        transition = self.transition_for(move, actor)
        if move is Move.MOVE_TO_NETWORK and network == self.allocated_network:
            raise Rejected(
                [
                    Rejection(
                        "SAME_NETWORK",
                        "networkId",
                        f"{self.crn} is already with that network; choose another one.",
                    )
                ]
            )
        source, target = self.status, transition.target

        def make(cls: type[EventT], **extra: Any) -> EventT:
            return cls(
                event_id=new_id(),
                stream_id=str(self.crn),
                occurred_at=at,
                actor_id=actor_id,
                from_status=source,
                to_status=target,
                note=note,
                **extra,
            )

        event: ContactEvent
        if move is Move.PICK_UP:
            assert actor_id is not None
            self.assignee_id = actor_id
            event = make(ContactPickedUp, assignee_id=actor_id)
        elif move is Move.ASK_SHIPPER:
            # The asker stays assigned, so the answer comes back to them.
            self.asked_from = source
            self.reminded_at = None
            event = make(QuestionAsked)
        elif move is Move.ANSWER_QUESTION:
            self.asked_from = None
            event = make(QuestionAnswered)
        elif move is Move.ALLOCATE_TO_NETWORK:
            self.allocated_network = self.site.network
            self.assignee_id = None  # the network assigns its own people
            event = make(ContactAllocatedToNetwork, network=self.site.network)
        elif move is Move.MOVE_TO_NETWORK:
            assert network is not None
            moved_from = self.allocated_network
            self.allocated_network = network
            self.assignee_id = None  # the new network assigns its own people
            self.planned_visit = None  # a visit the old network booked does not happen
            event = make(ContactMovedToNetwork, network=network, from_network=moved_from)
        elif move is Move.HAND_BACK:
            assert self.allocated_network is not None
            event = make(ContactHandedBack, network=self.allocated_network)
            self.allocated_network = None  # the network no longer sees it
            self.assignee_id = None  # it waits in the CDSP's queue for whoever takes it
            self.planned_visit = None
        elif move is Move.BOOK_SITE_VISIT:
            assert planned_for is not None
            self.planned_visit = planned_for
            event = make(SiteVisitBooked, planned_for=planned_for.isoformat())
        elif move is Move.ACCEPT:
            event = make(ContactAcceptedByNetwork)
        elif move is Move.REJECT:
            assert reason_code is not None
            self.rejection_reason = reason_code
            event = make(ContactRejected, reason_code=reason_code)
        elif move is Move.WITHDRAW:
            event = make(ContactWithdrawn)
        elif move is Move.LAPSE:
            event = make(ContactLapsed)
        elif move is Move.RECORD_MPRN:
            assert mprn is not None
            self.mprn = mprn
            event = make(MprnCreated, mprn=str(mprn))
        else:
            raise ValueError(f"{move} is not made through move()")
        self.status = target
        if not self.is_open:
            self.assignee_id = None
        self.due_by = self._due_by(at, calendar)
        self.events.append(event)
        return event

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
