"""The Starlette application: GraphQL at /graphql, with the container's lifespan."""

from __future__ import annotations

import gc
import json
import logging
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, cast

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError, MissingQueryError
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.http.base import BaseRequestProtocol
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType
from strawberry.types.unset import UNSET, UnsetType

from cms.container import Container, build_container, close_container
from cms.core.accounts.commands import Authenticate
from cms.graphql.context import ApiServices, Context
from cms.graphql.errors import INTERNAL_ERROR
from cms.graphql.schema import build_schema
from cms.http_security import (
    APPLICATION_JSON,
    GRAPHQL_RESPONSE_JSON,
    JsonOnlyMiddleware,
    MaxBodySizeMiddleware,
    SecurityHeadersMiddleware,
    WebSocketOriginMiddleware,
    error_document,
    graphql_response_media_type,
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


class RequestRefused(HTTPException):
    """A request that is not one well-formed GraphQL operation over HTTP: the caller's mistake."""

    def __init__(
        self, status: int, message: str, code: str = "BAD_REQUEST", allow: str | None = None
    ) -> None:
        super().__init__(status, message)
        self.code = code
        self.allow = allow


SUBSCRIPTIONS_OVER_HTTP = (
    "Subscriptions are served over the WebSocket at /graphql (protocol graphql-transport-ws), "
    "not over plain HTTP."
)
NO_QUERY = 'No GraphQL query found: send {"query": "..."} (or ?query= with GET).'
NO_PAGE = (
    "There is no page here: send GraphQL requests as POST with a JSON body, "
    "or queries as GET with ?query=."
)
# The codes of refusals Strawberry itself makes.
STATUS_CODES = {400: "BAD_REQUEST", 404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED"}
JSON_TYPES = {str: "a string", bool: "a boolean", int: "a number", float: "a number"}


def graphql_request(data: object) -> GraphQLRequestData:
    """The one operation a request's JSON (a POST's body, or a GET's parameters) asks for."""
    if isinstance(data, list):
        raise RequestRefused(400, "Send one operation per request: batches are not accepted.")
    if not isinstance(data, dict):
        kind = "null" if data is None else JSON_TYPES.get(type(data), "anything else")
        raise RequestRefused(
            400,
            'The request body must be a JSON object such as {"query": "{ me { name } }"}, '
            f"not {kind}.",
        )
    query = data.get("query")
    if query is None or query == "":
        raise RequestRefused(400, NO_QUERY)
    if not isinstance(query, str):
        raise RequestRefused(
            400, "The request's query must be a string holding a GraphQL document."
        )
    variables, operation_name, extensions = (
        data.get(name) for name in ("variables", "operationName", "extensions")
    )
    if not isinstance(variables, dict | None):
        raise RequestRefused(400, "The request's variables must be a JSON object (or null).")
    if not isinstance(operation_name, str | None):
        raise RequestRefused(400, "The request's operationName must be a string (or null).")
    if not isinstance(extensions, dict | None):
        raise RequestRefused(400, "The request's extensions must be a JSON object (or null).")
    return GraphQLRequestData(
        query=query, variables=variables, operation_name=operation_name, extensions=extensions
    )


def _decoded(text: str | bytes, what: str) -> object:
    try:
        return json.loads(text)
    except ValueError as error:  # also a body that is not UTF-8
        raise RequestRefused(400, f"{what} is not valid JSON ({error}).") from error


def is_request_error(response: GraphQLHTTPResponse) -> bool:
    """Whether the answer is to a request that was never executed: it failed to parse or
    validate, or a variable did not fit its type. Such errors have no path; a field's have."""
    errors = response.get("errors") or []
    return (
        response.get("data") is None
        and bool(errors)
        and not any(isinstance(error, dict) and error.get("path") for error in errors)
    )


class CmsGraphQL(GraphQL[Context, None]):
    """Strawberry's view, with every answer JSON in the GraphQL-over-HTTP shape: a request it
    cannot run is refused with a status and an error saying why, never plain text."""

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

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        try:
            if request.method not in ("GET", "POST"):
                raise RequestRefused(
                    405,
                    "Send GraphQL requests as POST (or queries as GET).",
                    "METHOD_NOT_ALLOWED",
                    allow="GET, POST",
                )
            response = await self.run(request)
        except HTTPException as refusal:
            response = self.refusal_response(request, refusal)
        await response(scope, receive, send)

    def refusal_response(self, request: Request, refusal: HTTPException) -> Response:
        if isinstance(refusal, RequestRefused):
            code, allow = refusal.code, refusal.allow
        else:
            code, allow = STATUS_CODES.get(refusal.status_code, "BAD_REQUEST"), None
        return Response(
            self.encode_json(error_document(refusal.reason, code)),
            status_code=refusal.status_code,
            media_type=graphql_response_media_type(request.headers.get("accept")),
            headers={"allow": allow} if allow else None,
        )

    def should_render_graphql_ide(self, request: BaseRequestProtocol) -> bool:
        wants_page = super().should_render_graphql_ide(request)
        if wants_page and not self.graphql_ide:
            raise RequestRefused(404, NO_PAGE, "NOT_FOUND")
        return wants_page

    async def parse_http_body(self, request: AsyncHTTPRequestAdapter) -> GraphQLRequestData:
        # The JSON-only middleware has already refused any other content type, in any case.
        if request.method != "GET":
            return graphql_request(_decoded(await request.get_body(), "The request body"))
        data: dict[str, object] = dict(request.query_params)
        for name in ("variables", "extensions"):
            value = data.get(name)
            if isinstance(value, str) and value:
                data[name] = _decoded(value, f"The {name} parameter")
        return graphql_request(data)

    async def execute_single(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        # GET only reads; subscriptions stream over the WebSocket alone.
        if request_adapter.method == "GET":
            allowed = {OperationType.QUERY}
        else:
            allowed = {OperationType.QUERY, OperationType.MUTATION}
        try:
            return await self.schema.execute(
                request_data.query,
                root_value=root_value,
                variable_values=request_data.variables,
                context_value=context,
                operation_name=request_data.operation_name,
                allowed_operation_types=allowed,
                operation_extensions=request_data.extensions,
            )
        except InvalidOperationTypeError as error:
            if error.operation_type is OperationType.SUBSCRIPTION:
                raise RequestRefused(400, SUBSCRIPTIONS_OVER_HTTP) from error
            raise RequestRefused(
                405,
                "A mutation must be sent as POST: GET only reads.",
                "METHOD_NOT_ALLOWED",
                allow="POST",
            ) from error
        except CannotGetOperationTypeError as error:
            if error.operation_name is not None:
                message = f"The document has no operation named {error.operation_name!r}."
            else:
                message = "Send exactly one operation: the document has none, or several."
            raise RequestRefused(400, message) from error
        except MissingQueryError as error:
            raise RequestRefused(400, NO_QUERY) from error

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        sub_response = await super().get_sub_response(request)
        # The media type the answer will be in, chosen now while the request is at hand.
        sub_response.media_type = graphql_response_media_type(request.headers.get("accept"))
        return sub_response

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: Response,
    ) -> Response:
        media_type = sub_response.media_type or APPLICATION_JSON
        status = sub_response.status_code or 200
        if (
            media_type == GRAPHQL_RESPONSE_JSON
            and isinstance(response_data, dict)
            and is_request_error(response_data)
        ):
            # GraphQL over HTTP: a request that was not executed has no `data`, and a 4xx
            # status (a 5xx when it was our fault).
            response_data = cast(
                GraphQLHTTPResponse, {k: v for k, v in response_data.items() if k != "data"}
            )
            status = 500 if _any_internal(response_data) else 400
        response = Response(
            self.encode_json(response_data), status_code=status, media_type=media_type
        )
        response.headers.raw.extend(sub_response.headers.raw)
        response.background = sub_response.background
        return response

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket | None
    ) -> Context:
        services = self._services
        bus = services.bus_factory()
        token = session_token_of(request, services.cookies.session_name)
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


def _any_internal(response: Mapping[str, Any]) -> bool:
    return any(
        (error.get("extensions") or {}).get("code") == INTERNAL_ERROR
        for error in response.get("errors") or []
    )


def create_app(settings: Settings | None = None, container: Container | None = None) -> Starlette:
    container = container or build_container(settings)
    settings = container.settings()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # What runs beside the API depends on the mode (the container chose it): embedded,
        # the worker's jobs and the relay; distributed, the listener for Redis's live messages.
        background = container.app_background()
        for running in background:
            running.start()
        if getattr(app.state, "long_running", False):
            # What startup made lives as long as the process: keep the collector from walking
            # it again and again while thousands of subscribers' messages come and go.
            gc.collect()
            gc.freeze()
        try:
            yield
        finally:
            for running in background:
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
            # Every method reaches the view, which answers the ones it does not serve (405).
            Route("/graphql", graphql_app),
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
