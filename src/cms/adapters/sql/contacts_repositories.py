"""SQL repositories of the contacts module (write side)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from cms.adapters.sql.bulk import dialect_insert
from cms.adapters.sql.contacts_mapping import contact_from_row, contact_values
from cms.adapters.sql.tables import contacts, crn_counters, submissions
from cms.core.contacts.crn import Crn
from cms.core.contacts.lifecycle import FINAL_STATUSES, ContactStatus
from cms.core.contacts.model import MncContact
from cms.core.contacts.ports import DuplicateOpenContact, OpenContactRef
from cms.core.shared.errors import ConcurrencyConflict


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
