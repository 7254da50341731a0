"""The contacts part of the schema: MNC contacts, their history, and raising one."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime
from enum import Enum
from typing import Annotated, TypeAlias

import strawberry

from cms.core.addresses.ldz import Ldz
from cms.core.contacts import actions, lifecycle, queries, values
from cms.core.contacts.queries import ContactView, HistoryEntry
from cms.core.contacts.rejection_reasons import REJECTION_REASONS
from cms.core.contacts.values import MncRequest
from cms.graphql.accounts.types import GqlOrganisation, User
from cms.graphql.addresses.types import GqlAddress
from cms.graphql.common import (
    GqlInvalidTransition,
    GqlNotFound,
    GqlNotPermitted,
    GqlRejection,
    InvalidInput,
    PageInfo,
)
from cms.graphql.context import ContextInfo

ContactStatus: TypeAlias = lifecycle.ContactStatus
strawberry.enum(lifecycle.ContactStatus, name="ContactStatus")
MarketSector: TypeAlias = values.MarketSector
strawberry.enum(values.MarketSector, name="MarketSector")
MncReason: TypeAlias = values.MncReason
strawberry.enum(values.MncReason, name="MncReason")
QueueScope: TypeAlias = queries.QueueScope
strawberry.enum(queries.QueueScope, name="QueueScope")
ContactOrder: TypeAlias = queries.ContactOrder
strawberry.enum(queries.ContactOrder, name="ContactOrder", description="How contacts are listed.")
ContactAction: TypeAlias = actions.ContactAction
strawberry.enum(
    actions.ContactAction,
    name="ContactAction",
    description="A move a person makes on a contact (and ASSIGN, a supervisor's).",
)


@strawberry.enum
class ContactType(Enum):
    MNC = "MNC"


async def _user(info: ContextInfo, user_id: str | None) -> User | None:
    if user_id is None:
        return None
    user = await info.context.users.load(user_id)
    return User.of(user) if user else None


@strawberry.type(name="ContactEvent")
class GqlContactEvent:
    entry: strawberry.Private[HistoryEntry]

    @strawberry.field
    def at(self) -> datetime:
        return self.entry.at

    @strawberry.field(description="Null for the system.")
    async def actor(self, info: ContextInfo) -> User | None:
        return await _user(info, self.entry.actor_id)

    @strawberry.field(description="LOGGED, PICKED_UP, ALLOCATED_TO_NETWORK, ...")
    def kind(self) -> str:
        return self.entry.kind

    @strawberry.field
    def from_status(self) -> ContactStatus | None:
        return self.entry.from_status

    @strawberry.field
    def to_status(self) -> ContactStatus | None:
        return self.entry.to_status

    @strawberry.field
    def note(self) -> str | None:
        return self.entry.note

    @strawberry.field(description="For a rejection: the reason's code (see rejectionReasons).")
    def reason_code(self) -> str | None:
        return self.entry.reason_code

    @strawberry.field(description="For a booked site visit: the day it is planned for.")
    def planned_for(self) -> date | None:
        return self.entry.planned_for

    @strawberry.field(
        description="For an allocation or a move: the network it went to; for a hand-back: the "
        "network that handed it back."
    )
    async def network(self, info: ContextInfo) -> GqlOrganisation | None:
        if self.entry.network is None:
            return None
        organisation = await info.context.networks.load(self.entry.network)
        return GqlOrganisation.of(organisation) if organisation else None


# The relations of a contact, and what needs the caller or the clock, are resolved; each is
# declared in its place among the plain fields below (a method would move it to the end).


async def _raised_by(root: Contact, info: ContextInfo) -> User:
    user = await _user(info, root.view.raised_by_id)
    assert user is not None, "a contact's raiser always exists"
    return user


async def _shipper(root: Contact, info: ContextInfo) -> GqlOrganisation:
    organisation = await info.context.organisations.load(root.view.shipper_organisation_id)
    assert organisation is not None
    return GqlOrganisation.of(organisation)


async def _network(root: Contact, info: ContextInfo) -> GqlOrganisation:
    short_code = actions.network_now(root.view)
    organisation = await info.context.networks.load(short_code)
    assert organisation is not None, f"no organisation for network {short_code}"
    return GqlOrganisation.of(organisation)


async def _allocation_reason(root: Contact, info: ContextInfo) -> str:
    view = root.view
    history = await info.context.histories.load(view.crn)
    codes = {view.network, view.allocated_network, *(e.network for e in history)}
    names = {}
    for code in sorted(code for code in codes if code):
        organisation = await info.context.networks.load(code)
        if organisation is not None:
            names[organisation.short_code] = organisation.name
    return actions.allocation_reason(view, history, names)


async def _assignee(root: Contact, info: ContextInfo) -> User | None:
    return await _user(info, root.view.assignee_id)


def _overdue(root: Contact, info: ContextInfo) -> bool:
    return root.view.overdue(info.context.services.clock.now())


def _available_actions(root: Contact, info: ContextInfo) -> list[ContactAction]:
    return actions.available_actions(info.context.require_viewer(), root.view)


async def _open_question(root: Contact, info: ContextInfo) -> str | None:
    if root.view.status is not lifecycle.ContactStatus.AWAITING_SHIPPER:
        return None
    history = await info.context.histories.load(root.view.crn)
    return actions.open_question(root.view, history)


async def _history(root: Contact, info: ContextInfo) -> list[GqlContactEvent]:
    entries = await info.context.histories.load(root.view.crn)
    return [GqlContactEvent(entry=entry) for entry in entries]


@strawberry.type
class Contact:
    """A contact as the API shows it, built once from its view by ``Contact.of``."""

    view: strawberry.Private[ContactView]
    crn: str
    type: ContactType
    status: ContactStatus
    raised_at: datetime
    raised_by: User = strawberry.field(resolver=_raised_by)
    shipper: GqlOrganisation = strawberry.field(resolver=_shipper)
    network: GqlOrganisation = strawberry.field(
        resolver=_network,
        description="The network it is with; before allocation (or once handed back), the one "
        "that owns its LDZ.",
    )
    ldz_name: str = strawberry.field(description="The name of its LDZ, e.g. North West.")
    allocation_reason: str = strawberry.field(
        resolver=_allocation_reason,
        description="Why it is for the network it is, in a sentence: 'M20 3JH is in LDZ NW "
        "(North West), which belongs to Cadent.', or the CDSP's move with its note; and a "
        "hand-back with its note while it is back with the CDSP.",
    )
    address: GqlAddress
    manual_address: bool
    ldz: str
    # The request's fields, in MncRequest's order: of() fills them by name.
    market_sector: MarketSector
    annual_quantity_kwh: int
    reason: MncReason
    meter_serial_number: str | None
    site_contact_name: str | None
    site_contact_phone: str | None
    notes: str | None
    mprn: str | None
    assignee: User | None = strawberry.field(resolver=_assignee)
    due_by: datetime | None
    planned_visit: date | None = strawberry.field(
        description="The day the network plans to visit the site, once booked."
    )
    rejection_reason: RejectionReason | None = strawberry.field(
        description="Why it was rejected, once rejected."
    )
    overdue: bool = strawberry.field(resolver=_overdue)
    available_actions: list[ContactAction] = strawberry.field(
        resolver=_available_actions,
        description="The moves the caller may make on this contact now, from the lifecycle's "
        "rules and the caller's organisation and roles: offer these and no others.",
    )
    open_question: str | None = strawberry.field(
        resolver=_open_question,
        description="While AWAITING_SHIPPER: the question the Shipper is asked to answer.",
    )
    history: list[GqlContactEvent] = strawberry.field(
        resolver=_history, description="Every event in order; nothing in it is changed or deleted."
    )

    @classmethod
    def of(cls, view: ContactView) -> Contact:
        request = {field.name: getattr(view.request, field.name) for field in fields(MncRequest)}
        return cls(
            view=view,
            crn=view.crn,
            type=ContactType.MNC,
            status=view.status,
            raised_at=view.raised_at,
            ldz_name=Ldz(view.ldz).display_name,
            address=GqlAddress.of(view.address, view.ldz),
            manual_address=view.manual_address,
            ldz=view.ldz,
            **request,
            mprn=view.mprn,
            due_by=view.due_by,
            planned_visit=view.planned_visit,
            rejection_reason=RejectionReason.of(view.rejection_reason),
        )


@strawberry.type
class ContactEdge:
    cursor: str
    node: Contact


@strawberry.type
class ContactConnection:
    edges: list[ContactEdge]
    page_info: PageInfo
    total_count: int


@strawberry.input
class ContactFilter:
    status: list[ContactStatus] | None = None
    postcode: str | None = None
    mprn: str | None = None
    raised_from: date | None = None
    raised_to: date | None = None
    overdue: bool | None = None
    text: str | None = strawberry.field(
        default=None,
        description="A CRN in any case, spacing or dashes, or words of the address (each a "
        "word of it, an abbreviation its full word, the last one maybe unfinished); at most "
        "100 characters.",
    )


@strawberry.input
class ManualAddressInput:
    building_name_or_number: str
    thoroughfare: str | None = None
    post_town: str
    postcode: str


@strawberry.input
class RaiseMncContactInput:
    udprn: strawberry.ID | None = strawberry.field(
        default=None, description="Exactly one of udprn and manualAddress."
    )
    manual_address: ManualAddressInput | None = None
    market_sector: MarketSector
    annual_quantity_kwh: int
    reason: MncReason
    meter_serial_number: str | None = None
    site_contact_name: str | None = None
    site_contact_phone: str | None = None
    notes: str | None = None


@strawberry.type(name="ContactLogged")
class GqlContactLogged:
    contact: Contact
    warnings: list[GqlRejection]


@strawberry.type(name="ContactRejected")
class GqlContactRejected:
    reasons: list[GqlRejection]


RaiseMncContactResult = Annotated[
    GqlContactLogged | GqlContactRejected | GqlNotPermitted,
    strawberry.union("RaiseMncContactResult"),
]


@strawberry.type
class RejectionReason:
    code: str
    description: str

    @classmethod
    def of(cls, code: str | None) -> RejectionReason | None:
        return (
            None if code is None else cls(code=code, description=REJECTION_REASONS.get(code, code))
        )


ContactActionResult = Annotated[
    Contact | InvalidInput | GqlNotPermitted | GqlNotFound | GqlInvalidTransition,
    strawberry.union("ContactActionResult"),
]


@strawberry.type(
    name="ContactHandedBack",
    description="The contact is back with the CDSP: the network that handed it back no longer "
    "sees it.",
)
class GqlContactHandedBack:
    crn: str
    message: str


HandBackResult = Annotated[
    GqlContactHandedBack | InvalidInput | GqlNotPermitted | GqlNotFound | GqlInvalidTransition,
    strawberry.union("HandBackResult"),
]
