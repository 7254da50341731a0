"""Callers' mistakes are logged at INFO in one line; ERROR, with a traceback, is kept for faults of
our own, so that an alert on ERROR means something is wrong with the service."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, NoReturn

import pytest
from dependency_injector import providers

from cms.container import Container
from tests.security.conftest import MakeClient, graphql

SECRET = "connection to db-primary.internal:5432 refused"


class Exploding:
    def __getattr__(self, name: str) -> Callable[..., NoReturn]:
        def explode(*args: Any, **kwargs: Any) -> NoReturn:
            raise RuntimeError(SECRET)

        return explode


def graphql_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [
        record for record in caplog.records if record.name.startswith(("cms.graphql", "strawberry"))
    ]


@pytest.mark.parametrize(
    ("query", "variables", "logged"),
    [
        ("{ contacts { totalCount } }", {}, "UNAUTHENTICATED"),
        ('{ contact(crn: "MNC-1") { crn } }', {}, "UNAUTHENTICATED"),
        ("{ noSuchField }", {}, "Cannot query field 'noSuchField'"),
        ("{ me { ", {}, "Syntax Error"),
        ("query($n: Int) { contacts(first: $n) { totalCount } }", {"n": 2.5}, "Variable '$n'"),
        ("{ " + " ".join(["me { id }"] * 300) + " }", {}, "QUERY_TOO_COMPLEX"),
    ],
    ids=["unauthenticated", "unauthenticated-contact", "validation", "syntax", "variable", "cost"],
)
def test_a_callers_mistake_is_logged_at_info_without_a_traceback(
    make_client: MakeClient,
    caplog: pytest.LogCaptureFixture,
    query: str,
    variables: dict[str, Any],
    logged: str,
) -> None:
    client = make_client("production")
    caplog.set_level(logging.INFO)

    graphql(client, query, **variables)

    records = graphql_records(caplog)
    assert records, "the mistake was not logged at all"
    assert [record.levelno for record in records] == [logging.INFO] * len(records)
    assert all(record.exc_info is None for record in records)
    assert any(logged in record.getMessage() for record in records), [
        record.getMessage() for record in records
    ]


def test_a_fault_of_ours_is_logged_at_error_with_its_traceback(
    make_client: MakeClient,
    container_for: Callable[..., Container],
    alices_token: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    container = container_for("production")
    container.contact_queries.override(providers.Object(Exploding()))
    client = make_client(container=container)
    caplog.set_level(logging.INFO)

    graphql(client, "{ contacts(first: 5) { totalCount } }", token=alices_token)

    [record] = [r for r in graphql_records(caplog) if r.levelno >= logging.WARNING]
    assert record.levelno == logging.ERROR
    assert record.exc_info is not None and isinstance(record.exc_info[1], RuntimeError)
    assert SECRET in record.getMessage()
