"""Live updates in the distributed mode, with real processes: two `cms serve`, `cms worker`,
PostgreSQL and Redis. A change made through one server reaches the subscribers of another
quickly; Redis going away fails no change and loses no notification; a worker killed in the
middle of its work neither loses nor doubles a notification."""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from redis import Redis
from sqlalchemy import func, select

from cms.adapters.sql.tables import event_log, notifications, relay_checkpoints
from cms.core.accounts.model import OrganisationKind, Viewer
from cms.core.contacts.commands import PickUpContact, RaiseMncContact
from cms.core.contacts.raising import ContactLoggedResult
from cms.core.contacts.values import MarketSector, MncReason
from tests.support.live import Subscriber, subscriber
from tests.support.processes import STARTUP_S, PrivateRedis, Processes, cms_environment
from tests.support.world import World, paf_csv_line

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

LATENCY_LIMIT_S = 1.0
RECOVERY_S = 15.0  # Redis back: the relay republishes and the servers read on
# Test 3: contacts picked up before the worker runs, and while it runs (and is killed).
BACKLOG, STREAMED = 50, 50

STATUS_CHANGES = """subscription($crn: String) { contactStatusChanged(crn: $crn) {
  crn fromStatus toStatus at contact { crn status } } }"""
NOTIFICATIONS_ADDED = """subscription { notificationAdded { id crn status message read } }"""
PICK_UP = """mutation($crn: String!) { pickUpContact(crn: $crn) {
  __typename ... on Contact { crn status } ... on InvalidTransition { message }
  ... on NotPermitted { message } ... on NotFound { message } } }"""
ALLOCATE = """mutation($crn: String!) { allocateToNetwork(crn: $crn) {
  __typename ... on Contact { crn status } ... on InvalidTransition { message }
  ... on NotPermitted { message } ... on NotFound { message } } }"""
NOTIFICATION_AREA = """query { notifications(first: 100) {
  totalCount edges { node { id crn status message createdAt } } } unreadNotificationCount }"""


def _channel() -> str:
    """A live channel of the test's own: Redis channels span its numbered databases."""
    return f"cms:test-live:{uuid.uuid4().hex}"


# ------------------------------------------------------------------------------ the people


@dataclass
class People:
    shipper: Viewer  # raises the contacts, so is told of each change
    shipper_token: str
    agent: Viewer  # the CDSP agent who moves them on
    agent_token: str


def _world(postgres_url: str) -> World:
    # Sessions are made at the World's clock and checked by the servers at the real time.
    return World.start(postgres_url, at=datetime.now(UTC))


async def _people(world: World) -> People:
    """A Shipper and a CDSP agent, signed in beforehand (sign-in counts attempts in Redis)."""
    await world.reference_data()
    await world.networks()
    await world.organisation("AGS", OrganisationKind.SHIPPER, "Alpha Gas Shipping")
    await world.organisation("CDSP", OrganisationKind.CDSP, "Xoserve (CDSP)")
    await world.user("alice@alpha.example", "AGS", "Alice Ashworth")
    await world.user("agent@cdsp.example", "CDSP", "Priya Agent")
    shipper, shipper_token = await world.sign_in("alice@alpha.example")
    agent, agent_token = await world.sign_in("agent@cdsp.example")
    return People(shipper, shipper_token, agent, agent_token)


async def _raise_contacts(world: World, shipper: Viewer, count: int) -> list[str]:
    """`count` contacts raised by the Shipper, at distinct addresses."""
    udprns = [str(41_000_001 + number) for number in range(count)]
    await world.load_paf(
        paf_csv_line(
            postcode="M20 3JH",
            post_town="MANCHESTER",
            thoroughfare="Palatine Road",
            building_number=str(number + 1),
            udprn=udprn,
        )
        for number, udprn in enumerate(udprns)
    )
    limit = asyncio.Semaphore(4)

    async def one(udprn: str) -> str:
        async with limit:
            logged = await world.bus().handle(
                RaiseMncContact(
                    raised_by=shipper,
                    udprn=udprn,
                    manual_address=None,
                    market_sector=MarketSector.DOMESTIC,
                    annual_quantity_kwh=12_000,
                    reason=MncReason.NEW_SERVICE,
                )
            )
            assert isinstance(logged, ContactLoggedResult), logged
            return str(logged.crn)

    return list(await asyncio.gather(*(one(udprn) for udprn in udprns)))


# ------------------------------------------------------------------------------ HTTP and live


async def _graphql(
    client: httpx.AsyncClient, url: str, query: str, token: str, **variables: Any
) -> dict[str, Any]:
    response = await client.post(
        f"{url}/graphql",
        json={"query": query, "variables": variables},
        headers={"authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert not body.get("errors"), body
    return dict(body["data"])


class Inbox:
    """Everything a subscriber's connection receives, each with the moment it arrived (read
    continuously, so a waiting test does not delay the timestamps)."""

    def __init__(self, connection: Subscriber, diagnostics: Callable[[], str]) -> None:
        self._connection = connection
        self._diagnostics = diagnostics
        self.received: list[tuple[float, dict[str, Any]]] = []
        self.ended: BaseException | None = None
        self._task = asyncio.create_task(self._read())

    async def _read(self) -> None:
        try:
            while True:
                message = await self._connection.next(within_s=3_600)
                self.received.append((time.monotonic(), message))
        except Exception as error:
            self.ended = error

    async def close(self) -> None:
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task

    def data(self, operation: str, field: str) -> list[tuple[float, dict[str, Any]]]:
        """The results of one subscription, in order of arrival."""
        return [
            (at, message["payload"]["data"][field])
            for at, message in self.received
            if message.get("id") == operation and message["type"] == "next"
        ]

    def problems(self) -> list[dict[str, Any]]:
        return [
            message
            for _, message in self.received
            if message["type"] in ("error", "complete") or message.get("payload", {}).get("errors")
        ]

    def report(self) -> str:
        return (
            f"received on the subscriber's connection: {[m for _, m in self.received]}\n"
            f"connection ended: {self.ended!r}\n{self._diagnostics()}"
        )

    async def wait_for(
        self,
        what: str,
        operation: str,
        field: str,
        matches: Callable[[dict[str, Any]], bool],
        within_s: float,
    ) -> tuple[float, dict[str, Any]]:
        """The first result of the subscription that matches, and when it arrived."""
        deadline = time.monotonic() + within_s
        while True:
            for at, item in self.data(operation, field):
                if matches(item):
                    return at, item
            if self.problems() or self.ended is not None:
                raise AssertionError(f"the subscription failed waiting for {what}\n{self.report()}")
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{what} did not arrive within {within_s:.1f} s\n{self.report()}"
                )
            await asyncio.sleep(0.005)


def _about(crn: str, status: str) -> Callable[[dict[str, Any]], bool]:
    return lambda item: item["crn"] == crn and item.get("status", item.get("toStatus")) == status


async def _change(
    client: httpx.AsyncClient, url: str, mutation: str, token: str, crn: str, status: str
) -> float:
    """Make one status change over HTTP; it must succeed. Returns when the answer came."""
    data = await _graphql(client, url, mutation, token, crn=crn)
    answered = time.monotonic()
    (result,) = data.values()
    assert result == {"__typename": "Contact", "crn": crn, "status": status}, result
    return answered


# ------------------------------------------------------------------------------ 1. latency


def test_a_change_made_through_one_server_reaches_a_subscriber_of_another_within_a_second(
    postgres_url: str, redis_url: str, run: Any, tmp_path: Path
) -> None:
    world = _world(postgres_url)
    try:
        people = run(_people(world))
        [crn] = run(_raise_contacts(world, people.shipper, 1))
        env = cms_environment(
            database_url=postgres_url,
            redis_url=redis_url,
            live_channel=_channel(),
            workdir=tmp_path,
        )
        with Processes(tmp_path) as processes:
            processes.worker("worker", env)
            server_a, server_b = processes.servers(env, "server-a", "server-b")
            run(_across_servers(server_a.url, server_b.url, crn, people, processes.logs))
    finally:
        run(world.close())


async def _across_servers(
    a_url: str, b_url: str, crn: str, people: People, logs: Callable[[], str]
) -> None:
    async with (
        subscriber(a_url, people.shipper_token) as connection,
        httpx.AsyncClient(timeout=30) as client,
    ):
        inbox = Inbox(connection, logs)
        try:
            changes = await connection.subscribe(STATUS_CHANGES, crn=crn)
            added = await connection.subscribe(NOTIFICATIONS_ADDED)

            # The first change proves every link is up: both subscriptions, server A's Redis
            # subscription and the worker's relay (whose start-up nothing else shows).
            began = time.monotonic()
            await _change(client, b_url, PICK_UP, people.agent_token, crn, "WITH_CDSP")
            await inbox.wait_for(
                "the pick-up", changes, "contactStatusChanged", _about(crn, "WITH_CDSP"), STARTUP_S
            )
            await inbox.wait_for(
                "its notification", added, "notificationAdded", _about(crn, "WITH_CDSP"), STARTUP_S
            )
            first_s = time.monotonic() - began

            # The measured change, made through server B, watched on server A.
            answered = await _change(
                client, b_url, ALLOCATE, people.agent_token, crn, "WITH_NETWORK"
            )
            changed_at, change = await inbox.wait_for(
                "the allocation", changes, "contactStatusChanged", _about(crn, "WITH_NETWORK"), 10
            )
            told_at, notification = await inbox.wait_for(
                "its notification", added, "notificationAdded", _about(crn, "WITH_NETWORK"), 10
            )
            change_delay, notification_delay = changed_at - answered, told_at - answered
            print(
                f"\nlive latency from server B's answer to server A's subscriber: "
                f"contactStatusChanged {change_delay * 1000:.0f} ms, notificationAdded "
                f"{notification_delay * 1000:.0f} ms (first change, from its request, while "
                f"warming up: {first_s * 1000:.0f} ms)"
            )

            assert {k: v for k, v in change.items() if k != "at"} == {
                "crn": crn,
                "fromStatus": "WITH_CDSP",
                "toStatus": "WITH_NETWORK",
                "contact": {"crn": crn, "status": "WITH_NETWORK"},
            }, change
            made_at = datetime.fromisoformat(change["at"])
            assert abs((datetime.now(UTC) - made_at).total_seconds()) < 60, change
            assert notification["crn"] == crn and notification["read"] is False, notification
            assert notification["status"] == "WITH_NETWORK" and crn in notification["message"]
            assert change_delay < LATENCY_LIMIT_S, (
                f"the status change took {change_delay:.3f} s\n{inbox.report()}"
            )
            assert notification_delay < LATENCY_LIMIT_S, (
                f"the notification took {notification_delay:.3f} s\n{inbox.report()}"
            )

            # Each arrived once; and it is in the Shipper's notification area too.
            await asyncio.sleep(0.5)
            assert [c["toStatus"] for _, c in inbox.data(changes, "contactStatusChanged")] == [
                "WITH_CDSP",
                "WITH_NETWORK",
            ], inbox.report()
            told = inbox.data(added, "notificationAdded")
            assert [n["status"] for _, n in told] == ["WITH_CDSP", "WITH_NETWORK"], inbox.report()
            area = (await _graphql(client, a_url, NOTIFICATION_AREA, people.shipper_token))[
                "notifications"
            ]
            assert {edge["node"]["id"] for edge in area["edges"]} == {n["id"] for _, n in told}
        finally:
            await inbox.close()


# ------------------------------------------------------------------------------ 2. Redis stops


def test_when_redis_stops_no_change_fails_and_every_notification_arrives_once_it_is_back(
    postgres_url: str, run: Any, tmp_path: Path
) -> None:
    world = _world(postgres_url)
    try:
        people = run(_people(world))
        crns = run(_raise_contacts(world, people.shipper, 7))
        warm_up, during, after = crns[0], crns[1:6], crns[6]
        with Processes(tmp_path) as processes:
            redis = processes.redis()
            channel = _channel()
            env = cms_environment(
                database_url=postgres_url,
                redis_url=redis.url,
                live_channel=channel,
                workdir=tmp_path,
            )
            processes.worker("worker", env)
            server_a, server_b = processes.servers(env, "server-a", "server-b")
            run(
                _through_an_outage(
                    server_a.url,
                    server_b.url,
                    redis,
                    channel,
                    people,
                    (warm_up, during, after),
                    world,
                    processes.logs,
                )
            )
    finally:
        run(world.close())


async def _through_an_outage(
    a_url: str,
    b_url: str,
    redis: PrivateRedis,
    channel: str,
    people: People,
    crns: tuple[str, list[str], str],
    world: World,
    logs: Callable[[], str],
) -> None:
    warm_up, during, after = crns
    async with (
        subscriber(a_url, people.shipper_token) as connection,
        httpx.AsyncClient(timeout=30) as client,
    ):
        inbox = Inbox(connection, logs)
        try:
            changes = await connection.subscribe(STATUS_CHANGES)  # every contact it may see
            added = await connection.subscribe(NOTIFICATIONS_ADDED)
            await _change(client, b_url, PICK_UP, people.agent_token, warm_up, "WITH_CDSP")
            for operation, field in (
                (changes, "contactStatusChanged"),
                (added, "notificationAdded"),
            ):
                await inbox.wait_for(
                    "the warm-up", operation, field, _about(warm_up, "WITH_CDSP"), STARTUP_S
                )

            # Redis stops. Every change still succeeds, at once.
            await asyncio.to_thread(redis.stop)
            took: list[float] = []
            for crn in during:
                began = time.monotonic()
                await _change(client, b_url, PICK_UP, people.agent_token, crn, "WITH_CDSP")
                took.append(time.monotonic() - began)
            print(f"\nchanges while Redis was down took {', '.join(f'{s:.2f}' for s in took)} s")
            assert max(took) < 5, took

            # The notification area keeps filling meanwhile.
            expected = {warm_up, *during}
            area = await _area_when(client, a_url, people, len(expected), 15, logs)
            assert {edge["node"]["crn"] for edge in area["edges"]} == expected, area

            # Redis comes back on the same port. The relay publishes what waited in the event
            # log, and the servers, reading on by themselves, deliver it live.
            await asyncio.to_thread(redis.start)
            back = time.monotonic()
            for crn in during:
                for operation, field in (
                    (changes, "contactStatusChanged"),
                    (added, "notificationAdded"),
                ):
                    await inbox.wait_for(
                        "a change made while Redis was down",
                        operation,
                        field,
                        _about(crn, "WITH_CDSP"),
                        RECOVERY_S,
                    )
            caught_up_s = time.monotonic() - back

            # Live delivery resumes: a new change reaches the subscriber that stayed on.
            answered = await _change(client, b_url, PICK_UP, people.agent_token, after, "WITH_CDSP")
            arrived = []
            for operation, field in (
                (changes, "contactStatusChanged"),
                (added, "notificationAdded"),
            ):
                at, _ = await inbox.wait_for(
                    "a change made once Redis was back",
                    operation,
                    field,
                    _about(after, "WITH_CDSP"),
                    3,
                )
                arrived.append(at - answered)
            print(
                f"the changes made during the outage arrived live {caught_up_s:.2f} s after Redis "
                f"was back; the next change arrived {max(arrived) * 1000:.0f} ms after its answer"
            )

            # Every notification is in the area exactly once.
            expected.add(after)
            await asyncio.sleep(0.5)  # time for any redelivery to (wrongly) add a second copy
            area = await _area_when(client, a_url, people, len(expected), 10, logs)
            ids = [edge["node"]["id"] for edge in area["edges"]]
            assert len(ids) == len(set(ids)) == area["totalCount"] == len(expected), area
            assert sorted(edge["node"]["crn"] for edge in area["edges"]) == sorted(expected), area
            assert {edge["node"]["status"] for edge in area["edges"]} == {"WITH_CDSP"}, area

            # Nothing reached the subscriber twice.
            told = [n["id"] for _, n in inbox.data(added, "notificationAdded")]
            assert len(told) == len(set(told)), inbox.report()
            assert set(told) <= set(ids), inbox.report()
            moved = [c["crn"] for _, c in inbox.data(changes, "contactStatusChanged")]
            assert len(moved) == len(set(moved)), inbox.report()
        finally:
            await inbox.close()


async def _area_when(
    client: httpx.AsyncClient,
    url: str,
    people: People,
    count: int,
    within_s: float,
    logs: Callable[[], str],
) -> dict[str, Any]:
    """The Shipper's notification area once it holds `count` notifications."""
    deadline = time.monotonic() + within_s
    while True:
        data = await _graphql(client, url, NOTIFICATION_AREA, people.shipper_token)
        area: dict[str, Any] = data["notifications"]
        ids = [edge["node"]["id"] for edge in area["edges"]]
        assert len(ids) == len(set(ids)), f"a notification is listed twice: {area}"
        if area["totalCount"] != len(ids):
            print(f"the area listed {len(ids)} notifications but counted {area['totalCount']}")
        if len(ids) >= count and area["totalCount"] >= count:
            return area
        if time.monotonic() > deadline:
            raise AssertionError(
                f"the notification area held {area['totalCount']} notifications, not {count}, "
                f"after {within_s:.0f} s: {area}\n{logs()}"
            )
        await asyncio.sleep(0.1)


async def _until_reading(
    redis_url: str, count: int, within_s: float, logs: Callable[[], str]
) -> None:
    """Until `count` clients (the servers' listeners) wait on the live channel's stream."""

    def readers() -> int:
        with Redis.from_url(redis_url, socket_connect_timeout=1) as client:
            return sum(1 for found in client.client_list() if found.get("cmd") == "xread")

    deadline = time.monotonic() + within_s
    while (found := await asyncio.to_thread(readers)) < count:
        if time.monotonic() > deadline:
            raise AssertionError(
                f"{found} of {count} readers on the live channel after {within_s:.0f} s\n{logs()}"
            )
        await asyncio.sleep(0.05)


async def _live_checkpoint(world: World) -> int | None:
    async with world.engine.connect() as connection:
        query = select(relay_checkpoints.c.position).where(
            relay_checkpoints.c.consumer == "live-channel"
        )
        position = (await connection.execute(query)).scalar_one_or_none()
    return None if position is None else int(position)


# ------------------------------------------------------------------------------ 3. worker killed


def test_a_worker_killed_mid_relay_loses_and_doubles_nothing_after_restart(
    postgres_url: str, redis_url: str, run: Any, tmp_path: Path
) -> None:
    world = _world(postgres_url)
    channel = _channel()
    env = cms_environment(
        database_url=postgres_url,
        redis_url=redis_url,
        live_channel=channel,
        workdir=tmp_path,
        # The backlog comes to one subscriber in one burst: let it wait in the queue rather
        # than have the slow-subscriber rule disconnect it (that rule is not tested here).
        CMS_LIVE_QUEUE_SIZE="1000",
    )
    try:
        with Processes(tmp_path) as processes:
            server = processes.server("server", env)  # starts while the test seeds
            people = run(_people(world))
            began = time.monotonic()
            crns = run(_raise_contacts(world, people.shipper, BACKLOG + STREAMED))
            backlog, streamed = crns[:BACKLOG], crns[BACKLOG:]
            run(_pick_up(world, people.agent, backlog))
            print(
                f"\n{len(crns)} contacts raised, {len(backlog)} picked up, in "
                f"{time.monotonic() - began:.1f} s"
            )
            assert run(_notification_count(world)) == 0, "nothing is made before a worker runs"
            server.wait_until_healthy()
            run(
                _kill_a_worker_mid_relay(
                    world, server.url, redis_url, channel, env, processes, people, streamed
                )
            )

        # Every pick-up made one notification for the Shipper: none lost, none doubled.
        pickups = run(_pickup_events(world))
        assert sorted(pickups.values()) == sorted(crns)
        made = run(_notifications(world))
        ids = [row.id for row in made]
        assert len(ids) == len(set(ids)) == len(crns), f"{len(ids)} made, {len(set(ids))} distinct"
        assert {row.recipient_id for row in made} == {people.shipper.user_id}
        by_event: dict[str, int] = {}
        for row in made:
            by_event[row.event_id] = by_event.get(row.event_id, 0) + 1
        assert by_event == dict.fromkeys(pickups, 1), "one notification per pick-up, none else"
        assert sorted(row.crn for row in made) == sorted(crns)
        assert {row.status for row in made} == {"WITH_CDSP"}
    finally:
        run(world.close())


async def _kill_a_worker_mid_relay(
    world: World,
    server_url: str,
    redis_url: str,
    channel: str,
    env: dict[str, str],
    processes: Processes,
    people: People,
    streamed: list[str],
) -> None:
    total = BACKLOG + len(streamed)
    async with (
        subscriber(server_url, people.shipper_token) as connection,
        httpx.AsyncClient(timeout=30) as client,
    ):
        inbox = Inbox(connection, processes.logs)
        try:
            added = await connection.subscribe(NOTIFICATIONS_ADDED)
            await _until_reading(redis_url, 1, STARTUP_S, processes.logs)

            # The worker starts and relays the backlog.
            first = processes.worker("worker-1", env)
            await _until_count(world, BACKLOG, STARTUP_S, processes.logs)

            # More changes while it runs. It is killed the moment it has written some of their
            # notifications, in the middle of its round (checkpoint, live channel, emails); the
            # second half of the changes is made while no worker runs.
            killed = asyncio.Event()
            half = len(streamed) // 2

            async def produce() -> None:
                await _pick_up(world, people.agent, streamed[:half])
                await killed.wait()
                await _pick_up(world, people.agent, streamed[half:])

            producing = asyncio.create_task(produce())
            try:
                seen = await _until_count(world, BACKLOG + 1, STARTUP_S, processes.logs)
                first.kill()
                killed.set()
                left = await _notification_count(world)
                print(
                    f"worker-1 killed having made {seen} of {total} notifications ({left} now); "
                    f"{total - left} to come"
                )
                assert BACKLOG < left < total, f"{left} of {total}\n{processes.logs()}"
                await producing
            except BaseException:
                producing.cancel()
                raise

            # Started again, a worker finishes the work: in the notification area, and live.
            processes.worker("worker-2", env)
            await _until_relayed(world, total, processes.logs)
            await _live_notifications(inbox, added, total)
            await asyncio.sleep(0.5)  # time for a (wrong) second copy to arrive
            told = [n["id"] for _, n in inbox.data(added, "notificationAdded")]
            assert len(told) == len(set(told)) == total, (
                f"{len(told)} notifications arrived live, {len(set(told))} distinct, "
                f"{total} made\n{inbox.report()}"
            )
            data = await _graphql(client, server_url, NOTIFICATION_AREA, people.shipper_token)
            assert data["unreadNotificationCount"] == total, data
            assert data["notifications"]["totalCount"] == total, data
        finally:
            await inbox.close()


async def _pick_up(world: World, agent: Viewer, crns: list[str]) -> None:
    for crn in crns:
        await world.bus().handle(PickUpContact(viewer=agent, crn=crn))


async def _live_notifications(inbox: Inbox, operation: str, count: int) -> None:
    deadline = time.monotonic() + 15
    while len(told := inbox.data(operation, "notificationAdded")) < count:
        if time.monotonic() > deadline or inbox.ended is not None or inbox.problems():
            raise AssertionError(f"{len(told)} of {count} arrived live\n{inbox.report()}")
        await asyncio.sleep(0.05)


async def _pickup_events(world: World) -> dict[str, str]:
    async with world.engine.connect() as connection:
        query = select(event_log.c.event_id, event_log.c.stream_id).where(
            event_log.c.kind == "PICKED_UP"
        )
        return {row.event_id: row.stream_id for row in await connection.execute(query)}


async def _notifications(world: World) -> list[Any]:
    async with world.engine.connect() as connection:
        return list((await connection.execute(select(notifications))).all())


async def _notification_count(world: World) -> int:
    async with world.engine.connect() as connection:
        query = select(func.count()).select_from(notifications)
        return int((await connection.execute(query)).scalar_one())


async def _until_count(world: World, count: int, within_s: float, logs: Callable[[], str]) -> int:
    """Poll quickly until at least `count` notifications exist; how many there were."""
    deadline = time.monotonic() + within_s
    while (found := await _notification_count(world)) < count:
        if time.monotonic() > deadline:
            raise AssertionError(f"{found} of {count} notifications made\n{logs()}")
        await asyncio.sleep(0.002)
    return found


async def _until_relayed(world: World, total: int, logs: Callable[[], str]) -> None:
    """Until every notification is made and the relay has passed the last event, both for
    the notification area and for the live channel."""
    async with world.engine.connect() as connection:
        last = (await connection.execute(select(func.max(event_log.c.position)))).scalar_one()
    deadline = time.monotonic() + 60
    while True:
        async with world.engine.connect() as connection:
            rows = await connection.execute(select(relay_checkpoints))
            positions = {row.consumer: row.position for row in rows}
        count = await _notification_count(world)
        if count >= total and all(
            positions.get(consumer, 0) >= last for consumer in ("notifications", "live-channel")
        ):
            return
        if time.monotonic() > deadline:
            raise AssertionError(
                f"after the restart: {count} of {total} notifications; checkpoints {positions}, "
                f"last event {last}\n{logs()}"
            )
        await asyncio.sleep(0.1)
