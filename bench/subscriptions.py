"""Live status changes at N WebSocket subscribers of one server process: delay, loss, memory.

    .venv/bin/python bench/subscriptions.py [--subscribers 1000] [--rate 2] [--changes 20]
                                            [--embedded] [--clients K] [--batch 200]

Distributed mode (the default): one `cms serve` and one `cms worker` on a throwaway PostgreSQL
database and Redis (database 14, flushed at the start; a channel of its own). --embedded: one
`cms serve` on SQLite, with the relay in that process. Both listen on 127.0.0.1 only.

Alice (a Shipper) raises the contacts over HTTP before anyone subscribes; then N subscribers
(sessions of the CDSP agent and admin, and of Alice and her LSO: all see every one of those
contacts) open `contactStatusChanged` over graphql-transport-ws, in batches, from one or more
client processes; then the CDSP agent picks the contacts up over HTTP at a steady rate. It
prints the delay from commit to delivery at every subscriber (p50, p95, p99, max), the messages
lost (must be 0), subscribers disconnected, connect time, the server's memory per connection
(VmRSS after connecting minus before, over N) and CPU use. It exits 1 if any message was lost
(not received within --timeout of the last change), a subscriber was disconnected, or a change
failed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import multiprocessing
import os
import platform
import re
import resource
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

import httpx
from live_clients import (
    ClientSpec,
    CollectReport,
    ConnectReport,
    LiveSubscriber,
    SubscriberResult,
    client_main,
)

ADMIN_URL = os.environ.get("CMS_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_BASE = "redis://127.0.0.1:6379"
PASSWORD = "bench-password-2026"
CMS = [sys.executable, "-m", "cms"]
RAISER = "alice@alpha.example"
PICKER = "agent@cdsp.example"
# Everyone here sees every contact Alice raises: the CDSP sees all, Alice's organisation its own.
SUBSCRIBER_USERS = ("agent@cdsp.example", "admin@cdsp.example", RAISER, "lso@alpha.example")
FIELDS = "crn fromStatus toStatus at contact { crn status ldz dueBy }"
TO_STATUS = "WITH_CDSP"
TICK = os.sysconf("SC_CLK_TCK")

RAISE = """mutation($udprn: ID!) { raiseMncContact(input: {udprn: $udprn,
  marketSector: DOMESTIC, annualQuantityKwh: 12000, reason: NEW_SERVICE}) { __typename
  ... on ContactLogged { contact { crn } } ... on ContactRejected { reasons { code } } } }"""
PICK_UP = """mutation($crn: String!) { pickUpContact(crn: $crn) { __typename
  ... on Contact { status } } }"""
SIGN_IN = """mutation($e: String!, $p: String!) { signIn(input: {email: $e, password: $p}) {
  __typename ... on SignedIn { sessionToken } ... on MfaRequired { challengeId }
  ... on MfaEnrolmentRequired { challengeId } ... on SignInFailed { message } } }"""
ENROL = """mutation($c: ID!) { enrolMfa(input: {challengeId: $c, channel: EMAIL}) {
  __typename ... on MfaRequired { challengeId } } }"""
VERIFY = """mutation($c: ID!, $code: String!) { verifyMfa(input: {challengeId: $c, code: $code}) {
  __typename ... on SignedIn { sessionToken } ... on MfaFailed { message } } }"""


# ---- the processes on this machine ------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far (/proc/<pid>/stat)."""
    text = Path(f"/proc/{pid}/stat").read_text()
    fields = text[text.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def rss_kib(pid: int) -> int:
    """VmRSS of a process in KiB (/proc/<pid>/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for process {pid}")


def machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of all cores so far (/proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:8]]
    idle = values[3] + values[4]
    return (sum(values) - idle) / TICK, sum(values) / TICK


def busy_share(seconds: float = 1.0) -> float:
    """How busy all the cores together were over the next `seconds`."""
    busy, total = machine_busy()
    time.sleep(seconds)
    busy_after, total_after = machine_busy()
    return (busy_after - busy) / max(1e-9, total_after - total)


def wait_until_idle(
    pid: int, quiet: float = 0.05, at_least_s: float = 1.0, most_s: float = 60.0
) -> None:
    """Wait until the process uses under `quiet` of a core for half a second."""
    started = time.monotonic()
    time.sleep(at_least_s)
    while time.monotonic() - started < most_s:
        before = cpu_seconds(pid)
        time.sleep(0.5)
        if (cpu_seconds(pid) - before) / 0.5 < quiet:
            return
    print(f"  (the server was still busy after {most_s:.0f} s)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def run_cms(args: list[str], env: dict[str, str], cwd: Path) -> str:
    result = subprocess.run(
        [*CMS, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=600
    )
    if result.returncode != 0:
        raise RuntimeError(f"cms {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout + result.stderr


def start_cms(args: list[str], env: dict[str, str], cwd: Path, log: Path) -> subprocess.Popen[Any]:
    with open(log, "w") as output:
        return subprocess.Popen(
            [*CMS, *args], env=env, cwd=cwd, stdout=output, stderr=subprocess.STDOUT
        )


def wait_healthy(base: str, server: subprocess.Popen[Any], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz", timeout=1, trust_env=False).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if server.poll() is not None:
            break
        time.sleep(0.1)
    raise RuntimeError(f"the server did not start:\n{log.read_text()[-3000:]}")


def stop(process: subprocess.Popen[Any] | None) -> None:
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


async def postgres_admin(sql: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(ADMIN_URL)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


def flush_redis(url: str) -> None:
    import redis

    client = redis.Redis.from_url(url)
    try:
        client.flushdb()
    finally:
        client.close()


async def free_udprns(database_url: str, count: int) -> list[str]:
    """Delivery points with no meter point yet: each can have a contact raised for it."""
    from sqlalchemy import select

    from cms.adapters.sql.engine import create_engine
    from cms.adapters.sql.tables import paf_addresses, uklink_meter_points

    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            query = (
                select(paf_addresses.c.udprn)
                .where(paf_addresses.c.udprn.not_in(select(uklink_meter_points.c.udprn)))
                .order_by(paf_addresses.c.udprn)
                .limit(count)
            )
            return [str(udprn) for udprn in (await connection.execute(query)).scalars()]
    finally:
        await engine.dispose()


# ---- over HTTP --------------------------------------------------------------------------------


async def graphql(
    client: httpx.AsyncClient, query: str, token: str | None = None, **variables: Any
) -> dict[str, Any]:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers
    )
    body = response.json()
    if response.status_code != 200 or body.get("errors"):
        raise RuntimeError(f"GraphQL call failed ({response.status_code}): {response.text[:500]}")
    return dict(body["data"])


def last_code(workdir: Path, email: str) -> str:
    """The newest sign-in code for `email` in var/outbox.jsonl, where the server writes it."""
    outbox = workdir / "var" / "outbox.jsonl"
    lines = outbox.read_text(encoding="utf-8").splitlines() if outbox.exists() else []
    for line in reversed(lines):
        message = json.loads(line)
        found = re.search(r"\b(\d{6})\b", message["body"])
        if message["to"] == email and found:
            return found.group(1)
    raise RuntimeError(f"no sign-in code for {email} in {outbox}")


async def sign_in(client: httpx.AsyncClient, workdir: Path, email: str) -> str:
    """One session: password, email codes on first sign-in, then the code from the outbox."""
    step = (await graphql(client, SIGN_IN, e=email, p=PASSWORD))["signIn"]
    if step["__typename"] == "MfaEnrolmentRequired":
        step = (await graphql(client, ENROL, c=step["challengeId"]))["enrolMfa"]
    if step["__typename"] == "MfaRequired":
        code = last_code(workdir, email)
        step = (await graphql(client, VERIFY, c=step["challengeId"], code=code))["verifyMfa"]
    if step["__typename"] != "SignedIn":
        raise RuntimeError(f"{email} could not sign in: {step}")
    return str(step["sessionToken"])


# ---- figures ----------------------------------------------------------------------------------


def percentile(ordered: list[float], share: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not ordered:
        return math.nan
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def spread_ms(values: list[float]) -> str:
    ordered = sorted(values)
    if not ordered:
        return "-"
    parts = [percentile(ordered, p) * 1000 for p in (0.5, 0.95, 0.99)]
    return "  ".join(f"{v:8.1f}" for v in [*parts, ordered[-1] * 1000])


@dataclass
class Change:
    crn: str
    due_at: float  # when its tick was (time.time())
    sent_at: float = math.nan
    answered_at: float = math.nan
    outcome: str = ""


@dataclass
class Setup:
    tokens: dict[str, str]
    crns: list[str]
    baseline: list[float]  # delays at one subscriber while the contacts were raised


@dataclass
class Sample:
    at: float
    server: float  # CPU seconds so far
    worker: float
    busy: float  # the machine's busy CPU seconds so far
    total: float


@dataclass
class Measurement:
    changes: list[Change]
    reports: list[CollectReport]
    started_at: float
    server_cpu_s: float
    worker_cpu_s: float | None
    machine_busy: float  # share of all cores busy, first change to end of the wait
    machine_cpu_s: float  # CPU seconds used by everything on the machine in that time
    window_s: float  # the CPU figures' window: first change to just after the last message
    peak_server_cpu: float  # highest server CPU share over any 1 s, during the changes
    ended_at: float


async def prepare(base: str, ws_url: str, workdir: Path, database_url: str, changes: int) -> Setup:
    """Sign everyone in; raise the contacts with one subscriber listening; wait for the relay."""
    async with httpx.AsyncClient(base_url=base, timeout=60, trust_env=False) as client:
        tokens = {email: await sign_in(client, workdir, email) for email in SUBSCRIBER_USERS}
        query = f"subscription {{ contactStatusChanged {{ {FIELDS} }} }}"
        probe_spec = ClientSpec(ws_url, query, [tokens[PICKER]], 0, 1, True)
        probe = LiveSubscriber(0, tokens[PICKER], probe_spec)
        await probe.open()
        if probe.failure:
            raise RuntimeError(f"the probe subscriber could not connect: {probe.failure}")
        await asyncio.sleep(0.5)
        udprns = await free_udprns(database_url, changes)
        if len(udprns) < changes:
            raise RuntimeError(f"only {len(udprns)} free UDPRNs in the demo data")
        crns = []
        for udprn in udprns:
            raised = (await graphql(client, RAISE, tokens[RAISER], udprn=udprn))["raiseMncContact"]
            if raised["__typename"] != "ContactLogged":
                raise RuntimeError(f"raising a contact for {udprn} failed: {raised}")
            crns.append(raised["contact"]["crn"])
        # Every raise is a status change too: once the probe has them all, the relay is idle.
        for _ in range(1200):  # 60 s at most
            if probe.count() >= changes:
                break
            await asyncio.sleep(0.05)
        probe.closing = True
        result = probe.result(time.time())
        await probe.close()
        baseline = [m.received - m.at for m in result.messages if m.at is not None]
        if len(baseline) < changes:
            print(f"  (warning: the probe subscriber got {len(baseline)} of {changes} raises)")
        return Setup(tokens, crns, baseline)


async def measure(
    base: str,
    token: str,
    crns: list[str],
    rate: float,
    pipes: list[Connection],
    expected_each: int,
    timeout_s: float,
    server_pid: int,
    worker_pid: int | None,
) -> Measurement:
    """Pick the contacts up at a steady rate, then collect what every subscriber got."""
    loop = asyncio.get_running_loop()
    samples: list[Sample] = []
    sampling = True

    def take_sample() -> None:
        busy, total = machine_busy()
        worker = cpu_seconds(worker_pid) if worker_pid else 0.0
        samples.append(Sample(time.time(), cpu_seconds(server_pid), worker, busy, total))

    async def sample() -> None:
        while sampling:
            take_sample()
            await asyncio.sleep(0.25)

    async with httpx.AsyncClient(base_url=base, timeout=120, trust_env=False) as client:

        async def pick_up(change: Change) -> None:
            change.sent_at = time.time()
            try:
                data = await graphql(client, PICK_UP, token, crn=change.crn)
                result = data["pickUpContact"]
                change.outcome = (
                    result.get("status", "") if result["__typename"] == "Contact" else str(result)
                )
            except Exception as error:
                change.outcome = f"{type(error).__name__}: {error}"[:200]
            change.answered_at = time.time()

        await graphql(client, "{ __typename }", token)  # a warm connection for the first tick
        for pipe in pipes:
            pipe.send(("measure", None))
        take_sample()
        sampler = asyncio.create_task(sample())
        started = time.time()
        changes = [Change(crn, started + i / rate) for i, crn in enumerate(crns)]
        tasks = []
        for change in changes:
            await asyncio.sleep(max(0.0, change.due_at - time.time()))
            tasks.append(asyncio.create_task(pick_up(change)))
        await asyncio.gather(*tasks)
        last = max(change.answered_at for change in changes)
        for pipe in pipes:
            pipe.send(("collect", (expected_each, last + timeout_s)))
        reports: list[CollectReport] = []
        for pipe in pipes:
            kind, report = await loop.run_in_executor(None, pipe.recv)
            assert kind == "results", kind
            reports.append(report)
        sampling = False
        await sampler
    received = [m.received for r in reports for s in r.subscribers for m in s.messages]
    ended = max(received, default=samples[-1].at)
    # The window: from the first change to the first sample after the last message arrived.
    first = samples[0]
    last_sample = next((s for s in samples if s.at >= ended), samples[-1])
    peak = 0.0
    for i, early in enumerate(samples):
        for late in samples[i + 1 :]:
            if late.at - early.at >= 1.0:
                peak = max(peak, (late.server - early.server) / (late.at - early.at))
                break
    return Measurement(
        changes=changes,
        reports=reports,
        started_at=started,
        server_cpu_s=last_sample.server - first.server,
        worker_cpu_s=last_sample.worker - first.worker if worker_pid else None,
        machine_busy=(last_sample.busy - first.busy) / max(1e-9, last_sample.total - first.total),
        machine_cpu_s=last_sample.busy - first.busy,
        window_s=last_sample.at - first.at,
        peak_server_cpu=peak,
        ended_at=ended,
    )


# ---- the run ----------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=1000, help="N, 100 to 5,000")
    parser.add_argument("--rate", type=float, default=2.0, help="status changes per second")
    parser.add_argument("--changes", type=int, default=20, help="status changes in all")
    parser.add_argument("--embedded", action="store_true", help="one SQLite `cms serve` instead")
    parser.add_argument(
        "--clients", type=int, default=0, help="client processes (default: 2 from N=2000, else 1)"
    )
    parser.add_argument("--batch", type=int, default=200, help="subscribers connecting at once")
    parser.add_argument(
        "--timeout", type=float, default=30.0, help="seconds to wait for stragglers"
    )
    parser.add_argument("--redis-db", type=int, default=14, help="Redis database (not 0)")
    parser.add_argument(
        "--no-compression", action="store_true", help="clients do not offer permessage-deflate"
    )
    parser.add_argument("--keep", action="store_true", help="keep the work folder (logs)")
    options = parser.parse_args()
    if options.subscribers < 1 or options.changes < 1 or options.rate <= 0:
        parser.error("--subscribers, --changes and --rate must be positive")
    if options.redis_db == 0:
        parser.error("--redis-db must not be 0")
    if options.clients <= 0:
        options.clients = 2 if options.subscribers >= 2000 else 1
    options.clients = min(options.clients, options.subscribers)
    return options


def raise_file_limit(needed: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        target = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        if target < needed:
            raise SystemExit(f"open files limited to {hard}; {needed} needed (ulimit -n)")


def main() -> int:
    options = parse_args()
    n = options.subscribers
    raise_file_limit(n + 1000)  # inherited by the server and the client processes
    run_id = uuid.uuid4().hex[:10]
    workdir = Path(tempfile.mkdtemp(prefix="cms-bench-subs-"))
    env = {**os.environ, "CMS_DEMO_PASSWORD": PASSWORD, "CMS_ENV": "production"}
    database = f"cms_bench_{run_id}"
    if options.embedded:
        database_url = f"sqlite:///{workdir / 'var' / 'cms.db'}"
        (workdir / "var").mkdir()
        env.pop("CMS_REDIS_URL", None)
        redis_url = None
        channel = None
    else:
        asyncio.run(postgres_admin(f'CREATE DATABASE "{database}"'))
        database_url = ADMIN_URL.rsplit("/", 1)[0] + f"/{database}"
        redis_url = f"{REDIS_BASE}/{options.redis_db}"
        channel = f"cms:bench:{run_id}"
        flush_redis(redis_url)
        env.update(CMS_REDIS_URL=redis_url, CMS_LIVE_CHANNEL=channel)
    env["CMS_DATABASE_URL"] = database_url
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    ws_url = f"ws://127.0.0.1:{port}/graphql"
    server = worker = None
    processes: list[Any] = []
    pipes: list[Connection] = []
    try:
        run_cms(["migrate"], env, workdir)
        run_cms(["seed-demo"], env, workdir)
        server_log, worker_log = workdir / "serve.log", workdir / "worker.log"
        server = start_cms(
            ["serve", "--host", "127.0.0.1", "--port", str(port)], env, workdir, server_log
        )
        if not options.embedded:
            worker = start_cms(["worker"], env, workdir, worker_log)
        wait_healthy(base, server, server_log)
        setup = asyncio.run(prepare(base, ws_url, workdir, database_url, options.changes))
        wait_until_idle(server.pid)
        rss_before = rss_kib(server.pid)

        # The subscribers: round-robin over the sessions, split over the client processes.
        query = f"subscription {{ contactStatusChanged {{ {FIELDS} }} }}"
        sessions = [setup.tokens[email] for email in SUBSCRIBER_USERS]
        tokens = [sessions[i % len(sessions)] for i in range(n)]
        context = multiprocessing.get_context("spawn")
        per_client = math.ceil(n / options.clients)
        batch_each = max(1, options.batch // options.clients)
        for first in range(0, n, per_client):
            spec = ClientSpec(
                ws_url,
                query,
                tokens[first : first + per_client],
                first,
                batch_each,
                not options.no_compression,
            )
            ours, theirs = context.Pipe()
            process = context.Process(target=client_main, args=(theirs, spec), daemon=True)
            process.start()
            processes.append(process)
            pipes.append(ours)
        server_cpu_before_connect = cpu_seconds(server.pid)
        connect_started = time.time()
        connects: list[ConnectReport] = []
        waiting = list(pipes)
        while waiting:
            ready = wait(waiting, timeout=900)
            if not ready:
                raise RuntimeError("the subscribers did not connect within 15 minutes")
            for pipe in ready:
                assert isinstance(pipe, Connection)
                kind, report = pipe.recv()
                assert kind == "connected", kind
                connects.append(report)
                waiting.remove(pipe)
        connect_wall = time.time() - connect_started
        server_cpu_connect = cpu_seconds(server.pid) - server_cpu_before_connect
        wait_until_idle(server.pid)
        rss_after = rss_kib(server.pid)
        load_before = (Path("/proc/loadavg").read_text().split()[0], busy_share(1.0))

        measurement = asyncio.run(
            measure(
                base,
                setup.tokens[PICKER],
                setup.crns,
                options.rate,
                pipes,
                options.changes,
                options.timeout,
                server.pid,
                worker.pid if worker else None,
            )
        )
        slow_drops = server_log.read_text(errors="replace").count("messages behind; disconnecting")
        return print_report(
            options,
            database=database_url if options.embedded else f"PostgreSQL database {database}",
            redis_url=redis_url,
            channel=channel,
            server_pid=server.pid,
            worker_pid=worker.pid if worker else None,
            setup=setup,
            connects=connects,
            connect_wall=connect_wall,
            server_cpu_connect=server_cpu_connect,
            rss=(rss_before, rss_after),
            measurement=measurement,
            slow_drops=slow_drops,
            load_before=load_before,
        )
    finally:
        for pipe in pipes:
            pipe.close()  # a client process still waiting for a command ends
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.terminate()
        stop(server)
        stop(worker)
        if not options.embedded:
            asyncio.run(postgres_admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            if redis_url:
                flush_redis(redis_url)
        if options.keep:
            print(f"work folder kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def print_report(
    options: argparse.Namespace,
    *,
    database: str,
    redis_url: str | None,
    channel: str | None,
    server_pid: int,
    worker_pid: int | None,
    setup: Setup,
    connects: list[ConnectReport],
    connect_wall: float,
    server_cpu_connect: float,
    rss: tuple[int, int],
    measurement: Measurement,
    slow_drops: int,
    load_before: tuple[str, float],
) -> int:
    n = options.subscribers
    subscribers: list[SubscriberResult] = sorted(
        (s for r in measurement.reports for s in r.subscribers), key=lambda s: s.index
    )
    wanted = set(setup.crns)
    delays: list[float] = []
    by_change: dict[str, list[float]] = {crn: [] for crn in setup.crns}
    unique = duplicates = unexpected = errors = 0
    error_texts: Counter[str] = Counter()
    committed: dict[str, float] = {}
    for subscriber in subscribers:
        seen: set[str] = set()
        for message in subscriber.messages:
            if message.error is not None:
                errors += 1
                error_texts[message.error] += 1
            elif message.crn in wanted and message.to_status == TO_STATUS and message.at:
                if message.crn in seen:
                    duplicates += 1
                    continue
                seen.add(message.crn)
                committed[message.crn] = message.at
                unique += 1
                delay = message.received - message.at
                delays.append(delay)
                by_change[message.crn].append(delay)
            else:
                unexpected += 1
    expected = n * len(setup.crns)
    lost = expected - unique
    connected = [s for s in subscribers if s.connect_s is not None]
    failures = Counter(s.failure for s in subscribers if s.failure)
    dropped = [s for s in subscribers if s.closed_by_server]
    close_codes = Counter(f"{s.close_code} {s.close_reason}".strip() for s in dropped)
    other = Counter(text for s in subscribers for text in s.other)
    bad_changes = [c for c in measurement.changes if c.outcome != TO_STATUS]
    span = measurement.ended_at - measurement.started_at
    schedule = measurement.changes[-1].due_at - measurement.changes[0].due_at
    client_cpu = sum(r.cpu_measure_s for r in measurement.reports)
    connect_cpu = sum(c.cpu_s for c in connects)
    handshakes = [s.connect_s for s in connected if s.connect_s is not None]

    print()
    print("== CMS live subscriptions bench ==")
    print("configuration")
    print(f"  command          {shlex.join([sys.executable, *sys.argv])}")
    if options.embedded:
        print(f"  mode             embedded: 1 x `cms serve` (pid {server_pid}, relay in-process)")
        print(f"  database         SQLite {database}")
    else:
        print(
            f"  mode             distributed: 1 x `cms serve` (pid {server_pid}) + 1 x `cms worker`"
            f" (pid {worker_pid})"
        )
        print(f"  database         {database} on 127.0.0.1:5432 (throwaway, dropped after)")
        print(f"  redis            {redis_url} (flushed at start and end), channel {channel}")
    print("  listening on     127.0.0.1 only")
    print(
        f"  subscribers      N={n} contactStatusChanged (no crn filter) over "
        f"{len(SUBSCRIBER_USERS)} sessions, round-robin: {', '.join(SUBSCRIBER_USERS)}"
    )
    print(f"  selection        {{ {FIELDS} }}")
    print(
        f"  clients          {options.clients} client process(es) on this machine, "
        f"{options.batch} connecting at a time, permessage-deflate "
        f"{'off' if options.no_compression else 'offered'}, websockets client pings off"
    )
    print(
        f"  changes          {len(setup.crns)} pickUpContact (LOGGED -> WITH_CDSP) by {PICKER} "
        f"over HTTP at {options.rate:g}/s, each at its tick without waiting for the one before; "
        f"contacts raised by {RAISER} before anyone subscribed"
    )
    print(f"  wait             up to {options.timeout:g} s after the last change was answered")
    print(
        f"  machine          {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{'server and' if options.embedded else 'server, worker, PostgreSQL, Redis and'}"
        " clients all on it; just before the changes"
        f" (all subscribers connected, server idle) load average {load_before[0]}, cores"
        f" {load_before[1]:.0%} busy"
    )
    print()
    print("connect")
    print(
        f"  connected        {len(connected)}/{n} in {connect_wall:.1f} s "
        f"({len(connected) / max(connect_wall, 1e-9):.0f}/s); failed {n - len(connected)}"
    )
    for failure, count in failures.most_common(5):
        print(f"    {count} x {failure}")
    print(
        f"  per connection   handshake + connection_init/ack + subscribe, ms "
        f"(p50 p95 p99 max): {spread_ms(handshakes)}"
    )
    print(
        f"  CPU connecting   server {server_cpu_connect:.1f} s "
        f"({server_cpu_connect / max(connect_wall, 1e-9):.0%} of a core), "
        f"clients {connect_cpu:.1f} s"
    )
    print()
    print("results")
    print(
        "  +------------------------------------+-----------+-----------+-----------+-----------+"
    )
    print(
        "  | delay, ms                          |       p50 |       p95 |       p99 |       max |"
    )
    print(
        "  +------------------------------------+-----------+-----------+-----------+-----------+"
    )
    ordered = sorted(delays)
    row = [percentile(ordered, p) * 1000 for p in (0.5, 0.95, 0.99)] + [
        (ordered[-1] if ordered else math.nan) * 1000
    ]
    print(f"  | commit -> delivery, {n:>5} subs     |" + "|".join(f"{v:10.1f} " for v in row) + "|")
    base_sorted = sorted(setup.baseline)
    base_row = [percentile(base_sorted, p) * 1000 for p in (0.5, 0.95, 0.99)] + [
        base_sorted[-1] * 1000
    ]
    print(
        "  | baseline: 1 sub, the raises       |" + "|".join(f"{v:10.1f} " for v in base_row) + "|"
    )
    print(
        "  +------------------------------------+-----------+-----------+-----------+-----------+"
    )
    print(
        "  commit time = the event's `at` (server clock, same machine), taken just before the"
        " commit,\n  so the delays slightly overstate commit -> delivery (by the commit's own"
        " duration)."
    )
    lost_note = "  <-- LOST" if lost else ""
    print(
        f"  messages         expected {expected} = {n} x {len(setup.crns)}, received {unique}, "
        f"lost {lost}{lost_note}"
    )
    print(
        f"                   duplicates {duplicates}, unexpected {unexpected}, "
        f"GraphQL errors {errors}, other protocol messages {sum(other.values())}"
    )
    for text, count in [*error_texts.most_common(3), *other.most_common(3)]:
        print(f"    {count} x {text}")
    ended = sum(1 for s in subscribers if s.completed)
    print(
        f'  ended            {ended} subscription(s) ended by the server ("complete") before the'
        " run was over"
    )
    print(
        f"  disconnected     {len(dropped)} subscriber(s) closed by the server during the run"
        + (": " + ", ".join(f"{c} x code {k}" for k, c in close_codes.items()) if dropped else "")
        + f"; 'fell behind' lines in the server log: {slow_drops}"
    )
    per_conn = (rss[1] - rss[0]) / n
    print(
        f"  memory           server VmRSS {rss[0] / 1024:.1f} MiB before -> {rss[1] / 1024:.1f} MiB"
        f" after connecting: {per_conn:.1f} KiB per connection"
    )
    print(
        f"  delivery window  first change -> last message {span:.2f} s "
        f"(changes scheduled over {schedule:.2f} s)"
    )
    m = measurement
    window = max(m.window_s, 1e-9)
    worker_cpu = m.worker_cpu_s or 0.0
    rest = m.machine_cpu_s - m.server_cpu_s - worker_cpu - client_cpu
    others = "other work" if options.embedded else "PostgreSQL, Redis, other work"
    print(
        f"  CPU in window    {m.window_s:.1f} s from the first change to the last message: "
        f"server {m.server_cpu_s:.1f} s ({m.server_cpu_s / window:.0%} of a core; busiest 1 s "
        f"{m.peak_server_cpu:.0%})"
        + (f", worker {worker_cpu:.1f} s" if m.worker_cpu_s is not None else "")
        + f", clients {client_cpu:.1f} s, the rest of the machine ({others}) {rest:.1f} s;"
        f" all {os.cpu_count()} cores {m.machine_busy:.0%} busy"
    )
    answered = [c.answered_at - c.sent_at for c in measurement.changes]
    print(f"  pickUpContact    HTTP round trip, ms (p50 p95 p99 max): {spread_ms(answered)}")
    if bad_changes:
        print(f"  FAILED changes   {len(bad_changes)}: {bad_changes[0].outcome}")
    print()
    print(
        "per change (ms; sent and commit: after its tick; answered: HTTP round trip;"
        " delays at the subscribers)"
    )
    print("   #  crn              sent  commit  answered    got       min       p50       max")
    for i, change in enumerate(measurement.changes, 1):
        got = sorted(by_change[change.crn])
        print(
            f"  {i:2d}  {change.crn:<14} {(change.sent_at - change.due_at) * 1000:6.0f} "
            + (
                f"{(committed[change.crn] - change.due_at) * 1000:7.0f} "
                if change.crn in committed
                else "      - "
            )
            + f"{(change.answered_at - change.sent_at) * 1000:8.0f}  {len(got):5d} "
            + (
                f"{got[0] * 1000:9.1f} {percentile(got, 0.5) * 1000:9.1f} {got[-1] * 1000:9.1f}"
                if got
                else "        -         -         -"
            )
        )
    print()
    verdict = "OK" if lost == 0 and not dropped and not bad_changes else "FAIL"
    print(f"{verdict}: lost {lost}, disconnected {len(dropped)}, failed changes {len(bad_changes)}")
    return 0 if verdict == "OK" else 1


if __name__ == "__main__":
    sys.exit(main())
