"""100 concurrent raiseMncContact calls over HTTP against a real server, on PostgreSQL or SQLite.

    .venv/bin/python bench/concurrent_raise.py [--database postgresql] [--calls 100]

It migrates and seeds a throwaway database with the `cms` command, serves it, signs Alice in,
fires the calls at once, and prints: outcomes, distinct CRNs, LOGGED events in the event log,
errors, and the latency spread.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from sqlalchemy import func, select

from cms.adapters.sql.engine import create_engine
from cms.adapters.sql.tables import event_log, paf_addresses, uklink_meter_points

ADMIN_URL = os.environ.get("CMS_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
PASSWORD = "bench-password-2026"
RAISE = """mutation($udprn: ID!) { raiseMncContact(input: {udprn: $udprn,
  marketSector: DOMESTIC, annualQuantityKwh: 12000, reason: NEW_SERVICE}) { __typename
  ... on ContactLogged { contact { crn } } ... on ContactRejected { reasons { code } } } }"""
SIGN_IN = """mutation($password: String!) { signIn(input: {email: "alice@alpha.example",
  password: $password}) { ... on MfaEnrolmentRequired { challengeId } } }"""
ENROL = """mutation($c: ID!) { enrolMfa(input: {challengeId: $c, channel: EMAIL}) {
  ... on MfaRequired { challengeId } } }"""
VERIFY = """mutation($c: ID!, $code: String!) { verifyMfa(input: {challengeId: $c, code: $code}) {
  ... on SignedIn { sessionToken } } }"""


async def admin(sql: str) -> None:
    connection = await asyncpg.connect(ADMIN_URL)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


async def free_udprns(url: str, count: int) -> list[str]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            query = (
                select(paf_addresses.c.udprn)
                .where(paf_addresses.c.udprn.not_in(select(uklink_meter_points.c.udprn)))
                .order_by(paf_addresses.c.udprn)
                .limit(count)
            )
            return list((await connection.execute(query)).scalars())
    finally:
        await engine.dispose()


async def logged_events(url: str) -> int:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            query = select(func.count()).select_from(event_log).where(event_log.c.kind == "LOGGED")
            return int((await connection.execute(query)).scalar_one())
    finally:
        await engine.dispose()


async def sign_in(client: httpx.AsyncClient, workdir: Path) -> str:
    """Alice's first sign-in: password, email codes, then the code from var/outbox.jsonl."""

    async def call(query: str, **variables: str) -> dict[str, Any]:
        response = await client.post("/graphql", json={"query": query, "variables": variables})
        return dict(response.json()["data"])

    challenge = (await call(SIGN_IN, password=PASSWORD))["signIn"]["challengeId"]
    challenge = (await call(ENROL, c=challenge))["enrolMfa"]["challengeId"]
    last = (workdir / "var" / "outbox.jsonl").read_text().splitlines()[-1]
    code = re.search(r"\b(\d{6})\b", json.loads(last)["body"])
    assert code is not None
    signed = await call(VERIFY, c=challenge, code=code.group(1))
    return str(signed["verifyMfa"]["sessionToken"])


async def fire(base: str, calls: int, udprns: list[str], workdir: Path) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        token = await sign_in(client, workdir)
        headers = {"authorization": f"Bearer {token}"}

        async def one(udprn: str) -> tuple[float, dict[str, object]]:
            started = time.perf_counter()
            response = await client.post(
                "/graphql", json={"query": RAISE, "variables": {"udprn": udprn}}, headers=headers
            )
            return time.perf_counter() - started, response.json()

        started = time.perf_counter()
        results = await asyncio.gather(*(one(udprn) for udprn in udprns[:calls]))
        wall = time.perf_counter() - started
    latencies = sorted(latency for latency, _ in results)
    errors = [body for _, body in results if body.get("errors")]
    for _, body in results:
        if body.get("data") and "reasons" in body["data"]["raiseMncContact"]:
            print("rejected:", body["data"]["raiseMncContact"]["reasons"])
    kinds = [
        body["data"]["raiseMncContact"]["__typename"] for _, body in results if body.get("data")
    ]
    crns = {
        body["data"]["raiseMncContact"]["contact"]["crn"]
        for _, body in results
        if body.get("data") and "contact" in body["data"]["raiseMncContact"]
    }
    print(
        f"calls {calls}  wall {wall:.2f} s  logged {kinds.count('ContactLogged')}  "
        f"rejected {kinds.count('ContactRejected')}  errors {len(errors)}  "
        f"distinct CRNs {len(crns)}"
    )
    print(
        f"latency p50 {statistics.median(latencies) * 1000:.0f} ms  "
        f"p95 {latencies[int(len(latencies) * 0.95) - 1] * 1000:.0f} ms  "
        f"max {latencies[-1] * 1000:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--calls", type=int, default=100)
    options = parser.parse_args()
    workdir = Path(tempfile.mkdtemp())
    name = f"cms_bench_{uuid.uuid4().hex[:10]}"
    if options.database == "postgresql":
        asyncio.run(admin(f'CREATE DATABASE "{name}"'))
        url = ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    else:
        url = f"sqlite:///{workdir / 'bench.db'}"
    env = {**os.environ, "CMS_DATABASE_URL": url, "CMS_DEMO_PASSWORD": PASSWORD}
    cms = [sys.executable, "-m", "cms"]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = None
    try:
        for step in (["migrate"], ["seed-demo"]):
            subprocess.run([*cms, *step], env=env, check=True, capture_output=True, cwd=workdir)
        server = subprocess.Popen(
            [*cms, "serve", "--port", str(port)],
            env=env,
            cwd=workdir,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                if httpx.get(f"{base}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        udprns = asyncio.run(free_udprns(url, options.calls))
        asyncio.run(fire(base, options.calls, udprns, workdir))
        print(f"LOGGED events in the event log: {asyncio.run(logged_events(url))}")
    finally:
        if server is not None:
            server.terminate()
            server.wait()
        if options.database == "postgresql":
            asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
