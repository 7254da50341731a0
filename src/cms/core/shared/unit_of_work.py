"""The unit-of-work port: one database transaction for state and the events it produced."""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType
from typing import Protocol, Self

from cms.core.shared.messages import Event


class Aggregate(Protocol):
    """What a unit of work asks of an aggregate its repositories load or add."""

    def collect_events(self) -> Sequence[Event]:
        """The events recorded since the last collection, which the aggregate then forgets."""
        ...


class UnitOfWork(Protocol):
    """Opened with ``async with``; nothing is written unless ``commit`` is called.

    Its repositories note every aggregate they load or add (the ones it has seen); ``commit``
    collects their new events and writes them in the same transaction as the state, so a
    handler changes an aggregate, saves it and commits, and records no event by hand.
    """

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def record(self, events: Sequence[Event]) -> None:
        """Queue events no aggregate holds (an audit record, a refused submission) for the
        event log; they are written in the same transaction."""
        ...

    async def commit(self) -> None:
        """Write the recorded events and those collected from the aggregates seen, with the
        state, in one transaction."""
        ...

    async def rollback(self) -> None: ...
