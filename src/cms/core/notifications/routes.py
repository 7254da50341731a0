"""The notifications commands' routes: which handler the bus gives each command to."""

from __future__ import annotations

from cms.core.notifications.commands import (
    MarkAllNotificationsRead,
    MarkNotificationRead,
    SendEmailCopies,
    SetNotificationPreferences,
)
from cms.core.notifications.handlers import NotificationHandlers
from cms.core.shared.bus import Handler
from cms.core.shared.messages import Command


def routes(notifications: NotificationHandlers) -> dict[type[Command], Handler]:
    return {
        MarkNotificationRead: notifications.mark_read,
        MarkAllNotificationsRead: notifications.mark_all_read,
        SetNotificationPreferences: notifications.set_preferences,
        SendEmailCopies: notifications.send_email_copies,
    }
