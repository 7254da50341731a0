"""A subscriber that falls behind is disconnected (and told to try again later), as a user's
client would see it from a real server."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import websockets

from tests.e2e.conftest import Demo, _serve
from tests.support.live import subscriber

RAISE = """mutation($input: RaiseMncContactInput!) { raiseMncContact(input: $input) {
  ... on ContactLogged { contact { crn } } } }"""
PICK_UP = "mutation($crn: String!) { pickUpContact(crn: $crn) { __typename } }"
TRY_AGAIN_LATER = 1013


@pytest.fixture
def cramped_demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Demo]:
    """The demo with room for one waiting message per subscriber."""
    monkeypatch.setenv("CMS_LIVE_QUEUE_SIZE", "1")
    yield from _serve(f"sqlite:///{tmp_path / 'var' / 'cms.db'}", tmp_path)


def test_a_subscriber_that_falls_behind_is_told_to_come_back_later(cramped_demo: Demo) -> None:
    demo = cramped_demo
    alice, agent = demo.sign_in("alice@alpha.example"), demo.sign_in("agent@cdsp.example")
    found = re.search(r"UDPRNs without a meter point: (.+)", demo.seed_output)
    assert found, demo.seed_output
    crns = []
    for udprn in re.findall(r"\b(\d{8})\b", found.group(1))[:6]:
        payload = {
            "udprn": udprn,
            "marketSector": "DOMESTIC",
            "annualQuantityKwh": 12000,
            "reason": "NEW_SERVICE",
        }
        logged = demo.graphql(RAISE, alice, input=payload)["data"]["raiseMncContact"]
        crns.append(logged["contact"]["crn"])

    async def watch() -> int | None:
        async with subscriber(demo.url, agent) as connection:
            await connection.subscribe("subscription { contactStatusChanged { crn } }")
            await asyncio.sleep(0.5)
            # Six changes at once: more than the one message it may have waiting.
            await asyncio.gather(
                *(asyncio.to_thread(demo.graphql, PICK_UP, agent, crn=crn) for crn in crns)
            )
            try:
                for _ in range(20):
                    await connection.next(within_s=10)
            except websockets.ConnectionClosed as closed:
                return closed.rcvd.code if closed.rcvd else None
            return None

    assert asyncio.run(watch()) == TRY_AGAIN_LATER
