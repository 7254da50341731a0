"""What the notifications module needs from outside: storage, the log, people, the live channel."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Protocol

from cms.core.contacts.queries import Page
from cms.core.notifications.live import LiveMessage
from cms.core.notifications.model import LoggedEvent, Notification, NotificationPreferences


class NotificationStore(Protocol):
    async def add(self, notifications: Sequence[Notification]) -> None:
        """Keep these; one already kept (same id) is left as it is."""
        ...

    async def of_events(self, event_ids: Sequence[str]) -> list[Notification]: ...

    async def page(
        self, recipient_id: str, *, unread_only: bool, first: int, after: str | None
    ) -> Page[Notification]: ...

    async def unread_count(self, recipient_id: str) -> int: ...

    async def mark_read(
        self, recipient_id: str, notification_id: str, at: datetime
    ) -> Notification | None:
        """Mark one of the recipient's own as read; None when they have none by that id."""
        ...

    async def mark_all_read(self, recipient_id: str, at: datetime) -> int: ...

    async def pending_email_copies(self, limit: int) -> list[tuple[Notification, str]]:
        """Notifications whose email copy is still to send, with the recipient's address."""
        ...

    async def email_copies_sent(self, notification_ids: Sequence[str]) -> None: ...


class PreferenceStore(Protocol):
    async def get(self, user_id: str) -> NotificationPreferences: ...

    async def save(self, user_id: str, preferences: NotificationPreferences) -> None: ...

    async def wanting_email_copies(self, user_ids: Iterable[str]) -> set[str]: ...


class ContactHistories(Protocol):
    async def through(self, crns: Sequence[str], position: int) -> list[LoggedEvent]:
        """These contacts' events up to and including that log position, in log order."""
        ...


class Recipients(Protocol):
    async def active_members_of_networks(self, short_codes: Iterable[str]) -> dict[str, list[str]]:
        """The active users of each of these network organisations, by short code."""
        ...


class LiveChannel(Protocol):
    async def publish(self, messages: Sequence[LiveMessage]) -> None:
        """Hand these to every server process; raises when the channel is unreachable."""
        ...
