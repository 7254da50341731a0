"""What a person asks of their notification area."""

from __future__ import annotations

from dataclasses import dataclass

from cms.core.shared.messages import Command


@dataclass(frozen=True, kw_only=True)
class MarkNotificationRead(Command):
    recipient_id: str
    notification_id: str


@dataclass(frozen=True, kw_only=True)
class MarkAllNotificationsRead(Command):
    recipient_id: str


@dataclass(frozen=True, kw_only=True)
class SetNotificationPreferences(Command):
    user_id: str
    email_copies: bool


@dataclass(frozen=True, kw_only=True)
class SendEmailCopies(Command):
    """The worker's job: send the email copies still owed (at least once each)."""
