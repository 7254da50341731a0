"""The per-process fan-out: bounded queues, slow subscribers dropped, duplicates ignored."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from cms.adapters.pubsub import codec
from cms.adapters.pubsub.hub import LiveHub
from cms.core.contacts.lifecycle import ContactStatus
from cms.core.notifications.live import LiveMessage, NotificationAdded, StatusChanged
from cms.core.notifications.model import Notification

AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def change(number: int, shipper: str = "ags", network: str | None = None) -> StatusChanged:
    return StatusChanged(
        event_id=f"event-{number}",
        crn=f"MNC-2026-{number:06d}",
        from_status=ContactStatus.LOGGED,
        to_status=ContactStatus.WITH_CDSP,
        at=AT,
        shipper_organisation_id=shipper,
        allocated_network=network,
    )


def everything(message: LiveMessage) -> bool:
    return True


async def drain(queue: asyncio.Queue[LiveMessage | None]) -> list[LiveMessage | None]:
    items = []
    while not queue.empty():
        items.append(queue.get_nowait())
    return items


def test_each_subscriber_gets_what_it_wants_and_nothing_else() -> None:
    hub = LiveHub(queue_size=10)
    ags = hub.subscribe(
        lambda m: isinstance(m, StatusChanged) and m.crn.endswith("1"), lambda: None
    )
    all_ = hub.subscribe(everything, lambda: None)
    hub.deliver([change(1), change(2)])
    assert asyncio.run(drain(ags.queue)) == [change(1)]
    assert asyncio.run(drain(all_.queue)) == [change(1), change(2)]


def test_a_slow_subscriber_is_dropped_and_the_others_keep_everything() -> None:
    hub = LiveHub(queue_size=3)
    dropped: list[str] = []
    slow = hub.subscribe(everything, lambda: dropped.append("slow"))
    fast = hub.subscribe(everything, lambda: None)

    async def scenario() -> list[LiveMessage]:
        received: list[LiveMessage] = []
        for number in range(10):
            hub.deliver([change(number)])
            received.extend(m for m in await drain(fast.queue) if m is not None)
        return received

    received = asyncio.run(scenario())
    assert dropped == ["slow"] and hub.subscriber_count == 1
    assert [m.key for m in received] == [change(n).key for n in range(10)]

    async def slow_stream() -> list[LiveMessage]:
        return [message async for message in slow.messages()]

    assert asyncio.run(slow_stream()) == []  # its stream ends at once: it must reconnect


def test_a_message_delivered_twice_reaches_subscribers_once() -> None:
    hub = LiveHub(queue_size=10)
    subscriber = hub.subscribe(everything, lambda: None)
    hub.deliver([change(1)])
    hub.deliver([change(1), change(2)])  # the relay published again after a restart
    assert asyncio.run(drain(subscriber.queue)) == [change(1), change(2)]


def test_an_unsubscribed_client_gets_nothing_more() -> None:
    hub = LiveHub(queue_size=10)
    subscriber = hub.subscribe(everything, lambda: None)
    hub.unsubscribe(subscriber)
    hub.deliver([change(1)])
    assert subscriber.queue.empty() and hub.subscriber_count == 0


def test_messages_cross_processes_unchanged() -> None:
    notification = Notification(
        id="n-1",
        recipient_id="alice",
        event_id="event-1",
        created_at=AT,
        message="MNC-2026-000001 is now with the CDSP.",
        crn="MNC-2026-000001",
        status=ContactStatus.WITH_CDSP,
    )
    messages: list[LiveMessage] = [change(1, network="NGN"), NotificationAdded(notification)]
    assert codec.decode(codec.encode(messages)) == messages


def test_a_payload_that_is_not_ours_is_refused() -> None:
    for payload in (b"not json", b"{}", b'[{"type": "other"}]', b'[{"type": "status"}]'):
        try:
            codec.decode(payload)
        except ValueError:
            continue
        raise AssertionError(f"accepted {payload!r}")


def test_visibility_follows_the_contact_scope() -> None:
    from cms.core.accounts.model import Organisation, OrganisationKind, Viewer

    def viewer(kind: OrganisationKind, org_id: str, code: str) -> Viewer:
        return Viewer(
            user_id="u",
            name="U",
            email="u@x.example",
            organisation=Organisation(id=org_id, name=code, kind=kind, short_code=code),
        )

    allocated = change(1, shipper="ags", network="NGN")
    assert allocated.visible_to(viewer(OrganisationKind.SHIPPER, "ags", "AGS"))
    assert not allocated.visible_to(viewer(OrganisationKind.SHIPPER, "bet", "BET"))
    assert allocated.visible_to(viewer(OrganisationKind.NETWORK, "ngn", "NGN"))
    assert not allocated.visible_to(viewer(OrganisationKind.NETWORK, "wwu", "WWU"))
    assert allocated.visible_to(viewer(OrganisationKind.CDSP, "cdsp", "CDSP"))
    assert not change(2).visible_to(viewer(OrganisationKind.NETWORK, "ngn", "NGN"))
