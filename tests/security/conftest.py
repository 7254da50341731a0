"""The application over ASGI, on a fresh migrated SQLite database, driven by Starlette's client."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import pytest
from starlette.testclient import TestClient

from cms.app import create_app
from cms.container import Container, build_container
from cms.core.accounts.model import OrganisationKind
from cms.settings import Settings
from tests.support.databases import SqliteTemplate
from tests.support.world import PASSWORD, World

Env = Literal["development", "test", "production"]
MakeClient = Callable[..., TestClient]

ALICE = "alice@alpha.example"
ALLOWED_ORIGIN = "http://127.0.0.1:8000"


@pytest.fixture
def sqlite_url(tmp_path: Path, sqlite_template: SqliteTemplate) -> Iterator[str]:
    with sqlite_template.clone(tmp_path) as url:
        yield url


@pytest.fixture
def container_for(sqlite_url: str) -> Callable[..., Container]:
    """A container for the app under test; override its providers before making the client."""

    def make(env: Env = "production", **settings: Any) -> Container:
        return build_container(Settings(database_url=sqlite_url, env=env, **settings))

    return make


@pytest.fixture
def make_client(container_for: Callable[..., Container]) -> Iterator[MakeClient]:
    """Clients for the app in a given environment; each runs the app's lifespan."""
    with ExitStack() as stack:

        def make(
            env: Env = "production",
            *,
            container: Container | None = None,
            base_url: str = "http://testserver",
        ) -> TestClient:
            app = create_app(container=container or container_for(env))
            return stack.enter_context(TestClient(app, base_url=base_url))

        yield make


@pytest.fixture
def alice(sqlite_url: str, run: Any) -> str:
    """Alice's email: a user of the shipper "Alpha Gas Shipping", with the World's password."""
    world = World.start(sqlite_url, at=datetime.now(UTC))
    try:
        run(world.organisation("AGS", OrganisationKind.SHIPPER, "Alpha Gas Shipping"))
        run(world.user(ALICE, "AGS", "Alice"))
    finally:
        run(world.close())
    return ALICE


@pytest.fixture
def alices_token(sqlite_url: str, alice: str, run: Any) -> str:
    """A session token for Alice, as verifyMfa would hand it out.

    The World's clock is set to now, so the app (on the system clock) finds the session fresh.
    """
    world = World.start(sqlite_url, at=datetime.now(UTC))
    try:
        token: str = run(world.sign_in(alice))[1]
    finally:
        run(world.close())
    return token


def graphql(
    client: TestClient, query: str, token: str | None = None, **variables: Any
) -> dict[str, Any]:
    """POST one operation as JSON and return the decoded body (any status)."""
    headers = {"authorization": f"Bearer {token}"} if token else {}
    response = client.post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers
    )
    return dict(response.json())


def messages(body: dict[str, Any]) -> list[str]:
    return [error["message"] for error in body.get("errors") or []]


__all__ = ["ALICE", "ALLOWED_ORIGIN", "PASSWORD", "graphql", "messages"]
