"""A variable whose value does not fit its type is the caller's mistake: say what and where.

The same value written inline is refused by validation with a clear message; sent as a variable
it must be just as clear, never "something went wrong on our side".
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.security.conftest import MakeClient, graphql, messages

MASKED = "Something went wrong on our side"

CONTACTS = (
    "query($first: Int, $filter: ContactFilter) "
    "{ contacts(first: $first, filter: $filter) { totalCount } }"
)
RAISE = """mutation($input: RaiseMncContactInput!) { raiseMncContact(input: $input) {
  __typename } }"""
VISIT = """mutation($planned: Date!) { bookSiteVisit(crn: "MNC-2026-000001", plannedFor: $planned) {
  __typename } }"""
RAISE_INPUT = {
    "udprn": "12026001",
    "marketSector": "DOMESTIC",
    "annualQuantityKwh": 12000,
    "reason": "NEW_SERVICE",
}


@pytest.mark.parametrize(
    ("query", "variables", "expected"),
    [
        (
            CONTACTS,
            {"first": 12.5},
            "Variable '$first' has invalid value: Int cannot represent non-integer value: 12.5",
        ),
        (
            CONTACTS,
            {"first": "ten"},
            "Variable '$first' has invalid value: Int cannot represent non-integer value: 'ten'",
        ),
        (
            CONTACTS,
            {"filter": {"status": ["SHIPPED"]}},
            "Variable '$filter' has invalid value at .status[0]: "
            "Value 'SHIPPED' does not exist in 'ContactStatus' enum.",
        ),
        (
            RAISE,
            {"input": {key: value for key, value in RAISE_INPUT.items() if key != "reason"}},
            "Variable '$input' has invalid value: "
            "Expected value of type 'RaiseMncContactInput' to include required field 'reason'",
        ),
        (
            VISIT,
            {"planned": "the ninth"},
            "Variable '$planned' has invalid value: ",
        ),
    ],
    ids=["fraction-for-int", "string-for-int", "unknown-enum-value", "missing-field", "bad-date"],
)
def test_a_variable_of_the_wrong_type_is_explained(
    make_client: MakeClient, query: str, variables: dict[str, Any], expected: str
) -> None:
    body = graphql(make_client("production"), query, **variables)

    assert body["data"] is None
    [message] = messages(body)
    assert MASKED not in message
    assert message.startswith(expected), message
    # Where: the variable's definition in the document.
    [variable] = variables
    column = query.index(f"${variable}") + 1
    assert body["errors"][0]["locations"] == [{"line": 1, "column": column}]


def test_a_missing_required_variable_is_explained(make_client: MakeClient) -> None:
    body = graphql(make_client("production"), VISIT)

    assert messages(body) == [
        "Variable '$planned' has invalid value: "
        "Expected a value of non-null type 'Date!' to be provided."
    ]
