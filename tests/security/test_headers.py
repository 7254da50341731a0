"""Security headers on every HTTP response; HSTS only over https; GraphiQL's looser policy only
for its page, in development."""

from __future__ import annotations

import base64
import hashlib
import re

import httpx
import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.testclient import TestClient

from cms.http_security import SecurityHeadersMiddleware
from tests.security.conftest import MakeClient

STRICT_CSP = (
    "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'self'"
)
HSTS = "max-age=31536000; includeSubDomains"


def assert_security_headers(response: httpx.Response, csp: str = STRICT_CSP) -> None:
    headers = response.headers
    assert headers["content-security-policy"] == csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-frame-options"] == "DENY"


def responses(client: TestClient) -> dict[str, httpx.Response]:
    """One response of each kind the app gives."""
    return {
        "health": client.get("/healthz"),
        "query": client.post("/graphql", json={"query": "{ __typename }"}),
        "query by GET": client.get("/graphql", params={"query": "{ __typename }"}),
        "mutation by GET": client.get("/graphql", params={"query": "mutation { signOut }"}),
        "not JSON": client.post("/graphql", data={"query": "{ __typename }"}),
        "no such page": client.get("/nowhere"),
        "method not allowed": client.delete("/healthz"),
    }


@pytest.mark.parametrize("env", ["production", "development"])
def test_every_response_carries_the_security_headers(make_client: MakeClient, env: str) -> None:
    for kind, response in responses(make_client(env)).items():
        assert "content-security-policy" in response.headers, kind
        assert_security_headers(response)


def test_no_hsts_over_plain_http(make_client: MakeClient) -> None:
    for kind, response in responses(make_client("production")).items():
        assert "strict-transport-security" not in response.headers, kind


def test_hsts_over_https(make_client: MakeClient) -> None:
    client = make_client("production", base_url="https://cms.example")
    for kind, response in responses(client).items():
        assert response.request.url.scheme == "https"
        assert response.headers.get("strict-transport-security") == HSTS, kind


def test_graphiql_alone_may_load_its_cdn_in_development(make_client: MakeClient) -> None:
    client = make_client("development")
    page = client.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()

    policy = page.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert "https://unpkg.com" in directives["script-src"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in policy
    for kept in ("frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'"):
        assert kept in policy
    # The page's own inline script is allowed by its hash, and nothing else inline is.
    inline = re.findall(r"<script>(.*?)</script>", page.text, re.DOTALL)
    assert inline
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in directives["script-src"]

    # Every other response in development keeps the strict policy.
    assert_security_headers(client.post("/graphql", json={"query": "{ __typename }"}))
    assert_security_headers(client.get("/graphql", params={"query": "{ __typename }"}))
    assert_security_headers(client.get("/healthz"))


def test_no_page_gets_the_looser_policy_outside_development(make_client: MakeClient) -> None:
    client = make_client("production")
    page = client.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 404
    assert_security_headers(page)


def test_an_unexpected_error_is_answered_with_the_security_headers() -> None:
    def fails(request: Request) -> Response:
        raise RuntimeError("a bug")

    app = Starlette(
        routes=[Route("/fails", fails)], middleware=[Middleware(SecurityHeadersMiddleware)]
    )
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/fails")
    assert response.status_code == 500
    assert_security_headers(response)
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "INTERNAL_ERROR" and "a bug" not in error["message"]
