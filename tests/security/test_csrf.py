"""Only JSON may change anything: the encodings a browser sends cross-site without a preflight
(form, multipart, text/plain) are refused, and GET carries queries but never mutations."""

from __future__ import annotations

import json

import pytest
from starlette.testclient import TestClient

from tests.security.conftest import MakeClient

MUTATION = "mutation { signOut }"
REFUSAL = "Send requests that change anything as POST with Content-Type: application/json."


@pytest.fixture
def client(make_client: MakeClient) -> TestClient:
    return make_client("production")


def assert_refused_as_not_json(response: object) -> None:
    from httpx import Response

    assert isinstance(response, Response)
    assert response.status_code == 415, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["errors"][0]["message"] == REFUSAL
    assert body["errors"][0]["extensions"]["code"] == "UNSUPPORTED_MEDIA_TYPE"


def test_a_form_post_is_refused(client: TestClient) -> None:
    assert_refused_as_not_json(client.post("/graphql", data={"query": MUTATION}))


def test_a_multipart_form_post_is_refused(client: TestClient) -> None:
    response = client.post(
        "/graphql", data={"query": MUTATION}, files={"file": ("a.txt", b"hello", "text/plain")}
    )
    assert response.request.headers["content-type"].startswith("multipart/form-data")
    assert_refused_as_not_json(response)


def test_a_text_plain_post_of_json_is_refused(client: TestClient) -> None:
    # What <form enctype="text/plain"> or fetch(..., {mode: "no-cors"}) can send cross-site.
    response = client.post(
        "/graphql",
        content=json.dumps({"query": MUTATION}),
        headers={"content-type": "text/plain;charset=UTF-8"},
    )
    assert_refused_as_not_json(response)


def test_a_post_without_a_content_type_is_refused(client: TestClient) -> None:
    response = client.post("/graphql", content=json.dumps({"query": MUTATION}))
    assert "content-type" not in response.request.headers
    assert_refused_as_not_json(response)


@pytest.mark.parametrize("content_type", ["application/json", "application/json; charset=utf-8"])
def test_a_json_post_is_answered(client: TestClient, content_type: str) -> None:
    response = client.post(
        "/graphql",
        content=json.dumps({"query": MUTATION}),
        headers={"content-type": content_type},
    )
    assert response.status_code == 200
    assert response.json() == {"data": {"signOut": False}}


def test_get_answers_a_query(client: TestClient) -> None:
    response = client.get("/graphql", params={"query": "{ __typename }"})
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}


def test_get_refuses_a_mutation(client: TestClient) -> None:
    response = client.get("/graphql", params={"query": MUTATION})
    assert response.status_code == 405
    assert response.json()["errors"][0]["message"] == (
        "A mutation must be sent as POST: GET only reads."
    )


def test_get_refuses_a_mutation_hidden_behind_an_operation_name(client: TestClient) -> None:
    response = client.get(
        "/graphql", params={"query": "mutation Out { signOut }", "operationName": "Out"}
    )
    assert response.status_code == 405


def test_a_cross_site_form_cannot_sign_a_browser_out(client: TestClient, alices_token: str) -> None:
    browser = {"cookie": f"cms_session={alices_token}"}
    form = client.post("/graphql", data={"query": MUTATION}, headers=browser)
    assert_refused_as_not_json(form)
    link = client.get("/graphql", params={"query": MUTATION}, headers=browser)
    assert link.status_code == 405

    me = client.post("/graphql", json={"query": "{ me { email } }"}, headers=browser)
    assert me.json() == {"data": {"me": {"email": "alice@alpha.example"}}}
