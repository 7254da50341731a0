"""Sending messages to people (codes, invitations, warnings): the port and its message."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from cms.core.shared.errors import DomainError


class Channel(StrEnum):
    EMAIL = "EMAIL"
    SMS = "SMS"


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    channel: Channel
    to: str  # an email address, or a mobile number in E.164 form
    subject: str
    body: str


class DeliveryFailed(DomainError):
    """The message could not be handed to the email server or the SMS provider."""


class MessageSender(Protocol):
    async def send(self, message: OutgoingMessage) -> None:
        """Hand the message over for delivery, or raise DeliveryFailed saying why."""
        ...
