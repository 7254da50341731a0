"""A Shipper raises and tracks an MNC contact through GraphQL over HTTP, on the seeded demo."""

from __future__ import annotations

import re
import time

import httpx

from tests.e2e.conftest import DEMO_PASSWORD, ENROL, SIGN_IN, VERIFY, Demo, cms

RAISE = """
mutation($input: RaiseMncContactInput!) {
  raiseMncContact(input: $input) {
    __typename
    ... on ContactLogged { contact { crn status raisedBy { email } shipper { shortCode }
                                     network { name } address { lines postcode ldz } } }
    ... on ContactRejected { reasons { code field message } }
  }
}"""
CONTACT = """query($crn: String!) { contact(crn: $crn) { crn status
  history { kind toStatus at actor { email } } } }"""
LIST = "{ contacts(first: 50) { totalCount edges { node { crn } } } }"


def _udprns(demo: Demo, label: str) -> list[str]:
    match = re.search(rf"{label}: (.+)", demo.seed_output)
    assert match, demo.seed_output
    return re.findall(r"\b(\d{8})\b", match.group(1))


def _raise(demo: Demo, token: str, **fields: object) -> dict[str, object]:
    payload = {
        "marketSector": "DOMESTIC",
        "annualQuantityKwh": 12000,
        "reason": "NEW_SERVICE",
        **fields,
    }
    body = demo.graphql(RAISE, token, input=payload)
    assert "errors" not in body, body
    return dict(body["data"]["raiseMncContact"])


def test_alice_raises_a_contact_and_finds_it_with_its_history(demo: Demo) -> None:
    token = demo.sign_in("alice@alpha.example")
    udprn = _udprns(demo, "UDPRNs without a meter point")[0]

    logged = _raise(demo, token, udprn=udprn)
    assert logged["__typename"] == "ContactLogged", logged
    contact = logged["contact"]
    assert re.fullmatch(r"MNC-\d{4}-\d{6}", contact["crn"])
    assert contact["status"] == "LOGGED" and contact["shipper"]["shortCode"] == "AGS"

    found = demo.graphql(CONTACT, token, crn=contact["crn"])["data"]["contact"]
    assert [(e["kind"], e["toStatus"], e["actor"]["email"]) for e in found["history"]] == [
        ("LOGGED", "LOGGED", "alice@alpha.example")
    ]

    bob = demo.sign_in("bob@beta.example")
    assert demo.graphql(CONTACT, bob, crn=contact["crn"])["data"]["contact"] is None
    bobs = demo.graphql(LIST, bob)["data"]["contacts"]
    assert contact["crn"] not in [edge["node"]["crn"] for edge in bobs["edges"]]
    agent = demo.sign_in("agent@cdsp.example")
    assert demo.graphql(CONTACT, agent, crn=contact["crn"])["data"]["contact"] is not None


def test_a_submission_with_several_faults_lists_every_one(demo: Demo) -> None:
    token = demo.sign_in("alice@alpha.example")
    with_mprn = _udprns(demo, "UDPRNs with a meter point")[0]
    refused = _raise(
        demo,
        token,
        udprn=with_mprn,
        annualQuantityKwh=0,
        meterSerialNumber="X" * 15,
        notes="n" * 1001,
    )
    assert refused["__typename"] == "ContactRejected"
    codes = {reason["code"] for reason in refused["reasons"]}
    assert {"SITE_HAS_MPRN", "AQ_NOT_POSITIVE", "TOO_LONG"} <= codes
    assert len(refused["reasons"]) == 4
    assert all(reason["message"] for reason in refused["reasons"])


def test_the_session_cookie_is_http_only_and_signs_the_browser_in(demo: Demo) -> None:
    with httpx.Client(base_url=demo.url) as browser:
        step = browser.post(
            "/graphql",
            json={"query": SIGN_IN, "variables": {"e": "lso@alpha.example", "p": DEMO_PASSWORD}},
        ).json()["data"]["signIn"]
        if step["__typename"] == "MfaEnrolmentRequired":
            step = browser.post(
                "/graphql", json={"query": ENROL, "variables": {"c": step["challengeId"]}}
            ).json()["data"]["enrolMfa"]
        response = browser.post(
            "/graphql",
            json={
                "query": VERIFY,
                "variables": {
                    "c": step["challengeId"],
                    "code": demo.last_code("lso@alpha.example"),
                },
            },
        )
        assert response.json()["data"]["verifyMfa"]["__typename"] == "SignedIn"
        cookie = response.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie and "secure" in cookie
        # httpx would not send a Secure cookie over http: hand it on as a browser on https would
        token = response.cookies.get("cms_session")
        me = browser.post(
            "/graphql",
            json={"query": "{ me { email } }"},
            headers={"cookie": f"cms_session={token}"},
        )
        assert me.json()["data"]["me"] == {"email": "lso@alpha.example"}


def test_signing_out_ends_the_session(demo: Demo) -> None:
    token = demo.new_session("dn@sgn.example")
    assert demo.graphql("mutation { signOut }", token)["data"]["signOut"] is True
    assert demo.graphql("{ me { email } }", token)["data"]["me"] is None
    assert demo.sign_in("alice@alpha.example") != token


def test_a_wrong_password_gets_the_one_refusal_message(demo: Demo) -> None:
    query = (
        'mutation { signIn(input: {email: "%s", password: "not-the-password"}) '
        "{ __typename ... on SignInFailed { message } } }"
    )
    known = demo.graphql(query % "alice@alpha.example")["data"]["signIn"]
    unknown = demo.graphql(query % "nobody@alpha.example")["data"]["signIn"]
    assert known["__typename"] == "SignInFailed" and known == unknown


def test_contacts_need_a_signed_in_user(demo: Demo) -> None:
    body = demo.graphql(LIST)
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_a_malformed_crn_gets_a_clear_error(demo: Demo) -> None:
    token = demo.sign_in("alice@alpha.example")
    body = demo.graphql(CONTACT, token, crn="MNC/26/12")
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "MNC-2026-000123" in body["errors"][0]["message"]


def test_mutations_are_refused_over_get_and_graphiql_is_off_outside_development(
    demo: Demo,
) -> None:
    response = httpx.get(f"{demo.url}/graphql", params={"query": "mutation { signOut }"})
    assert response.status_code in (400, 405)
    page = httpx.get(f"{demo.url}/graphql", headers={"accept": "text/html"})
    assert "graphiql" not in page.text.lower()


def test_seeding_again_creates_nothing_new(demo: Demo) -> None:
    again = cms(["seed-demo"], demo.env, demo.cwd)
    output = again.stdout + again.stderr
    assert "created" not in output
    assert "PAF delivery points: 4,000" in output


def test_cms_schema_prints_the_sdl(demo: Demo) -> None:
    sdl = cms(["schema"], demo.env, demo.cwd).stdout
    assert "raiseMncContact(input: RaiseMncContactInput!): RaiseMncContactResult!" in sdl


NETWORK_USERS = {
    "CADENT": "dn@cadent.example",
    "NGN": "dn@ngn.example",
    "SGN": "dn@sgn.example",
    "WWU": "dn@wwu.example",
}
QUEUE = """query($scope: QueueScope!) { workQueue(scope: $scope, first: 50) {
  edges { node { crn status } } } }"""
MOVE = """mutation($crn: String!) { %s(crn: $crn%s) { __typename
  ... on Contact { status } ... on InvalidTransition { message status }
  ... on NotFound { message } ... on NotPermitted { message }
  ... on InvalidInput { reasons { message } } } }"""


def _in_queue(demo: Demo, token: str, scope: str, crn: str) -> bool:
    edges = demo.graphql(QUEUE, token, scope=scope)["data"]["workQueue"]["edges"]
    return crn in [edge["node"]["crn"] for edge in edges]


def _move(demo: Demo, token: str, mutation: str, crn: str, extra: str = "") -> dict[str, object]:
    body = demo.graphql(MOVE % (mutation, extra), token, crn=crn)
    assert "errors" not in body, body
    return dict(body["data"][mutation])


def test_the_journey_runs_end_to_end_and_each_queue_holds_the_contact_while_it_waits(
    demo: Demo,
) -> None:
    alice, agent = demo.sign_in("alice@alpha.example"), demo.sign_in("agent@cdsp.example")
    udprn = _udprns(demo, "UDPRNs without a meter point")[2]
    logged = _raise(demo, alice, udprn=udprn)
    crn = logged["contact"]["crn"]
    dn = demo.sign_in(
        NETWORK_USERS[
            demo.graphql(
                "query($crn: String!) { contact(crn: $crn) { network { shortCode } } }",
                alice,
                crn=crn,
            )["data"]["contact"]["network"]["shortCode"]
        ]
    )

    assert _in_queue(demo, agent, "UNASSIGNED", crn) and not _in_queue(
        demo, dn, "ORGANISATION", crn
    )
    assert _move(demo, agent, "pickUpContact", crn)["status"] == "WITH_CDSP"
    assert _in_queue(demo, agent, "MINE", crn)
    asked = _move(demo, agent, "askShipper", crn, ', question: "Is the service laid yet?"')
    assert asked["status"] == "AWAITING_SHIPPER" and _in_queue(demo, alice, "MINE", crn)
    assert not _in_queue(demo, agent, "MINE", crn)
    assert (
        _move(demo, alice, "answerQuestion", crn, ', answer: "Yes, last week"')["status"]
        == "WITH_CDSP"
    )
    assert not _in_queue(demo, alice, "MINE", crn)
    assert _move(demo, agent, "allocateToNetwork", crn)["status"] == "WITH_NETWORK"
    assert _in_queue(demo, dn, "ORGANISATION", crn) and not _in_queue(demo, agent, "MINE", crn)
    assert _move(demo, dn, "acceptContact", crn)["status"] == "NETWORK_ACCEPTED"
    assert not _in_queue(demo, dn, "ORGANISATION", crn)

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        contact = demo.graphql(
            "query($crn: String!) { contact(crn: $crn) { status mprn "
            "history { kind actor { email } } } }",
            alice,
            crn=crn,
        )["data"]["contact"]
        if contact["status"] == "MPRN_CREATED":
            break
        time.sleep(0.2)
    assert contact["status"] == "MPRN_CREATED" and re.fullmatch(r"\d{10}", contact["mprn"])
    assert [event["kind"] for event in contact["history"]] == [
        "LOGGED",
        "PICKED_UP",
        "QUESTION_ASKED",
        "QUESTION_ANSWERED",
        "ALLOCATED_TO_NETWORK",
        "NETWORK_ACCEPTED",
        "MPRN_CREATED",
    ]
    withdrawn = _move(demo, alice, "withdrawContact", crn, ', note: "Changed our mind"')
    assert withdrawn["__typename"] == "InvalidTransition"
