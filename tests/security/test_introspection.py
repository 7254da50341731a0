"""Introspection and GraphiQL are for developers: off unless CMS_ENV=development."""

from __future__ import annotations

import pytest

from tests.security.conftest import MakeClient, graphql, messages

SCHEMA = "{ __schema { queryType { name } } }"
TYPE = '{ __type(name: "Contact") { name fields { name } } }'
REFUSED = "GraphQL introspection has been disabled, but the requested query contained the field"


@pytest.mark.parametrize("env", ["production", "test"])
def test_introspection_is_refused_outside_development(make_client: MakeClient, env: str) -> None:
    client = make_client(env)
    for query, field in ((SCHEMA, "__schema"), (TYPE, "__type")):
        body = graphql(client, query)
        assert body["data"] is None
        assert messages(body)[0] == f"{REFUSED} {field!r}."
        assert all(message.startswith(REFUSED) for message in messages(body))


def test_typename_is_not_introspection_and_still_works(make_client: MakeClient) -> None:
    assert graphql(make_client("production"), "{ __typename }") == {"data": {"__typename": "Query"}}


def test_introspection_works_in_development(make_client: MakeClient) -> None:
    client = make_client("development")
    assert graphql(client, SCHEMA) == {"data": {"__schema": {"queryType": {"name": "Query"}}}}
    assert graphql(client, TYPE)["data"]["__type"]["name"] == "Contact"


def test_graphiql_is_not_served_outside_development(make_client: MakeClient) -> None:
    response = make_client("production").get("/graphql", headers={"accept": "text/html"})
    assert response.status_code == 404
    assert "graphiql" not in response.text.lower()


def test_graphiql_is_served_in_development(make_client: MakeClient) -> None:
    response = make_client("development").get("/graphql", headers={"accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "graphiql" in response.text.lower()
