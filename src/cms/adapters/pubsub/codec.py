"""Live messages as JSON on the wire between processes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from cms.core.contacts.lifecycle import ContactStatus
from cms.core.notifications.live import LiveMessage, NotificationAdded, StatusChanged
from cms.core.notifications.model import Notification


def encode(messages: Sequence[LiveMessage]) -> bytes:
    return json.dumps([_encode_one(message) for message in messages]).encode()


def decode(data: bytes | str) -> list[LiveMessage]:
    """The messages in one payload; raises ValueError when it is not one of ours."""
    items = json.loads(data)
    if not isinstance(items, list):
        raise ValueError("a live payload is a JSON list")
    return [_decode_one(item) for item in items]


def _encode_one(message: LiveMessage) -> dict[str, Any]:
    if isinstance(message, StatusChanged):
        return {
            "type": "status",
            "event_id": message.event_id,
            "crn": message.crn,
            "from": message.from_status.value if message.from_status else None,
            "to": message.to_status.value,
            "at": message.at.isoformat(),
            "shipper": message.shipper_organisation_id,
            "network": message.allocated_network,
        }
    notification = message.notification
    return {
        "type": "notification",
        "id": notification.id,
        "recipient": notification.recipient_id,
        "event_id": notification.event_id,
        "at": notification.created_at.isoformat(),
        "message": notification.message,
        "crn": notification.crn,
        "status": notification.status.value if notification.status else None,
        "read": notification.read,
    }


def _decode_one(item: Any) -> LiveMessage:
    try:
        if item["type"] == "status":
            return StatusChanged(
                event_id=item["event_id"],
                crn=item["crn"],
                from_status=ContactStatus(item["from"]) if item["from"] else None,
                to_status=ContactStatus(item["to"]),
                at=datetime.fromisoformat(item["at"]),
                shipper_organisation_id=item["shipper"],
                allocated_network=item["network"],
            )
        if item["type"] == "notification":
            return NotificationAdded(
                Notification(
                    id=item["id"],
                    recipient_id=item["recipient"],
                    event_id=item["event_id"],
                    created_at=datetime.fromisoformat(item["at"]),
                    message=item["message"],
                    crn=item["crn"],
                    status=ContactStatus(item["status"]) if item["status"] else None,
                    read=bool(item["read"]),
                )
            )
    except (KeyError, TypeError) as error:
        raise ValueError(f"not a live message: {error}") from error
    raise ValueError(f"unknown live message type {item.get('type')!r}")
