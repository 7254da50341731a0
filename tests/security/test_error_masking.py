"""Unexpected errors reach the caller as one fixed message; expected ones keep theirs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn

import pytest
from dependency_injector import providers

from cms.container import Container
from tests.security.conftest import MakeClient, graphql, messages

SECRET = "connection to db-primary.internal:5432 refused for user cms_owner"
MASKED = "Something went wrong on our side; it has been logged."


class Exploding:
    """A query port whose every method fails as a broken database would."""

    def __getattr__(self, name: str) -> Callable[..., NoReturn]:
        def explode(*args: Any, **kwargs: Any) -> NoReturn:
            raise RuntimeError(SECRET)

        return explode


@pytest.mark.parametrize(
    "query",
    [
        "{ contacts(first: 5) { totalCount } }",
        '{ contact(crn: "MNC-2026-000123") { crn } }',
    ],
)
def test_an_internal_error_is_masked(
    make_client: MakeClient,
    container_for: Callable[..., Container],
    alices_token: str,
    query: str,
) -> None:
    container = container_for("production")
    container.contact_queries.override(providers.Object(Exploding()))
    client = make_client(container=container)

    response = client.post(
        "/graphql", json={"query": query}, headers={"authorization": f"Bearer {alices_token}"}
    )

    assert SECRET not in response.text
    assert "RuntimeError" not in response.text
    body = response.json()
    assert messages(body) == [MASKED]


def test_unauthenticated_keeps_its_message(make_client: MakeClient) -> None:
    body = graphql(make_client("production"), "{ contacts(first: 5) { totalCount } }")
    error = body["errors"][0]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert error["message"] == "Sign in first: this needs a signed-in user."


def test_bad_user_input_keeps_its_message(make_client: MakeClient, alices_token: str) -> None:
    body = graphql(
        make_client("production"), '{ contact(crn: "MNC/26/12") { crn } }', token=alices_token
    )
    error = body["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "MNC-2026-000123" in error["message"]
    assert error["message"] != MASKED


def test_a_mistake_in_the_query_keeps_its_message(make_client: MakeClient) -> None:
    body = graphql(make_client("production"), "{ noSuchField }")
    assert messages(body) == ["Cannot query field 'noSuchField' on type 'Query'."]
