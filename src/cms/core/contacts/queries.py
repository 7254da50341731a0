"""The read side of contacts: views, filters, pages, and the query port behind them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Generic, Protocol, TypeVar

from cms.core.accounts.model import Viewer
from cms.core.addresses.address import Address
from cms.core.addresses.postcode import Postcode
from cms.core.addresses.search import Term, address_words, query_terms
from cms.core.contacts.crn import CONTACT_TYPES, Crn
from cms.core.contacts.identifiers import Mprn
from cms.core.contacts.lifecycle import WAITING_ON, ContactStatus, Party, party_of
from cms.core.contacts.values import MncRequest
from cms.core.contacts.visibility import ContactScope, scope_for
from cms.core.shared.calendar import UK
from cms.core.shared.errors import InvalidValue

MAX_PAGE_SIZE = 100
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ContactView:
    """A contact as the read side shows it: a copy kept for lists, search and queues."""

    crn: str
    status: ContactStatus
    raised_at: datetime
    raised_by_id: str
    shipper_organisation_id: str
    network: str
    address: Address
    manual_address: bool
    ldz: str
    request: MncRequest
    mprn: str | None
    assignee_id: str | None
    due_by: datetime | None
    planned_visit: date | None = None
    rejection_reason: str | None = None
    allocated_network: str | None = None  # the network's short code, once allocated

    def overdue(self, now: datetime) -> bool:
        return self.due_by is not None and now > self.due_by


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    at: datetime
    actor_id: str | None
    kind: str
    from_status: ContactStatus | None
    to_status: ContactStatus | None
    note: str | None
    reason_code: str | None = None
    planned_for: date | None = None
    network: str | None = None  # allocated, moved or handed back: that network's short code


MAX_TEXT_LENGTH = 100
MAX_TEXT_WORDS = 8
# What starts like a CRN is read as one: a contact type and a digit, in any case and spacing.
_CRN_LIKE = re.compile(rf"^\s*(?:{'|'.join(sorted(CONTACT_TYPES))})[\s-]*[0-9]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ContactText:
    """What someone typed to find contacts: a CRN, or words of the address (each must be a
    word of it, an abbreviation its full word; the last one may be unfinished)."""

    crn: Crn | None = None
    terms: tuple[Term, ...] = ()


def read_contact_text(text: str) -> ContactText | None:
    """The text understood; None when blank. A malformed CRN or an over-long text is refused."""
    if len(text) > MAX_TEXT_LENGTH:
        raise InvalidValue(
            "TEXT_TOO_LONG",
            f"The search text has {len(text)} characters; give at most {MAX_TEXT_LENGTH}: a "
            "contact reference number or a few words of the address.",
            "text",
        )
    if _CRN_LIKE.match(text):
        try:
            return ContactText(crn=Crn.parse(text))
        except InvalidValue as error:
            raise InvalidValue(error.code, error.message, "text") from error
    terms = query_terms(text)
    if len(terms) > MAX_TEXT_WORDS:
        raise InvalidValue(
            "TEXT_TOO_LONG",
            f"Give at most {MAX_TEXT_WORDS} words of the address; more narrow nothing further.",
            "text",
        )
    return ContactText(terms=terms) if terms else None


def search_text_of(address: Address) -> str:
    """The words a contact is found by, as the query model stores them: each once, with a
    space before and after every word so that a whole word is ' word '."""
    return f" {' '.join(address_words(address))} "


@dataclass(frozen=True, slots=True)
class ContactFilterSpec:
    statuses: tuple[ContactStatus, ...] = ()
    postcode: Postcode | None = None
    mprn: Mprn | None = None
    raised_from: date | None = None
    raised_to: date | None = None
    overdue: bool | None = None
    text: ContactText | None = None


class ContactOrder(StrEnum):
    """How a list of contacts is ordered; a page's cursor holds its order's key."""

    NEWEST = "NEWEST"  # the latest raised first
    OLDEST = "OLDEST"
    DUE_SOONEST = "DUE_SOONEST"  # the soonest due first; contacts due on nobody last


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: Sequence[tuple[str, T]]  # (cursor, item)
    has_next_page: bool
    total_count: int

    @property
    def end_cursor(self) -> str | None:
        return self.items[-1][0] if self.items else None


class QueueScope(StrEnum):
    MINE = "MINE"
    ORGANISATION = "ORGANISATION"
    UNASSIGNED = "UNASSIGNED"


@dataclass(frozen=True, slots=True)
class QueueSpec:
    """Which contacts a work queue holds: waiting on the caller's party, maybe narrowed."""

    statuses: tuple[ContactStatus, ...]
    assignee_id: str | None = None
    unassigned_only: bool = False
    raised_by: str | None = None
    due_before: datetime | None = None  # due strictly before this instant
    overdue: bool | None = None  # with `now`: only those overdue (True) or not yet (False)
    now: datetime | None = None


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """What someone narrows their queue to: one status, what is due on or before a UK day,
    what is (or is not yet) overdue. Each is left out when None."""

    status: ContactStatus | None = None
    due_on_or_before: date | None = None
    overdue: bool | None = None


def end_of_uk_day(day: date) -> datetime | None:
    """The instant the UK day after `day` starts (UTC); None after the calendar's last day."""
    try:
        return datetime.combine(day + timedelta(days=1), time(0), tzinfo=UK).astimezone(UTC)
    except OverflowError:
        return None


class ContactQueries(Protocol):
    async def get(self, crn: Crn, scope: ContactScope) -> ContactView | None: ...

    async def page(
        self,
        scope: ContactScope,
        spec: ContactFilterSpec,
        first: int,
        after: str | None,
        now: datetime,
        order: ContactOrder = ContactOrder.NEWEST,
    ) -> Page[ContactView]:
        """Stable keyset pages in this order (ties by when raised); a cursor given out for
        another order is refused with InvalidCursor."""
        ...

    async def history(self, crns: Sequence[str]) -> dict[str, list[HistoryEntry]]: ...

    async def queue(
        self, scope: ContactScope, spec: QueueSpec, first: int, after: str | None
    ) -> Page[ContactView]:
        """Due date first (soonest), then age (oldest)."""
        ...


class InvalidCursor(InvalidValue):
    def __init__(self) -> None:
        super().__init__(
            "CURSOR_INVALID",
            "The 'after' cursor is not one this service gave out; start again without it.",
            "after",
        )


def check_page_size(first: int) -> int:
    if not 1 <= first <= MAX_PAGE_SIZE:
        raise InvalidValue(
            "PAGE_SIZE_INVALID", f"'first' must be between 1 and {MAX_PAGE_SIZE}.", "first"
        )
    return first


async def find_contact(
    queries: ContactQueries, viewer: Viewer, crn_text: str
) -> ContactView | None:
    """The contact with this CRN if the viewer may see it; malformed CRNs are refused."""
    crn = Crn.parse(crn_text)
    scope = scope_for(viewer)
    if scope.nothing:
        return None
    return await queries.get(crn, scope)


async def list_contacts(
    queries: ContactQueries,
    viewer: Viewer,
    spec: ContactFilterSpec,
    first: int,
    after: str | None,
    now: datetime,
    order: ContactOrder = ContactOrder.NEWEST,
) -> Page[ContactView]:
    """The viewer's visible contacts, newest first unless ordered otherwise, in stable keyset
    pages."""
    check_page_size(first)
    if spec.raised_from and spec.raised_to and spec.raised_from > spec.raised_to:
        raise InvalidValue(
            "DATE_RANGE_INVALID", "'raisedFrom' must not be after 'raisedTo'.", "raisedFrom"
        )
    scope = scope_for(viewer)
    if scope.nothing:
        return Page(items=(), has_next_page=False, total_count=0)
    return await queries.page(scope, spec, first, after, now, order)


def queue_spec(viewer: Viewer, scope: QueueScope) -> QueueSpec | None:
    """What a person's queue holds: what waits on their organisation (a Shipper: its contacts
    awaiting its answer), all of it, what is assigned to them, or what nobody has yet."""
    party = party_of(viewer.kind)
    if party is None:
        return None
    statuses = tuple(status for status, waiting in WAITING_ON.items() if waiting is party)
    if scope is QueueScope.ORGANISATION:
        return QueueSpec(statuses=statuses)
    if party is Party.SHIPPER:  # Shippers do not assign: theirs are the contacts they raised
        if scope is QueueScope.MINE:
            return QueueSpec(statuses=statuses, raised_by=viewer.user_id)
        return QueueSpec(statuses=statuses)
    if scope is QueueScope.MINE:
        return QueueSpec(statuses=statuses, assignee_id=viewer.user_id)
    return QueueSpec(statuses=statuses, unassigned_only=True)


def narrowed(spec: QueueSpec, wanted: QueueFilter, now: datetime | None) -> QueueSpec:
    """The queue narrowed by a filter. A status that never waits on the caller lists nothing."""
    statuses = spec.statuses
    if wanted.status is not None:
        statuses = tuple(status for status in statuses if status is wanted.status)
    return replace(
        spec,
        statuses=statuses,
        due_before=(
            end_of_uk_day(wanted.due_on_or_before) if wanted.due_on_or_before is not None else None
        ),
        overdue=wanted.overdue,
        now=now if wanted.overdue is not None else None,
    )


async def work_queue(
    queries: ContactQueries,
    viewer: Viewer,
    scope: QueueScope,
    first: int,
    after: str | None,
    wanted: QueueFilter | None = None,
    now: datetime | None = None,
) -> Page[ContactView]:
    """What waits on the viewer in this scope, soonest due first, maybe narrowed by a filter
    (`now` tells what is overdue)."""
    check_page_size(first)
    spec = queue_spec(viewer, scope)
    if spec is None:
        return Page(items=(), has_next_page=False, total_count=0)
    if wanted is not None:
        if wanted.overdue is not None and now is None:
            raise ValueError("an overdue filter needs the time now")
        spec = narrowed(spec, wanted, now)
        if not spec.statuses:
            return Page(items=(), has_next_page=False, total_count=0)
    return await queries.queue(scope_for(viewer), spec, first, after)
