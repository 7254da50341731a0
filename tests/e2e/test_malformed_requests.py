"""A malformed request to a real `cms serve` is answered as the caller's mistake, and the kept-alive
connection it came on goes on serving (a fault of ours would have reset it)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.processes import CMS, Processes, Server, cms_environment


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    workdir = tmp_path_factory.mktemp("malformed")
    env = cms_environment(
        database_url=f"sqlite:///{workdir / 'cms.db'}",
        redis_url=None,
        live_channel="cms:live:malformed",
        workdir=workdir,
    )
    subprocess.run([*CMS, "migrate"], env=env, cwd=workdir, check=True, capture_output=True)
    with Processes(Path(workdir)) as processes:
        [started] = processes.servers(env, "server")
        yield started


@pytest.mark.parametrize("body", ['"x"', "42", "null", "[]"])
def test_a_body_that_is_not_one_operation_leaves_the_connection_serving(
    server: Server, body: str
) -> None:
    with httpx.Client(base_url=server.url, timeout=10) as client:
        refused = client.post(
            "/graphql", content=body, headers={"content-type": "application/json"}
        )
        assert refused.status_code == 400, refused.text
        assert refused.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
        assert refused.headers.get("connection") != "close"

        # The same pooled connection answers the next request.
        answered = client.post("/graphql", json={"query": "{ __typename }"})
        assert answered.json() == {"data": {"__typename": "Query"}}


def test_a_subscription_sent_over_http_says_where_to_send_it(server: Server) -> None:
    response = httpx.post(
        f"{server.url}/graphql",
        json={"query": "subscription { notificationAdded { id } }"},
        timeout=10,
    )
    assert response.status_code == 400
    assert "WebSocket at /graphql" in response.json()["errors"][0]["message"]
