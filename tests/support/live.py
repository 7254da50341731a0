"""A GraphQL subscriber over WebSocket (graphql-transport-ws), as the networks' systems use."""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import websockets

PROTOCOL = "graphql-transport-ws"


class Subscriber:
    def __init__(self, socket: Any) -> None:
        self._socket = socket
        self._ids = itertools.count(1)

    async def subscribe(self, query: str, **variables: Any) -> str:
        operation = str(next(self._ids))
        await self._socket.send(
            json.dumps(
                {
                    "id": operation,
                    "type": "subscribe",
                    "payload": {"query": query, "variables": variables},
                }
            )
        )
        return operation

    async def next(self, within_s: float = 5.0) -> dict[str, Any]:
        """The next protocol message other than a ping (answered with a pong)."""
        while True:
            message = json.loads(await asyncio.wait_for(self._socket.recv(), within_s))
            if message["type"] == "ping":
                await self._socket.send(json.dumps({"type": "pong"}))
                continue
            return dict(message)

    async def nothing_within(self, seconds: float) -> bool:
        try:
            message = await self.next(within_s=seconds)
        except TimeoutError:
            return True
        raise AssertionError(f"expected nothing, got {message}")


@asynccontextmanager
async def subscriber(url: str, token: str | None) -> AsyncIterator[Subscriber]:
    """A connection acknowledged by the server, signed in with the token in connection_init."""
    ws_url = url.replace("http://", "ws://", 1) + "/graphql"
    async with websockets.connect(ws_url, subprotocols=[PROTOCOL]) as socket:  # type: ignore[list-item]
        payload = {"authorization": f"Bearer {token}"} if token else {}
        await socket.send(json.dumps({"type": "connection_init", "payload": payload}))
        acknowledged = json.loads(await asyncio.wait_for(socket.recv(), 10))
        assert acknowledged["type"] == "connection_ack", acknowledged
        yield Subscriber(socket)
