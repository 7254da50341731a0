"""The Starlette application: GraphQL at /graphql, with the container's lifespan."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, cast

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.unset import UNSET, UnsetType

from cms.adapters.jobs.functions import PERIODIC_JOBS
from cms.adapters.jobs.in_process import InProcessScheduler
from cms.adapters.pubsub.redis import RedisLiveListener
from cms.container import Container, build_container, close_container
from cms.core.accounts.commands import Authenticate
from cms.graphql.context import ApiServices, Context
from cms.graphql.schema import build_schema
from cms.http_security import (
    JsonOnlyMiddleware,
    MaxBodySizeMiddleware,
    SecurityHeadersMiddleware,
    WebSocketOriginMiddleware,
    ide_content_security_policy,
)
from cms.settings import Settings
from cms.web_ui import WebUi, default_ui_directory

logger = logging.getLogger(__name__)


def session_token_of(request: Request | WebSocket, cookie_name: str) -> str | None:
    """The caller's session token: a Bearer header for API clients, else the cookie."""
    token = bearer_token(request.headers.get("authorization", ""))
    return token or request.cookies.get(cookie_name) or None


def bearer_token(authorization: object) -> str | None:
    """The token of an `Authorization: Bearer <token>` value; None for anything else."""
    if not isinstance(authorization, str):
        return None
    scheme, _, credentials = authorization.partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return None


@dataclass
class SocketContext(Context):
    """A WebSocket's context: Strawberry stores connection_init's payload here."""

    connection_params: dict[str, object] = field(default_factory=dict)


class CmsGraphQL(GraphQL[Context, None]):
    def __init__(
        self, services: ApiServices, development: bool, allowed_origins: Sequence[str] = ()
    ) -> None:
        super().__init__(
            build_schema(development),
            graphql_ide="graphiql" if development else None,
            allow_queries_via_get=True,
            subscription_protocols=[GRAPHQL_TRANSPORT_WS_PROTOCOL],
            allowed_origins=allowed_origins,
        )
        self._services = services

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket | None
    ) -> Context:
        services = self._services
        bus = services.bus_factory()
        token = session_token_of(request, services.cookie_name)
        viewer = await bus.handle(Authenticate(session_token=token)) if token else None
        context_class = SocketContext if isinstance(request, WebSocket) else Context
        return context_class(
            request=request,  # type: ignore[arg-type]
            response=response if isinstance(response, Response) else None,
            services=services,
            viewer=viewer,
            session_token=token if viewer else None,
            bus=bus,
        )

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        """Admit a WebSocket only for a signed-in user; else Strawberry closes it with 4403.

        connection_init's `{"authorization": "Bearer <token>"}` decides when present; else the
        session cookie (or Authorization header) of the handshake, already read by get_context.
        """
        params = getattr(context, "connection_params", None) or {}
        if "authorization" in params:
            token = bearer_token(params["authorization"])
            viewer = await context.bus.handle(Authenticate(session_token=token)) if token else None
            context.viewer, context.session_token = viewer, token if viewer else None
        if context.viewer is None:
            raise ConnectionRejectionError()
        return cast(UnsetType, UNSET)  # a plain connection_ack


def create_app(settings: Settings | None = None, container: Container | None = None) -> Starlette:
    container = container or build_container(settings)
    settings = container.settings()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # The embedded mode runs the worker's jobs and the relay in this process, and fans
        # live messages out straight from it; the distributed mode leaves jobs and relay to
        # `cms worker` and listens to Redis for the live messages.
        scheduler = listener = relay = None
        if settings.redis_url:
            listener = RedisLiveListener(
                settings.redis_url, container.live_hub(), settings.live_channel
            )
            listener.start()
        else:
            scheduler = InProcessScheduler(PERIODIC_JOBS, container.bus)
            scheduler.start()
            relay = container.relay_loop()
            relay.start()
        if getattr(app.state, "long_running", False):
            # What startup made lives as long as the process: keep the collector from walking
            # it again and again while thousands of subscribers' messages come and go.
            gc.collect()
            gc.freeze()
        try:
            yield
        finally:
            for running in (scheduler, relay, listener):
                if running is not None:
                    await running.stop()
            await close_container(container)

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    graphql_app = CmsGraphQL(
        container.api_services(), settings.is_development, settings.allowed_origins
    )
    # Only the development GraphiQL page may load its scripts and styles from a CDN.
    page_policies = (
        {"/graphql": ide_content_security_policy(graphql_app.graphql_ide_html)}
        if settings.is_development
        else {}
    )
    app = Starlette(
        routes=[
            Route("/healthz", health),
            Route("/graphql", graphql_app, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", graphql_app),
            Mount("/", WebUi(default_ui_directory())),
        ],
        middleware=[
            Middleware(SecurityHeadersMiddleware, page_policies=page_policies),
            Middleware(MaxBodySizeMiddleware),
            Middleware(JsonOnlyMiddleware),
            Middleware(WebSocketOriginMiddleware, allowed_origins=settings.allowed_origins),
        ],
        lifespan=lifespan,
    )
    app.state.container = container
    return app


def asgi_app() -> Any:
    """Entry point for `uvicorn --factory cms.app:asgi_app` (`cms serve`)."""
    app = create_app()
    app.state.long_running = True
    return app
