"""The embedded mode's live channel: straight into this process's hub."""

from __future__ import annotations

from collections.abc import Sequence

from cms.adapters.pubsub.hub import LiveHub
from cms.core.notifications.live import LiveMessage


class InProcessLiveChannel:
    def __init__(self, hub: LiveHub) -> None:
        self._hub = hub

    async def publish(self, messages: Sequence[LiveMessage]) -> None:
        self._hub.deliver(messages)
