"""Live streams for subscriptions: bounded, checked per message, and sharing per-event work.

WebSocket contexts live as long as the connection, so nothing here keeps a database session or
a DataLoader between messages: each message gets fresh loaders, and the one read every message
needs (the contact as it now is) is made once per process and shared by all its subscribers.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable

from starlette.websockets import WebSocket

from cms.core.accounts.commands import Authenticate
from cms.core.contacts.crn import Crn
from cms.core.contacts.queries import ContactQueries, ContactView
from cms.core.contacts.visibility import ContactScope
from cms.core.notifications.live import LiveMessage, StatusChanged
from cms.graphql.context import ContextInfo

SLOW_CLIENT_CLOSE_CODE = 1013  # "try again later": reconnect, and query to catch up
SESSION_ENDED_CLOSE_CODE = 4401
RECHECK_SESSION_S = 60.0
SHARED_VIEWS = 512
_closing: set[asyncio.Task[None]] = set()  # strong references until each close is done


class SharedContactViews:
    """The contact of a status change, read once per process however many are watching."""

    def __init__(self, queries: ContactQueries) -> None:
        self._queries = queries
        self._loads: OrderedDict[str, asyncio.Future[ContactView | None]] = OrderedDict()

    async def of(self, change: StatusChanged) -> ContactView | None:
        load = self._loads.get(change.event_id)
        if load is None:
            load = asyncio.ensure_future(
                self._queries.get(Crn.parse(change.crn), ContactScope(everything=True))
            )
            self._loads[change.event_id] = load
            if len(self._loads) > SHARED_VIEWS:
                self._loads.popitem(last=False)
        try:
            return await asyncio.shield(load)
        except Exception:
            self._loads.pop(change.event_id, None)  # the next subscriber tries again
            raise


async def live_messages(
    info: ContextInfo, wants: Callable[[LiveMessage], bool]
) -> AsyncIterator[LiveMessage]:
    """The messages this subscriber wants, as they come. A subscriber that falls too far
    behind, or whose session has ended, is disconnected."""
    context = info.context
    socket = context.request
    feed = context.services.live_feed
    viewer = context.require_viewer()
    token = context.session_token

    def close(code: int) -> None:
        if isinstance(socket, WebSocket):
            task = asyncio.ensure_future(_close_quietly(socket, code))
            _closing.add(task)
            task.add_done_callback(_closing.discard)

    subscription = feed.subscribe(wants, lambda: close(SLOW_CLIENT_CLOSE_CODE))
    checked_at = time.monotonic()
    try:
        async for message in subscription.messages():
            if time.monotonic() - checked_at > RECHECK_SESSION_S:
                current = (
                    await context.services.bus_factory().handle(Authenticate(session_token=token))
                    if token
                    else None
                )
                if current is None or current.user_id != viewer.user_id:
                    close(SESSION_ENDED_CLOSE_CODE)
                    return
                checked_at = time.monotonic()
            context.renew_loaders()
            yield message
    finally:
        feed.unsubscribe(subscription)


async def _close_quietly(socket: WebSocket, code: int) -> None:
    with contextlib.suppress(Exception):
        await socket.close(code=code)
