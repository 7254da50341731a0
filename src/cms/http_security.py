"""HTTP-level defences, as pure ASGI middleware (streaming and WebSockets pass through intact).

- `SecurityHeadersMiddleware`: a strict Content-Security-Policy and the other security headers
  on every response; HSTS only when the request came over https.
- `JsonOnlyMiddleware`: a request that can change state must be `application/json`. Browsers
  send form encodings and `text/plain` cross-site without a CORS preflight; JSON they do not,
  so this is the API's CSRF defence.
- `WebSocketOriginMiddleware`: a WebSocket handshake must carry an allowed `Origin`, checked
  before the connection is accepted (browsers apply no CORS to WebSockets, and send cookies).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable, Mapping

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.http.websocket_origin import normalize_allowed_origins, normalize_origin

# The UI's pages obey this too: no inline script or style. Images may be data: URLs (the QR
# code an authenticator app scans is drawn in the browser).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'self'"
)
HSTS = "max-age=31536000; includeSubDomains"
SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
INTERNAL_ERROR_MESSAGE = "Something went wrong on our side; it has been logged. Try again."
JSON_ONLY_MESSAGE = (
    "Send requests that change anything as POST with Content-Type: application/json."
)

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def ide_content_security_policy(html: str, cdn: str = "https://unpkg.com") -> str:
    """A policy for the GraphiQL page (development only): its CDN, and its own inline script.

    The inline script is allowed by its hash, not by 'unsafe-inline'; styles are looser because
    GraphiQL injects some at run time.
    """
    hashes = " ".join(
        "'sha256-{}'".format(
            base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        )
        for body in _INLINE_SCRIPT.findall(html)
    )
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' {cdn} {hashes}".strip(),
            f"style-src 'self' 'unsafe-inline' {cdn} https://fonts.googleapis.com",
            "font-src 'self' data: https://fonts.gstatic.com",
            "img-src 'self' data:",
            "connect-src 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'self'",
        ]
    )


class SecurityHeadersMiddleware:
    """Add the security headers to every HTTP response (and to refused WebSocket handshakes).

    `page_policies` maps a path to a looser Content-Security-Policy for the HTML page served
    there (the GraphiQL page in development); every other response gets the strict policy.
    """

    def __init__(self, app: ASGIApp, page_policies: Mapping[str, str] | None = None) -> None:
        self.app = app
        self.page_policies = dict(page_policies or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return

        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] in ("http.response.start", "websocket.http.response.start"):
                started = True
                headers = MutableHeaders(scope=message)
                headers["content-security-policy"] = self._policy(scope, headers)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
                if scope.get("scheme") in ("https", "wss"):
                    headers["strict-transport-security"] = HSTS
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            # Starlette answers an unhandled error from outside every middleware, so without
            # these headers: answer it here, and let the error go on to be logged.
            if scope["type"] == "http" and not started:
                await _send_json(send_with_headers, 500, INTERNAL_ERROR_MESSAGE, "INTERNAL_ERROR")
            raise

    def _policy(self, scope: Scope, headers: MutableHeaders) -> str:
        page_policy = self.page_policies.get(scope.get("path", ""))
        if page_policy and headers.get("content-type", "").startswith("text/html"):
            return page_policy
        return CONTENT_SECURITY_POLICY


class JsonOnlyMiddleware:
    """Refuse (415) a request other than GET, HEAD or OPTIONS whose body is not JSON."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in SAFE_METHODS:
            content_type = Headers(scope=scope).get("content-type", "")
            media_type = content_type.split(";", 1)[0].strip().lower()
            if media_type != "application/json":
                await _send_json(send, 415, JSON_ONLY_MESSAGE, "UNSUPPORTED_MEDIA_TYPE")
                return
        await self.app(scope, receive, send)


MAX_BODY_BYTES = 256 * 1024  # far above any real request (2,000 tokens plus variables)


class BodyTooLarge(Exception):
    pass


class MaxBodySizeMiddleware:
    """Refuse (413) a request body over the limit, declared or streamed, before it is read."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send)
            return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge()
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except BodyTooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        await _send_json(
            send,
            413,
            f"The request body is over {self.max_bytes // 1024} KB; send less.",
            "PAYLOAD_TOO_LARGE",
        )


class WebSocketOriginMiddleware:
    """Refuse, before accepting it, a browser's WebSocket from an origin not allowed."""

    def __init__(self, app: ASGIApp, allowed_origins: Iterable[str]) -> None:
        self.app = app
        allowed = normalize_allowed_origins(list(allowed_origins))
        if "*" in allowed:
            raise ValueError("List the allowed WebSocket origins: '*' would allow any site.")
        self.allowed_origins = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket" and not self._origin_allowed(scope):
            message = await receive()
            if message["type"] != "websocket.connect":
                return  # the client left before the handshake finished
            await self._refuse(scope, send)
            return
        await self.app(scope, receive, send)

    def _origin_allowed(self, scope: Scope) -> bool:
        origin = Headers(scope=scope).get("origin")
        if origin is None:
            # Browsers always send Origin on a WebSocket handshake; a client that does not is
            # not a browser, carries no ambient credentials to abuse, and must still
            # authenticate in connection_init (the network organisations' own systems).
            return True
        normalized = normalize_origin(origin)
        if normalized is None:
            return False
        return normalized in self.allowed_origins or normalized == _served_origin(scope)

    @staticmethod
    async def _refuse(scope: Scope, send: Send) -> None:
        message = "This origin may not open a WebSocket here."
        if "websocket.http.response" in scope.get("extensions", {}):
            # Answer the handshake with a readable 403 where the server supports it.
            await _send_json(send, 403, message, "FORBIDDEN", prefix="websocket.")
        else:
            # Closing before accepting makes the server answer the handshake with 403.
            await send({"type": "websocket.close", "code": 1008, "reason": message})


def _served_origin(scope: Scope) -> str | None:
    """The origin the handshake was sent to: the page this server itself served (its UI)."""
    host = Headers(scope=scope).get("host")
    if not host:
        return None
    scheme = "https" if scope.get("scheme") == "wss" else "http"
    return normalize_origin(f"{scheme}://{host}")


APPLICATION_JSON = "application/json"
GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"


def graphql_response_media_type(accept: str | None) -> str:
    """The media type to answer a GraphQL request in, by its Accept header.

    `application/graphql-response+json` (GraphQL over HTTP) when the client asks for it at
    least as much as for `application/json`; otherwise `application/json`, which is also the
    answer to no Accept header or to a wildcard, since older clients expect it.
    """
    quality = {APPLICATION_JSON: 0.0, GRAPHQL_RESPONSE_JSON: 0.0}
    for media_range in (accept or "").split(","):
        media_type, *parameters = media_range.split(";")
        media_type = media_type.strip().lower()
        if media_type in quality:
            quality[media_type] = max(quality[media_type], _quality(parameters))
    wanted = quality[GRAPHQL_RESPONSE_JSON]
    return (
        GRAPHQL_RESPONSE_JSON
        if wanted > 0 and wanted >= quality[APPLICATION_JSON]
        else APPLICATION_JSON
    )


def _quality(parameters: list[str]) -> float:
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":
            try:
                return min(max(float(value), 0.0), 1.0)
            except ValueError:
                return 0.0
    return 1.0


def error_document(message: str, code: str) -> dict[str, object]:
    """A GraphQL response holding one request error (no `data`: nothing was executed)."""
    return {"errors": [{"message": message, "extensions": {"code": code}}]}


async def _send_json(send: Send, status: int, message: str, code: str, prefix: str = "") -> None:
    body = json.dumps(error_document(message, code)).encode()
    await send(
        {
            "type": f"{prefix}http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode("ascii")),
            ],
        }
    )
    await send({"type": f"{prefix}http.response.body", "body": body})
