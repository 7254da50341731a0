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
