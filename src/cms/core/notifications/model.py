"""Notifications: one person told that one contact moved, and the log events that drive them."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from cms.core.contacts.lifecycle import ContactStatus

# Names a notification's id after its event and recipient, so a redelivered event makes the
# same id again and the store can keep exactly one.
_NOTIFICATION_NAMESPACE = uuid.UUID("0d5c6c1e-6a5e-4c8f-9a57-8a1f3c1b2e77")


def notification_id(event_id: str, recipient_id: str) -> str:
    return str(uuid.uuid5(_NOTIFICATION_NAMESPACE, f"{event_id}/{recipient_id}"))


@dataclass(frozen=True, slots=True)
class LoggedEvent:
    """A contact event as read back from the event log, in log order."""

    position: int
    event_id: str
    crn: str
    kind: str
    actor_id: str | None
    occurred_at: datetime
    from_status: ContactStatus | None
    to_status: ContactStatus | None
    payload: Mapping[str, Any] = field(default_factory=dict)

    @property
    def changes_status(self) -> bool:
        return self.to_status is not None and self.to_status != self.from_status


@dataclass(frozen=True, slots=True)
class Notification:
    """One entry of a person's notification area."""

    id: str
    recipient_id: str
    event_id: str
    created_at: datetime
    message: str
    crn: str | None
    status: ContactStatus | None
    read: bool = False
    email_copy: bool = False  # also sent by email (the recipient asked for copies)

    @classmethod
    def about(
        cls, event: LoggedEvent, recipient_id: str, message: str, status: ContactStatus | None
    ) -> Notification:
        return cls(
            id=notification_id(event.event_id, recipient_id),
            recipient_id=recipient_id,
            event_id=event.event_id,
            created_at=event.occurred_at,
            message=message,
            crn=event.crn,
            status=status,
        )


@dataclass(frozen=True, slots=True)
class NotificationPreferences:
    email_copies: bool = False  # off by default: the notification area is the main channel
