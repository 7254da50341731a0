"""The distributed mode's live channel: Redis pub/sub, one subscription per server process."""

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
PUBLISH_CHUNK = 200  # messages per Redis message: one round trip for a busy batch


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
                await self._redis.publish(self._channel, codec.encode(chunk))
        except (RedisError, OSError) as error:
            raise LiveChannelDown(f"Redis did not take the live messages: {error}") from error


class RedisLiveListener:
    """Feeds this process's hub from Redis, reconnecting (with back-off) whenever Redis goes.

    Messages published while Redis was away are not lost: the relay publishes them again once
    Redis is back, and the hub drops any it has already delivered.
    """

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
        delay = 0.2
        while True:
            redis = Redis.from_url(self._redis_url, health_check_interval=10)
            try:
                async with redis.pubsub() as pubsub:
                    await pubsub.subscribe(self._channel)
                    self.connected.set()
                    if delay > 0.2:
                        logger.info("live channel: subscribed to Redis again")
                    delay = 0.2
                    while True:
                        message = await pubsub.get_message(
                            ignore_subscribe_messages=True, timeout=5.0
                        )
                        if message is not None:
                            self._deliver(message["data"])
            except (RedisError, OSError) as error:
                self.connected.clear()
                logger.warning(
                    "live channel: Redis unreachable (%s); retrying in %.1f s", error, delay
                )
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
            finally:
                await redis.aclose()

    def _deliver(self, data: bytes) -> None:
        try:
            messages = codec.decode(data)
        except ValueError as error:
            logger.warning("live channel: ignored a message that is not ours (%s)", error)
            return
        self._hub.deliver(messages)
