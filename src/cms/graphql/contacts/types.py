"""The contacts part of the schema: MNC contacts, their history, and raising one."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Annotated, TypeAlias

import strawberry

from cms.core.addresses.ldz import Ldz
from cms.core.contacts import actions, lifecycle, queries, values
from cms.core.contacts.queries import ContactView, HistoryEntry
from cms.core.contacts.rejection_reasons import REJECTION_REASONS
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


@strawberry.type
class Contact:
    view: strawberry.Private[ContactView]

    @strawberry.field
    def crn(self) -> str:
        return self.view.crn

    @strawberry.field
    def type(self) -> ContactType:
        return ContactType.MNC

    @strawberry.field
    def status(self) -> ContactStatus:
        return self.view.status

    @strawberry.field
    def raised_at(self) -> datetime:
        return self.view.raised_at

    @strawberry.field
    async def raised_by(self, info: ContextInfo) -> User:
        user = await _user(info, self.view.raised_by_id)
        assert user is not None, "a contact's raiser always exists"
        return user

    @strawberry.field
    async def shipper(self, info: ContextInfo) -> GqlOrganisation:
        organisation = await info.context.organisations.load(self.view.shipper_organisation_id)
        assert organisation is not None
        return GqlOrganisation.of(organisation)

    @strawberry.field(
        description="The network it is with; before allocation (or once handed back), the one "
        "that owns its LDZ."
    )
    async def network(self, info: ContextInfo) -> GqlOrganisation:
        short_code = actions.network_now(self.view)
        organisation = await info.context.networks.load(short_code)
        assert organisation is not None, f"no organisation for network {short_code}"
        return GqlOrganisation.of(organisation)

    @strawberry.field(description="The name of its LDZ, e.g. North West.")
    def ldz_name(self) -> str:
        return Ldz(self.view.ldz).display_name

    @strawberry.field(
        description="Why it is for the network it is, in a sentence: 'M20 3JH is in LDZ NW "
        "(North West), which belongs to Cadent.', or the CDSP's move with its note; and a "
        "hand-back with its note while it is back with the CDSP."
    )
    async def allocation_reason(self, info: ContextInfo) -> str:
        history = await info.context.histories.load(self.view.crn)
        codes = {self.view.network, self.view.allocated_network, *(e.network for e in history)}
        names = {}
        for code in sorted(code for code in codes if code):
            organisation = await info.context.networks.load(code)
            if organisation is not None:
                names[organisation.short_code] = organisation.name
        return actions.allocation_reason(self.view, history, names)

    @strawberry.field
    def address(self) -> GqlAddress:
        return GqlAddress.of(self.view.address, self.view.ldz)

    @strawberry.field
    def manual_address(self) -> bool:
        return self.view.manual_address

    @strawberry.field
    def ldz(self) -> str:
        return self.view.ldz

    @strawberry.field
    def market_sector(self) -> MarketSector:
        return self.view.market_sector

    @strawberry.field
    def annual_quantity_kwh(self) -> int:
        return self.view.annual_quantity_kwh

    @strawberry.field
    def reason(self) -> MncReason:
        return self.view.reason

    @strawberry.field
    def meter_serial_number(self) -> str | None:
        return self.view.meter_serial_number

    @strawberry.field
    def site_contact_name(self) -> str | None:
        return self.view.site_contact_name

    @strawberry.field
    def site_contact_phone(self) -> str | None:
        return self.view.site_contact_phone

    @strawberry.field
    def notes(self) -> str | None:
        return self.view.notes

    @strawberry.field
    def mprn(self) -> str | None:
        return self.view.mprn

    @strawberry.field
    async def assignee(self, info: ContextInfo) -> User | None:
        return await _user(info, self.view.assignee_id)

    @strawberry.field
    def due_by(self) -> datetime | None:
        return self.view.due_by

    @strawberry.field(description="The day the network plans to visit the site, once booked.")
    def planned_visit(self) -> date | None:
        return self.view.planned_visit

    @strawberry.field(description="Why it was rejected, once rejected.")
    def rejection_reason(self) -> RejectionReason | None:
        code = self.view.rejection_reason
        if code is None:
            return None
        return RejectionReason(code=code, description=REJECTION_REASONS.get(code, code))

    @strawberry.field
    def overdue(self, info: ContextInfo) -> bool:
        return self.view.overdue(info.context.services.clock.now())

    @strawberry.field(
        description="The moves the caller may make on this contact now, from the lifecycle's "
        "rules and the caller's organisation and roles: offer these and no others."
    )
    def available_actions(self, info: ContextInfo) -> list[ContactAction]:
        return actions.available_actions(info.context.require_viewer(), self.view)

    @strawberry.field(
        description="While AWAITING_SHIPPER: the question the Shipper is asked to answer."
    )
    async def open_question(self, info: ContextInfo) -> str | None:
        if self.view.status is not lifecycle.ContactStatus.AWAITING_SHIPPER:
            return None
        history = await info.context.histories.load(self.view.crn)
        return actions.open_question(self.view, history)

    @strawberry.field(description="Every event in order; nothing in it is changed or deleted.")
    async def history(self, info: ContextInfo) -> list[GqlContactEvent]:
        entries = await info.context.histories.load(self.view.crn)
        return [GqlContactEvent(entry=entry) for entry in entries]


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
