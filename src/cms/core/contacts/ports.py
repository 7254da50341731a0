"""What the contacts module needs from the outside world."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from cms.core.accounts.model import Organisation
from cms.core.contacts.crn import Crn
from cms.core.contacts.identifiers import Mprn
from cms.core.contacts.model import MncContact
from cms.core.shared.errors import DomainError
from cms.core.shared.unit_of_work import UnitOfWork


class UkLinkGateway(Protocol):
    """UK Link, the register of supply meter points."""

    async def meter_point_at(self, udprn: str) -> Mprn | None: ...

    async def meter_point_at_address(
        self, matching_key: str, *, unlinked_only: bool
    ) -> Mprn | None:
        """A meter point at premises with this key; with `unlinked_only`, only among those not
        linked to a PAF delivery point (several businesses may share one premises key)."""
        ...


class MeterPointRegistry(Protocol):
    """Creating supply meter points in UK Link."""

    async def create_meter_point(
        self, request_id: str, udprn: str | None, address_key: str
    ) -> Mprn:
        """A new MPRN for this request; asking again with the same request id gives the same
        MPRN, never a second one. Raises MeterPointCreationFailed when UK Link fails."""
        ...


class MeterPointCreationFailed(DomainError):
    """UK Link could not create the meter point now; the request may be retried."""


class MprnRequests(Protocol):
    """Queues the job that asks UK Link for a contact's MPRN (retried until it succeeds)."""

    async def request_mprn(self, crn: str) -> None: ...


class NetworkDirectory(Protocol):
    """Which network organisation owns an LDZ (the CDSP records it when onboarding one)."""

    async def network_owning(self, ldz: str) -> Organisation | None: ...


class PhoneNumberRules(Protocol):
    def normalise(self, text: str) -> str | None:
        """The number in E.164 form, or None when it cannot be dialled."""
        ...


@dataclass(frozen=True, slots=True)
class OpenContactRef:
    crn: Crn
    shipper_organisation_id: str


class DuplicateOpenContact(DomainError):
    """Another open contact holds this delivery point (caught by the database's constraint)."""


class ContactRepository(Protocol):
    """The contacts of one unit of work: each one it loads or adds is among those it has seen,
    whose new events the unit of work collects when it commits."""

    seen: list[MncContact]

    async def get(self, crn: Crn) -> MncContact | None: ...

    async def save(self, contact: MncContact) -> None:
        """Store a changed contact; raise ConcurrencyConflict if someone changed it meanwhile."""
        ...

    async def awaiting_mprn(self) -> list[Crn]:
        """Contacts the network accepted whose MPRN UK Link has not yet given."""
        ...

    async def awaiting_shipper(self) -> list[Crn]: ...

    async def add(self, contact: MncContact) -> None:
        """Store a new contact; raise DuplicateOpenContact if its site already has an open one."""
        ...

    async def open_contact_at(self, udprn: str | None, address_key: str) -> OpenContactRef | None:
        """An open contact for this delivery point: by UDPRN, or by premises key among manual
        addresses; for a manual address (no UDPRN), by premises key among all."""
        ...


class CrnSequence(Protocol):
    async def next_value(self, contact_type: str, year: int) -> int:
        """The next number for this type and year; safe under concurrent callers."""
        ...


class SubmissionLog(Protocol):
    """Every submission's outcome, for the right-first-time rate."""

    async def record(
        self,
        *,
        at: datetime,
        shipper_organisation_id: str,
        user_id: str,
        crn: str | None,
        reason_codes: tuple[str, ...],
    ) -> None: ...


class ContactsUnitOfWork(UnitOfWork, Protocol):
    contacts: ContactRepository
    crn_sequence: CrnSequence
    submissions: SubmissionLog
