"""One relay at a time: several workers may run, but only the leader reads the event log.

On PostgreSQL the leader holds a session advisory lock on a connection of its own; if its
process dies, the database drops the connection and the lock with it, and another takes over.
SQLite serves one process (the embedded mode), which always leads.
"""

from __future__ import annotations

import logging
import time

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

logger = logging.getLogger(__name__)
RELAY_LOCK_KEY = 0x434D5352  # "CMSR"
CHECK_EVERY_S = 5.0


class Leadership:
    def __init__(self, engine: AsyncEngine, key: int = RELAY_LOCK_KEY) -> None:
        self._engine = engine
        self._key = key
        self._connection: AsyncConnection | None = None
        self._checked_at = 0.0

    async def acquire(self) -> bool:
        """True while this process leads; tries to take the lead when it does not."""
        if self._engine.dialect.name != "postgresql":
            return True
        if self._connection is not None:
            if time.monotonic() - self._checked_at < CHECK_EVERY_S:
                return True
            try:
                await self._connection.execute(text("SELECT 1"))
                self._checked_at = time.monotonic()
                return True
            except (SQLAlchemyError, OSError):
                logger.warning("relay: lost the connection that held the lead")
                await self.release()
        connection = await self._engine.connect()
        try:
            locked = (
                await connection.execute(
                    text("SELECT pg_try_advisory_lock(:key)"), {"key": self._key}
                )
            ).scalar()
            await connection.commit()
        except BaseException:
            await connection.close()
            raise
        if not locked:
            await connection.close()
            return False
        logger.info("relay: this process now leads")
        self._connection, self._checked_at = connection, time.monotonic()
        return True

    async def release(self) -> None:
        if self._connection is not None:
            connection, self._connection = self._connection, None
            try:
                await connection.execute(
                    text("SELECT pg_advisory_unlock(:key)"), {"key": self._key}
                )
            except (SQLAlchemyError, OSError):
                pass  # a broken connection has dropped the lock already
            finally:
                await connection.close()
