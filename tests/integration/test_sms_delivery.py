"""HttpSmsSender against a real HTTP server on 127.0.0.1 standing in for the SMS provider."""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

from cms.adapters.delivery.sms import HttpSmsSender
from cms.core.shared.delivery import Channel, DeliveryFailed, OutgoingMessage

TOKEN = "test-token-5f2c"
CODE = OutgoingMessage(Channel.SMS, "+447700900123", "", "Your CMS code is 482913")
MASKED = "+44 7*** ***123"


@dataclass(frozen=True)
class Recorded:
    at: float
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Provider:
    """Records every request; answers from a script of failures, then 202 Accepted."""

    requests: list[Recorded] = field(default_factory=list)
    script: list[tuple[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def fail_next(self, times: int, status: int, headers: dict[str, str] | None = None) -> None:
        with self.lock:
            self.script.extend([("status", (status, headers or {}))] * times)

    def stall_next(self, times: int, seconds: float) -> None:
        with self.lock:
            self.script.extend([("stall", seconds)] * times)

    def next_action(self) -> tuple[str, Any]:
        with self.lock:
            return self.script.pop(0) if self.script else ("status", (202, {}))


class ProviderHandler(BaseHTTPRequestHandler):
    server: ProviderServer

    def do_POST(self) -> None:
        provider = self.server.provider
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        headers = {name.lower(): value for name, value in self.headers.items()}
        provider.requests.append(Recorded(time.monotonic(), self.path, headers, body))
        kind, argument = provider.next_action()
        if kind == "stall":
            time.sleep(argument)  # longer than the client waits: it gives up first
            status, extra = 202, {}
        else:
            status, extra = argument
        answer = json.dumps({"id": f"msg-{len(provider.requests)}"} if status < 300 else {})
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        for name, value in extra.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(answer.encode())

    def log_message(self, format: str, *args: Any) -> None:
        pass


class ProviderServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, provider: Provider) -> None:
        super().__init__(("127.0.0.1", 0), ProviderHandler)
        self.provider = provider

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gave up on a stalled answer: the broken pipe is expected


@dataclass
class RunningProvider:
    provider: Provider
    url: str

    def sender(self, **options: Any) -> HttpSmsSender:
        options.setdefault("timeout_s", 2)
        options.setdefault("backoff_s", 0.02)
        return HttpSmsSender(self.url, TOKEN, **options)


@pytest.fixture
def sms_provider() -> Iterator[RunningProvider]:
    provider = Provider()
    server = ProviderServer(provider)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        port = server.server_address[1]
        yield RunningProvider(provider, f"http://127.0.0.1:{port}/v1/messages")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def cms_log_text(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("cms."))


def test_the_message_is_posted_as_json_with_the_bearer_token(
    sms_provider: RunningProvider, run: Any, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="cms"):
        run(sms_provider.sender(sender_id="CMSGas").send(CODE))

    [request] = sms_provider.provider.requests
    assert request.path == "/v1/messages"
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert request.headers["content-type"] == "application/json"
    assert request.json() == {
        "to": "+447700900123",
        "from": "CMSGas",
        "body": "Your CMS code is 482913",
    }
    assert request.headers["idempotency-key"]
    log = cms_log_text(caplog)
    assert MASKED in log
    assert "+447700900123" not in log and TOKEN not in log


def test_non_ascii_text_arrives_intact(sms_provider: RunningProvider, run: Any) -> None:
    message = OutgoingMessage(Channel.SMS, "+447700900123", "", "Code 482913 — valable 10 min, Zoë")
    run(sms_provider.sender().send(message))
    assert sms_provider.provider.requests[0].json()["body"] == "Code 482913 — valable 10 min, Zoë"


def test_503_is_retried_with_growing_pauses_until_it_succeeds(
    sms_provider: RunningProvider, run: Any
) -> None:
    sms_provider.provider.fail_next(2, 503)

    run(sms_provider.sender(attempts=3, backoff_s=0.1).send(CODE))

    requests = sms_provider.provider.requests
    assert len(requests) == 3
    assert len({r.headers["idempotency-key"] for r in requests}) == 1  # one message, one key
    assert {r.body for r in requests} == {requests[0].body}
    first_pause = requests[1].at - requests[0].at
    second_pause = requests[2].at - requests[1].at
    assert first_pause >= 0.1
    assert second_pause >= 0.2


def test_429_is_retried(sms_provider: RunningProvider, run: Any) -> None:
    sms_provider.provider.fail_next(1, 429, {"Retry-After": "0"})

    run(sms_provider.sender().send(CODE))

    assert len(sms_provider.provider.requests) == 2


def test_429_retry_after_is_honoured(sms_provider: RunningProvider, run: Any) -> None:
    sms_provider.provider.fail_next(1, 429, {"Retry-After": "1"})

    run(sms_provider.sender(backoff_s=0.01).send(CODE))

    first, second = sms_provider.provider.requests
    assert second.at - first.at >= 1


def test_it_gives_up_after_the_last_attempt(
    sms_provider: RunningProvider, run: Any, caplog: pytest.LogCaptureFixture
) -> None:
    sms_provider.provider.fail_next(10, 503)

    with caplog.at_level(logging.INFO, logger="cms"), pytest.raises(DeliveryFailed) as failure:
        run(sms_provider.sender(attempts=3).send(CODE))

    assert len(sms_provider.provider.requests) == 3
    assert failure.value.message == (
        "The text message to +44 7*** ***123 could not be sent after 3 attempts: "
        "the SMS provider answered 503"
    )
    assert "+447700900123" not in cms_log_text(caplog)


def test_the_last_cause_is_the_one_reported(sms_provider: RunningProvider, run: Any) -> None:
    sms_provider.provider.fail_next(1, 503)
    sms_provider.provider.fail_next(1, 429)

    with pytest.raises(DeliveryFailed) as failure:
        run(sms_provider.sender(attempts=2).send(CODE))

    assert len(sms_provider.provider.requests) == 2
    assert failure.value.message.endswith(
        "after 2 attempts: the SMS provider answered 429 (too many requests)"
    )


def test_400_is_not_retried(sms_provider: RunningProvider, run: Any) -> None:
    sms_provider.provider.fail_next(1, 400)

    with pytest.raises(DeliveryFailed) as failure:
        run(sms_provider.sender(attempts=3).send(CODE))

    assert len(sms_provider.provider.requests) == 1
    assert failure.value.message == (
        f"The text message to {MASKED} could not be sent: "
        "the SMS provider refused it (answered 400)"
    )


def test_a_refused_token_is_not_retried(sms_provider: RunningProvider, run: Any) -> None:
    sms_provider.provider.fail_next(3, 401)

    with pytest.raises(DeliveryFailed, match=r"refused the credentials \(answered 401\)"):
        run(sms_provider.sender(attempts=3).send(CODE))

    assert len(sms_provider.provider.requests) == 1


def test_a_timeout_is_retried(sms_provider: RunningProvider, run: Any) -> None:
    sms_provider.provider.stall_next(1, 1.5)

    started = time.monotonic()
    run(sms_provider.sender(timeout_s=0.3, attempts=3).send(CODE))

    assert len(sms_provider.provider.requests) == 2
    assert time.monotonic() - started < 1.5  # it did not wait for the stalled answer


def test_timeouts_every_time_give_up_after_the_attempts(
    sms_provider: RunningProvider, run: Any
) -> None:
    sms_provider.provider.stall_next(2, 1.0)

    with pytest.raises(DeliveryFailed) as failure:
        run(sms_provider.sender(timeout_s=0.2, attempts=2).send(CODE))

    assert len(sms_provider.provider.requests) == 2
    assert failure.value.message == (
        f"The text message to {MASKED} could not be sent after 2 attempts: "
        "the SMS provider did not answer within 0.2 s"
    )


def test_no_provider_listening_is_retried_then_fails(run: Any) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    sender = HttpSmsSender(f"http://127.0.0.1:{port}/v1/messages", TOKEN, backoff_s=0.01)

    with pytest.raises(DeliveryFailed) as failure:
        run(sender.send(CODE))

    assert failure.value.message == (
        f"The text message to {MASKED} could not be sent after 3 attempts: "
        "the SMS provider could not be reached (ConnectError)"
    )


def test_a_client_given_to_it_is_used_and_left_open(
    sms_provider: RunningProvider, run: Any
) -> None:
    async def send_with_own_client() -> bool:
        async with httpx.AsyncClient(headers={"X-Calling-Service": "cms-test"}) as client:
            await sms_provider.sender(client=client).send(CODE)
            return client.is_closed

    assert run(send_with_own_client()) is False
    assert sms_provider.provider.requests[0].headers["x-calling-service"] == "cms-test"


def test_only_text_messages_are_sent(sms_provider: RunningProvider, run: Any) -> None:
    email = OutgoingMessage(Channel.EMAIL, "alice@alpha.example", "Code", "482913")
    with pytest.raises(ValueError, match="text messages only"):
        run(sms_provider.sender().send(email))
    assert sms_provider.provider.requests == []


def test_attempts_must_be_at_least_one() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        HttpSmsSender("http://127.0.0.1:9/", TOKEN, attempts=0)
