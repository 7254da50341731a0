"""Live streams for subscriptions: bounded, checked per message, and sharing per-event work.

WebSocket contexts live as long as the connection, so nothing here keeps a database session or
a DataLoader between messages: each message gets fresh loaders, and the one read every message
needs (the contact as it now is) is made once per process and shared by all its subscribers.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable

from starlette.websockets import WebSocket

from cms.core.accounts.commands import Authenticate
from cms.core.accounts.model import Viewer
from cms.core.contacts.crn import Crn
from cms.core.contacts.queries import ContactQueries, ContactView
from cms.core.contacts.visibility import ContactScope
from cms.core.notifications.live import LiveMessage, StatusChanged
from cms.core.shared.bus import MessageBus
from cms.graphql.context import ContextInfo

SLOW_CLIENT_CLOSE_CODE = 1013  # "try again later": reconnect, and query to catch up
SESSION_ENDED_CLOSE_CODE = 4401
RECHECK_SESSION_S = 60.0
SHARED_VIEWS = 512
logger = logging.getLogger(__name__)
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


class SharedSessionChecks:
    """Whether a session still stands, asked of the database at most once a minute per
    session, however many subscriptions it holds open."""

    def __init__(self) -> None:
        self._checks: dict[str, tuple[float, asyncio.Future[Viewer | None]]] = {}

    async def viewer_of(self, token: str, bus_factory: Callable[[], MessageBus]) -> Viewer | None:
        now = time.monotonic()
        found = self._checks.get(token)
        if found is None or now - found[0] > RECHECK_SESSION_S:
            check = asyncio.ensure_future(bus_factory().handle(Authenticate(session_token=token)))
            self._checks[token] = found = (now, check)
            if len(self._checks) > 10_000:  # forget the oldest half: they are checked again
                for stale in sorted(self._checks, key=lambda t: self._checks[t][0])[:5_000]:
                    del self._checks[stale]
        return await asyncio.shield(found[1])


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
                checked_at = time.monotonic()
                try:
                    current = (
                        await context.services.session_checks.viewer_of(
                            token, context.services.bus_factory
                        )
                        if token
                        else None
                    )
                except Exception:  # the database is busy or away: keep serving, ask again later
                    logger.warning("could not re-check a subscriber's session", exc_info=True)
                    current = viewer
                if current is None or current.user_id != viewer.user_id:
                    close(SESSION_ENDED_CLOSE_CODE)
                    return
            context.renew_loaders()
            yield message
    finally:
        feed.unsubscribe(subscription)


async def _close_quietly(socket: WebSocket, code: int) -> None:
    with contextlib.suppress(Exception):
        await socket.close(code=code)
