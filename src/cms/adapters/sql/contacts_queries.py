"""The read side of contacts on SQL: visible contacts, keyset pages and histories."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, false, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncEngine

from cms.adapters.sql.contacts_mapping import view_from_row
from cms.adapters.sql.engine import one_snapshot
from cms.adapters.sql.tables import contact_summaries as summaries
from cms.adapters.sql.tables import event_log
from cms.core.contacts.crn import Crn
from cms.core.contacts.lifecycle import ContactStatus
from cms.core.contacts.queries import (
    ContactFilterSpec,
    ContactOrder,
    ContactText,
    ContactView,
    HistoryEntry,
    InvalidCursor,
    Page,
    QueueSpec,
)
from cms.core.contacts.visibility import ContactScope
from cms.core.shared.calendar import UK


def scope_condition(scope: ContactScope) -> ColumnElement[bool]:
    if scope.everything:
        return true()
    if scope.shipper_organisation_id is not None:
        return summaries.c.shipper_organisation_id == scope.shipper_organisation_id
    if scope.allocated_network is not None:
        return summaries.c.allocated_network == scope.allocated_network
    return false()


def encode_cursor(seq: int, kind: str = "contact") -> str:
    """An opaque keyset cursor; the kind stops one list's cursor being used on another."""
    return base64.urlsafe_b64encode(f"{kind}:{seq}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str, kind: str = "contact") -> int:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        found, _, value = base64.urlsafe_b64decode(padded.encode()).decode().partition(":")
        if found != kind or not value.isdigit():
            raise ValueError(cursor)
        return int(value)
    except (ValueError, binascii.Error, UnicodeDecodeError) as error:
        raise InvalidCursor() from error


# Each order's cursors are their own kind: a cursor is refused in a list ordered otherwise.
# NEWEST keeps the kind it always had, so cursors given out before orders existed still work.
_CURSOR_KINDS = {
    ContactOrder.NEWEST: "contact",
    ContactOrder.OLDEST: "contact-oldest",
    ContactOrder.DUE_SOONEST: "contact-due",
}


def encode_order_cursor(order: ContactOrder, due_by: datetime | None, seq: int) -> str:
    """The position of a contact in a list in this order: its seq, and, by due date, that."""
    if order is not ContactOrder.DUE_SOONEST:
        return encode_cursor(seq, _CURSOR_KINDS[order])
    due = due_by.isoformat() if due_by else ""
    text = f"{_CURSOR_KINDS[order]}:{due}|{seq}"
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_due_cursor(cursor: str) -> tuple[datetime | None, int]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        kind, _, value = base64.urlsafe_b64decode(padded.encode()).decode().partition(":")
        due, _, seq = value.partition("|")
        if kind != _CURSOR_KINDS[ContactOrder.DUE_SOONEST] or not seq.isdigit():
            raise ValueError(cursor)
        return (datetime.fromisoformat(due) if due else None), int(seq)
    except (ValueError, binascii.Error, UnicodeDecodeError) as error:
        raise InvalidCursor() from error


def _after(order: ContactOrder, cursor: str) -> ColumnElement[bool]:
    """The contacts that come after the cursor's in this order."""
    seq = summaries.c.seq
    if order is ContactOrder.NEWEST:
        return seq < decode_cursor(cursor, _CURSOR_KINDS[order])
    if order is ContactOrder.OLDEST:
        return seq > decode_cursor(cursor, _CURSOR_KINDS[order])
    due, after_seq = decode_due_cursor(cursor)
    due_by = summaries.c.due_by
    if due is None:  # among the contacts due on nobody, which come last
        return due_by.is_(None) & (seq > after_seq)
    return (due_by > due) | ((due_by == due) & (seq > after_seq)) | due_by.is_(None)


def _ordering(order: ContactOrder) -> list[Any]:
    if order is ContactOrder.NEWEST:
        return [summaries.c.seq.desc()]
    if order is ContactOrder.OLDEST:
        return [summaries.c.seq]
    # Booleans sort false first on both databases: the contacts due on nobody go last.
    return [summaries.c.due_by.is_(None), summaries.c.due_by, summaries.c.seq]


def _text_conditions(text: ContactText) -> list[ColumnElement[bool]]:
    if text.crn is not None:
        return [summaries.c.crn == str(text.crn)]
    # Query words are [a-z0-9] only (words_of), so none can act as a LIKE wildcard.
    return [
        or_(
            *(
                summaries.c.search_text.like(f"% {spelling}%" if term.prefix else f"% {spelling} %")
                for spelling in term.spellings
            )
        )
        for term in text.terms
    ]


def encode_queue_cursor(due_by: datetime | None, seq: int) -> str:
    due = due_by.isoformat() if due_by else ""
    return base64.urlsafe_b64encode(f"queue:{due}|{seq}".encode()).decode().rstrip("=")


def decode_queue_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        kind, _, value = base64.urlsafe_b64decode(padded.encode()).decode().partition(":")
        due, _, seq = value.partition("|")
        if kind != "queue" or not seq.isdigit():
            raise ValueError(cursor)
        return datetime.fromisoformat(due), int(seq)
    except (ValueError, binascii.Error, UnicodeDecodeError) as error:
        raise InvalidCursor() from error


def _uk_day_start(day: Any) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UK).astimezone(UTC)


def filter_conditions(spec: ContactFilterSpec, now: datetime) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if spec.statuses:
        conditions.append(summaries.c.status.in_([status.value for status in spec.statuses]))
    if spec.postcode is not None:
        conditions.append(summaries.c.postcode == str(spec.postcode))
    if spec.mprn is not None:
        conditions.append(summaries.c.mprn == str(spec.mprn))
    if spec.raised_from is not None:
        conditions.append(summaries.c.raised_at >= _uk_day_start(spec.raised_from))
    if spec.raised_to is not None:
        conditions.append(summaries.c.raised_at < _uk_day_start(spec.raised_to + timedelta(days=1)))
    if spec.overdue is True:
        conditions.append(and_(summaries.c.due_by.is_not(None), summaries.c.due_by < now))
    elif spec.overdue is False:
        conditions.append(summaries.c.due_by.is_(None) | (summaries.c.due_by >= now))
    if spec.text is not None:
        conditions.extend(_text_conditions(spec.text))
    return conditions


class SqlContactQueries:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def get(self, crn: Crn, scope: ContactScope) -> ContactView | None:
        query = select(summaries).where(summaries.c.crn == str(crn), scope_condition(scope))
        async with self._engine.connect() as connection:
            row = (await connection.execute(query)).first()
        return view_from_row(row) if row else None

    async def page(
        self,
        scope: ContactScope,
        spec: ContactFilterSpec,
        first: int,
        after: str | None,
        now: datetime,
        order: ContactOrder = ContactOrder.NEWEST,
    ) -> Page[ContactView]:
        conditions = [scope_condition(scope), *filter_conditions(spec, now)]
        # Keyset pages on a monotonic key (the seq breaks every tie): contacts raised meanwhile
        # land before the first page or after the last, so a cursor never skips or repeats one.
        page_conditions = list(conditions)
        if after is not None:
            page_conditions.append(_after(order, after))
        query = (
            select(summaries).where(*page_conditions).order_by(*_ordering(order)).limit(first + 1)
        )
        count = select(func.count()).select_from(summaries).where(*conditions)
        async with self._engine.connect() as connection:
            connection = await one_snapshot(connection)
            rows = (await connection.execute(query)).all()
            total = int((await connection.execute(count)).scalar_one())
        return Page(
            items=[
                (encode_order_cursor(order, row.due_by, row.seq), view_from_row(row))
                for row in rows[:first]
            ],
            has_next_page=len(rows) > first,
            total_count=total,
        )

    async def queue(
        self, scope: ContactScope, spec: QueueSpec, first: int, after: str | None
    ) -> Page[ContactView]:
        conditions = [
            scope_condition(scope),
            summaries.c.status.in_([status.value for status in spec.statuses]),
        ]
        if spec.assignee_id is not None:
            conditions.append(summaries.c.assignee_id == spec.assignee_id)
        if spec.unassigned_only:
            conditions.append(summaries.c.assignee_id.is_(None))
        if spec.raised_by is not None:
            conditions.append(summaries.c.raised_by == spec.raised_by)
        if spec.due_before is not None:
            conditions.append(summaries.c.due_by < spec.due_before)
        if spec.overdue is True and spec.now is not None:
            conditions.append(summaries.c.due_by < spec.now)
        elif spec.overdue is False and spec.now is not None:
            conditions.append(summaries.c.due_by.is_(None) | (summaries.c.due_by >= spec.now))
        page_conditions = list(conditions)
        if after is not None:
            due, seq = decode_queue_cursor(after)
            page_conditions.append(
                (summaries.c.due_by > due) | ((summaries.c.due_by == due) & (summaries.c.seq > seq))
            )
        query = (
            select(summaries)
            .where(*page_conditions)
            .order_by(summaries.c.due_by, summaries.c.seq)
            .limit(first + 1)
        )
        count = select(func.count()).select_from(summaries).where(*conditions)
        async with self._engine.connect() as connection:
            connection = await one_snapshot(connection)
            rows = (await connection.execute(query)).all()
            total = int((await connection.execute(count)).scalar_one())
        return Page(
            items=[
                (encode_queue_cursor(row.due_by, row.seq), view_from_row(row))
                for row in rows[:first]
            ],
            has_next_page=len(rows) > first,
            total_count=total,
        )

    async def history(self, crns: Sequence[str]) -> dict[str, list[HistoryEntry]]:
        query = (
            select(event_log)
            .where(event_log.c.stream_type == "contacts", event_log.c.stream_id.in_(list(crns)))
            .order_by(event_log.c.position)
        )
        histories: dict[str, list[HistoryEntry]] = {crn: [] for crn in crns}
        async with self._engine.connect() as connection:
            for row in (await connection.execute(query)).all():
                payload = row.payload
                histories[row.stream_id].append(
                    HistoryEntry(
                        at=row.occurred_at,
                        actor_id=row.actor_id,
                        kind=row.kind,
                        from_status=_status(payload.get("from_status")),
                        to_status=_status(payload.get("to_status")),
                        note=payload.get("note"),
                        reason_code=payload.get("reason_code"),
                        planned_for=(
                            date.fromisoformat(payload["planned_for"])
                            if payload.get("planned_for")
                            else None
                        ),
                        network=payload.get("network") if row.kind != "LOGGED" else None,
                    )
                )
        return histories


def _status(value: str | None) -> ContactStatus | None:
    return ContactStatus(value) if value else None
