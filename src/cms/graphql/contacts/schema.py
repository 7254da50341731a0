"""Queries and mutations of contacts."""

from __future__ import annotations

from datetime import date

import strawberry

from cms.core.addresses.postcode import Postcode
from cms.core.contacts.commands import (
    AcceptContact,
    AllocateToNetwork,
    AnswerQuestion,
    AskShipper,
    AssignContact,
    BookSiteVisit,
    ContactCommand,
    HandBackToCdsp,
    MoveToNetwork,
    PickUpContact,
    RaiseMncContact,
    RejectContact,
    WithdrawContact,
)
from cms.core.contacts.identifiers import Mprn
from cms.core.contacts.lifecycle import ContactStatus
from cms.core.contacts.model import InvalidTransition as InvalidTransitionError
from cms.core.contacts.queries import (
    ContactFilterSpec,
    ContactOrder,
    ContactView,
    Page,
    QueueFilter,
    QueueScope,
    find_contact,
    list_contacts,
    read_contact_text,
    work_queue,
)
from cms.core.contacts.raising import ContactLoggedResult
from cms.core.contacts.rejection_reasons import REJECTION_REASONS
from cms.core.contacts.values import ManualAddress
from cms.core.contacts.workflow import colleagues
from cms.core.shared.errors import ConcurrencyConflict, InvalidValue, NotPermitted
from cms.core.shared.errors import NotFound as NotFoundError
from cms.core.shared.rejections import Rejected
from cms.graphql.accounts.types import GqlOrganisation, User
from cms.graphql.common import (
    GqlInvalidTransition,
    GqlNotFound,
    GqlNotPermitted,
    GqlRejection,
    InvalidInput,
    PageInfo,
)
from cms.graphql.contacts.types import (
    Contact,
    ContactActionResult,
    ContactConnection,
    ContactEdge,
    ContactFilter,
    GqlContactHandedBack,
    GqlContactLogged,
    GqlContactRejected,
    HandBackResult,
    RaiseMncContactInput,
    RaiseMncContactResult,
    RejectionReason,
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
        text=read_contact_text(filter.text) if filter.text else None,
    )


async def _contact_by_crn(info: ContextInfo, crn: str) -> Contact | None:
    viewer = info.context.require_viewer()
    view = await find_contact(info.context.services.contacts.queries, viewer, crn)
    return Contact.of(view) if view else None


def _connection(page: Page[ContactView]) -> ContactConnection:
    return ContactConnection(
        edges=[ContactEdge(cursor=cursor, node=Contact.of(view)) for cursor, view in page.items],
        page_info=PageInfo(has_next_page=page.has_next_page, end_cursor=page.end_cursor),
        total_count=page.total_count,
    )


@strawberry.type
class ContactsQuery:
    @strawberry.field(description="The contact with this CRN; null when absent or not visible.")
    async def contact(self, info: ContextInfo, crn: str) -> Contact | None:
        try:
            return await _contact_by_crn(info, crn)
        except InvalidValue as error:
            raise bad_input(error) from error

    @strawberry.field(
        description="What waits on the caller: soonest due first, then oldest. `status`: only "
        "contacts in that status (one that never waits on the caller lists nothing); `dueBy`: "
        "only those due by the end of that UK day, YYYY-MM-DD (overdue ones included); "
        "`overdue`: only those overdue (true) or not yet overdue (false). The total count "
        "counts what the filters leave."
    )
    async def work_queue(
        self,
        info: ContextInfo,
        scope: QueueScope = QueueScope.MINE,
        first: int | None = 25,
        after: str | None = None,
        status: ContactStatus | None = None,
        due_by: date | None = None,
        overdue: bool | None = None,
    ) -> ContactConnection:
        viewer = info.context.require_viewer()
        services = info.context.services
        try:
            page = await work_queue(
                services.contacts.queries,
                viewer,
                scope,
                DEFAULT_PAGE_SIZE if first is None else first,
                after,
                QueueFilter(status=status, due_on_or_before=due_by, overdue=overdue),
                services.clock.now(),
            )
        except InvalidValue as error:
            raise bad_input(error) from error
        return _connection(page)

    @strawberry.field(
        description="Supervisor: the people they may assign a contact to (active users of "
        "their own organisation, themself included), by name; empty for anyone else."
    )
    async def colleagues(self, info: ContextInfo) -> list[User]:
        viewer = info.context.require_viewer()
        found = await colleagues(info.context.services.accounts.administration, viewer)
        return [User.of(user) for user in found]

    @strawberry.field(description="The reasons a contact may be rejected for.")
    def rejection_reasons(self, info: ContextInfo) -> list[RejectionReason]:
        info.context.require_viewer()
        return [
            RejectionReason(code=code, description=text) for code, text in REJECTION_REASONS.items()
        ]

    @strawberry.field(
        description="The gas networks with their LDZs, by name: where a contact may go."
    )
    async def networks(self, info: ContextInfo) -> list[GqlOrganisation]:
        info.context.require_viewer()
        found = await info.context.services.accounts.queries.networks()
        return [GqlOrganisation.of(network.organisation, network.ldzs) for network in found]

    @strawberry.field(description="The contacts the caller may see, newest first by default.")
    async def contacts(
        self,
        info: ContextInfo,
        filter: ContactFilter | None = None,
        first: int | None = 25,
        after: str | None = None,
        order_by: ContactOrder | None = ContactOrder.NEWEST,
    ) -> ContactConnection:
        viewer = info.context.require_viewer()
        first = DEFAULT_PAGE_SIZE if first is None else first
        services = info.context.services
        try:
            page = await list_contacts(
                services.contacts.queries,
                viewer,
                _filter_spec(filter),
                first,
                after,
                services.clock.now(),
                order_by or ContactOrder.NEWEST,
            )
        except InvalidValue as error:
            raise bad_input(error) from error
        return _connection(page)


Failure = InvalidInput | GqlNotPermitted | GqlNotFound | GqlInvalidTransition


async def _make_move(info: ContextInfo, command: ContactCommand) -> str | Failure:
    """Run a move: the CRN it was made on, or the expected failure."""
    context = info.context
    try:
        crn: str = await context.bus.handle(command)
    except InvalidValue as error:  # a malformed CRN
        return InvalidInput(
            reasons=[
                GqlRejection(code=error.code, field=error.field or "crn", message=error.message)
            ]
        )
    except Rejected as error:
        return InvalidInput.of(error)
    except NotFoundError as error:
        return GqlNotFound(message=error.message)
    except NotPermitted as error:
        return GqlNotPermitted(message=error.message)
    except InvalidTransitionError as error:
        return GqlInvalidTransition(message=error.message, status=error.status)
    except ConcurrencyConflict as error:
        return GqlInvalidTransition(
            message=error.message, status=await _status(info, crn_of(command))
        )
    return crn


async def _act(info: ContextInfo, command: ContactCommand) -> ContactActionResult:
    """Run a move and answer with the contact as it now is, or the expected failure."""
    crn = await _make_move(info, command)
    if not isinstance(crn, str):
        return crn
    contact = await _contact_by_crn(info, crn)
    if contact is None:  # moved out of the caller's sight (e.g. a Shipper's withdrawal)
        return GqlNotFound(message=f"No contact {crn} that you can see.")
    return contact


def crn_of(command: ContactCommand) -> str:
    return command.crn


async def _status(info: ContextInfo, crn: str) -> ContactStatus:
    contact = await _contact_by_crn(info, crn)
    return contact.view.status if contact else ContactStatus.LOGGED


@strawberry.type
class ContactsMutation:
    @strawberry.mutation(description="CDSP: LOGGED -> WITH_CDSP, assigned to the caller.")
    async def pick_up_contact(self, info: ContextInfo, crn: str) -> ContactActionResult:
        return await _act(info, PickUpContact(viewer=info.context.require_viewer(), crn=crn))

    @strawberry.mutation(description="Supervisor: assign; null puts it back in the queue.")
    async def assign_contact(
        self, info: ContextInfo, crn: str, assignee_id: strawberry.ID | None = None
    ) -> ContactActionResult:
        return await _act(
            info,
            AssignContact(
                viewer=info.context.require_viewer(),
                crn=crn,
                assignee_id=str(assignee_id) if assignee_id is not None else None,
            ),
        )

    @strawberry.mutation(description="CDSP or Network: ask the Shipper (AWAITING_SHIPPER).")
    async def ask_shipper(self, info: ContextInfo, crn: str, question: str) -> ContactActionResult:
        return await _act(
            info, AskShipper(viewer=info.context.require_viewer(), crn=crn, question=question)
        )

    @strawberry.mutation(description="Shipper: answer; the contact goes back to who asked.")
    async def answer_question(
        self, info: ContextInfo, crn: str, answer: str
    ) -> ContactActionResult:
        return await _act(
            info, AnswerQuestion(viewer=info.context.require_viewer(), crn=crn, answer=answer)
        )

    @strawberry.mutation(description="CDSP: allocate to the network that owns the LDZ.")
    async def allocate_to_network(
        self, info: ContextInfo, crn: str, note: str | None = None
    ) -> ContactActionResult:
        return await _act(
            info, AllocateToNetwork(viewer=info.context.require_viewer(), crn=crn, note=note)
        )

    @strawberry.mutation(
        description="CDSP: move to another network than the one it is with (WITH_CDSP, "
        "WITH_NETWORK or SITE_VISIT_BOOKED -> WITH_NETWORK), saying why; a booked visit lapses."
    )
    async def move_to_network(
        self, info: ContextInfo, crn: str, network_id: strawberry.ID, note: str
    ) -> ContactActionResult:
        return await _act(
            info,
            MoveToNetwork(
                viewer=info.context.require_viewer(),
                crn=crn,
                network_id=str(network_id),
                note=note,
            ),
        )

    @strawberry.mutation(
        description="Network: hand back to the CDSP, saying why (WITH_NETWORK or "
        "SITE_VISIT_BOOKED -> WITH_CDSP); the network then no longer sees it."
    )
    async def hand_back_to_cdsp(self, info: ContextInfo, crn: str, note: str) -> HandBackResult:
        outcome = await _make_move(
            info, HandBackToCdsp(viewer=info.context.require_viewer(), crn=crn, note=note)
        )
        if not isinstance(outcome, str):
            return outcome
        return GqlContactHandedBack(
            crn=outcome,
            message=f"{outcome} is back with the CDSP, with your note; your network no longer "
            "sees it.",
        )

    @strawberry.mutation(description="Network: book a site visit for a planned date.")
    async def book_site_visit(
        self, info: ContextInfo, crn: str, planned_for: date, note: str | None = None
    ) -> ContactActionResult:
        return await _act(
            info,
            BookSiteVisit(
                viewer=info.context.require_viewer(), crn=crn, planned_for=planned_for, note=note
            ),
        )

    @strawberry.mutation(description="Network: accept; UK Link then creates the MPRN.")
    async def accept_contact(
        self, info: ContextInfo, crn: str, note: str | None = None
    ) -> ContactActionResult:
        return await _act(
            info, AcceptContact(viewer=info.context.require_viewer(), crn=crn, note=note)
        )

    @strawberry.mutation(description="CDSP or Network: reject with a reason code and a note.")
    async def reject_contact(
        self, info: ContextInfo, crn: str, reason_code: str, note: str
    ) -> ContactActionResult:
        return await _act(
            info,
            RejectContact(
                viewer=info.context.require_viewer(), crn=crn, reason_code=reason_code, note=note
            ),
        )

    @strawberry.mutation(description="The raising Shipper: withdraw before the network accepts.")
    async def withdraw_contact(self, info: ContextInfo, crn: str, note: str) -> ContactActionResult:
        return await _act(
            info, WithdrawContact(viewer=info.context.require_viewer(), crn=crn, note=note)
        )

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
            return GqlNotPermitted(message=refusal.message)
        if isinstance(outcome, ContactLoggedResult):
            contact = await _contact_by_crn(info, str(outcome.crn))
            if contact is None:
                raise UserFacingError("The contact was logged but cannot be shown.", "INTERNAL")
            return GqlContactLogged(
                contact=contact, warnings=[GqlRejection.of(w) for w in outcome.warnings]
            )
        return GqlContactRejected(reasons=[GqlRejection.of(reason) for reason in outcome.reasons])
