"""What the web front end's account administration asks of the API, on each database."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from starlette.requests import Request

from cms.core.accounts.commands import DisableUser
from cms.core.accounts.model import OrganisationKind, Role, Viewer
from cms.graphql.context import Context
from cms.graphql.schema import build_schema
from tests.support.world import World

SCHEMA = build_schema(development=True)


def _request() -> Request:
    return Request({"type": "http", "method": "POST", "path": "/graphql", "headers": []})


class Api:
    """The schema executed in process, as one signed-in person at a time (or nobody)."""

    def __init__(self, world: World, run: Any) -> None:
        self.world, self.run = world, run
        self.people: dict[str, Viewer] = {}
        self.ids: dict[str, str] = {}
        self.emails: dict[str, str] = {}

    def join(self, name: str, short_code: str, *roles: Role) -> str:
        self.emails[name] = f"{name.lower()}@{short_code.lower()}.example"
        roles = roles or (Role.USER,)
        self.ids[name] = self.run(self.world.user(self.emails[name], short_code, name, roles))
        return self.ids[name]

    def sign_in(self, name: str) -> Viewer:
        self.people[name] = self.run(self.world.sign_in(self.emails[name]))[0]
        return self.people[name]

    def context(self, name: str | None) -> Context:
        return Context(
            request=_request(),
            response=None,
            services=self.world.container.api_services(),
            viewer=self.people[name] if name else None,
            session_token=None,
            bus=self.world.bus(),
        )

    def result(self, name: str | None, query: str, **variables: Any) -> Any:
        context = self.context(name)
        return self.run(SCHEMA.execute(query, variable_values=variables, context_value=context))

    def ask(self, name: str | None, query: str, **variables: Any) -> dict[str, Any]:
        result = self.result(name, query, **variables)
        assert not result.errors, result.errors
        assert result.data is not None
        return dict(result.data)


@pytest.fixture
def api(world: World, run: Any) -> Api:
    run(world.organisation("AGS", OrganisationKind.SHIPPER, "Alpha Gas Shipping"))
    run(world.organisation("BET", OrganisationKind.SHIPPER, "Beta Energy Trading"))
    run(world.organisation("CDSP", OrganisationKind.CDSP, "Xoserve (CDSP)"))
    api = Api(world, run)
    api.join("Lena", "AGS", Role.USER, Role.LSO)
    api.join("Adam", "CDSP", Role.USER, Role.ACCOUNT_ADMIN)
    api.sign_in("Lena")
    api.sign_in("Adam")
    return api


USERS = """query($search: String, $status: AccountStatus) {
  users(search: $search, status: $status) {
    name email status lastSignInAt daysInactive organisation { shortCode } } }"""


def test_users_are_found_by_words_of_their_name_or_email_with_days_inactive(
    api: Api, world: World, run: Any
) -> None:
    api.join("Tariq", "AGS")
    api.join("Tamsin", "BET")
    api.sign_in("Tariq")
    world.clock.set(world.clock.now() + timedelta(days=12))
    run(
        world.bus().handle(
            DisableUser(viewer=api.people["Lena"], user_id=api.ids["Tariq"], reason="Left.")
        )
    )

    found = api.ask("Adam", USERS, search="ta")["users"]
    assert [(u["name"], u["status"], u["daysInactive"]) for u in found] == [
        ("Tariq", "DISABLED", 12),
        ("Tamsin", "ACTIVE", 12),
    ]
    assert [u["name"] for u in api.ask("Adam", USERS, search="TARIQ@AGS")["users"]] == ["Tariq"]
    assert [u["name"] for u in api.ask("Lena", USERS, search="ta")["users"]] == ["Tariq"]
    active = api.ask("Lena", USERS, status="ACTIVE")["users"]
    assert [u["name"] for u in active] == ["Lena"]
    # Another LSO sees the days of their own organisation's users.
    api.join("Bruno", "BET", Role.USER, Role.LSO)
    api.sign_in("Bruno")
    assert api.ask("Bruno", USERS, search="tamsin")["users"][0]["daysInactive"] == 12


def test_a_search_too_long_is_refused_saying_how_long_it_may_be(api: Api) -> None:
    result = api.result("Adam", USERS, search="x" * 101)
    assert result.errors and "at most 100" in result.errors[0].message


INVITATION = """query($token: String!) { invitation(token: $token) {
  state name maskedEmail organisation expiresAt askWhom message passwordRules } }"""
NOMINATE = """mutation($input: NominateUserInput!) { nominateUser(input: $input) {
  __typename ... on Nomination { id } } }"""
APPROVE = """mutation($id: ID!) { approveNomination(id: $id) { __typename } }"""
ACCEPT = """mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) {
  __typename } }"""


def _invite_nadia(api: Api) -> str:
    request = {"name": "Nadia Newcomer", "email": "nadia@ags.example", "roles": ["USER"]}
    nomination = api.ask("Lena", NOMINATE, input=request)["nominateUser"]
    assert api.ask("Adam", APPROVE, id=nomination["id"])["approveNomination"]["__typename"] == (
        "User"
    )
    return api.world.sender.last_token_to("nadia@ags.example")


def test_an_invitation_link_says_whether_it_can_still_set_a_password_and_whom_to_ask(
    api: Api, world: World
) -> None:
    token = _invite_nadia(api)
    [email] = world.sender.to("nadia@ags.example")
    assert f"/invitation?token={token}" in email.body

    valid = api.ask(None, INVITATION, token=token)["invitation"]
    assert {k: valid[k] for k in ("state", "name", "maskedEmail", "organisation")} == {
        "state": "VALID",
        "name": "Nadia",
        "maskedEmail": "n***@ags.example",
        "organisation": "Alpha Gas Shipping",
    }
    assert valid["expiresAt"] and "12 characters" in " ".join(valid["passwordRules"])

    unknown = api.ask(None, INVITATION, token="not-a-token-we-gave")["invitation"]
    assert (unknown["state"], unknown["name"], unknown["organisation"]) == ("UNKNOWN", None, None)
    assert "Local Security Officer" in unknown["askWhom"]

    world.clock.set(world.clock.now() + timedelta(hours=73))
    expired = api.ask(None, INVITATION, token=token)["invitation"]
    assert (expired["state"], expired["name"], expired["maskedEmail"]) == ("EXPIRED", None, None)
    assert expired["askWhom"] == "Lena (your organisation's Local Security Officer)"
    assert "expired" in expired["message"] and "Lena" in expired["message"]


def test_a_used_invitation_says_so(api: Api) -> None:
    token = _invite_nadia(api)
    accepted = api.ask(None, ACCEPT, t=token, p="copper kettle lantern")["acceptInvitation"]
    assert accepted["__typename"] == "User"
    used = api.ask(None, INVITATION, token=token)["invitation"]
    assert used["state"] == "USED" and "sign in" in used["message"]


def test_the_password_rules_are_shown_before_anyone_types(api: Api) -> None:
    rules = api.ask(None, "{ passwordRules }")["passwordRules"]
    assert rules and any("12 characters" in rule for rule in rules)
    assert any("email" in rule for rule in rules)


AUDIT = """query($user: ID, $event: String) {
  auditLog(afterSeq: 0, first: 500, userId: $user, event: $event) {
    seq event actorId subjectId } }"""
CHAIN = "{ auditChainVerified { ok checkedEntries firstBrokenSeq reason } }"


def test_the_audit_log_is_filtered_by_user_and_event_and_its_chain_checked(
    api: Api, world: World, run: Any
) -> None:
    api.join("Tariq", "AGS")
    run(
        world.bus().handle(
            DisableUser(viewer=api.people["Lena"], user_id=api.ids["Tariq"], reason="Left.")
        )
    )
    disabled = api.ask("Adam", AUDIT, event="USER_DISABLED")["auditLog"]
    assert [(e["actorId"], e["subjectId"]) for e in disabled] == [
        (api.ids["Lena"], api.ids["Tariq"])
    ]
    tariqs = api.ask("Adam", AUDIT, user=api.ids["Tariq"])["auditLog"]
    assert {e["event"] for e in tariqs} == {"USER_DISABLED"}
    lenas = api.ask("Adam", AUDIT, user=api.ids["Lena"])["auditLog"]
    assert {"SIGN_IN_SUCCEEDED", "USER_DISABLED"} <= {e["event"] for e in lenas}

    everything = api.ask("Adam", AUDIT)["auditLog"]
    assert api.ask("Adam", CHAIN)["auditChainVerified"] == {
        "ok": True,
        "checkedEntries": len(everything),
        "firstBrokenSeq": None,
        "reason": None,
    }

    async def tamper() -> None:
        from sqlalchemy import update

        from cms.adapters.sql.tables import audit_log

        async with world.engine.begin() as connection:
            await connection.execute(
                update(audit_log).where(audit_log.c.seq == 3).values(client_address="10.0.0.1")
            )

    run(tamper())
    broken = api.ask("Adam", CHAIN)["auditChainVerified"]
    assert (broken["ok"], broken["firstBrokenSeq"], broken["checkedEntries"]) == (False, 3, 2)
    assert "edited" in broken["reason"]


def test_an_audit_event_that_does_not_exist_is_refused_naming_those_that_do(api: Api) -> None:
    result = api.result("Adam", AUDIT, event="USER_DELETED")
    assert result.errors and "USER_DISABLED" in result.errors[0].message


def test_a_pending_nomination_says_who_nominated_it(api: Api) -> None:
    request = {"name": "Nadia Newcomer", "email": "nadia@ags.example", "roles": ["USER"]}
    api.ask("Lena", NOMINATE, input=request)
    found = api.ask("Adam", "{ nominations { email nominatedBy { name email } } }")
    assert found["nominations"] == [
        {"email": "nadia@ags.example", "nominatedBy": {"name": "Lena", "email": "lena@ags.example"}}
    ]
