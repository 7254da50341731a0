"""Commands and events: the messages that cross module boundaries, all frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar


@dataclass(frozen=True, kw_only=True)
class Command:
    """Something a person or a job asks the system to do (imperative name)."""


@dataclass(frozen=True, kw_only=True)
class Event:
    """Something that happened (past-tense name), recorded in the event log with the state."""

    kind: ClassVar[str] = "EVENT"
    event_id: str
    stream_id: str
    occurred_at: datetime
    actor_id: str | None = None
    note: str | None = field(default=None)
