"""How long a work queue of 1,000 contacts takes to render, and to update after a change.

    .venv/bin/python bench/ui_queue.py                  # 1,000 contacts, SQLite (embedded)
    .venv/bin/python bench/ui_queue.py --contacts 300

It starts `cms serve` on 127.0.0.1 with a fresh demo database (build the UI first: scripts/ui),
raises the contacts through the API as a Shipper, then in Debian's Chromium signs in a CDSP
agent and times, over several rounds: opening the Unassigned queue (from navigation to the
painted table and its count), and, after another person picks a contact up through the API,
the time until that row has left the agent's page (over the live subscription). Goals: at most
1 s to render, at most 1 s to update.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BROWSER_SCRIPT = Path(__file__).resolve().parent / "ui_queue_browser.mjs"
PASSWORD = "demo-Meter-Point-2026"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Api:
    def __init__(self, base: str, outbox: Path) -> None:
        self.base, self.outbox = base, outbox

    def call(self, query: str, variables: dict[str, object], token: str | None = None) -> dict:
        request = urllib.request.Request(
            f"{self.base}/graphql",
            data=json.dumps({"query": query, "variables": variables}).encode(),
            headers={"content-type": "application/json"}
            | ({"authorization": f"Bearer {token}"} if token else {}),
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return dict(json.loads(response.read())["data"])

    def code_for(self, email: str, seen: int) -> str:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            lines = self.outbox.read_text().splitlines() if self.outbox.exists() else []
            mine = [json.loads(line) for line in lines if json.loads(line)["to"] == email]
            if len(mine) > seen:
                return re.findall(r"\b\d{6}\b", mine[seen]["body"])[0]
            time.sleep(0.1)
        raise SystemExit(f"no sign-in code for {email}")

    def token(self, email: str) -> str:
        lines = self.outbox.read_text().splitlines() if self.outbox.exists() else []
        seen = sum(1 for line in lines if json.loads(line)["to"] == email)
        answer = self.call(
            "mutation ($i: SignInInput!) { signIn(input: $i) { __typename "
            "... on MfaEnrolmentRequired { challengeId } ... on MfaRequired { challengeId } } }",
            {"i": {"email": email, "password": PASSWORD}},
        )["signIn"]
        challenge = answer["challengeId"]
        if answer["__typename"] == "MfaEnrolmentRequired":
            challenge = self.call(
                "mutation ($i: EnrolMfaInput!) { enrolMfa(input: $i) "
                "{ ... on MfaRequired { challengeId } } }",
                {"i": {"challengeId": challenge, "channel": "EMAIL"}},
            )["enrolMfa"]["challengeId"]
        verified = self.call(
            "mutation ($i: VerifyMfaInput!) { verifyMfa(input: $i) "
            "{ ... on SignedIn { sessionToken } } }",
            {"i": {"challengeId": challenge, "code": self.code_for(email, seen)}},
        )
        return str(verified["verifyMfa"]["sessionToken"])


def raise_contacts(api: Api, count: int) -> list[str]:
    token = api.token("alice@alpha.example")
    crns: list[str] = []
    udprn = 12026000
    while len(crns) < count and udprn < 12030000:
        answer = api.call(
            "mutation ($u: ID!) { raiseMncContact(input: {udprn: $u, marketSector: DOMESTIC, "
            "annualQuantityKwh: 9000, reason: NEW_SERVICE}) "
            "{ ... on ContactLogged { contact { crn } } } }",
            {"u": str(udprn)},
            token,
        )["raiseMncContact"]
        if "contact" in answer:
            crns.append(answer["contact"]["crn"])
        udprn += 1
    return crns


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--contacts", type=int, default=1_000)
    parser.add_argument("--rounds", type=int, default=10)
    options = parser.parse_args()
    if not (ROOT / "ui" / "dist" / "index.html").exists():
        raise SystemExit("Build the UI first: scripts/ui")
    workdir = Path(tempfile.mkdtemp(prefix="cms-queue-bench-"))
    port = free_port()
    env = {
        **os.environ,
        "CMS_DATABASE_URL": f"sqlite+aiosqlite:///{workdir}/cms.db",
        "CMS_ENV": "development",
        "CMS_OUTBOX_PATH": str(workdir / "outbox.jsonl"),
    }
    env.pop("CMS_REDIS_URL", None)
    for command in (["migrate"], ["seed-demo"]):
        subprocess.run(
            [sys.executable, "-m", "cms", *command], env=env, check=True, capture_output=True
        )
    server = subprocess.Popen(
        [sys.executable, "-m", "cms", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("cms serve did not start") from None
                time.sleep(0.2)
        api = Api(base, workdir / "outbox.jsonl")
        started = time.perf_counter()
        crns = raise_contacts(api, options.contacts)
        print(f"raised {len(crns):,} contacts in {time.perf_counter() - started:.1f} s")
        supervisor = api.token("agent@cdsp.example")
        (workdir / "plan.json").write_text(
            json.dumps({"base": base, "rounds": options.rounds, "token": supervisor})
        )
        result = subprocess.run(
            ["node", str(BROWSER_SCRIPT), str(workdir)],
            cwd=ROOT / "ui",
            check=True,
            stdout=subprocess.PIPE,
            text=True,
            timeout=900,
        )
        figures = json.loads(result.stdout)
    finally:
        server.terminate()
        server.wait(timeout=30)

    def summary(values: list[float]) -> str:
        ordered = sorted(values)
        median = ordered[len(ordered) // 2]
        return f"median {median:.0f} ms, worst {ordered[-1]:.0f} ms (n={len(ordered)})"

    print(f"Unassigned queue of {len(crns):,} contacts in Chromium, 50 a page:")
    print(f"  render (navigation to painted table): {summary(figures['render'])}")
    print(f"  update (pick-up by another person to row gone): {summary(figures['update'])}")
    worst_render, worst_update = max(figures["render"]), max(figures["update"])
    print(
        f"goals: render <= 1 s ({'met' if worst_render <= 1000 else 'NOT met'}), "
        f"update <= 1 s ({'met' if worst_update <= 1000 else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
