"""The notifications module on SQL: the area, the preferences, contact histories, recipients."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from cms.adapters.sql.bulk import dialect_insert
from cms.adapters.sql.contacts_queries import decode_cursor, encode_cursor
from cms.adapters.sql.engine import WRITE_TRANSACTION, one_snapshot
from cms.adapters.sql.tables import (
    event_log,
    notification_preferences,
    notifications,
    organisations,
    users,
)
from cms.core.contacts.lifecycle import ContactStatus
from cms.core.contacts.queries import Page
from cms.core.notifications.model import LoggedEvent, Notification, NotificationPreferences

CURSOR_KIND = "notification"


def notification_from_row(row: Any) -> Notification:
    return Notification(
        id=row.id,
        recipient_id=row.recipient_id,
        event_id=row.event_id,
        created_at=row.created_at,
        message=row.message,
        crn=row.crn,
        status=ContactStatus(row.status) if row.status else None,
        read=row.read_at is not None,
        email_copy=bool(row.email_pending),
    )


def logged_event_from_row(row: Any) -> LoggedEvent:
    payload = row.payload or {}
    return LoggedEvent(
        position=row.position,
        event_id=row.event_id,
        crn=row.stream_id,
        kind=row.kind,
        actor_id=row.actor_id,
        occurred_at=row.occurred_at,
        from_status=ContactStatus(payload["from_status"]) if payload.get("from_status") else None,
        to_status=ContactStatus(payload["to_status"]) if payload.get("to_status") else None,
        payload=payload,
    )


class SqlNotificationStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def add(self, items: Sequence[Notification]) -> None:
        rows = [
            {
                "id": item.id,
                "recipient_id": item.recipient_id,
                "event_id": item.event_id,
                "crn": item.crn,
                "status": item.status.value if item.status else None,
                "message": item.message[:300],
                "created_at": item.created_at,
                "read_at": None,
                "email_pending": item.email_copy,
            }
            for item in items
        ]
        async with self._engine.connect() as connection:
            connection = await connection.execution_options(**WRITE_TRANSACTION)
            statement = dialect_insert(connection)(notifications).on_conflict_do_nothing(
                index_elements=[notifications.c.id]
            )
            async with connection.begin():
                await connection.execute(statement, rows)

    async def of_events(self, event_ids: Sequence[str]) -> list[Notification]:
        if not event_ids:
            return []
        query = (
            select(notifications)
            .where(notifications.c.event_id.in_(list(event_ids)))
            .order_by(notifications.c.seq)
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        return [notification_from_row(row) for row in rows]

    async def page(
        self, recipient_id: str, *, unread_only: bool, first: int, after: str | None
    ) -> Page[Notification]:
        conditions = [notifications.c.recipient_id == recipient_id]
        if unread_only:
            conditions.append(notifications.c.read_at.is_(None))
        page_conditions = list(conditions)
        if after is not None:
            page_conditions.append(notifications.c.seq < decode_cursor(after, CURSOR_KIND))
        query = (
            select(notifications)
            .where(*page_conditions)
            .order_by(notifications.c.seq.desc())
            .limit(first + 1)
        )
        count = select(func.count()).select_from(notifications).where(*conditions)
        async with self._engine.connect() as connection:
            connection = await one_snapshot(connection)
            rows = (await connection.execute(query)).all()
            total = int((await connection.execute(count)).scalar_one())
        return Page(
            items=[
                (encode_cursor(row.seq, CURSOR_KIND), notification_from_row(row))
                for row in rows[:first]
            ],
            has_next_page=len(rows) > first,
            total_count=total,
        )

    async def unread_count(self, recipient_id: str) -> int:
        query = (
            select(func.count())
            .select_from(notifications)
            .where(notifications.c.recipient_id == recipient_id, notifications.c.read_at.is_(None))
        )
        async with self._engine.connect() as connection:
            return int((await connection.execute(query)).scalar_one())

    async def mark_read(
        self, recipient_id: str, notification_id: str, at: datetime
    ) -> Notification | None:
        mine = (notifications.c.id == notification_id) & (
            notifications.c.recipient_id == recipient_id
        )
        async with self._engine.connect() as connection:
            connection = await connection.execution_options(**WRITE_TRANSACTION)
            async with connection.begin():
                await connection.execute(
                    update(notifications)
                    .where(mine, notifications.c.read_at.is_(None))
                    .values(read_at=at)
                )
                row = (await connection.execute(select(notifications).where(mine))).first()
        return notification_from_row(row) if row else None

    async def mark_all_read(self, recipient_id: str, at: datetime) -> int:
        async with self._engine.connect() as connection:
            connection = await connection.execution_options(**WRITE_TRANSACTION)
            async with connection.begin():
                result = await connection.execute(
                    update(notifications)
                    .where(
                        notifications.c.recipient_id == recipient_id,
                        notifications.c.read_at.is_(None),
                    )
                    .values(read_at=at)
                )
        return int(result.rowcount or 0)

    async def pending_email_copies(self, limit: int) -> list[tuple[Notification, str]]:
        query = (
            select(notifications, users.c.email)
            .join(users, users.c.id == notifications.c.recipient_id)
            .where(notifications.c.email_pending)
            .order_by(notifications.c.seq)
            .limit(limit)
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        return [(notification_from_row(row), row.email) for row in rows]

    async def email_copies_sent(self, notification_ids: Sequence[str]) -> None:
        async with self._engine.connect() as connection:
            connection = await connection.execution_options(**WRITE_TRANSACTION)
            async with connection.begin():
                await connection.execute(
                    update(notifications)
                    .where(notifications.c.id.in_(list(notification_ids)))
                    .values(email_pending=False)
                )


class SqlPreferenceStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def get(self, user_id: str) -> NotificationPreferences:
        query = select(notification_preferences.c.email_copies).where(
            notification_preferences.c.user_id == user_id
        )
        async with self._engine.connect() as connection:
            email_copies = (await connection.execute(query)).scalar_one_or_none()
        return NotificationPreferences(email_copies=bool(email_copies))

    async def save(self, user_id: str, preferences: NotificationPreferences) -> None:
        async with self._engine.connect() as connection:
            connection = await connection.execution_options(**WRITE_TRANSACTION)
            statement = dialect_insert(connection)(notification_preferences).values(
                user_id=user_id, email_copies=preferences.email_copies
            )
            statement = statement.on_conflict_do_update(
                index_elements=[notification_preferences.c.user_id],
                set_={"email_copies": statement.excluded.email_copies},
            )
            async with connection.begin():
                await connection.execute(statement)

    async def wanting_email_copies(self, user_ids: Iterable[str]) -> set[str]:
        wanted = list(set(user_ids))
        query = select(notification_preferences.c.user_id).where(
            notification_preferences.c.user_id.in_(wanted),
            notification_preferences.c.email_copies,
        )
        async with self._engine.connect() as connection:
            return set((await connection.execute(query)).scalars().all())


class SqlContactHistories:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def through(self, crns: Sequence[str], position: int) -> list[LoggedEvent]:
        query = (
            select(event_log)
            .where(
                event_log.c.stream_type == "contacts",
                event_log.c.stream_id.in_(list(crns)),
                event_log.c.position <= position,
            )
            .order_by(event_log.c.position)
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        return [logged_event_from_row(row) for row in rows]


class SqlRecipients:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def active_members_of_networks(self, short_codes: Iterable[str]) -> dict[str, list[str]]:
        codes = list(set(short_codes))
        if not codes:
            return {}
        query = (
            select(organisations.c.short_code, users.c.id)
            .join(users, users.c.organisation_id == organisations.c.id)
            .where(
                organisations.c.short_code.in_(codes),
                organisations.c.kind == "NETWORK",
                users.c.status == "ACTIVE",
            )
            .order_by(users.c.id)
        )
        members: dict[str, list[str]] = {code: [] for code in codes}
        async with self._engine.connect() as connection:
            for code, user_id in (await connection.execute(query)).all():
                members[code].append(user_id)
        return members
