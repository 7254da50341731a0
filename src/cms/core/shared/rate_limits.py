"""Counting attempts in sliding windows, and blocking for a while: the port."""

from __future__ import annotations

from typing import Protocol


class AttemptCounters(Protocol):
    """Shared between processes in the distributed mode (Redis), in memory when embedded.

    Time comes from the clock the implementation was given, so tests can move it.
    """

    async def add(self, key: str, window_s: int) -> int:
        """Record one attempt under `key`; return how many fall in the last `window_s` seconds."""
        ...

    async def count(self, key: str, window_s: int) -> int:
        """How many attempts under `key` fall in the last `window_s` seconds."""
        ...

    async def clear(self, key: str) -> None:
        """Forget every attempt and any block under `key`."""
        ...

    async def block(self, key: str, ttl_s: int) -> None:
        """Block `key` for `ttl_s` seconds from now."""
        ...

    async def blocked_for(self, key: str) -> int:
        """Seconds until `key` is unblocked; 0 when it is not blocked."""
        ...
