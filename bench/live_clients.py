"""The subscriber side of bench/subscriptions.py: many graphql-transport-ws connections in one
client process, each recording when its messages came and nothing more until the run is over.

The parent process starts one or more of these (multiprocessing) and talks to each through a
pipe: "connected" (with connect timings) when all its subscribers are in, then, on "collect",
it waits for the expected messages (or the deadline), parses them and sends them back.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

PROTOCOL = Subprotocol("graphql-transport-ws")
ACK_TIMEOUT_S = 30.0


@dataclass
class ClientSpec:
    """What one client process opens: subscribers `first_index` onwards, one per token given."""

    url: str  # ws://127.0.0.1:PORT/graphql
    query: str
    tokens: list[str]  # one per subscriber of this process, in order
    first_index: int
    batch: int  # subscribers connected at once
    compression: bool


@dataclass
class Received:
    """One `next` message as a subscriber got it (parsed after the run)."""

    crn: str | None
    to_status: str | None
    at: float | None  # the event's `at`, seconds since the epoch
    received: float  # time.time() on receipt
    error: str | None = None


@dataclass
class SubscriberResult:
    index: int
    connect_s: float | None  # handshake, connection_init and its ack; None when it failed
    failure: str | None
    closed_by_server: bool  # the server closed it (or it broke) before the run was over
    close_code: int | None
    close_reason: str
    closed_after_s: float | None  # seconds after "collect" arrived (negative: before)
    completed: bool  # the server ended the subscription ("complete")
    messages: list[Received] = field(default_factory=list)
    other: list[str] = field(default_factory=list)  # protocol messages other than `next`


@dataclass
class ConnectReport:
    connected: int
    failed: int
    wall_s: float
    started_at: float
    cpu_s: float


@dataclass
class CollectReport:
    subscribers: list[SubscriberResult]
    waited_s: float
    cpu_s: float  # this process's CPU time from "collect" to the end of the wait
    cpu_measure_s: float  # ... and from "measure" (the first change) to the end of the wait


class LiveSubscriber:
    def __init__(self, index: int, token: str, spec: ClientSpec) -> None:
        self.index = index
        self.token = token
        self.spec = spec
        self.socket: ClientConnection | None = None
        self.raw: list[tuple[float, str]] = []
        self.connect_s: float | None = None
        self.failure: str | None = None
        self.closing = False  # we are closing it ourselves
        self.closed_at: float | None = None
        self.completed = False  # the server ended the subscription ("complete")
        self.reader: asyncio.Task[None] | None = None

    async def open(self) -> None:
        started = time.perf_counter()
        try:
            socket = await connect(
                self.spec.url,
                subprotocols=[PROTOCOL],
                compression="deflate" if self.spec.compression else None,
                ping_interval=None,  # the server pings; client pings would only add load
                open_timeout=ACK_TIMEOUT_S,
                proxy=None,
                max_size=None,
            )
            self.socket = socket
            init = {"type": "connection_init", "payload": {"authorization": f"Bearer {self.token}"}}
            await socket.send(json.dumps(init))
            ack = json.loads(await asyncio.wait_for(socket.recv(), ACK_TIMEOUT_S))
            if ack.get("type") != "connection_ack":
                raise RuntimeError(f"no connection_ack: {ack}")
            subscribe = {"id": "1", "type": "subscribe", "payload": {"query": self.spec.query}}
            await socket.send(json.dumps(subscribe))
        except Exception as error:
            self.failure = f"{type(error).__name__}: {error}"[:200]
            return
        self.connect_s = time.perf_counter() - started
        self.reader = asyncio.create_task(self._read(socket))

    async def _read(self, socket: ClientConnection) -> None:
        raw = self.raw
        try:
            async for message in socket:
                text = message if isinstance(message, str) else message.decode()
                raw.append((time.time(), text))
                if len(text) < 40:
                    if '"ping"' in text:
                        await socket.send('{"type": "pong"}')
                    elif '"complete"' in text:
                        self.completed = True
        except ConnectionClosed:
            pass
        finally:
            self.closed_at = time.time()

    def count(self) -> int:
        return len(self.raw)

    def result(self, collect_at: float) -> SubscriberResult:
        socket = self.socket
        closed_by_server = (
            self.connect_s is not None and not self.closing and (self.closed_at is not None)
        )
        received: list[Received] = []
        other: list[str] = []
        for at_receipt, text in self.raw:
            try:
                message = json.loads(text)
            except ValueError:
                other.append(text[:200])
                continue
            if message.get("type") != "next":
                if message.get("type") not in ("ping", "pong"):
                    other.append(text[:200])
                continue
            received.append(_parse_next(message, at_receipt))
        return SubscriberResult(
            index=self.index,
            connect_s=self.connect_s,
            failure=self.failure,
            closed_by_server=closed_by_server,
            close_code=socket.close_code if socket is not None and closed_by_server else None,
            close_reason=(socket.close_reason or "") if socket is not None else "",
            closed_after_s=(
                self.closed_at - collect_at
                if closed_by_server and self.closed_at is not None
                else None
            ),
            completed=self.completed,
            messages=received,
            other=other,
        )

    async def close(self) -> None:
        self.closing = True
        if self.socket is not None:
            try:
                await asyncio.wait_for(self.socket.close(), 5)
            except Exception:
                self.socket.transport.abort()
        if self.reader is not None:
            self.reader.cancel()


def _parse_next(message: dict[str, Any], at_receipt: float) -> Received:
    payload = message.get("payload") or {}
    if payload.get("errors"):
        return Received(None, None, None, at_receipt, error=json.dumps(payload["errors"])[:200])
    change = (payload.get("data") or {}).get("contactStatusChanged") or {}
    at = change.get("at")
    moment: float | None = None
    if isinstance(at, str):
        parsed = datetime.fromisoformat(at)
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        moment = parsed.timestamp()
    return Received(change.get("crn"), change.get("toStatus"), moment, at_receipt)


async def _recv(pipe: Connection) -> Any:
    """The parent's next command, read on a thread so that this loop keeps receiving."""
    return await asyncio.get_running_loop().run_in_executor(None, pipe.recv)


async def serve_parent(pipe: Connection, spec: ClientSpec) -> None:
    subscribers = [
        LiveSubscriber(spec.first_index + offset, token, spec)
        for offset, token in enumerate(spec.tokens)
    ]
    cpu_started = time.process_time()
    started_at = time.time()
    started = time.perf_counter()
    for start in range(0, len(subscribers), spec.batch):
        await asyncio.gather(*(s.open() for s in subscribers[start : start + spec.batch]))
    connected = sum(1 for s in subscribers if s.connect_s is not None)
    pipe.send(
        (
            "connected",
            ConnectReport(
                connected=connected,
                failed=len(subscribers) - connected,
                wall_s=time.perf_counter() - started,
                started_at=started_at,
                cpu_s=time.process_time() - cpu_started,
            ),
        )
    )
    command, _ = await _recv(pipe)
    assert command == "measure", command
    cpu_measure = time.process_time()
    command, (expected_each, deadline) = await _recv(pipe)
    assert command == "collect", command
    collect_at = time.time()
    cpu_collect = time.process_time()
    # Wait for every connected subscriber to have its messages, or for the deadline.
    while time.time() < deadline:
        if all(
            s.count() >= expected_each or s.closed_at is not None or s.completed
            for s in subscribers
            if s.connect_s is not None
        ):
            break
        await asyncio.sleep(0.05)
    waited = time.time() - collect_at
    cpu_end = time.process_time()
    for subscriber in subscribers:
        subscriber.closing = subscriber.closed_at is None
    results = [s.result(collect_at) for s in subscribers]
    pipe.send(
        (
            "results",
            CollectReport(
                subscribers=results,
                waited_s=waited,
                cpu_s=cpu_end - cpu_collect,
                cpu_measure_s=cpu_end - cpu_measure,
            ),
        )
    )
    for start in range(0, len(subscribers), spec.batch):
        await asyncio.gather(*(s.close() for s in subscribers[start : start + spec.batch]))


def client_main(pipe: Connection, spec: ClientSpec) -> None:
    """A client process's entry point (multiprocessing target)."""
    try:
        import uvloop
    except ImportError:
        asyncio.run(serve_parent(pipe, spec))
    else:
        uvloop.run(serve_parent(pipe, spec))
