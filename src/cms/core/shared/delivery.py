"""Sending messages to people (codes, invitations, warnings): the port and its message."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from cms.core.shared.errors import DomainError

logger = logging.getLogger(__name__)


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


async def send_after_commit(sender: MessageSender, message: OutgoingMessage) -> bool:
    """Send a message about a change already committed: a failure is logged, not raised,
    because it must not undo the change (or make its caller retry it). True if sent."""
    try:
        await sender.send(message)
    except DeliveryFailed as error:
        logger.warning("%s (%s)", error.message, message.subject)
        return False
    return True
