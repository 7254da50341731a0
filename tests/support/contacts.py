"""One contact on the workflow's handlers over in-memory fakes, for the unit tests of the moves:
the contact raised, the handlers built, a move attempted, and the contact as the read side
would show it."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from cms.core.accounts.model import Organisation, OrganisationKind
from cms.core.addresses.address import Address
from cms.core.addresses.ldz import Ldz
from cms.core.addresses.postcode import Postcode
from cms.core.contacts.commands import ContactCommand
from cms.core.contacts.crn import Crn
from cms.core.contacts.model import InvalidTransition, MncContact, Site
from cms.core.contacts.queries import ContactView
from cms.core.contacts.values import MarketSector, MncReason, MncRequest
from cms.core.contacts.workflow import WorkflowHandlers
from cms.core.shared.calendar import WorkingDayCalendar
from cms.core.shared.clock import FixedClock
from cms.core.shared.errors import NotFound, NotPermitted
from cms.core.shared.rejections import Rejected
from tests.support.fakes import (
    InMemoryAccountQueries,
    InMemoryUkLinkRegister,
    InMemoryWorkflowStore,
    RecordingMprnRequests,
    RecordingSender,
    workflow_unit_of_work_factory,
)

K = OrganisationKind
ALPHA = Organisation("org-alpha", "Alpha Gas Shipping", K.SHIPPER, "ALPHA")
XOSERVE = Organisation("org-cdsp", "Xoserve", K.CDSP, "CDSP")
NGN = Organisation("org-ngn", "Northern Gas Networks", K.NETWORK, "NGN")

MONDAY = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
CRN = "MNC-2026-000001"
OAK_12 = Address(
    "12345678", Postcode.parse("LS6 2AB"), "LEEDS", building_number="12", thoroughfare="OAK ROAD"
)
REFUSALS = (NotPermitted, NotFound, Rejected, InvalidTransition)


def raised_contact(raised_by: str, calendar: WorkingDayCalendar) -> MncContact:
    """Alpha's domestic new-service contact at 12 Oak Road, Leeds (LDZ NE, so NGN's), LOGGED on
    Monday, with its events already committed."""
    contact = MncContact.raise_(
        crn=Crn.parse(CRN),
        shipper_organisation_id=ALPHA.id,
        raised_by=raised_by,
        at=MONDAY,
        site=Site(address=OAK_12, manual=False, ldz=Ldz.NE, network=NGN.short_code),
        request=MncRequest(MarketSector.DOMESTIC, 12_000, MncReason.NEW_SERVICE),
        calendar=calendar,
    )
    contact.events.clear()
    return contact


def workflow_handlers(
    store: InMemoryWorkflowStore,
    accounts: InMemoryAccountQueries,
    calendar: WorkingDayCalendar,
    clock: FixedClock,
) -> WorkflowHandlers:
    return WorkflowHandlers(
        uow=workflow_unit_of_work_factory(store),
        accounts=accounts,
        registry=InMemoryUkLinkRegister(),
        mprn_requests=RecordingMprnRequests(),
        calendar=calendar,
        clock=clock,
        sender=RecordingSender(),
    )


def attempt(
    handlers: WorkflowHandlers,
    kind: str,
    command: ContactCommand,
    refusals: tuple[type[Exception], ...] = REFUSALS,
) -> Any:
    """What the handler for `kind` answers, or the refusal it raises."""
    try:
        return asyncio.run(getattr(handlers, kind)(command))
    except refusals as error:
        return error


def view_of(contact: MncContact) -> ContactView:
    """The view the summaries projection would hold of this contact now."""
    return ContactView(
        crn=str(contact.crn),
        status=contact.status,
        raised_at=contact.raised_at,
        raised_by_id=contact.raised_by,
        shipper_organisation_id=contact.shipper_organisation_id,
        network=contact.site.network,
        address=contact.site.address,
        manual_address=contact.site.manual,
        ldz=contact.site.ldz.value,
        request=contact.request,
        mprn=str(contact.mprn) if contact.mprn else None,
        assignee_id=contact.assignee_id,
        due_by=contact.due_by,
        planned_visit=contact.planned_visit,
        rejection_reason=contact.rejection_reason,
        allocated_network=contact.allocated_network,
    )
