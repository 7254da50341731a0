"""One request is bounded: depth 10, 15 aliases, 2,000 tokens, and exactly one operation."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from tests.security.conftest import MakeClient, graphql, messages


@pytest.fixture
def client(make_client: MakeClient) -> TestClient:
    return make_client("production")


def nested(depth: int) -> str:
    """A selection `depth` levels deep below its top field: `{ f0 { f1 { ... } } }`."""
    query = f"f{depth}"
    for level in reversed(range(depth)):
        query = f"f{level} {{ {query} }}"
    return f"{{ {query} }}"


def test_a_query_ten_levels_deep_passes_the_depth_limit(client: TestClient) -> None:
    # The fields do not exist (this schema has no path ten levels deep yet), so the query
    # fails validation: but not for its depth.
    body = graphql(client, nested(10))
    assert body["errors"], body
    assert not [m for m in messages(body) if "depth" in m], body


def test_a_query_eleven_levels_deep_is_refused(client: TestClient) -> None:
    body = graphql(client, nested(11))
    assert body["data"] is None
    assert "'anonymous' exceeds maximum operation depth of 10" in messages(body)


def aliased(count: int) -> str:
    return "{ " + " ".join(f"a{n}: __typename" for n in range(count)) + " }"


def test_fifteen_aliases_are_answered(client: TestClient) -> None:
    body = graphql(client, aliased(15))
    assert "errors" not in body, body
    assert body["data"]["a14"] == "Query"


def test_sixteen_aliases_are_refused(client: TestClient) -> None:
    body = graphql(client, aliased(16))
    assert body["data"] is None
    assert messages(body) == ["16 aliases found. Allowed: 15"]


def tokens(count: int) -> str:
    """A valid query of exactly `count` tokens, most of them values in a list argument."""
    return "{ contacts(filter: {status: [" + "LOGGED " * (count - 16) + "]}) { totalCount } }"


def test_a_document_of_two_thousand_tokens_is_parsed_and_validated(client: TestClient) -> None:
    body = graphql(client, tokens(2_000))
    # It gets as far as the resolver, which wants a signed-in caller.
    assert [error["extensions"]["code"] for error in body["errors"]] == ["UNAUTHENTICATED"]


def test_a_document_of_more_than_two_thousand_tokens_is_refused(client: TestClient) -> None:
    body = graphql(client, tokens(2_001))
    assert body["data"] is None
    assert messages(body) == [
        "Syntax Error: Document contains more than 2000 tokens. Parsing aborted."
    ]


TWO_OPERATIONS = "query First { __typename } query Second { __typename }"


def test_a_document_with_two_operations_is_refused_even_naming_one(client: TestClient) -> None:
    response = client.post("/graphql", json={"query": TWO_OPERATIONS, "operationName": "First"})
    body = response.json()
    assert body["data"] is None
    assert messages(body) == ["Send one operation per request, not 2."]


def test_a_query_and_a_mutation_in_one_document_are_refused(client: TestClient) -> None:
    response = client.post(
        "/graphql",
        json={"query": "query Me { me { id } } mutation Out { signOut }", "operationName": "Me"},
    )
    assert messages(response.json()) == ["Send one operation per request, not 2."]


def test_one_operation_with_fragments_is_answered(client: TestClient) -> None:
    body = graphql(client, "query One { ...Name } fragment Name on Query { __typename }")
    assert body == {"data": {"__typename": "Query"}}
