"""What the web front end asks of the contacts API, answered by the schema on each database."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.requests import Request

from cms.core.accounts.model import OrganisationKind, Role, Viewer
from cms.graphql.context import Context
from cms.graphql.schema import build_schema
from tests.support.world import World, paf_csv_line

OAK_12_UDPRN = "31000012"
SCHEMA = build_schema(development=True)


def _request() -> Request:
    return Request({"type": "http", "method": "POST", "path": "/graphql", "headers": []})


class Api:
    """The schema executed in process, as one signed-in person at a time."""

    def __init__(self, world: World, run: Any) -> None:
        self.world, self.run = world, run
        self.people: dict[str, Viewer] = {}

    def join(self, name: str, short_code: str, *roles: Role) -> None:
        email = f"{name.lower()}@{short_code.lower()}.example"
        self.run(self.world.user(email, short_code, name, roles or (Role.USER,)))
        self.people[name] = self.run(self.world.sign_in(email))[0]

    def context(self, name: str) -> Context:
        return Context(
            request=_request(),
            response=None,
            services=self.world.container.api_services(),
            viewer=self.people[name],
            session_token=None,
            bus=self.world.bus(),
        )

    def ask(self, name: str, query: str, **variables: Any) -> dict[str, Any]:
        context = self.context(name)
        result = self.run(SCHEMA.execute(query, variable_values=variables, context_value=context))
        assert not result.errors, result.errors
        assert result.data is not None
        return dict(result.data)


@pytest.fixture
def api(world: World, run: Any) -> Api:
    run(world.organisation("AGS", OrganisationKind.SHIPPER, "Alpha Gas Shipping"))
    run(world.organisation("CDSP", OrganisationKind.CDSP, "Xoserve (CDSP)"))
    run(
        world.load_paf(
            [
                paf_csv_line(
                    postcode="LS6 2AB",
                    post_town="LEEDS",
                    thoroughfare="OAK ROAD",
                    building_number="12",
                    udprn=OAK_12_UDPRN,
                )
            ]
        )
    )
    api = Api(world, run)
    api.join("Alice", "AGS")
    api.join("Priya", "CDSP", Role.USER, Role.SUPERVISOR)
    return api


RAISE_TYPED = """
mutation($building: String!, $street: String, $postcode: String!) {
  raiseMncContact(input: {
    manualAddress: {buildingNameOrNumber: $building, thoroughfare: $street, postTown: "Leeds",
                    postcode: $postcode},
    marketSector: DOMESTIC, annualQuantityKwh: 12000, reason: NEW_SERVICE}) {
    __typename
    ... on ContactRejected { reasons { code field message suggestedUdprn } }
    ... on ContactLogged { contact { crn manualAddress } warnings { code field suggestedUdprn } }
  }
}"""


def test_a_typed_address_the_paf_holds_is_refused_with_the_udprn_to_choose(api: Api) -> None:
    answer = api.ask("Alice", RAISE_TYPED, building="12", street="Oak Rd", postcode="ls62ab")[
        "raiseMncContact"
    ]

    assert answer["__typename"] == "ContactRejected", answer
    [reason] = answer["reasons"]
    assert (reason["code"], reason["field"]) == ("MANUAL_ADDRESS_IN_PAF", "manualAddress")
    assert reason["suggestedUdprn"] == OAK_12_UDPRN
    assert '"12 OAK ROAD, LEEDS, LS6 2AB"' in reason["message"]


def test_a_typed_address_the_paf_lacks_is_logged_as_manual_with_a_warning(api: Api) -> None:
    answer = api.ask("Alice", RAISE_TYPED, building="14", street="Oak Road", postcode="LS6 2AB")[
        "raiseMncContact"
    ]

    assert answer["__typename"] == "ContactLogged", answer
    assert answer["contact"]["manualAddress"] is True
    assert answer["warnings"] == [
        {"code": "ADDRESS_NOT_IN_PAF", "field": "manualAddress", "suggestedUdprn": None}
    ]


RAISE_AT_OAK_12 = """mutation { raiseMncContact(input: {udprn: "31000012", marketSector: DOMESTIC,
  annualQuantityKwh: 12000, reason: NEW_SERVICE}) { ... on ContactLogged { contact { crn } } } }"""
ACTIONS = """query($crn: String!) { contact(crn: $crn) { status availableActions openQuestion } }"""
PICK_UP = """mutation($crn: String!) { pickUpContact(crn: $crn) { __typename } }"""
ASK = """mutation($crn: String!, $q: String!) { askShipper(crn: $crn, question: $q) {
  ... on Contact { availableActions openQuestion } } }"""


def test_each_person_is_offered_the_moves_they_may_make_now(api: Api) -> None:
    crn = api.ask("Alice", RAISE_AT_OAK_12)["raiseMncContact"]["contact"]["crn"]

    def seen_by(name: str) -> dict[str, Any]:
        return dict(api.ask(name, ACTIONS, crn=crn)["contact"])

    assert seen_by("Alice") == {
        "status": "LOGGED",
        "availableActions": ["WITHDRAW"],
        "openQuestion": None,
    }
    assert seen_by("Priya")["availableActions"] == ["PICK_UP", "ASSIGN"]

    api.ask("Priya", PICK_UP, crn=crn)
    asked = api.ask("Priya", ASK, crn=crn, q="Is the service new, or relaid?")["askShipper"]

    assert asked == {"availableActions": [], "openQuestion": "Is the service new, or relaid?"}
    assert seen_by("Alice") == {
        "status": "AWAITING_SHIPPER",
        "availableActions": ["ANSWER_QUESTION", "WITHDRAW"],
        "openQuestion": "Is the service new, or relaid?",
    }


LIST = """query($text: String, $order: ContactOrder, $after: String) {
  contacts(filter: {text: $text}, orderBy: $order, first: 1, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { crn } } } }"""
RAISE_TYPED_14 = """mutation { raiseMncContact(input: {manualAddress: {buildingNameOrNumber: "14",
  thoroughfare: "Oak Road", postTown: "Leeds", postcode: "LS6 2AB"}, marketSector: DOMESTIC,
  annualQuantityKwh: 12000, reason: NEW_SERVICE}) { __typename } }"""


def test_contacts_are_found_by_crn_or_address_words_in_the_order_asked(api: Api) -> None:
    api.ask("Alice", RAISE_AT_OAK_12)
    assert api.ask("Alice", RAISE_TYPED_14)["raiseMncContact"]["__typename"] == "ContactLogged"

    def crns(text: str | None, order: str | None = None) -> list[str]:
        found, after = [], None
        while True:
            page = api.ask("Alice", LIST, text=text, order=order, after=after)["contacts"]
            found += [edge["node"]["crn"] for edge in page["edges"]]
            if not page["pageInfo"]["hasNextPage"]:
                return found
            after = page["pageInfo"]["endCursor"]

    assert crns("mnc 2026 2") == ["MNC-2026-000002"]
    assert crns("14 oak rd") == ["MNC-2026-000002"]
    assert crns("oak road leeds", "OLDEST") == ["MNC-2026-000001", "MNC-2026-000002"]
    assert crns(None) == ["MNC-2026-000002", "MNC-2026-000001"]  # newest first by default
    assert crns(None, "DUE_SOONEST") == ["MNC-2026-000001", "MNC-2026-000002"]


def test_a_malformed_crn_in_the_text_is_refused_saying_what_a_crn_looks_like(
    api: Api, run: Any
) -> None:
    context = api.context("Alice")
    result = run(SCHEMA.execute(LIST, variable_values={"text": "MNC-26"}, context_value=context))

    [error] = result.errors or []
    assert error.extensions is not None
    assert (error.extensions["code"], error.extensions["field"]) == ("BAD_USER_INPUT", "text")
    assert "MNC-2026-000123" in error.message


NETWORKS = "{ networks { id name shortCode ldzs { code name } } }"
WHY = """query($crn: String!) { contact(crn: $crn) {
  status ldz ldzName allocationReason network { shortCode } availableActions
  history { kind note network { name } } } }"""
ALLOCATE = """mutation($crn: String!) { allocateToNetwork(crn: $crn) { __typename } }"""
MOVE = """mutation($crn: String!, $to: ID!, $note: String!) {
  moveToNetwork(crn: $crn, networkId: $to, note: $note) {
    __typename ... on Contact { status network { shortCode } }
    ... on InvalidInput { reasons { code field message } } } }"""
HAND_BACK = """mutation($crn: String!, $note: String!) { handBackToCdsp(crn: $crn, note: $note) {
  __typename ... on ContactHandedBack { crn message } } }"""


def test_a_contact_with_the_wrong_network_is_moved_or_handed_back_and_says_why(
    api: Api, run: Any
) -> None:
    api.join("Niall", "NGN")
    api.join("Wyn", "WWU")
    crn = api.ask("Alice", RAISE_AT_OAK_12)["raiseMncContact"]["contact"]["crn"]
    api.ask("Priya", PICK_UP, crn=crn)
    api.ask("Priya", ALLOCATE, crn=crn)

    networks = {n["shortCode"]: n for n in api.ask("Alice", NETWORKS)["networks"]}
    assert [ldz["name"] for ldz in networks["NGN"]["ldzs"]] == ["North East", "Northern"]
    seen = api.ask("Niall", WHY, crn=crn)["contact"]
    assert (seen["ldz"], seen["ldzName"]) == ("NE", "North East")
    assert seen["allocationReason"] == (
        "LS6 2AB is in LDZ NE (North East), which belongs to Northern Gas Networks."
    )
    assert "HAND_BACK" in seen["availableActions"]
    assert "MOVE_TO_NETWORK" in api.ask("Priya", WHY, crn=crn)["contact"]["availableActions"]

    handed = api.ask("Niall", HAND_BACK, crn=crn, note="Not our main.")["handBackToCdsp"]
    assert handed["__typename"] == "ContactHandedBack" and handed["crn"] == crn
    assert api.ask("Niall", WHY, crn=crn)["contact"] is None
    back = api.ask("Priya", WHY, crn=crn)["contact"]
    assert back["status"] == "WITH_CDSP"
    assert back["allocationReason"].endswith(
        "Northern Gas Networks handed it back to the CDSP on 2 March 2026: Not our main."
    )

    moved = api.ask("Priya", MOVE, crn=crn, to=networks["WWU"]["id"], note="Fed from Wales.")
    assert moved["moveToNetwork"] == {
        "__typename": "Contact",
        "status": "WITH_NETWORK",
        "network": {"shortCode": "WWU"},
    }
    now = api.ask("Wyn", WHY, crn=crn)["contact"]
    assert now["allocationReason"] == (
        "Moved to Wales & West Utilities by the CDSP on 2 March 2026: Fed from Wales."
    )
    assert [(e["kind"], e["network"]) for e in now["history"][-2:]] == [
        ("HANDED_BACK", {"name": "Northern Gas Networks"}),
        ("MOVED_TO_NETWORK", {"name": "Wales & West Utilities"}),
    ]
    again = api.ask("Priya", MOVE, crn=crn, to=networks["WWU"]["id"], note="Again.")
    assert again["moveToNetwork"]["reasons"][0]["code"] == "SAME_NETWORK"
