"""Events to and from the event log (the outbox), as JSON rows."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from cms.adapters.sql.tables import event_log
from cms.core.shared.messages import Event

_BASE_FIELDS = {"event_id", "stream_id", "occurred_at", "actor_id"}


def _json_safe(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple | frozenset | set):
        return [_json_safe(item) for item in value]
    return value


def stream_type_of(event: Event) -> str:
    """The module that owns the event: cms.core.contacts.events -> contacts."""
    parts = type(event).__module__.split(".")
    return parts[2] if len(parts) > 3 and parts[:2] == ["cms", "core"] else parts[-1]


def event_payload(event: Event) -> dict[str, Any]:
    """The event's facts as one flat JSON object. A value object the event carries (a
    contact's request) is stored as its fields, inline: the log kept that shape before events
    carried value objects, and its readers and old rows keep working."""
    payload: dict[str, Any] = {}
    for field in dataclasses.fields(event):
        if field.name in _BASE_FIELDS:
            continue
        value = getattr(event, field.name)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            inner = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        else:
            inner = {field.name: value}
        clashes = inner.keys() & (payload.keys() | {f.name for f in dataclasses.fields(event)})
        if clashes - {field.name}:
            raise ValueError(
                f"{type(event).__name__}.{field.name} would overwrite {sorted(clashes)} in the "
                "event log's payload; rename the field."
            )
        payload.update({name: _json_safe(item) for name, item in inner.items()})
    return payload


def event_row(event: Event) -> dict[str, Any]:
    payload = event_payload(event)
    return {
        "event_id": event.event_id,
        "stream_type": stream_type_of(event),
        "stream_id": event.stream_id,
        "kind": event.kind,
        "actor_id": event.actor_id,
        "occurred_at": event.occurred_at,
        "payload": payload,
    }


async def append_events(connection: AsyncConnection, events: Sequence[Event]) -> None:
    if events:
        await connection.execute(insert(event_log), [event_row(event) for event in events])
