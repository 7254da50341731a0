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
from collections.abc import AsyncIterator, Callable

from starlette.websockets import WebSocket

from cms.core.notifications.live import LiveMessage
from cms.graphql.context import ContextInfo
from cms.graphql.notifications.shared_views import RECHECK_SESSION_S

SLOW_CLIENT_CLOSE_CODE = 1013  # "try again later": reconnect, and query to catch up
SESSION_ENDED_CLOSE_CODE = 4401
logger = logging.getLogger(__name__)
_closing: set[asyncio.Task[None]] = set()  # strong references until each close is done


async def live_messages(
    info: ContextInfo, wants: Callable[[LiveMessage], bool]
) -> AsyncIterator[LiveMessage]:
    """The messages this subscriber wants, as they come. A subscriber that falls too far
    behind, or whose session has ended, is disconnected."""
    context = info.context
    socket = context.request
    feed = context.services.live.feed
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
                        await context.services.live.session_checks.viewer_of(
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
