"""Every answer from /graphql is JSON in the GraphQL-over-HTTP shape, whatever was wrong with the
request; `application/graphql-response+json` is served to a client that asks for it."""

from __future__ import annotations

import json

import httpx
import pytest
from starlette.testclient import TestClient

from tests.security.conftest import MakeClient

GRAPHQL_RESPONSE = "application/graphql-response+json"
SUBSCRIPTION = "subscription { notificationAdded { id } }"


@pytest.fixture
def client(make_client: MakeClient) -> TestClient:
    return make_client("production")


def error_of(response: httpx.Response, status: int, code: str) -> str:
    """The one error's message, after checking the status, the media type and the code."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].split(";")[0] == "application/json", response.headers
    body = response.json()
    assert set(body) == {"errors"}, body
    [error] = body["errors"]
    assert error["extensions"]["code"] == code, error
    return str(error["message"])


def post_raw(client: TestClient, body: str | bytes, **headers: str) -> httpx.Response:
    return client.post(
        "/graphql", content=body, headers={"content-type": "application/json", **headers}
    )


# ---- a JSON body that is not one operation ---------------------------------------------------


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ('"x"', "a string"),
        ("42", "a number"),
        ("4.2", "a number"),
        ("null", "null"),
        ("true", "a boolean"),
    ],
)
def test_a_json_body_that_is_not_an_object_is_a_bad_request(
    client: TestClient, body: str, kind: str
) -> None:
    message = error_of(post_raw(client, body), 400, "BAD_REQUEST")
    assert message == (
        'The request body must be a JSON object such as {"query": "{ me { name } }"}, '
        f"not {kind}."
    )


def test_after_a_body_that_is_not_an_object_the_connection_serves_on(client: TestClient) -> None:
    post_raw(client, '"x"')
    response = client.post("/graphql", json={"query": "{ __typename }"})
    assert response.json() == {"data": {"__typename": "Query"}}


def test_a_list_of_operations_is_refused_as_json(client: TestClient) -> None:
    message = error_of(
        client.post("/graphql", json=[{"query": "{ __typename }"}]), 400, "BAD_REQUEST"
    )
    assert message == "Send one operation per request: batches are not accepted."


def test_a_body_that_is_not_json_is_refused_as_json(client: TestClient) -> None:
    message = error_of(post_raw(client, '{"query": '), 400, "BAD_REQUEST")
    assert message == (
        "The request body is not valid JSON (Expecting value: line 1 column 11 (char 10))."
    )


def test_a_body_that_is_not_utf8_is_refused_as_json(client: TestClient) -> None:
    message = error_of(post_raw(client, '{"query": "\xff"}'.encode("latin-1")), 400, "BAD_REQUEST")
    assert message.startswith("The request body is not valid JSON (")


def test_get_variables_that_are_not_json_are_refused_as_json(client: TestClient) -> None:
    response = client.get("/graphql", params={"query": "{ __typename }", "variables": "{x"})
    assert error_of(response, 400, "BAD_REQUEST").startswith(
        "The variables parameter is not valid JSON ("
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"query": 42}, "The request's query must be a string holding a GraphQL document."),
        ({}, 'No GraphQL query found: send {"query": "..."} (or ?query= with GET).'),
        (
            {"query": "{ __typename }", "variables": [1]},
            "The request's variables must be a JSON object (or null).",
        ),
        (
            {"query": "{ __typename }", "operationName": 7},
            "The request's operationName must be a string (or null).",
        ),
        (
            {"query": "{ __typename }", "extensions": "x"},
            "The request's extensions must be a JSON object (or null).",
        ),
    ],
    ids=["query-not-a-string", "no-query", "variables", "operation-name", "extensions"],
)
def test_a_malformed_field_of_the_body_is_named(
    client: TestClient, body: dict[str, object], expected: str
) -> None:
    assert error_of(client.post("/graphql", json=body), 400, "BAD_REQUEST") == expected


def test_an_operation_name_the_document_lacks_is_refused_as_json(client: TestClient) -> None:
    response = client.post(
        "/graphql", json={"query": "query A { __typename }", "operationName": "B"}
    )
    assert error_of(response, 400, "BAD_REQUEST") == ("The document has no operation named 'B'.")


# ---- media types -----------------------------------------------------------------------------


@pytest.mark.parametrize("content_type", ["APPLICATION/JSON", "Application/Json; Charset=UTF-8"])
def test_the_json_media_type_is_matched_in_any_case(client: TestClient, content_type: str) -> None:
    response = client.post(
        "/graphql",
        content=json.dumps({"query": "{ __typename }"}),
        headers={"content-type": content_type},
    )
    assert response.status_code == 200, response.text
    assert response.json() == {"data": {"__typename": "Query"}}


def test_a_browser_asking_for_a_page_outside_development_is_answered_as_json(
    client: TestClient,
) -> None:
    response = client.get("/graphql", headers={"accept": "text/html"})
    assert error_of(response, 404, "NOT_FOUND") == (
        "There is no page here: send GraphQL requests as POST with a JSON body, "
        "or queries as GET with ?query=."
    )


def test_a_method_other_than_get_and_post_is_refused_as_json(client: TestClient) -> None:
    response = client.put("/graphql", json={"query": "{ __typename }"})
    assert error_of(response, 405, "METHOD_NOT_ALLOWED") == (
        "Send GraphQL requests as POST (or queries as GET)."
    )
    assert response.headers["allow"] == "GET, POST"


# ---- operations HTTP does not carry ----------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["mutation { signOut }", "mutation Out { signOut }"], ids=["bare", "named"]
)
def test_get_refuses_a_mutation_with_405_as_json(client: TestClient, query: str) -> None:
    response = client.get("/graphql", params={"query": query})
    assert error_of(response, 405, "METHOD_NOT_ALLOWED") == (
        "A mutation must be sent as POST: GET only reads."
    )
    assert response.headers["allow"] == "POST"


SUBSCRIPTIONS_MESSAGE = (
    "Subscriptions are served over the WebSocket at /graphql "
    "(protocol graphql-transport-ws), not over plain HTTP."
)


def test_a_subscription_posted_over_http_says_where_subscriptions_are(
    client: TestClient,
) -> None:
    response = client.post("/graphql", json={"query": SUBSCRIPTION})
    assert error_of(response, 400, "BAD_REQUEST") == SUBSCRIPTIONS_MESSAGE


@pytest.mark.parametrize(
    "accept", ["multipart/mixed;subscriptionSpec=1.0, application/json", "application/json"]
)
def test_a_subscription_over_get_says_where_subscriptions_are(
    client: TestClient, accept: str
) -> None:
    response = client.get("/graphql", params={"query": SUBSCRIPTION}, headers={"accept": accept})
    assert error_of(response, 400, "BAD_REQUEST") == SUBSCRIPTIONS_MESSAGE


# ---- application/graphql-response+json -------------------------------------------------------


def ask_for_graphql_response(client: TestClient, body: object) -> httpx.Response:
    return client.post("/graphql", json=body, headers={"accept": GRAPHQL_RESPONSE})


def test_a_client_asking_for_graphql_response_json_gets_it(client: TestClient) -> None:
    response = ask_for_graphql_response(client, {"query": "{ __typename }"})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == GRAPHQL_RESPONSE
    assert response.json() == {"data": {"__typename": "Query"}}


def test_a_query_that_fails_validation_is_a_400_without_data(client: TestClient) -> None:
    response = ask_for_graphql_response(client, {"query": "{ noSuchField }"})
    assert response.status_code == 400
    assert response.headers["content-type"].split(";")[0] == GRAPHQL_RESPONSE
    body = response.json()
    assert "data" not in body
    assert body["errors"][0]["message"] == "Cannot query field 'noSuchField' on type 'Query'."


def test_a_document_that_does_not_parse_is_a_400_without_data(client: TestClient) -> None:
    response = ask_for_graphql_response(client, {"query": "{ me { "})
    assert response.status_code == 400
    assert "data" not in response.json()


def test_a_variable_of_the_wrong_type_is_a_400_without_data(client: TestClient) -> None:
    response = ask_for_graphql_response(
        client,
        {"query": "query($n: Int) { contacts(first: $n) { totalCount } }", "variables": {"n": 1.5}},
    )
    assert response.status_code == 400
    assert "data" not in response.json()


def test_a_field_error_is_a_200_with_data(client: TestClient) -> None:
    # Execution began: the error belongs to a field, and `data` is there (null here).
    response = ask_for_graphql_response(client, {"query": "{ contacts { totalCount } }"})
    assert response.status_code == 200
    body = response.json()
    assert "data" in body
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_a_malformed_request_is_answered_in_the_media_type_asked_for(client: TestClient) -> None:
    response = post_raw(client, "42", accept=GRAPHQL_RESPONSE)
    assert response.status_code == 400
    assert response.headers["content-type"].split(";")[0] == GRAPHQL_RESPONSE
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


def test_a_preference_for_application_json_is_respected(client: TestClient) -> None:
    response = client.post(
        "/graphql",
        json={"query": "{ noSuchField }"},
        headers={"accept": f"application/json, {GRAPHQL_RESPONSE};q=0.5"},
    )
    assert response.headers["content-type"].split(";")[0] == "application/json"
    assert response.status_code == 200
    assert response.json()["data"] is None


def test_application_json_stays_the_default(client: TestClient) -> None:
    response = client.post("/graphql", json={"query": "{ noSuchField }"})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == "application/json"
    assert response.json()["data"] is None
