"""Over the WebSocket too, a document refused before it is checked is answered with an error
message for that operation, and the connection serves on."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from tests.security.conftest import ALLOWED_ORIGIN, MakeClient

TRANSPORT_WS = "graphql-transport-ws"
# A query: a valid subscription, were it let through, would wait for events for ever.
ABUSIVE = "query { " + " ".join(["me { id }"] * 300) + " }"


@contextmanager
def signed_in_socket(client: TestClient, token: str) -> Iterator[Any]:
    with client.websocket_connect(
        "/graphql", subprotocols=[TRANSPORT_WS], headers={"origin": ALLOWED_ORIGIN}
    ) as socket:
        socket.send_json(
            {"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}}
        )
        assert socket.receive_json() == {"type": "connection_ack"}
        yield socket


def subscribe(socket: Any, operation_id: str, query: str) -> None:
    socket.send_json({"id": operation_id, "type": "subscribe", "payload": {"query": query}})


def test_a_document_too_costly_to_check_gets_an_error_message(
    make_client: MakeClient, alices_token: str
) -> None:
    with signed_in_socket(make_client("production"), alices_token) as socket:
        subscribe(socket, "1", ABUSIVE)

        reply = socket.receive_json()

        assert reply["type"] == "error" and reply["id"] == "1", reply
        assert reply["payload"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"
        # The connection serves on: a second operation is answered.
        subscribe(socket, "2", "query { __typename }")
        assert socket.receive_json() == {
            "id": "2",
            "type": "next",
            "payload": {"data": {"__typename": "Query"}},
        }


def test_a_document_that_does_not_parse_closes_with_its_syntax_error(
    make_client: MakeClient, alices_token: str
) -> None:
    # graphql-transport-ws: a document that does not parse closes the socket with 4400.
    with signed_in_socket(make_client("production"), alices_token) as socket:
        subscribe(socket, "1", "subscription { notificationAdded { ")
        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_json()

    assert closed.value.code == 4400
    assert closed.value.reason.startswith("Syntax Error: Expected Name, found <EOF>.")
