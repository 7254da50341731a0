"""A query whose checking would cost more than answering it is refused before it is checked.

graphql-core's overlapping-fields rule compares every pair of fields that share a name in one
selection set, so a few kilobytes of one repeated field kept the event loop busy for seconds.
The shape of a document is measured first (fields and fragments counted wherever fragments are
spread, and the pairs of same-named fields the rule would compare); only a document within the
bounds goes on to the validation rules.
"""

from __future__ import annotations

from typing import Any

import pytest
from graphql import GraphQLError, parse
from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from cms.graphql import hardening
from tests.security.conftest import MakeClient, graphql, messages

TOO_COMPLEX = "QUERY_TOO_COMPLEX"


@pytest.fixture
def client(make_client: MakeClient) -> TestClient:
    return make_client("production")


def codes(body: dict[str, Any]) -> list[str | None]:
    return [(error.get("extensions") or {}).get("code") for error in body.get("errors") or []]


def repeated(field: str, times: int) -> str:
    return "{ " + " ".join([field] * times) + " }"


def test_one_field_repeated_hundreds_of_times_is_refused_saying_which(client: TestClient) -> None:
    body = graphql(client, repeated("me { id }", 490))

    assert body["data"] is None
    assert codes(body) == [TOO_COMPLEX]
    # Counting stops once over the bound: 46 `me` make 1,035 pairs to compare.
    assert messages(body) == [
        "'me' is selected 46 or more times in one selection set (counting fragments wherever "
        "they are spread), too often to check. Select each field once."
    ]


def test_the_repeats_are_refused_before_the_document_is_parsed(client: TestClient) -> None:
    # Parsing the whole text would have found the stray braces at its end.
    body = graphql(client, repeated("me { id }", 490) + " } } }")

    assert codes(body) == [TOO_COMPLEX]


def test_repeats_in_a_comment_or_a_string_are_not_counted(client: TestClient) -> None:
    padding = " ".join(["me { id }"] * 100)
    query = f'# {padding}\n{{ address(udprn: "{padding}") {{ udprn }} }}'

    body = graphql(client, query)

    assert codes(body) == ["UNAUTHENTICATED"], body


def test_the_refusal_comes_before_the_validation_rules_run(client: TestClient) -> None:
    # The same document with an unknown field: only the cost is reported, so none of the
    # validation rules (the expensive one among them) looked at it.
    body = graphql(client, repeated("me { id }", 490)[:-1] + " noSuchField }")

    assert codes(body) == [TOO_COMPLEX]
    assert not [message for message in messages(body) if "noSuchField" in message]


def test_repeats_through_fragment_spreads_are_counted(client: TestClient) -> None:
    query = repeated("...Me", 300) + " fragment Me on Query { me { id } }"

    body = graphql(client, query)

    assert codes(body) == [TOO_COMPLEX]
    assert "'me' is selected 300 times" in messages(body)[0]


def test_repeats_through_inline_fragments_are_counted(client: TestClient) -> None:
    body = graphql(client, repeated("... on Query { me { id } }", 120))

    assert codes(body) == [TOO_COMPLEX]
    assert "'me' is selected 46 or more times" in messages(body)[0]


def test_repeats_nested_inside_repeats_multiply(client: TestClient) -> None:
    # Ten `me`, each with ten `organisation`: the rule compares 100 x 100 organisations.
    inner = " ".join(["organisation { id }"] * 10)
    body = graphql(client, repeated(f"me {{ {inner} }}", 10))

    assert codes(body) == [TOO_COMPLEX]
    assert "'organisation' is selected 100 times" in messages(body)[0]


def test_a_fragment_that_is_never_spread_is_measured_too(client: TestClient) -> None:
    # The rules check every fragment of the document, used or not.
    query = "{ __typename } fragment Unused on Query { " + " ".join(["me { id }"] * 300) + " }"

    body = graphql(client, query)

    assert codes(body) == [TOO_COMPLEX]


def test_fragments_spreading_each_other_are_refused_without_expanding_them_all(
    client: TestClient,
) -> None:
    # Each fragment spreads every later one: 2^19 paths when expanded naively, as the alias
    # limiter does (with 30 fragments, which 2,000 tokens allow, it counted for half an hour).
    fragments = " ".join(
        f"fragment F{index} on Query {{ a{index}: __typename "
        + " ".join(f"...F{later}" for later in range(index + 1, 20))
        + " }"
        for index in range(20)
    )

    body = graphql(client, "{ ...F0 } " + fragments)

    assert codes(body) == [TOO_COMPLEX]


def test_more_than_five_hundred_selections_are_refused(client: TestClient) -> None:
    body = graphql(client, "{ " + " ".join(f"a{n}: __typename" for n in range(501)) + " }")

    assert codes(body) == [TOO_COMPLEX]
    assert messages(body) == [
        "This document selects more than 500 fields and fragments, counting each fragment "
        "wherever it is spread. Ask for fewer fields, or split the query into several requests."
    ]


def test_many_fragments_spread_side_by_side_are_refused(client: TestClient) -> None:
    # The rule compares every pair of fragments spread in one selection set.
    spreads = " ".join(f"...F{index}" for index in range(100))
    fragments = " ".join(f"fragment F{index} on Query {{ __typename }}" for index in range(100))

    body = graphql(client, "{ " + spreads + " } " + fragments)

    assert codes(body) == [TOO_COMPLEX]


def test_a_real_clients_query_with_repeated_typenames_is_answered(client: TestClient) -> None:
    # Code generators add __typename to every selection, inline fragments included.
    query = """mutation {
      signIn(input: {email: "nobody@alpha.example", password: "wrong-one-2026"}) {
      __typename
      ... on SignedIn { __typename sessionToken }
      ... on MfaRequired { __typename challengeId maskedDestination }
      ... on MfaEnrolmentRequired { __typename challengeId }
      ... on SignInFailed { __typename message } } }"""

    body = graphql(client, query)

    assert "errors" not in body, body
    assert body["data"]["signIn"]["__typename"] == "SignInFailed"


def test_a_field_asked_for_twice_is_still_fine(client: TestClient) -> None:
    assert graphql(client, "{ __typename __typename }") == {"data": {"__typename": "Query"}}


def test_a_document_is_validated_once_however_often_it_is_sent(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    validations: list[object] = []
    real_validate = hardening.validate

    def counting_validate(*args: Any, **kwargs: Any) -> Any:
        validations.append(args[1])
        return real_validate(*args, **kwargs)

    monkeypatch.setattr(hardening, "validate", counting_validate)
    query = "{ validatedOnce: __typename }"

    for _ in range(3):
        assert graphql(client, query) == {"data": {"validatedOnce": "Query"}}

    assert len(validations) == 1


# ---- the text's count never refuses what the document's count lets through -----------------

NAMES = st.sampled_from(["me", "id", "on", "query"])
STRINGS = st.sampled_from(['"{ me { id } }"', '"""a { b } (c) ... d"""', '"x\\" ( {"'])


@st.composite
def selection_sets(draw: st.DrawFn, depth: int = 0) -> str:
    selections = []
    for _ in range(draw(st.integers(1, 250 if depth == 0 else 5))):
        kind = draw(st.sampled_from(["field"] * 6 + ["inline", "spread"]))
        if kind == "spread":
            selections.append(f"...F{draw(st.integers(0, 2))}")
        elif kind == "inline" and depth < 2:
            condition = draw(st.sampled_from(["", "on Query ", "@include(if: true) "]))
            selections.append(f"... {condition}{draw(selection_sets(depth + 1))}")
        else:
            alias = draw(st.sampled_from(["", "", "a1: ", "on: "]))
            arguments = draw(
                st.sampled_from(["", "", "", "(x: 1)", f"(s: {draw(STRINGS)})", "(o: {a: 1})"])
            )
            directive = draw(st.sampled_from(["", "", "", " @skip(if: false)"]))
            nested = depth < 2 and draw(st.integers(0, 7)) == 0
            sub = f" {draw(selection_sets(depth + 1))}" if nested else ""
            selections.append(f"{alias}{draw(NAMES)}{arguments}{directive}{sub}")
    comment = draw(st.sampled_from(["", "# { me me me }\n"]))
    return "{ " + comment + " ".join(selections) + " }"


@st.composite
def documents(draw: st.DrawFn) -> str:
    operation = draw(st.sampled_from(["", "query Q($v: In = {a: {b: 1}}) ", "query "]))
    fragments = [f"fragment F{n} on Query {draw(selection_sets(1))}" for n in range(3)]
    return operation + draw(selection_sets()) + " " + " ".join(fragments)


@settings(max_examples=100, deadline=None)
@given(documents())
def test_the_text_is_never_refused_when_the_parsed_document_is_within_bounds(text: str) -> None:
    try:
        document = parse(text, max_tokens=hardening.MAX_TOKENS)
    except GraphQLError:
        return  # the parser refuses it anyway
    if hardening.cost_refusal(document) is None:
        assert hardening.text_refusal(text) is None
