"""Keeping the contacts' query model current: the event handler and the port it writes to."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from cms.core.contacts.events import ContactEvent
from cms.core.shared.messages import Command, Event


class ContactReadModel(Protocol):
    async def refresh(self, crns: Sequence[str]) -> None:
        """Bring these contacts' summaries up to date (idempotent, in any order)."""
        ...


def contacts_touched(events: Iterable[Event]) -> list[str]:
    """The CRNs whose contact events are among these, each once, in order of appearance."""
    return list(
        dict.fromkeys(event.stream_id for event in events if isinstance(event, ContactEvent))
    )


async def keep_summaries_current(events: Sequence[Event], read_model: ContactReadModel) -> None:
    """The event handler: every contact event refreshes that contact's summary."""
    crns = contacts_touched(events)
    if crns:
        await read_model.refresh(crns)


class EventRelay(Protocol):
    async def run_once(self) -> int:
        """Deliver the events logged since the last run (at least once); how many were read."""
        ...


@dataclass(frozen=True, kw_only=True)
class RedeliverContactEvents(Command):
    """The periodic job: feed the event log to the summaries again, from the last checkpoint."""


class ReadModelHandlers:
    def __init__(self, relay: EventRelay) -> None:
        self._relay = relay

    async def redeliver(self, command: RedeliverContactEvents) -> int:
        return await self._relay.run_once()
