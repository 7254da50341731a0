"""Fixtures shared by every test: an event loop for the whole session, throwaway databases."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from tests.support.databases import PostgresTemplate, SqliteTemplate, postgres_or_skip

T = TypeVar("T")
Run = Callable[[Coroutine[Any, Any, T]], T]

DATABASE_KINDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def runner() -> Iterator[asyncio.Runner]:
    # pytest-bdd steps are synchronous: they drive coroutines through this one loop, in which
    # engines and clients are made, so connections never cross event loops.
    with asyncio.Runner() as session_runner:
        yield session_runner


@pytest.fixture(scope="session")
def run(runner: asyncio.Runner) -> Run[Any]:
    return runner.run


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> SqliteTemplate:
    template = SqliteTemplate(tmp_path_factory.mktemp("sqlite-template"))
    template.create()
    return template


@pytest.fixture(scope="session")
def postgres_template(run: Run[Any]) -> Iterator[PostgresTemplate]:
    postgres_or_skip()
    template = PostgresTemplate()
    template.create(run)
    yield template
    template.drop(run)


@pytest.fixture(params=DATABASE_KINDS)
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: SqliteTemplate, run: Run[Any]
) -> Iterator[str]:
    """A fresh, migrated database of each kind: the adapter tests run once per flavour."""
    if request.param == "sqlite":
        with sqlite_template.clone(tmp_path) as url:
            yield url
    else:
        template: PostgresTemplate = request.getfixturevalue("postgres_template")
        with template.clone(run) as url:
            yield url


@pytest.fixture
def postgres_url(postgres_template: PostgresTemplate, run: Run[Any]) -> Iterator[str]:
    with postgres_template.clone(run) as url:
        yield url
