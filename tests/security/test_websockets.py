"""WebSockets: graphql-transport-ws only, from an allowed Origin, for a signed-in user."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient, WebSocketDenialResponse
from starlette.websockets import WebSocketDisconnect

from tests.security.conftest import ALLOWED_ORIGIN, MakeClient

TRANSPORT_WS = "graphql-transport-ws"


@pytest.fixture
def client(make_client: MakeClient) -> TestClient:
    return make_client("production")


def connection_init(
    client: TestClient, payload: dict[str, Any] | None = None, **headers: str
) -> dict[str, Any]:
    """Open a graphql-transport-ws socket, send connection_init and return the reply."""
    with client.websocket_connect(
        "/graphql", subprotocols=[TRANSPORT_WS], headers={"origin": ALLOWED_ORIGIN, **headers}
    ) as socket:
        assert socket.accepted_subprotocol == TRANSPORT_WS
        socket.send_json({"type": "connection_init", "payload": payload or {}})
        return dict(socket.receive_json())


def refused(client: TestClient, payload: dict[str, Any] | None = None, **headers: str) -> int:
    """The close code when connection_init is refused."""
    with pytest.raises(WebSocketDisconnect) as closed:
        connection_init(client, payload, **headers)
    return closed.value.code


# ---------------------------------------------------------------- subprotocol


def test_the_legacy_graphql_ws_protocol_is_refused(client: TestClient) -> None:
    with client.websocket_connect(
        "/graphql", subprotocols=["graphql-ws"], headers={"origin": ALLOWED_ORIGIN}
    ) as socket:
        assert socket.accepted_subprotocol is None
        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_json()
    assert closed.value.code == 4406


# ---------------------------------------------------------------- origin


def assert_refused_before_accept(client: TestClient, headers: dict[str, str]) -> None:
    with (
        pytest.raises(WebSocketDenialResponse) as denied,
        client.websocket_connect("/graphql", subprotocols=[TRANSPORT_WS], headers=headers),
    ):
        pass  # pragma: no cover - never accepted
    assert denied.value.status_code == 403
    assert denied.value.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_a_client_without_an_origin_is_not_a_browser_and_must_authenticate(
    client: TestClient, alices_token: str
) -> None:
    with client.websocket_connect("/graphql", subprotocols=[TRANSPORT_WS]) as socket:
        socket.send_json({"type": "connection_init", "payload": {}})
        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_json()
    assert closed.value.code == 4403
    with client.websocket_connect("/graphql", subprotocols=[TRANSPORT_WS]) as socket:
        socket.send_json(
            {"type": "connection_init", "payload": {"authorization": f"Bearer {alices_token}"}}
        )
        assert socket.receive_json() == {"type": "connection_ack"}


@pytest.mark.parametrize(
    "origin",
    ["https://evil.example", "http://127.0.0.1:8001", "https://127.0.0.1:8000", "null"],
)
def test_a_websocket_from_a_foreign_origin_is_refused_before_accept(
    client: TestClient, origin: str
) -> None:
    assert_refused_before_accept(client, {"origin": origin})


def test_a_foreign_origin_is_refused_even_with_a_valid_session(
    client: TestClient, alices_token: str
) -> None:
    assert_refused_before_accept(
        client, {"origin": "https://evil.example", "cookie": f"cms_session={alices_token}"}
    )


def test_the_allowed_origins_come_from_the_settings(
    make_client: MakeClient, container_for: Any, alices_token: str
) -> None:
    container = container_for("production", allowed_origins=["https://cms.example"])
    client = make_client(container=container)
    assert_refused_before_accept(client, {"origin": ALLOWED_ORIGIN})
    with client.websocket_connect(
        "/graphql", subprotocols=[TRANSPORT_WS], headers={"origin": "https://cms.example"}
    ) as socket:
        socket.send_json(
            {"type": "connection_init", "payload": {"authorization": f"Bearer {alices_token}"}}
        )
        assert socket.receive_json() == {"type": "connection_ack"}


# ---------------------------------------------------------------- authentication


def test_connection_init_with_a_bearer_token_is_acknowledged(
    client: TestClient, alices_token: str
) -> None:
    reply = connection_init(client, {"authorization": f"Bearer {alices_token}"})
    assert reply == {"type": "connection_ack"}


def test_connection_init_with_the_session_cookie_is_acknowledged(
    client: TestClient, alices_token: str
) -> None:
    reply = connection_init(client, cookie=f"cms_session={alices_token}")
    assert reply == {"type": "connection_ack"}


def test_connection_init_without_credentials_is_refused(client: TestClient) -> None:
    assert refused(client) == 4403


@pytest.mark.parametrize(
    "authorization", ["Bearer not-a-session", "Bearer ", "Basic YWxpY2U6cGFzcw==", 42]
)
def test_connection_init_with_a_bad_authorization_is_refused(
    client: TestClient, authorization: object
) -> None:
    assert refused(client, {"authorization": authorization}) == 4403


def test_a_bad_token_in_the_payload_is_refused_even_with_a_good_cookie(
    client: TestClient, alices_token: str
) -> None:
    code = refused(
        client, {"authorization": "Bearer not-a-session"}, cookie=f"cms_session={alices_token}"
    )
    assert code == 4403


def test_a_signed_out_session_is_refused(client: TestClient, alices_token: str) -> None:
    signed_out = client.post(
        "/graphql",
        json={"query": "mutation { signOut }"},
        headers={"authorization": f"Bearer {alices_token}"},
    )
    assert signed_out.json() == {"data": {"signOut": True}}
    assert refused(client, {"authorization": f"Bearer {alices_token}"}) == 4403


def test_the_page_this_server_served_may_open_a_websocket_on_any_port(
    make_client: MakeClient, alices_token: str
) -> None:
    """The UI is served from the same origin as the API, on whatever host and port it runs."""
    client = make_client("production")
    with client.websocket_connect(
        "ws://cms.internal:8765/graphql",
        subprotocols=[TRANSPORT_WS],
        headers={"origin": "http://cms.internal:8765"},
    ) as socket:
        socket.send_json(
            {"type": "connection_init", "payload": {"authorization": f"Bearer {alices_token}"}}
        )
        assert socket.receive_json() == {"type": "connection_ack"}
    # The same host under another scheme or port is another origin.
    for origin in ("https://cms.internal:8765", "http://cms.internal:8766"):
        with pytest.raises(WebSocketDenialResponse):
            client.websocket_connect(
                "ws://cms.internal:8765/graphql",
                subprotocols=[TRANSPORT_WS],
                headers={"origin": origin},
            ).__enter__()
