"""Events of the contacts module: each move of the lifecycle is one event in the history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from cms.core.contacts.values import MncRequest
from cms.core.shared.messages import Event


@dataclass(frozen=True, kw_only=True)
class ContactEvent(Event):
    """An event in a contact's history: the stream id is the CRN."""

    from_status: str | None = None
    to_status: str | None = None


@dataclass(frozen=True, kw_only=True)
class ContactLogged(ContactEvent):
    kind: ClassVar[str] = "LOGGED"
    shipper_organisation_id: str
    network: str
    ldz: str
    udprn: str | None
    manual_address: bool
    address: dict[str, Any]
    request: MncRequest


@dataclass(frozen=True, kw_only=True)
class ContactSubmissionRefused(Event):
    """A refused submission: no contact exists, but the refusal counts for reporting."""

    kind: ClassVar[str] = "SUBMISSION_REFUSED"
    shipper_organisation_id: str
    reason_codes: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class ContactPickedUp(ContactEvent):
    kind: ClassVar[str] = "PICKED_UP"
    assignee_id: str


@dataclass(frozen=True, kw_only=True)
class ContactAssigned(ContactEvent):
    kind: ClassVar[str] = "ASSIGNED"
    assignee_id: str | None


@dataclass(frozen=True, kw_only=True)
class QuestionAsked(ContactEvent):
    kind: ClassVar[str] = "QUESTION_ASKED"


@dataclass(frozen=True, kw_only=True)
class QuestionAnswered(ContactEvent):
    kind: ClassVar[str] = "QUESTION_ANSWERED"


@dataclass(frozen=True, kw_only=True)
class ContactAllocatedToNetwork(ContactEvent):
    kind: ClassVar[str] = "ALLOCATED_TO_NETWORK"
    network: str


@dataclass(frozen=True, kw_only=True)
class ContactMovedToNetwork(ContactEvent):
    kind: ClassVar[str] = "MOVED_TO_NETWORK"
    network: str  # the short code of the network it is now with
    from_network: str | None  # the one it was with, if any


@dataclass(frozen=True, kw_only=True)
class ContactHandedBack(ContactEvent):
    kind: ClassVar[str] = "HANDED_BACK"
    network: str  # the short code of the network that handed it back


@dataclass(frozen=True, kw_only=True)
class SiteVisitBooked(ContactEvent):
    kind: ClassVar[str] = "SITE_VISIT_BOOKED"
    planned_for: str  # ISO date


@dataclass(frozen=True, kw_only=True)
class ContactAcceptedByNetwork(ContactEvent):
    kind: ClassVar[str] = "NETWORK_ACCEPTED"


@dataclass(frozen=True, kw_only=True)
class ContactRejected(ContactEvent):
    kind: ClassVar[str] = "REJECTED"
    reason_code: str


@dataclass(frozen=True, kw_only=True)
class ContactWithdrawn(ContactEvent):
    kind: ClassVar[str] = "WITHDRAWN"


@dataclass(frozen=True, kw_only=True)
class ContactLapsed(ContactEvent):
    kind: ClassVar[str] = "LAPSED"


@dataclass(frozen=True, kw_only=True)
class MprnCreated(ContactEvent):
    kind: ClassVar[str] = "MPRN_CREATED"
    mprn: str


@dataclass(frozen=True, kw_only=True)
class QuestionReminderSent(ContactEvent):
    kind: ClassVar[str] = "REMINDER_SENT"
