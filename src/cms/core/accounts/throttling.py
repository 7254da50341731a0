"""Slowing down password guessing: waits that grow with each failure, instead of a lockout.

A lockout lets anyone who knows an email address shut its owner out; a wait only slows guessing.
Failures are counted per email address (whether or not it has an account, so the waits give
nothing away), per client address, and per remembered device. After `free` failures in the
window each further failure makes the next try wait, twice as long each time, up to a cap. A try
during a wait is refused without its password being judged, and is not counted.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from cms.core.shared.ids import hash_token
from cms.core.shared.rate_limits import AttemptCounters


@dataclass(frozen=True, slots=True)
class Backoff:
    """After `free` failures within `window_s`, the next try waits `first_wait_s`, doubling with
    each further failure up to `longest_wait_s`."""

    free: int
    window_s: int
    first_wait_s: int
    longest_wait_s: int

    def wait_after(self, failures: int) -> int:
        """Seconds the next try must wait after this many failures in the window."""
        if failures < self.free:
            return 0
        doublings = min(failures - self.free, 32)  # far past the cap, and no huge integers
        return min(self.longest_wait_s, self.first_wait_s << doublings)


@dataclass(frozen=True, slots=True)
class Limit:
    """One thing failures are counted against: its scope names it in the audit log."""

    scope: str
    key: str
    backoff: Backoff


def account_limit(email: str, backoff: Backoff) -> Limit:
    return Limit("account", f"sign-in:account:{email}", backoff)


def address_limit(client_address: str | None, backoff: Backoff) -> Limit:
    return Limit("address", f"sign-in:client:{client_address}", backoff)


def device_limit(device_token: str, backoff: Backoff) -> Limit:
    return Limit("device", f"sign-in:device:{hash_token(device_token)}", backoff)


def in_words(seconds: int) -> str:
    """'30 seconds', '1 minute', '15 minutes': a wait as a person reads it (rounded up)."""
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def waiting_message(seconds: int) -> str:
    return f"Too many attempts to sign in have failed; try again in {in_words(seconds)}."


class Throttle:
    """Failures and waits over the attempt counters (shared by every process when in Redis)."""

    def __init__(self, counters: AttemptCounters) -> None:
        self._counters = counters

    async def wait_s(self, limits: Iterable[Limit]) -> int:
        """The longest wait still running on any of the limits; 0 when none is."""
        return max([await self._counters.blocked_for(limit.key) for limit in limits], default=0)

    async def failed(self, limit: Limit) -> tuple[int, int]:
        """Count a failure: (failures in the window, the wait it starts, 0 for none)."""
        failures = await self._counters.add(limit.key, limit.backoff.window_s)
        wait = limit.backoff.wait_after(failures)
        if wait:
            await self._counters.block(limit.key, wait)
        return failures, wait

    async def forget(self, limit: Limit) -> None:
        await self._counters.clear(limit.key)
