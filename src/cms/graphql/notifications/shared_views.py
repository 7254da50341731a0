"""Work shared by every live subscriber of this process: the contact of a status change, read
once however many are watching, and whether a session still stands, asked at most once a
minute. Neither needs a request's context, so the context can hold them without a cycle."""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Callable

from cms.core.accounts.commands import Authenticate
from cms.core.accounts.model import Viewer
from cms.core.contacts.crn import Crn
from cms.core.contacts.queries import ContactQueries, ContactView
from cms.core.contacts.visibility import ContactScope
from cms.core.notifications.live import StatusChanged
from cms.core.shared.bus import MessageBus

RECHECK_SESSION_S = 60.0
SHARED_VIEWS = 512


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
