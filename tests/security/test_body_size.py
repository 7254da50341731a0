"""A request body over the limit is refused before it is read: no memory spent on a flood."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from cms.http_security import MAX_BODY_BYTES
from tests.security.conftest import MakeClient


@pytest.fixture
def client(make_client: MakeClient) -> TestClient:
    return make_client("production")


def test_a_body_over_the_limit_is_refused(client: TestClient) -> None:
    padding = "x" * (MAX_BODY_BYTES + 1)
    response = client.post(
        "/graphql", json={"query": "{ me { email } }", "variables": {"padding": padding}}
    )
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


def test_a_streamed_body_over_the_limit_is_refused(client: TestClient) -> None:
    def chunks():  # no Content-Length: the size is only known as it arrives
        for _ in range(MAX_BODY_BYTES // 1024 + 2):
            yield b" " * 1024

    response = client.post(
        "/graphql", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


def test_a_body_within_the_limit_is_served(client: TestClient) -> None:
    response = client.post(
        "/graphql", json={"query": "{ me { email } }", "variables": {"padding": "x" * 1000}}
    )
    assert response.status_code == 200 and response.json()["data"] == {"me": None}
