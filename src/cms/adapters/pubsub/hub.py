"""One process's fan-out of live messages to its subscribers, through bounded queues.

Delivery never waits on a subscriber: a full queue means the client has fallen too far behind,
so it is dropped (its connection closed) and catches up by querying when it reconnects.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Sequence

from cms.core.notifications.live import LiveMessage, LiveSubscription

logger = logging.getLogger(__name__)
RECENT_KEYS = 20_000  # a message redelivered after a relay restart is dropped, not sent twice


class Subscriber:
    def __init__(
        self,
        wants: Callable[[LiveMessage], bool],
        queue_size: int,
        on_overflow: Callable[[], None],
    ) -> None:
        self.wants = wants
        self.queue: asyncio.Queue[LiveMessage | None] = asyncio.Queue(maxsize=queue_size)
        self.on_overflow = on_overflow
        self.fell_behind = False

    def offer(self, message: LiveMessage) -> bool:
        """Queue the message without waiting; False when the queue is full."""
        try:
            self.queue.put_nowait(message)
        except asyncio.QueueFull:
            return False
        return True

    async def messages(self) -> AsyncIterator[LiveMessage]:
        while True:
            message = await self.queue.get()
            if message is None:
                return  # fell behind: the hub has dropped it and closes its connection
            yield message


class LiveHub:
    def __init__(self, queue_size: int = 100) -> None:
        self._queue_size = queue_size
        self._subscribers: set[Subscriber] = set()
        self._recent: OrderedDict[str, None] = OrderedDict()

    @property
    def subscriber_count(self) -> int:
        return len(self._subscribers)

    def subscribe(
        self, wants: Callable[[LiveMessage], bool], on_overflow: Callable[[], None]
    ) -> Subscriber:
        subscriber = Subscriber(wants, self._queue_size, on_overflow)
        self._subscribers.add(subscriber)
        return subscriber

    def unsubscribe(self, subscriber: LiveSubscription) -> None:
        if isinstance(subscriber, Subscriber):
            self._subscribers.discard(subscriber)

    def deliver(self, messages: Sequence[LiveMessage]) -> None:
        """Hand each new message to every subscriber that wants it; never waits."""
        for message in messages:
            if self._seen(message.key):
                continue
            for subscriber in list(self._subscribers):
                if not subscriber.wants(message):
                    continue
                if not subscriber.offer(message):
                    self._drop(subscriber)

    def _drop(self, subscriber: Subscriber) -> None:
        self._subscribers.discard(subscriber)
        subscriber.fell_behind = True
        logger.info("a live subscriber fell %d messages behind; disconnecting it", self._queue_size)
        # Make room for the marker that ends its stream, then close its connection.
        while not subscriber.queue.empty():
            subscriber.queue.get_nowait()
        subscriber.queue.put_nowait(None)
        subscriber.on_overflow()

    def _seen(self, key: str) -> bool:
        if key in self._recent:
            return True
        self._recent[key] = None
        if len(self._recent) > RECENT_KEYS:
            self._recent.popitem(last=False)
        return False
