"""The demo as a user runs it: the `cms` command migrates, seeds and serves over HTTP."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.databases import PostgresTemplate, SqliteTemplate

DEMO_PASSWORD = "e2e-demo-password-2026"
CMS = [sys.executable, "-m", "cms"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def cms(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [*CMS, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, f"cms {' '.join(args)} failed:\n{result.stderr}"
    return result


@dataclass
class Demo:
    url: str
    env: dict[str, str]
    cwd: Path
    seed_output: str
    sessions: dict[str, str] = field(default_factory=dict)

    def graphql(self, query: str, token: str | None = None, **variables: Any) -> dict[str, Any]:
        headers = {"authorization": f"Bearer {token}"} if token else {}
        response = httpx.post(
            f"{self.url}/graphql",
            json={"query": query, "variables": variables},
            headers=headers,
            timeout=30,
        )
        assert response.status_code == 200, response.text
        return dict(response.json())

    def last_code(self, email: str) -> str:
        """The newest sign-in code for `email`, read where the demo writes its messages."""
        lines = (self.cwd / "var" / "outbox.jsonl").read_text(encoding="utf-8").splitlines()
        for line in reversed(lines):
            message = json.loads(line)
            found = re.search(r"\b(\d{6})\b", message["body"])
            if message["to"] == email and found:
                return found.group(1)
        raise AssertionError(f"no code for {email} in the outbox")

    def sign_in(self, email: str) -> str:
        """A session for `email`, signed in once per demo: codes are limited to 3 in 15 minutes."""
        if email not in self.sessions:
            self.sessions[email] = self.new_session(email)
        return self.sessions[email]

    def new_session(self, email: str) -> str:
        """Sign in as a person would: password, then (first time) choose email codes, then code."""
        step = self.graphql(SIGN_IN, e=email, p=DEMO_PASSWORD)["data"]["signIn"]
        if step["__typename"] == "MfaEnrolmentRequired":
            step = self.graphql(ENROL, c=step["challengeId"])["data"]["enrolMfa"]
        if step["__typename"] == "MfaRequired":
            step = self.graphql(VERIFY, c=step["challengeId"], code=self.last_code(email))["data"][
                "verifyMfa"
            ]
        assert step["__typename"] == "SignedIn", step
        return str(step["sessionToken"])


SIGN_IN = """mutation($e: String!, $p: String!) { signIn(input: {email: $e, password: $p}) {
  __typename ... on SignedIn { sessionToken } ... on MfaRequired { challengeId }
  ... on MfaEnrolmentRequired { challengeId } ... on SignInFailed { message } } }"""
ENROL = """mutation($c: ID!) { enrolMfa(input: {challengeId: $c, channel: EMAIL}) {
  __typename ... on MfaRequired { challengeId maskedDestination }
  ... on InvalidInput { reasons { code message } } } }"""
VERIFY = """mutation($c: ID!, $code: String!) { verifyMfa(input: {challengeId: $c, code: $code}) {
  __typename ... on SignedIn { sessionToken } ... on MfaFailed { message attemptsLeft } } }"""


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def demo(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    run: Any,
    sqlite_template: SqliteTemplate,
) -> Iterator[Demo]:
    workdir = tmp_path_factory.mktemp("demo")
    if request.param == "sqlite":
        yield from _serve(f"sqlite:///{workdir / 'var' / 'cms.db'}", workdir)
    else:
        template: PostgresTemplate = request.getfixturevalue("postgres_template")
        with template.clone(run) as url:
            yield from _serve(url, workdir)


def _serve(database_url: str, workdir: Path) -> Iterator[Demo]:
    env = {
        **os.environ,
        "CMS_DATABASE_URL": database_url,
        "CMS_DEMO_PASSWORD": DEMO_PASSWORD,
        "CMS_ENV": "production",
        "COLUMNS": "300",
    }
    env.pop("CMS_REDIS_URL", None)
    cms(["migrate"], env, workdir)
    seeded = cms(["seed-demo"], env, workdir)
    port = free_port()
    server = subprocess.Popen(
        [*CMS, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"the server did not start: {server.stderr.read() if server.stderr else ''}"
                )
            time.sleep(0.1)
        yield Demo(url=url, env=env, cwd=workdir, seed_output=seeded.stderr + seeded.stdout)
    finally:
        server.terminate()
        server.wait(timeout=10)
