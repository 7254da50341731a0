"""Throwaway databases for tests: a migrated template, cloned for each test."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import asyncpg
import pytest

from cms.adapters.sql.migrations import migrate

ADMIN_URL = os.environ.get("CMS_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def postgres_or_skip() -> None:
    """Skip without PostgreSQL on a developer's machine; under CI its absence is a failure."""
    import asyncio

    async def ping() -> None:
        connection = await asyncpg.connect(ADMIN_URL, timeout=5)
        await connection.close()

    try:
        asyncio.run(ping())
    except (OSError, asyncpg.PostgresError) as error:
        if in_ci():
            pytest.fail(f"PostgreSQL is required under CI and is not reachable: {error}")
        pytest.skip(f"PostgreSQL not reachable at {ADMIN_URL}: {error}")


def _database_url(name: str) -> str:
    base, _, _ = ADMIN_URL.rpartition("/")
    return f"{base}/{name}"


async def _admin(sql: str) -> None:
    connection = await asyncpg.connect(ADMIN_URL)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


@contextmanager
def empty_postgres_database(run: object) -> Iterator[str]:
    """A new database with nothing in it (not even the schema), dropped afterwards."""
    name = f"cms_test_{uuid.uuid4().hex[:16]}"
    run(_admin(f'CREATE DATABASE "{name}"'))  # type: ignore[operator]
    try:
        yield _database_url(name)
    finally:
        run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))  # type: ignore[operator]


class PostgresTemplate:
    """One migrated database per test session; each test gets its own copy of it."""

    def __init__(self) -> None:
        self.name = f"cms_test_tpl_{uuid.uuid4().hex[:12]}"

    def create(self, run: object) -> None:
        run(_admin(f'CREATE DATABASE "{self.name}"'))  # type: ignore[operator]
        migrate(_database_url(self.name))

    @contextmanager
    def clone(self, run: object) -> Iterator[str]:
        name = f"cms_test_{uuid.uuid4().hex[:16]}"
        run(_admin(f'CREATE DATABASE "{name}" TEMPLATE "{self.name}"'))  # type: ignore[operator]
        try:
            yield _database_url(name)
        finally:
            run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))  # type: ignore[operator]

    def drop(self, run: object) -> None:
        run(_admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))  # type: ignore[operator]


class SqliteTemplate:
    """A migrated SQLite file, copied for each test (much faster than migrating each time)."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / "template.db"

    def create(self) -> None:
        migrate(f"sqlite:///{self.path}")

    @contextmanager
    def clone(self, directory: Path) -> Iterator[str]:
        target = directory / f"cms-{uuid.uuid4().hex[:8]}.db"
        shutil.copyfile(self.path, target)
        yield f"sqlite:///{target}"


REDIS_URL = os.environ.get("CMS_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_or_skip() -> str:
    """The test Redis URL; skip without Redis on a developer's machine, fail under CI."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=5).ping()
    except redis.RedisError as error:
        if in_ci():
            pytest.fail(f"Redis is required under CI and is not reachable: {error}")
        pytest.skip(f"Redis not reachable at {REDIS_URL}: {error}")
    return REDIS_URL
