"""The message bus: one per request or job, it routes each command to its one handler."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from cms.core.shared.errors import ConcurrencyConflict
from cms.core.shared.messages import Command

logger = logging.getLogger(__name__)

Handler = Callable[[Any], Awaitable[Any]]


class MessageBus:
    """Routes commands to handlers already bound to their dependencies.

    A handler that meets a concurrency conflict is retried once from the start (it reloads the
    aggregate); a second conflict reaches the caller, never a silent overwrite.
    """

    def __init__(self, handlers: Mapping[type[Command], Handler]) -> None:
        self._handlers = dict(handlers)

    async def handle(self, command: Command) -> Any:
        handler = self._handlers.get(type(command))
        if handler is None:
            raise LookupError(f"no handler for {type(command).__name__}")
        try:
            return await handler(command)
        except ConcurrencyConflict:
            logger.info("retrying %s after a concurrency conflict", type(command).__name__)
            return await handler(command)
