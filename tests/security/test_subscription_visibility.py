"""Subscriptions tell each caller only what they may see, checked for every message."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from starlette.testclient import TestClient

from cms.core.accounts.model import OrganisationKind, Role
from cms.core.contacts.commands import RaiseMncContact
from cms.core.contacts.raising import ContactLoggedResult
from cms.core.contacts.values import MarketSector, MncReason
from tests.security.conftest import MakeClient, graphql
from tests.support.world import World, paf_csv_line

TRANSPORT_WS = "graphql-transport-ws"
ALL_CHANGES = "subscription { contactStatusChanged { crn toStatus contact { status } } }"
ONE_CONTACT = "subscription($crn: String) { contactStatusChanged(crn: $crn) { crn toStatus } }"
MY_NOTIFICATIONS = "subscription { notificationAdded { crn status message } }"
PICK_UP = "mutation($crn: String!) { pickUpContact(crn: $crn) { __typename } }"


@pytest.fixture
def cast(sqlite_url: str, run: Any) -> dict[str, str]:
    """Alice (AGS) and Bob (BET) have each raised a contact; tokens for them and an agent."""
    world = World.start(sqlite_url, at=datetime.now(UTC))
    found: dict[str, str] = {}
    try:
        run(world.reference_data())
        run(world.networks())
        run(world.organisation("AGS", OrganisationKind.SHIPPER, "Alpha Gas Shipping"))
        run(world.organisation("BET", OrganisationKind.SHIPPER, "Beta Energy Trading"))
        run(world.organisation("CDSP", OrganisationKind.CDSP, "Xoserve (CDSP)"))
        run(world.user("alice@alpha.example", "AGS", "Alice Ashworth"))
        run(world.user("bob@beta.example", "BET", "Bob Brennan"))
        run(world.user("agent@cdsp.example", "CDSP", "Priya Agent", (Role.USER,)))
        run(
            world.load_paf(
                paf_csv_line(
                    postcode="M20 3JH",
                    post_town="MANCHESTER",
                    thoroughfare="Palatine Road",
                    building_number=str(number),
                    udprn=f"4000000{number}",
                )
                for number in (1, 2)
            )
        )
        for who, email, udprn in (
            ("alice", "alice@alpha.example", "40000001"),
            ("bob", "bob@beta.example", "40000002"),
        ):
            viewer, found[who] = run(world.sign_in(email))
            logged = run(
                world.bus().handle(
                    RaiseMncContact(
                        raised_by=viewer,
                        udprn=udprn,
                        manual_address=None,
                        market_sector=MarketSector.DOMESTIC,
                        annual_quantity_kwh=12_000,
                        reason=MncReason.NEW_SERVICE,
                    )
                )
            )
            assert isinstance(logged, ContactLoggedResult)
            found[f"{who}_crn"] = str(logged.crn)
        found["agent"] = run(world.sign_in("agent@cdsp.example"))[1]
        while run(world.container.relay_loop().run_once()):
            pass  # the raising is old news by the time anyone subscribes
    finally:
        run(world.close())
    return found


@pytest.fixture
def client(make_client: MakeClient, cast: dict[str, str]) -> TestClient:
    """The app, started once the cast is in place and its news is old."""
    return make_client("production")


class Socket:
    def __init__(self, socket: Any) -> None:
        self.socket = socket

    def subscribe(self, operation: str, query: str, **variables: Any) -> None:
        self.socket.send_json(
            {
                "id": operation,
                "type": "subscribe",
                "payload": {"query": query, "variables": variables},
            }
        )

    def next(self) -> dict[str, Any]:
        while True:
            message = dict(self.socket.receive_json())
            if message["type"] not in ("ping", "complete"):
                return message


@pytest.fixture
def connect(client: TestClient) -> Iterator[Any]:
    from contextlib import ExitStack

    with ExitStack() as stack:

        def open_as(token: str) -> Socket:
            socket = stack.enter_context(
                client.websocket_connect("/graphql", subprotocols=[TRANSPORT_WS])
            )
            socket.send_json(
                {"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}}
            )
            assert socket.receive_json() == {"type": "connection_ack"}
            return Socket(socket)

        yield open_as


def error_of(message: dict[str, Any]) -> dict[str, Any]:
    """The one error a subscription ended with (sent as its only result)."""
    assert message["type"] == "next" and message["payload"]["data"] is None, message
    (error,) = message["payload"]["errors"]
    return dict(error)


def pick_up(client: TestClient, cast: dict[str, str], crn: str) -> None:
    body = graphql(client, PICK_UP, cast["agent"], crn=crn)
    assert body["data"]["pickUpContact"]["__typename"] == "Contact", body


def test_a_shipper_watching_every_contact_sees_only_its_own(
    client: TestClient, cast: dict[str, str], connect: Any
) -> None:
    bob = connect(cast["bob"])
    bob.subscribe("all", ALL_CHANGES)
    pick_up(client, cast, cast["alice_crn"])  # Alice's: not Bob's to see
    pick_up(client, cast, cast["bob_crn"])
    message = bob.next()
    assert message["payload"]["data"]["contactStatusChanged"] == {
        "crn": cast["bob_crn"],
        "toStatus": "WITH_CDSP",
        "contact": {"status": "WITH_CDSP"},
    }


def test_the_cdsp_watching_every_contact_sees_each_change(
    client: TestClient, cast: dict[str, str], connect: Any
) -> None:
    agent = connect(cast["agent"])
    agent.subscribe("all", ALL_CHANGES)
    pick_up(client, cast, cast["alice_crn"])
    pick_up(client, cast, cast["bob_crn"])
    seen = [agent.next()["payload"]["data"]["contactStatusChanged"]["crn"] for _ in range(2)]
    assert sorted(seen) == sorted([cast["alice_crn"], cast["bob_crn"]])


def test_watching_a_contact_one_may_not_see_is_refused_as_if_absent(
    cast: dict[str, str], connect: Any
) -> None:
    bob = connect(cast["bob"])
    bob.subscribe("alices", ONE_CONTACT, crn=cast["alice_crn"])
    refused = error_of(bob.next())
    assert refused["extensions"]["code"] == "NOT_FOUND"
    bob.subscribe("absent", ONE_CONTACT, crn="MNC-2026-999999")
    absent = error_of(bob.next())
    assert absent["extensions"] == refused["extensions"]
    assert absent["message"].replace("MNC-2026-999999", cast["alice_crn"]) == refused["message"]


def test_a_malformed_crn_gets_a_clear_error(cast: dict[str, str], connect: Any) -> None:
    alice = connect(cast["alice"])
    alice.subscribe("bad", ONE_CONTACT, crn="not-a-crn")
    refused = error_of(alice.next())
    assert refused["extensions"]["code"] == "BAD_USER_INPUT"
    assert "MNC-2026-000123" in refused["message"]  # it shows what a CRN looks like


def test_notifications_reach_only_their_recipient(
    client: TestClient, cast: dict[str, str], connect: Any
) -> None:
    bob = connect(cast["bob"])
    bob.subscribe("mine", MY_NOTIFICATIONS)
    pick_up(client, cast, cast["alice_crn"])  # tells Alice, not Bob
    pick_up(client, cast, cast["bob_crn"])
    told = bob.next()["payload"]["data"]["notificationAdded"]
    assert told["crn"] == cast["bob_crn"] and told["status"] == "WITH_CDSP"


def test_each_subscriber_gets_the_fields_it_asked_for_when_others_ask_for_others(
    client: TestClient, cast: dict[str, str], connect: Any
) -> None:
    """The selection runs once per event for everyone asking the same thing, and only them."""
    agent, alice = connect(cast["agent"]), connect(cast["alice"])
    agent.subscribe("short", "subscription { contactStatusChanged { crn } }")
    agent.subscribe("long", ALL_CHANGES)
    alice.subscribe("long", ALL_CHANGES)
    pick_up(client, cast, cast["alice_crn"])
    by_operation = {}
    for _ in range(2):
        message = agent.next()
        by_operation[message["id"]] = message["payload"]["data"]["contactStatusChanged"]
    assert by_operation["short"] == {"crn": cast["alice_crn"]}
    assert by_operation["long"] == alice.next()["payload"]["data"]["contactStatusChanged"]
    assert by_operation["long"]["contact"] == {"status": "WITH_CDSP"}
