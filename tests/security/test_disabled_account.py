"""A disabled account over HTTP: told so only once the password is proved.

Before the password is proved every refusal is one message, byte for byte, so that nobody learns
which email addresses have accounts or which accounts are disabled. After it, the person is told
that their account is disabled, why, and which Local Security Officer to ask.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from cms.core.accounts.commands import DisableUser
from cms.core.accounts.model import OrganisationKind, Role
from tests.security.conftest import MakeClient
from tests.support.world import PASSWORD, World

SIGN_IN = """mutation($e: String!, $p: String!) { signIn(input: {email: $e, password: $p}) {
  __typename ... on SignInFailed { message } } }"""
SIGN_IN_DISABLED = """mutation($e: String!, $p: String!) {
  signIn(input: {email: $e, password: $p}) {
    __typename ... on SignInFailed { message accountDisabled } } }"""
# The answer to a wrong password as it was before disabled accounts were told anything.
WRONG_PASSWORD_ANSWER = (
    b'{"data":{"signIn":{"__typename":"SignInFailed","message":"The email address or password '
    b'is not right, or the account cannot sign in."}}}'
)
TARIQ, ALICE = "tariq@ags.example", "alice@ags.example"


@pytest.fixture
def disabled_tariq(sqlite_url: str, run: Any) -> None:
    """Alpha's LSO Lena has disabled Tariq's account; Alice's is active."""
    world = World.start(sqlite_url, at=datetime.now(UTC))
    try:
        run(world.organisation("AGS", OrganisationKind.SHIPPER, "Alpha Gas Shipping"))
        run(world.user("lena@ags.example", "AGS", "Lena Okafor", (Role.USER, Role.LSO)))
        tariq = run(world.user(TARIQ, "AGS", "Tariq Shah"))
        run(world.user(ALICE, "AGS", "Alice Ward"))
        lena, _ = run(world.sign_in("lena@ags.example"))
        run(
            world.bus().handle(
                DisableUser(viewer=lena, user_id=tariq, reason="He is on long-term leave")
            )
        )
    finally:
        run(world.close())


def _sign_in(client: Any, email: str, password: str, query: str = SIGN_IN) -> bytes:
    response = client.post(
        "/graphql", json={"query": query, "variables": {"e": email, "p": password}}
    )
    assert response.status_code == 200
    return bytes(response.content)


@pytest.mark.usefixtures("disabled_tariq")
def test_a_wrong_password_for_a_disabled_account_is_answered_as_for_any_other(
    make_client: MakeClient,
) -> None:
    client = make_client("test")
    answers = {
        _sign_in(client, TARIQ, "not-the-password"),
        _sign_in(client, ALICE, "not-the-password"),
        _sign_in(client, "nobody@ags.example", "not-the-password"),
        _sign_in(client, TARIQ, "not-the-password", SIGN_IN_DISABLED).replace(
            b',"accountDisabled":false', b""
        ),
    }
    assert answers == {WRONG_PASSWORD_ANSWER}


@pytest.mark.usefixtures("disabled_tariq")
def test_the_right_password_for_a_disabled_account_says_why_and_whom_to_ask(
    make_client: MakeClient,
) -> None:
    client = make_client("test")
    body = client.post(
        "/graphql", json={"query": SIGN_IN_DISABLED, "variables": {"e": TARIQ, "p": PASSWORD}}
    ).json()
    failed = body["data"]["signIn"]
    assert failed == {
        "__typename": "SignInFailed",
        "message": "Your password is right, but your account is disabled: He is on long-term "
        "leave. To use CMS again, ask Lena Okafor (your organisation's Local Security Officer) "
        "to enable it.",
        "accountDisabled": True,
    }
    assert (
        "set-cookie"
        not in client.post(
            "/graphql", json={"query": SIGN_IN, "variables": {"e": TARIQ, "p": PASSWORD}}
        ).headers
    )
