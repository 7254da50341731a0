"""A person always sees their own account whole: signing in, where no one is signed in yet,
included (others' details are in the authorisation table's User rows)."""

from __future__ import annotations

from collections.abc import Callable

from dependency_injector import providers

from cms.container import Container
from tests.security.conftest import ALICE, PASSWORD, MakeClient, graphql
from tests.support.fakes import RecordingSender

SIGN_IN = """mutation($email: String!, $password: String!) {
  signIn(input: {email: $email, password: $password}) {
    __typename ... on MfaEnrolmentRequired { challengeId } } }"""
ENROL = """mutation($id: ID!) { enrolMfa(input: {challengeId: $id, channel: EMAIL}) {
  ... on MfaRequired { challengeId } } }"""
VERIFY = """mutation($id: ID!, $code: String!) { verifyMfa(input: {challengeId: $id, code: $code}) {
  __typename ... on SignedIn { user { roles status mfaChannel lastSignInAt } } } }"""


def test_the_sign_in_answer_shows_the_person_their_own_account(
    make_client: MakeClient, container_for: Callable[..., Container], alice: str
) -> None:
    container = container_for()
    sender = RecordingSender()
    container.sender.override(providers.Object(sender))
    client = make_client(container=container)
    started = graphql(client, SIGN_IN, email=ALICE, password=PASSWORD)["data"]["signIn"]
    step = graphql(client, ENROL, id=started["challengeId"])["data"]["enrolMfa"]
    body = graphql(client, VERIFY, id=step["challengeId"], code=sender.last_code_to(ALICE))
    user = body["data"]["verifyMfa"]["user"]
    assert user["roles"] == ["USER"] and user["status"] == "ACTIVE"
    assert user["mfaChannel"] == "EMAIL" and user["lastSignInAt"] is not None


def test_me_shows_the_person_their_own_account(make_client: MakeClient, alices_token: str) -> None:
    me = graphql(make_client(), "{ me { roles mfaChannel lastSignInAt } }", alices_token)
    assert me["data"]["me"]["roles"] == ["USER"]
    assert me["data"]["me"]["mfaChannel"] == "EMAIL" and me["data"]["me"]["lastSignInAt"]
