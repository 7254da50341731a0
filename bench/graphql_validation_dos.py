"""Queries that cost more to check than to answer, against a real `cms serve`: how fast they are
refused, and how a normal query fares while two clients keep sending them.

    .venv/bin/python bench/graphql_validation_dos.py [--seconds 10] [--in-flight 5]

It migrates a throwaway SQLite database, serves it on 127.0.0.1 and a free port, and prints:

1. the refusal time of each abusive shape, sent one at a time with a new comment each time (so
   neither the parse nor the validation cache helps): 490 repeated `me { id }` (3.4 KB, the
   issue's attack) and 30 fragments that each spread every later one;
2. a normal `{ me { email } }` alone: p50 and p99;
3. the same while two client processes each keep `--in-flight` attacks in flight for
   `--seconds`: the normal query's p50 and p99, /healthz's, and the attacks' refusals;
4. for comparison, the same flood of a harmless `{ __typename }`: what any client sending as
   fast as it is answered costs the others.

The server's CPU time per request (from /proc, on Linux) is printed for the refusals and for
the normal query, measured one request at a time.

No request is sent without an answer or a timeout: everything stops within about
`--seconds` plus the server's start.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.processes import CMS, Processes, cms_environment

NORMAL = "{ me { email } }"
HARMLESS = "{ __typename }"
REPEATED_FIELD = "{ " + " ".join(["me{id}"] * 490) + " }"
FRAGMENT_WEB = "{ ...F0 } " + " ".join(
    f"fragment F{index} on Query {{ a{index}: __typename "
    + " ".join(f"...F{later}" for later in range(index + 1, 30))
    + " }"
    for index in range(30)
)
REFUSAL_SAMPLES = 200
NORMAL_SAMPLES = 200
TIMEOUT_S = 30.0


def unique(query: str, serial: int) -> str:
    """The same query under a new comment: a miss for every cache keyed by the text."""
    return f"# attempt {serial}\n{query}"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def summary(values_s: list[float]) -> str:
    ms = [value * 1000 for value in values_s]
    return (
        f"p50 {statistics.median(ms):6.1f} ms   p99 {percentile(ms, 0.99):6.1f} ms   "
        f"max {max(ms):6.1f} ms   (n={len(ms)})"
    )


def refused(body: dict[str, object]) -> bool:
    errors = body.get("errors")
    return isinstance(errors, list) and any(
        isinstance(error, dict)
        and (error.get("extensions") or {}).get("code") == "QUERY_TOO_COMPLEX"
        for error in errors
    )


def server_cpu_s(pid: int) -> float | None:
    """The process's CPU time so far (user and system), where /proc tells it."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_per_request(pid: int, before: float | None, requests: int) -> str:
    after = server_cpu_s(pid)
    if before is None or after is None:
        return ""
    return f"   server CPU {(after - before) / requests * 1000:.2f} ms/request"


def refusal_times(url: str, query: str, samples: int) -> list[float]:
    times = []
    with httpx.Client(base_url=url, timeout=TIMEOUT_S) as client:
        for serial in range(samples):
            started = time.perf_counter()
            response = client.post("/graphql", json={"query": unique(query, serial)})
            times.append(time.perf_counter() - started)
            if not refused(response.json()):
                raise SystemExit(f"not refused: {response.text[:300]}")
    return times


def normal_times(client: httpx.Client, samples: int) -> list[float]:
    times = []
    for _ in range(samples):
        started = time.perf_counter()
        response = client.post("/graphql", json={"query": NORMAL})
        times.append(time.perf_counter() - started)
        assert response.json() == {"data": {"me": None}}, response.text
    return times


@dataclass
class FloodReport:
    sent: int
    refused: int
    times_s: list[float]


def flooder(
    url: str, query: str, in_flight: int, seconds: float, offset: int, pipe: Connection
) -> None:
    """One flooding client (its own process): `in_flight` requests at all times, each answered
    before the next is sent, each under a new comment."""

    async def flood() -> FloodReport:
        deadline = time.monotonic() + seconds
        report = FloodReport(0, 0, [])
        serials = iter(range(offset, offset + 10_000_000))
        async with httpx.AsyncClient(base_url=url, timeout=TIMEOUT_S) as client:

            async def one_lane() -> None:
                while time.monotonic() < deadline:
                    started = time.perf_counter()
                    response = await client.post(
                        "/graphql", json={"query": unique(query, next(serials))}
                    )
                    report.times_s.append(time.perf_counter() - started)
                    report.sent += 1
                    report.refused += refused(response.json())

            await asyncio.gather(*(one_lane() for _ in range(in_flight)))
        return report

    pipe.send(asyncio.run(flood()))
    pipe.close()


def while_flooded(url: str, query: str, label: str, in_flight: int, seconds: float) -> None:
    """A normal client's and /healthz's latency while two clients flood the server."""
    context = multiprocessing.get_context("spawn")
    pipes, flooders = [], []
    for index in range(2):
        parent, child = context.Pipe(duplex=False)
        process = context.Process(
            target=flooder,
            args=(url, query, in_flight, seconds, 1_000_000 * (index + 1), child),
        )
        process.start()
        pipes.append(parent)
        flooders.append(process)
    time.sleep(1.0)  # let both get going
    normal, health = [], []
    deadline = time.monotonic() + seconds - 2.0
    with httpx.Client(base_url=url, timeout=TIMEOUT_S) as client:
        while time.monotonic() < deadline:
            normal.extend(normal_times(client, 1))
            started = time.perf_counter()
            client.get("/healthz")
            health.append(time.perf_counter() - started)
            time.sleep(0.01)
    reports: list[FloodReport] = []
    for pipe, process in zip(pipes, flooders, strict=True):
        if pipe.poll(seconds + TIMEOUT_S):
            reports.append(pipe.recv())
        process.join(timeout=TIMEOUT_S)
        if process.is_alive():
            process.kill()
    flood = [time_s for report in reports for time_s in report.times_s]
    sent = sum(report.sent for report in reports)
    print(
        f"while 2 clients x {in_flight} in flight sent {sent} {label} "
        f"({sum(report.refused for report in reports)} refused, {sent / seconds:.0f}/s) "
        f"for {seconds:.0f} s:"
    )
    print(f"  {NORMAL:<24} {summary(normal)}")
    print(f"  {'GET /healthz':<24} {summary(health)}")
    if flood:
        print(f"  {label:<24} {summary(flood)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--in-flight", type=int, default=5)
    options = parser.parse_args()
    seconds = min(max(options.seconds, 3.0), 120.0)
    with tempfile.TemporaryDirectory() as directory:
        workdir = Path(directory)
        env = cms_environment(
            database_url=f"sqlite:///{workdir / 'cms.db'}",
            redis_url=None,
            live_channel="cms:live:bench",
            workdir=workdir,
        )
        subprocess.run([*CMS, "migrate"], env=env, cwd=workdir, check=True, capture_output=True)
        with Processes(workdir) as processes:
            [server] = processes.servers(env, "server")
            print(f"cms serve at {server.url} (SQLite, production settings)")
            shapes = (("490 x me{id}", REPEATED_FIELD), ("30 nested fragments", FRAGMENT_WEB))
            for name, query in shapes:
                refusal_times(server.url, query, 5)  # warm up
                before = server_cpu_s(server.pid)
                times = refusal_times(server.url, query, REFUSAL_SAMPLES)
                print(
                    f"refused {name:<19} ({len(query.encode()):>5} B)  {summary(times)}"
                    + cpu_per_request(server.pid, before, REFUSAL_SAMPLES)
                )
            with httpx.Client(base_url=server.url, timeout=TIMEOUT_S) as client:
                normal_times(client, 20)  # warm up
                before = server_cpu_s(server.pid)
                times = normal_times(client, NORMAL_SAMPLES)
                print(
                    f"alone: {NORMAL:<21}        {summary(times)}"
                    + cpu_per_request(server.pid, before, NORMAL_SAMPLES)
                )
            while_flooded(server.url, REPEATED_FIELD, "attacks", options.in_flight, seconds)
            while_flooded(server.url, HARMLESS, HARMLESS, options.in_flight, seconds)


if __name__ == "__main__":
    main()
