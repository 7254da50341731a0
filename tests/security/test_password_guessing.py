"""changePassword over HTTP: five wrong current passwords end the session, cookie and all."""

from __future__ import annotations

from http.cookies import SimpleCookie

from tests.security.conftest import MakeClient, graphql

CHANGE = """mutation($old: String!, $new: String!) {
  changePassword(input: {currentPassword: $old, newPassword: $new}) {
    __typename ... on InvalidInput { reasons { code field message } } } }"""
NEW_PASSWORD = "Quiet-harbour-lanterns-2027"


def test_the_fifth_wrong_current_password_signs_the_browser_out(
    make_client: MakeClient, alices_token: str
) -> None:
    client = make_client()
    for _ in range(4):
        body = graphql(client, CHANGE, alices_token, old="Summer2026!", new=NEW_PASSWORD)
        codes = [reason["code"] for reason in body["data"]["changePassword"]["reasons"]]
        assert codes == ["PASSWORD_WRONG"]
    response = client.post(
        "/graphql",
        json={"query": CHANGE, "variables": {"old": "Summer2026!", "new": NEW_PASSWORD}},
        headers={"authorization": f"Bearer {alices_token}"},
    )
    (reason,) = response.json()["data"]["changePassword"]["reasons"]
    assert reason["code"] == "TOO_MANY_WRONG_PASSWORDS"
    assert "signed out" in reason["message"]
    cookies: SimpleCookie = SimpleCookie()
    for header in response.headers.get_list("set-cookie"):
        cookies.load(header)
    assert "cms_session" in cookies and cookies["cms_session"]["max-age"] == "0", cookies
    assert graphql(client, "{ me { id } }", alices_token)["data"]["me"] is None
