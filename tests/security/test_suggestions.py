"""Outside development, errors name nothing the caller did not write: no "Did you mean ...?".

Suggestions would let anyone map the schema by guessing near-misses, which is what turning
introspection off is meant to prevent; developers keep them (and introspection).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.security.conftest import MakeClient, graphql, messages

NEAR_MISSES: list[tuple[str, dict[str, Any], str]] = [
    ("{ auditLo { seq } }", {}, "Cannot query field 'auditLo' on type 'Query'."),
    ("{ auditLog(frist: 1) { seq } }", {}, "Unknown argument 'frist' on field 'Query.auditLog'."),
    (
        "{ contacts(filter: {status: [LOGGE]}) { totalCount } }",
        {},
        "Value 'LOGGE' does not exist in 'ContactStatus' enum.",
    ),
    (
        "query($f: ContactFilter) { contacts(filter: $f) { totalCount } }",
        {"f": {"status": ["LOGGE"]}},
        "Variable '$f' has invalid value at .status[0]: "
        "Value 'LOGGE' does not exist in 'ContactStatus' enum.",
    ),
    (
        "query($f: ContactFilter) { contacts(filter: $f) { totalCount } }",
        {"f": {"statu": ["LOGGED"]}},
        "Variable '$f' has invalid value: "
        "Expected value of type 'ContactFilter' not to include unknown field 'statu', "
        "found: {'statu': ['LOGGED']}.",
    ),
    ("query($f: ContactFiltre) { __typename }", {}, "Unknown type 'ContactFiltre'."),
]
IDS = ["field", "argument", "enum-literal", "enum-variable", "input-field", "type"]


@pytest.mark.parametrize(("query", "variables", "expected"), NEAR_MISSES, ids=IDS)
@pytest.mark.parametrize("env", ["production", "test"])
def test_a_near_miss_gets_no_suggestion_outside_development(
    make_client: MakeClient, env: str, query: str, variables: dict[str, Any], expected: str
) -> None:
    body = graphql(make_client(env), query, **variables)

    assert expected in messages(body), messages(body)
    assert not [message for message in messages(body) if "Did you mean" in message]


@pytest.mark.parametrize(("query", "variables", "expected"), NEAR_MISSES[:4], ids=IDS[:4])
def test_developers_still_get_suggestions(
    make_client: MakeClient, query: str, variables: dict[str, Any], expected: str
) -> None:
    body = graphql(make_client("development"), query, **variables)

    assert [message for message in messages(body) if "Did you mean" in message], body
