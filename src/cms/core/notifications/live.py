"""The small messages the live channel carries to every server process, and who may see them."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from cms.core.accounts.model import Viewer
from cms.core.contacts.lifecycle import ContactStatus
from cms.core.contacts.visibility import scope_for
from cms.core.notifications.model import Notification


@dataclass(frozen=True, slots=True)
class StatusChanged:
    """A contact moved: enough to decide who may see it without asking the database."""

    event_id: str
    crn: str
    from_status: ContactStatus | None
    to_status: ContactStatus
    at: datetime
    shipper_organisation_id: str
    allocated_network: str | None

    @property
    def key(self) -> str:
        return f"status/{self.event_id}"

    def visible_to(self, viewer: Viewer) -> bool:
        return scope_for(viewer).admits(self.shipper_organisation_id, self.allocated_network)


@dataclass(frozen=True, slots=True)
class NotificationAdded:
    notification: Notification

    @property
    def key(self) -> str:
        return f"notification/{self.notification.id}"

    def visible_to(self, viewer: Viewer) -> bool:
        return self.notification.recipient_id == viewer.user_id


LiveMessage = StatusChanged | NotificationAdded


class LiveSubscription(Protocol):
    def messages(self) -> AsyncIterator[LiveMessage]:
        """The wanted messages as they come; ends when the subscriber fell too far behind."""
        ...


class LiveFeed(Protocol):
    """This process's fan-out of live messages (the port the API subscribes through)."""

    def subscribe(
        self, wants: Callable[[LiveMessage], bool], on_overflow: Callable[[], None]
    ) -> LiveSubscription: ...

    def unsubscribe(self, subscription: LiveSubscription) -> None: ...
