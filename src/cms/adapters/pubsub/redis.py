"""The distributed mode's live channel on Redis: one subscription per server process.

The channel is a Redis Stream used as a publish/subscribe channel (XADD to publish, a blocking
XREAD per server process to subscribe), not PUBLISH/SUBSCRIBE: a server whose connection dropped
(Redis restarted, a network blip) reads on from the last message it had, so nothing published
meanwhile is lost; plain pub/sub forgets whatever is sent while a subscriber is away. The stream
keeps only the last few thousand messages: a server away longer than that misses the oldest,
and its clients catch up by querying, as after any disconnection.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence

from redis.asyncio import Redis
from redis.exceptions import RedisError

from cms.adapters.pubsub import codec
from cms.adapters.pubsub.hub import LiveHub
from cms.core.notifications.live import LiveMessage

logger = logging.getLogger(__name__)
CHANNEL = "cms:live"
PUBLISH_CHUNK = 200  # live messages per stream entry: one round trip for a busy batch
KEEP_ENTRIES = 10_000  # about, trimmed by Redis as it goes (MAXLEN ~)
READ_BLOCK_MS = 5_000


class LiveChannelDown(Exception):
    """Redis could not take the message; the relay keeps it and tries again."""


class RedisLiveChannel:
    def __init__(self, redis: Redis, channel: str = CHANNEL) -> None:
        self._redis = redis
        self._channel = channel

    async def publish(self, messages: Sequence[LiveMessage]) -> None:
        try:
            for start in range(0, len(messages), PUBLISH_CHUNK):
                chunk = messages[start : start + PUBLISH_CHUNK]
                await self._redis.xadd(
                    self._channel,
                    {"messages": codec.encode(chunk)},
                    maxlen=KEEP_ENTRIES,
                    approximate=True,
                )
        except (RedisError, OSError) as error:
            raise LiveChannelDown(f"Redis did not take the live messages: {error}") from error


class RedisLiveListener:
    """Feeds this process's hub from Redis, reconnecting (with back-off) whenever Redis goes,
    and reading on from the last entry it had. Messages published while Redis itself was away
    wait in the event log: the relay publishes them once Redis is back."""

    def __init__(self, redis_url: str, hub: LiveHub, channel: str = CHANNEL) -> None:
        self._redis_url = redis_url
        self._hub = hub
        self._channel = channel
        self._task: asyncio.Task[None] | None = None
        self.connected = asyncio.Event()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="redis-live-listener")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        delay, last_id = 0.1, "$"  # "$": only what is published from now on
        while True:
            redis = Redis.from_url(self._redis_url)
            try:
                if last_id == "$":
                    # Pin the starting point, so a reconnection resumes exactly here.
                    newest = await redis.xrevrange(self._channel, count=1)
                    last_id = newest[0][0].decode() if newest else "0-0"
                self.connected.set()
                if delay > 0.1:
                    logger.info("live channel: reading Redis again")
                delay = 0.1
                while True:
                    found = await redis.xread(
                        {self._channel: last_id}, count=100, block=READ_BLOCK_MS
                    )
                    for _, entries in found:
                        for entry_id, fields in entries:
                            last_id = entry_id.decode()
                            self._deliver(fields.get(b"messages", b"[]"))
            except (RedisError, OSError) as error:
                self.connected.clear()
                logger.warning(
                    "live channel: Redis unreachable (%s); again in %.1f s", error, delay
                )
                await asyncio.sleep(delay)
                delay = min(delay * 2, 2.0)
            finally:
                await redis.aclose()

    def _deliver(self, data: bytes) -> None:
        try:
            messages = codec.decode(data)
        except ValueError as error:
            logger.warning("live channel: ignored a message that is not ours (%s)", error)
            return
        self._hub.deliver(messages)
