"""The notifications part of the schema: the notification area and live status changes."""

from __future__ import annotations

from datetime import datetime

import strawberry

from cms.core.contacts.lifecycle import ContactStatus
from cms.core.notifications import model
from cms.graphql.common import PageInfo
from cms.graphql.contacts.types import Contact


@strawberry.type(name="Notification")
class GqlNotification:
    id: strawberry.ID
    created_at: datetime
    read: bool
    message: str
    crn: str | None
    status: ContactStatus | None

    @classmethod
    def of(cls, notification: model.Notification) -> GqlNotification:
        return cls(
            id=strawberry.ID(notification.id),
            created_at=notification.created_at,
            read=notification.read,
            message=notification.message,
            crn=notification.crn,
            status=notification.status,
        )


@strawberry.type
class NotificationEdge:
    cursor: str
    node: GqlNotification


@strawberry.type
class NotificationConnection:
    edges: list[NotificationEdge]
    page_info: PageInfo
    total_count: int


@strawberry.type
class ContactStatusChange:
    crn: str
    from_status: ContactStatus | None
    to_status: ContactStatus
    at: datetime
    contact: Contact
    # The same for everyone who may see it: the selection runs once per event and is shared.
    share_key: strawberry.Private[str] = ""


@strawberry.type(
    name="NotificationPreferences", description="How a person wants to hear of their notifications."
)
class GqlNotificationPreferences:
    email_copies: bool = strawberry.field(
        description="Also send each notification by email (off unless switched on)."
    )
