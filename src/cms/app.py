"""The Starlette application: GraphQL at /graphql, with the container's lifespan."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from cms.adapters.jobs.functions import PERIODIC_JOBS
from cms.adapters.jobs.in_process import InProcessScheduler
from cms.container import Container, build_container, close_container
from cms.core.accounts.commands import Authenticate
from cms.graphql.context import ApiServices, Context
from cms.graphql.schema import build_schema
from cms.settings import Settings

logger = logging.getLogger(__name__)


def session_token_of(request: Request | WebSocket, cookie_name: str) -> str | None:
    """The caller's session token: a Bearer header for API clients, else the cookie."""
    authorization = request.headers.get("authorization", "")
    scheme, _, credentials = authorization.partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return request.cookies.get(cookie_name) or None


class CmsGraphQL(GraphQL[Context, None]):
    def __init__(self, services: ApiServices, development: bool) -> None:
        super().__init__(
            build_schema(),
            graphql_ide="graphiql" if development else None,
            allow_queries_via_get=True,
            subscription_protocols=[GRAPHQL_TRANSPORT_WS_PROTOCOL],
        )
        self._services = services

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket | None
    ) -> Context:
        services = self._services
        bus = services.bus_factory()
        token = session_token_of(request, services.cookie_name)
        viewer = await bus.handle(Authenticate(session_token=token)) if token else None
        return Context(
            request=request,  # type: ignore[arg-type]
            response=response if isinstance(response, Response) else None,
            services=services,
            viewer=viewer,
            session_token=token if viewer else None,
            bus=bus,
        )


def create_app(settings: Settings | None = None, container: Container | None = None) -> Starlette:
    container = container or build_container(settings)
    settings = container.settings()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # The embedded mode runs the worker's jobs in this process; the distributed mode
        # leaves them to `cms worker`.
        scheduler = None
        if not settings.distributed:
            scheduler = InProcessScheduler(PERIODIC_JOBS, container.bus)
            scheduler.start()
        try:
            yield
        finally:
            if scheduler is not None:
                await scheduler.stop()
            await close_container(container)

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    graphql_app = CmsGraphQL(container.api_services(), settings.is_development)
    app = Starlette(
        routes=[
            Route("/healthz", health),
            Route("/graphql", graphql_app, methods=["GET", "POST"]),
        ],
        lifespan=lifespan,
    )
    app.state.container = container
    return app


def asgi_app() -> Any:
    """Entry point for `uvicorn --factory cms.app:asgi_app`."""
    return create_app()
