"""SQL repositories of the contacts module (write side)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from cms.adapters.sql.bulk import dialect_insert
from cms.adapters.sql.contacts_queries import address_from_payload
from cms.adapters.sql.tables import contacts, crn_counters, submissions
from cms.core.addresses.ldz import Ldz
from cms.core.contacts.crn import Crn
from cms.core.contacts.identifiers import Mprn
from cms.core.contacts.lifecycle import FINAL_STATUSES, ContactStatus
from cms.core.contacts.model import MncContact, MncRequest, Site, address_payload
from cms.core.contacts.ports import DuplicateOpenContact, OpenContactRef
from cms.core.contacts.queries import search_text_of
from cms.core.contacts.values import MarketSector, MncReason
from cms.core.shared.errors import ConcurrencyConflict


def contact_values(contact: MncContact) -> dict[str, Any]:
    site, request = contact.site, contact.request
    is_open = contact.status not in FINAL_STATUSES
    key = site.address.matching_key()
    return {
        "crn": str(contact.crn),
        "contact_type": contact.crn.contact_type,
        "status": contact.status.value,
        "version": contact.version,
        "shipper_organisation_id": contact.shipper_organisation_id,
        "raised_by": contact.raised_by,
        "raised_at": contact.raised_at,
        "network": site.network,
        "ldz": site.ldz.value,
        "udprn": site.udprn,
        "manual_address": site.manual,
        "address": address_payload(site.address),
        "address_key": key,
        "postcode": str(site.address.postcode),
        "open_udprn": site.udprn if is_open else None,
        "open_address_key": key if is_open and site.manual else None,
        "market_sector": request.market_sector.value,
        "annual_quantity_kwh": request.annual_quantity_kwh,
        "reason": request.reason.value,
        "meter_serial_number": request.meter_serial_number,
        "site_contact_name": request.site_contact_name,
        "site_contact_phone": request.site_contact_phone,
        "notes": request.notes,
        "mprn": str(contact.mprn) if contact.mprn else None,
        "assignee_id": contact.assignee_id,
        "asked_from": contact.asked_from.value if contact.asked_from else None,
        "allocated_network": contact.allocated_network,
        "reminded_at": contact.reminded_at,
        "planned_visit": contact.planned_visit,
        "rejection_reason": contact.rejection_reason,
        "due_by": contact.due_by,
        "search_text": search_text_of(site.address),
    }


def contact_from_row(row: Any) -> MncContact:
    address = address_from_payload(row.address)
    return MncContact(
        crn=Crn.parse(row.crn),
        status=ContactStatus(row.status),
        shipper_organisation_id=row.shipper_organisation_id,
        raised_by=row.raised_by,
        raised_at=row.raised_at,
        site=Site(
            address=address, manual=row.manual_address, ldz=Ldz(row.ldz), network=row.network
        ),
        request=MncRequest(
            market_sector=MarketSector(row.market_sector),
            annual_quantity_kwh=row.annual_quantity_kwh,
            reason=MncReason(row.reason),
            meter_serial_number=row.meter_serial_number,
            site_contact_name=row.site_contact_name,
            site_contact_phone=row.site_contact_phone,
            notes=row.notes,
        ),
        due_by=row.due_by,
        mprn=Mprn(row.mprn) if row.mprn else None,
        assignee_id=row.assignee_id,
        asked_from=ContactStatus(row.asked_from) if row.asked_from else None,
        allocated_network=row.allocated_network,
        reminded_at=row.reminded_at,
        planned_visit=row.planned_visit,
        rejection_reason=row.rejection_reason,
        version=row.version,
    )


class SqlContactRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection
        self.seen: list[MncContact] = []  # loaded or added: the unit of work collects events

    async def get(self, crn: Crn) -> MncContact | None:
        query = select(contacts).where(contacts.c.crn == str(crn))
        row = (await self._connection.execute(query)).first()
        if row is None:
            return None
        contact = contact_from_row(row)
        self.seen.append(contact)
        return contact

    async def save(self, contact: MncContact) -> None:
        """Optimistic concurrency: the row changes only if nobody changed it since it was read."""
        values = contact_values(contact)
        values["version"] = contact.version + 1
        result = await self._connection.execute(
            update(contacts)
            .where(contacts.c.crn == str(contact.crn), contacts.c.version == contact.version)
            .values(**values)
        )
        if result.rowcount != 1:
            raise ConcurrencyConflict(
                f"{contact.crn} was changed by someone else at the same moment; "
                "look at it again and retry."
            )
        contact.version += 1

    async def awaiting_mprn(self) -> list[Crn]:
        return await self._crns_in(ContactStatus.NETWORK_ACCEPTED)

    async def awaiting_shipper(self) -> list[Crn]:
        return await self._crns_in(ContactStatus.AWAITING_SHIPPER)

    async def _crns_in(self, status: ContactStatus) -> list[Crn]:
        query = select(contacts.c.crn).where(contacts.c.status == status.value)
        return [Crn.parse(crn) for crn in (await self._connection.execute(query)).scalars()]

    async def add(self, contact: MncContact) -> None:
        try:
            async with self._connection.begin_nested():
                await self._connection.execute(insert(contacts).values(**contact_values(contact)))
        except IntegrityError as error:
            message = str(error.orig).lower()
            if "open_udprn" in message or "open_address_key" in message:
                raise DuplicateOpenContact(str(contact.crn)) from error
            raise
        self.seen.append(contact)

    async def open_contact_at(self, udprn: str | None, address_key: str) -> OpenContactRef | None:
        same_premises = (contacts.c.address_key == address_key) & contacts.c.status.not_in(
            [status.value for status in FINAL_STATUSES]
        )
        conditions: list[ColumnElement[bool]] = [same_premises]
        if udprn is not None:
            # Businesses may share premises: among PAF contacts the UDPRN alone decides.
            conditions = [contacts.c.open_udprn == udprn, same_premises & contacts.c.manual_address]
        query = (
            select(contacts.c.crn, contacts.c.shipper_organisation_id)
            .where(or_(*conditions))
            .limit(1)
        )
        row = (await self._connection.execute(query)).first()
        if row is None:
            return None
        return OpenContactRef(
            crn=Crn.parse(row.crn), shipper_organisation_id=row.shipper_organisation_id
        )


class SqlCrnSequence:
    """One counter row per contact type and year, incremented atomically by an upsert."""

    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def next_value(self, contact_type: str, year: int) -> int:
        insert_ = dialect_insert(self._connection)
        statement = (
            insert_(crn_counters)
            .values(contact_type=contact_type, year=year, last_value=1)
            .on_conflict_do_update(
                index_elements=[crn_counters.c.contact_type, crn_counters.c.year],
                set_={"last_value": crn_counters.c.last_value + 1},
            )
            .returning(crn_counters.c.last_value)
        )
        return int((await self._connection.execute(statement)).scalar_one())


class SqlSubmissionLog:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def record(
        self,
        *,
        at: datetime,
        shipper_organisation_id: str,
        user_id: str,
        crn: str | None,
        reason_codes: tuple[str, ...],
    ) -> None:
        await self._connection.execute(
            insert(submissions).values(
                at=at,
                shipper_organisation_id=shipper_organisation_id,
                user_id=user_id,
                crn=crn,
                accepted=crn is not None,
                reason_codes=list(reason_codes),
            )
        )
