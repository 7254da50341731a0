"""Queries and mutations of contacts."""

from __future__ import annotations

import strawberry

from cms.core.addresses.postcode import Postcode
from cms.core.contacts.commands import RaiseMncContact
from cms.core.contacts.handlers import ContactLoggedResult
from cms.core.contacts.identifiers import Mprn
from cms.core.contacts.queries import ContactFilterSpec, find_contact, list_contacts
from cms.core.contacts.values import ManualAddress
from cms.core.shared.errors import InvalidValue, NotPermitted
from cms.graphql.common import NotPermitted as NotPermittedType
from cms.graphql.common import PageInfo, Rejection
from cms.graphql.contacts.types import (
    Contact,
    ContactConnection,
    ContactEdge,
    ContactFilter,
    ContactLogged,
    ContactRejected,
    RaiseMncContactInput,
    RaiseMncContactResult,
)
from cms.graphql.context import ContextInfo
from cms.graphql.errors import UserFacingError, bad_input

DEFAULT_PAGE_SIZE = 25


def _filter_spec(filter: ContactFilter | None) -> ContactFilterSpec:
    if filter is None:
        return ContactFilterSpec()
    return ContactFilterSpec(
        statuses=tuple(filter.status or ()),
        postcode=Postcode.parse(filter.postcode) if filter.postcode else None,
        mprn=Mprn.parse(filter.mprn) if filter.mprn else None,
        raised_from=filter.raised_from,
        raised_to=filter.raised_to,
        overdue=filter.overdue,
    )


async def _contact_by_crn(info: ContextInfo, crn: str) -> Contact | None:
    viewer = info.context.require_viewer()
    view = await find_contact(info.context.services.contact_queries, viewer, crn)
    return Contact(view=view) if view else None


@strawberry.type
class ContactsQuery:
    @strawberry.field(description="The contact with this CRN; null when absent or not visible.")
    async def contact(self, info: ContextInfo, crn: str) -> Contact | None:
        try:
            return await _contact_by_crn(info, crn)
        except InvalidValue as error:
            raise bad_input(error) from error

    @strawberry.field(description="The contacts the caller may see, newest first.")
    async def contacts(
        self,
        info: ContextInfo,
        filter: ContactFilter | None = None,
        first: int | None = 25,
        after: str | None = None,
    ) -> ContactConnection:
        viewer = info.context.require_viewer()
        first = DEFAULT_PAGE_SIZE if first is None else first
        services = info.context.services
        try:
            page = await list_contacts(
                services.contact_queries,
                viewer,
                _filter_spec(filter),
                first,
                after,
                services.clock.now(),
            )
        except InvalidValue as error:
            raise bad_input(error) from error
        return ContactConnection(
            edges=[
                ContactEdge(cursor=cursor, node=Contact(view=view)) for cursor, view in page.items
            ],
            page_info=PageInfo(has_next_page=page.has_next_page, end_cursor=page.end_cursor),
            total_count=page.total_count,
        )


@strawberry.type
class ContactsMutation:
    @strawberry.mutation(description="Raise a Meter Number Creation contact for a site.")
    async def raise_mnc_contact(
        self, info: ContextInfo, input: RaiseMncContactInput
    ) -> RaiseMncContactResult:
        viewer = info.context.require_viewer()
        manual = input.manual_address
        command = RaiseMncContact(
            raised_by=viewer,
            udprn=input.udprn,
            manual_address=ManualAddress(
                building_name_or_number=manual.building_name_or_number,
                thoroughfare=manual.thoroughfare,
                post_town=manual.post_town,
                postcode=manual.postcode,
            )
            if manual
            else None,
            market_sector=input.market_sector,
            annual_quantity_kwh=input.annual_quantity_kwh,
            reason=input.reason,
            meter_serial_number=input.meter_serial_number,
            site_contact_name=input.site_contact_name,
            site_contact_phone=input.site_contact_phone,
            notes=input.notes,
        )
        try:
            outcome = await info.context.bus.handle(command)
        except NotPermitted as refusal:
            return NotPermittedType(message=refusal.message)
        if isinstance(outcome, ContactLoggedResult):
            contact = await _contact_by_crn(info, str(outcome.crn))
            if contact is None:
                raise UserFacingError("The contact was logged but cannot be shown.", "INTERNAL")
            return ContactLogged(
                contact=contact, warnings=[Rejection.of(w) for w in outcome.warnings]
            )
        return ContactRejected(reasons=[Rejection.of(reason) for reason in outcome.reasons])
