"""The session and remember-device cookies: HttpOnly, SameSite=Strict, and Secure outside
development (a developer's http://127.0.0.1 would never send a Secure cookie back)."""

from __future__ import annotations

from collections.abc import Callable
from http.cookies import SimpleCookie

import pytest
from dependency_injector import providers

from cms.container import Container
from tests.security.conftest import ALICE, PASSWORD, Env, MakeClient
from tests.support.fakes import RecordingSender

SIGN_IN = """mutation($email: String!, $password: String!) {
  signIn(input: {email: $email, password: $password}) {
    __typename ... on MfaEnrolmentRequired { challengeId } ... on MfaRequired { challengeId } } }"""
ENROL = """mutation($id: ID!) { enrolMfa(input: {challengeId: $id, channel: EMAIL}) {
  __typename ... on MfaRequired { challengeId } } }"""
VERIFY = """mutation($id: ID!, $code: String!) {
  verifyMfa(input: {challengeId: $id, code: $code, rememberDevice: true}) {
    __typename ... on SignedIn { sessionToken } } }"""


def signed_in_cookies(
    make_client: MakeClient, container_for: Callable[..., Container], env: Env
) -> SimpleCookie:
    """Sign Alice in through the API, second factor included, and return the cookies set."""
    container = container_for(env)
    sender = RecordingSender()
    container.sender.override(providers.Object(sender))
    client = make_client(container=container)

    def call(query: str, **variables: object) -> dict[str, object]:
        response = client.post("/graphql", json={"query": query, "variables": variables})
        body = response.json()
        assert "errors" not in body, body
        return dict(next(iter(body["data"].values())))

    step = call(SIGN_IN, email=ALICE, password=PASSWORD)
    if step["__typename"] == "MfaEnrolmentRequired":
        step = call(ENROL, id=step["challengeId"])
    assert step["__typename"] == "MfaRequired", step
    response = client.post(
        "/graphql",
        json={
            "query": VERIFY,
            "variables": {"id": step["challengeId"], "code": sender.last_code_to(ALICE)},
        },
    )
    assert response.json()["data"]["verifyMfa"]["__typename"] == "SignedIn", response.text
    cookies: SimpleCookie = SimpleCookie()
    for header in response.headers.get_list("set-cookie"):
        cookies.load(header)
    assert {"cms_session", "cms_device"} <= set(cookies), cookies
    return cookies


@pytest.mark.parametrize("env", ["production", "test"])
def test_cookies_are_http_only_strict_and_secure_outside_development(
    make_client: MakeClient, container_for: Callable[..., Container], alice: str, env: Env
) -> None:
    for name, cookie in signed_in_cookies(make_client, container_for, env).items():
        assert cookie["httponly"] is True, name
        assert cookie["samesite"].lower() == "strict", name
        assert cookie["secure"] is True, name
        assert cookie["path"] == "/", name


def test_cookies_are_http_only_and_strict_but_not_secure_in_development(
    make_client: MakeClient, container_for: Callable[..., Container], alice: str
) -> None:
    for name, cookie in signed_in_cookies(make_client, container_for, "development").items():
        assert cookie["httponly"] is True, name
        assert cookie["samesite"].lower() == "strict", name
        assert not cookie["secure"], name
