"""Commands of the contacts module."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cms.core.accounts.model import Viewer
from cms.core.contacts.values import ManualAddress, MarketSector, MncReason
from cms.core.shared.messages import Command


@dataclass(frozen=True, kw_only=True)
class RaiseMncContact(Command):
    """A Shipper asks for a new meter point to be recorded for a site without one."""

    raised_by: Viewer
    udprn: str | None
    manual_address: ManualAddress | None
    market_sector: MarketSector
    annual_quantity_kwh: int
    reason: MncReason
    meter_serial_number: str | None = None
    site_contact_name: str | None = None
    site_contact_phone: str | None = None
    notes: str | None = None


@dataclass(frozen=True, kw_only=True)
class ContactCommand(Command):
    """A move on one contact by a signed-in person."""

    viewer: Viewer
    crn: str


@dataclass(frozen=True, kw_only=True)
class PickUpContact(ContactCommand):
    """A CDSP agent takes a LOGGED contact to validate it; it is assigned to them."""


@dataclass(frozen=True, kw_only=True)
class AssignContact(ContactCommand):
    """A supervisor assigns (or, with None, frees) a contact waiting on their organisation."""

    assignee_id: str | None


@dataclass(frozen=True, kw_only=True)
class AskShipper(ContactCommand):
    question: str


@dataclass(frozen=True, kw_only=True)
class AnswerQuestion(ContactCommand):
    answer: str


@dataclass(frozen=True, kw_only=True)
class AllocateToNetwork(ContactCommand):
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class MoveToNetwork(ContactCommand):
    """The CDSP moves a contact to another network than the one it is with, saying why."""

    network_id: str  # the network organisation's id
    note: str


@dataclass(frozen=True, kw_only=True)
class HandBackToCdsp(ContactCommand):
    """The network hands a contact back to the CDSP, saying why (e.g. not in its area)."""

    note: str


@dataclass(frozen=True, kw_only=True)
class BookSiteVisit(ContactCommand):
    planned_for: date
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class AcceptContact(ContactCommand):
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class RejectContact(ContactCommand):
    reason_code: str
    note: str


@dataclass(frozen=True, kw_only=True)
class WithdrawContact(ContactCommand):
    note: str


@dataclass(frozen=True, kw_only=True)
class CreateMprn(Command):
    """The system asks UK Link for the new meter point of a contact the network accepted."""

    crn: str


@dataclass(frozen=True, kw_only=True)
class LapseUnansweredQuestions(Command):
    """The daily check: remind at 8 working days, lapse at 10, unanswered questions."""


@dataclass(frozen=True, kw_only=True)
class RequestMissingMprns(Command):
    """The periodic sweep: ask again for every accepted contact still without its MPRN."""
