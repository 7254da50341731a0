"""The notifications module's handlers: the relay's two steps, the email copies, the area."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace

from cms.core.notifications.commands import (
    MarkAllNotificationsRead,
    MarkNotificationRead,
    SendEmailCopies,
    SetNotificationPreferences,
)
from cms.core.notifications.live import LiveMessage, NotificationAdded, StatusChanged
from cms.core.notifications.model import (
    LoggedEvent,
    Notification,
    NotificationPreferences,
)
from cms.core.notifications.ports import (
    ContactHistories,
    LiveChannel,
    NotificationStore,
    PreferenceStore,
    Recipients,
)
from cms.core.notifications.rules import Parties, notifications_for, parties_through
from cms.core.shared.clock import Clock
from cms.core.shared.delivery import Channel, DeliveryFailed, MessageSender, OutgoingMessage

logger = logging.getLogger(__name__)
EMAIL_BATCH = 100


class NotificationHandlers:
    def __init__(
        self,
        *,
        store: NotificationStore,
        preferences: PreferenceStore,
        histories: ContactHistories,
        recipients: Recipients,
        live: LiveChannel,
        sender: MessageSender,
        clock: Clock,
        public_url: str,
    ) -> None:
        self._store = store
        self._preferences = preferences
        self._histories = histories
        self._recipients = recipients
        self._live = live
        self._sender = sender
        self._clock = clock
        self._public_url = public_url.rstrip("/")

    # ---------------------------------------------------------------- the relay's steps

    async def record(self, events: Sequence[LoggedEvent]) -> int:
        """Step one: the notification area. Idempotent by event, so redelivery is harmless."""
        around = await self._parties_around(events)
        networks = {after.allocated_network for _, after in around.values() if after}
        members = await self._recipients.active_members_of_networks(n for n in networks if n)
        made: list[Notification] = []
        for event in events:
            if event.event_id in around:
                before, after = around[event.event_id]
                made.extend(
                    notifications_for(event, before, after, lambda code: members.get(code, []))
                )
        if made:
            wanting = await self._preferences.wanting_email_copies(n.recipient_id for n in made)
            made = [_with_email_copy(n) if n.recipient_id in wanting else n for n in made]
            await self._store.add(made)
        return len(made)

    async def publish(self, events: Sequence[LoggedEvent]) -> int:
        """Step two: tell the server processes, which tell the subscribers. Raises while the
        live channel is down, so the relay tries the same events again later."""
        around = await self._parties_around(events)
        messages: list[LiveMessage] = []
        for event in events:
            if event.changes_status and event.event_id in around and event.to_status:
                after = around[event.event_id][1]
                messages.append(
                    StatusChanged(
                        event_id=event.event_id,
                        crn=event.crn,
                        from_status=event.from_status,
                        to_status=event.to_status,
                        at=event.occurred_at,
                        shipper_organisation_id=after.shipper_organisation_id or "",
                        allocated_network=after.allocated_network,
                    )
                )
        stored = await self._store.of_events([event.event_id for event in events])
        messages.extend(NotificationAdded(notification) for notification in stored)
        if messages:
            await self._live.publish(messages)
        return len(messages)

    async def _parties_around(
        self, events: Sequence[LoggedEvent]
    ) -> dict[str, tuple[Parties, Parties]]:
        if not events:
            return {}
        crns = list(dict.fromkeys(event.crn for event in events))
        history = await self._histories.through(crns, max(event.position for event in events))
        return parties_through(history)

    async def send_email_copies(self, command: SendEmailCopies) -> int:
        """Email copies, at least once: marked sent only after the email server took them."""
        sent = 0
        while True:
            pending = await self._store.pending_email_copies(EMAIL_BATCH)
            if not pending:
                return sent
            done: list[str] = []
            for notification, address in pending:
                try:
                    await self._sender.send(self._email(notification, address))
                except DeliveryFailed as error:
                    logger.warning("email copy not sent (%s); will try again", error.message)
                    break
                done.append(notification.id)
            if done:
                await self._store.email_copies_sent(done)
                sent += len(done)
            if len(done) < len(pending):
                return sent

    def _email(self, notification: Notification, address: str) -> OutgoingMessage:
        subject = f"CMS: {notification.message}"
        body = (
            f"{notification.message}\n\n"
            f"Its history is in the Contact Management Service: {self._public_url}\n\n"
            "You get these copies because you switched them on in your notification "
            "preferences; switch them off there at any time.\n"
        )
        return OutgoingMessage(channel=Channel.EMAIL, to=address, subject=subject, body=body)

    # ---------------------------------------------------------------- the notification area

    async def mark_read(self, command: MarkNotificationRead) -> Notification | None:
        return await self._store.mark_read(
            command.recipient_id, command.notification_id, self._clock.now()
        )

    async def mark_all_read(self, command: MarkAllNotificationsRead) -> int:
        return await self._store.mark_all_read(command.recipient_id, self._clock.now())

    async def set_preferences(self, command: SetNotificationPreferences) -> NotificationPreferences:
        preferences = NotificationPreferences(email_copies=command.email_copies)
        await self._preferences.save(command.user_id, preferences)
        return preferences


def _with_email_copy(notification: Notification) -> Notification:
    return replace(notification, email_copy=True)
