"""The unit-of-work port: one database transaction for state and the events it produced."""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType
from typing import Protocol, Self

from cms.core.shared.messages import Event


class UnitOfWork(Protocol):
    """Opened with ``async with``; nothing is written unless ``commit`` is called."""

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def record(self, events: Sequence[Event]) -> None:
        """Queue events for the event log; they are written in the same transaction."""
        ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...
