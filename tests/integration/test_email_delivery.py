"""SmtpEmailSender against a real SMTP server (aiosmtpd on 127.0.0.1), and against none."""

from __future__ import annotations

import email
import logging
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from cms.adapters.delivery.email import SmtpEmailSender
from cms.core.shared.delivery import Channel, DeliveryFailed, OutgoingMessage

SENDER = "CMS <no-reply@cms.example>"


@dataclass(frozen=True)
class Received:
    mail_from: str
    rcpt_tos: list[str]
    content: bytes

    def parsed(self) -> EmailMessage:
        message = email.message_from_bytes(self.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        return message


class Mailbox:
    """An aiosmtpd handler that keeps what it accepts and answers RCPT as it is told to."""

    def __init__(self) -> None:
        self.received: list[Received] = []
        self.rcpt_attempts: list[str] = []
        self._next_replies: dict[str, list[str]] = {}
        self._always: dict[str, str] = {}

    def refuse_always(self, address: str, reply: str) -> None:
        self._always[address] = reply

    def refuse_next(self, address: str, *replies: str) -> None:
        self._next_replies.setdefault(address, []).extend(replies)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        self.rcpt_attempts.append(address)
        if address in self._always:
            return self._always[address]
        queued = self._next_replies.get(address)
        if queued:
            return queued.pop(0)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append(
            Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content)
        )
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class SmtpServer:
    mailbox: Mailbox
    port: int

    def sender(self, **options: Any) -> SmtpEmailSender:
        options.setdefault("timeout_s", 5)
        options.setdefault("retry_delay_s", 0.05)
        return SmtpEmailSender("127.0.0.1", self.port, SENDER, **options)


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield SmtpServer(mailbox, port)
    finally:
        controller.stop()


def cms_log_text(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("cms."))


def test_the_message_arrives_with_its_recipient_subject_and_body(
    smtp_server: SmtpServer, run: Any
) -> None:
    subject = "Votre code de connexion – Zoë"
    body = (
        "Bonjour Zoë,\n\nvotre code est 482913 (valable 10 minutes).\nCoût : £0 — 日本語も大丈夫。"
    )
    message = OutgoingMessage(Channel.EMAIL, "zoe@alpha.example", subject, body)

    run(smtp_server.sender().send(message))

    [received] = smtp_server.mailbox.received
    assert received.mail_from == "no-reply@cms.example"
    assert received.rcpt_tos == ["zoe@alpha.example"]
    parsed = received.parsed()
    assert parsed["To"] == "zoe@alpha.example"
    assert parsed["From"] == SENDER
    assert parsed["Subject"] == subject
    assert parsed.get_content_type() == "text/plain"
    assert parsed.get_content_charset() == "utf-8"
    # On the wire, lines end in CRLF (RFC 5322): compare the text, not the line endings.
    assert parsed.get_content().replace("\r\n", "\n").rstrip("\n") == body
    assert parsed["Date"].datetime.tzinfo is not None
    assert parsed["Message-ID"].startswith("<") and parsed["Message-ID"].endswith("@cms.example>")


def test_each_message_has_its_own_message_id(smtp_server: SmtpServer, run: Any) -> None:
    sender = smtp_server.sender()
    for to in ("a.one@alpha.example", "b.two@beta.example"):
        run(sender.send(OutgoingMessage(Channel.EMAIL, to, "Invitation", "Welcome")))

    ids = [r.parsed()["Message-ID"] for r in smtp_server.mailbox.received]
    assert [r.rcpt_tos for r in smtp_server.mailbox.received] == [
        ["a.one@alpha.example"],
        ["b.two@beta.example"],
    ]
    assert len(set(ids)) == 2


def test_a_refused_recipient_fails_with_the_address_masked_and_is_not_retried(
    smtp_server: SmtpServer, run: Any, caplog: pytest.LogCaptureFixture
) -> None:
    smtp_server.mailbox.refuse_always(
        "alice@alpha.example", "550 5.1.1 <alice@alpha.example>: Recipient address rejected"
    )
    message = OutgoingMessage(Channel.EMAIL, "alice@alpha.example", "Your code", "123456")

    with caplog.at_level(logging.DEBUG, logger="cms"), pytest.raises(DeliveryFailed) as failure:
        run(smtp_server.sender().send(message))

    assert failure.value.message == (
        "The email to a***@alpha.example could not be sent: the mail server refused the "
        "recipient (550 5.1.1 <a***@alpha.example>: Recipient address rejected)"
    )
    assert smtp_server.mailbox.rcpt_attempts == ["alice@alpha.example"]  # 5xx: no retry
    assert smtp_server.mailbox.received == []
    log = cms_log_text(caplog)
    assert "a***@alpha.example" in log
    assert "alice@" not in log


def test_a_temporary_refusal_is_tried_once_more(smtp_server: SmtpServer, run: Any) -> None:
    smtp_server.mailbox.refuse_next("bob@beta.example", "451 4.3.0 Try again later")

    run(smtp_server.sender().send(OutgoingMessage(Channel.EMAIL, "bob@beta.example", "Hi", "Hi")))

    assert smtp_server.mailbox.rcpt_attempts == ["bob@beta.example"] * 2
    assert [r.rcpt_tos for r in smtp_server.mailbox.received] == [["bob@beta.example"]]


def test_a_refusal_that_stays_temporary_fails_after_one_retry(
    smtp_server: SmtpServer, run: Any
) -> None:
    smtp_server.mailbox.refuse_next("bob@beta.example", *["452 4.2.2 Mailbox full"] * 5)

    with pytest.raises(DeliveryFailed) as failure:
        run(smtp_server.sender().send(OutgoingMessage(Channel.EMAIL, "bob@beta.example", "", "")))

    assert smtp_server.mailbox.rcpt_attempts == ["bob@beta.example"] * 2
    assert failure.value.message == (
        "The email to b***@beta.example could not be sent: the mail server refused the "
        "recipient (452 4.2.2 Mailbox full)"
    )


def test_no_server_listening_fails_quickly(run: Any, caplog: pytest.LogCaptureFixture) -> None:
    port = free_port()  # nothing listens there now
    sender = SmtpEmailSender("127.0.0.1", port, SENDER, timeout_s=5)
    message = OutgoingMessage(Channel.EMAIL, "carol@gamma.example", "Your code", "123456")

    started = time.monotonic()
    with caplog.at_level(logging.INFO, logger="cms"), pytest.raises(DeliveryFailed) as failure:
        run(sender.send(message))

    assert time.monotonic() - started < 3  # refused at once, one retry after half a second
    assert failure.value.message.startswith(
        f"The email to c***@gamma.example could not be sent: the mail server 127.0.0.1:{port} "
        "could not be reached ("
    )
    assert "refused" in failure.value.message.lower()
    assert "carol@" not in cms_log_text(caplog)
    assert cms_log_text(caplog).count("trying again") == 1


def test_a_server_that_never_answers_times_out(run: Any) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # connections are queued by the kernel, never greeted
        port = silent.getsockname()[1]
        sender = SmtpEmailSender("127.0.0.1", port, SENDER, timeout_s=0.3, retry_delay_s=0)

        started = time.monotonic()
        with pytest.raises(DeliveryFailed) as failure:
            run(sender.send(OutgoingMessage(Channel.EMAIL, "dan@delta.example", "", "")))

    assert 0.5 <= time.monotonic() - started < 3  # two attempts of 0.3 s
    assert failure.value.message == (
        "The email to d***@delta.example could not be sent: "
        "the mail server did not answer within 0.3 s"
    )


def test_an_address_with_a_line_break_is_refused_before_any_connection(
    smtp_server: SmtpServer, run: Any
) -> None:
    injected = "eve@alpha.example\r\nBcc: everyone@alpha.example"
    with pytest.raises(DeliveryFailed, match="not a valid email address"):
        run(smtp_server.sender().send(OutgoingMessage(Channel.EMAIL, injected, "Hi", "Hi")))
    assert smtp_server.mailbox.rcpt_attempts == []


def test_only_email_is_sent(smtp_server: SmtpServer, run: Any) -> None:
    with pytest.raises(ValueError, match="email only"):
        run(smtp_server.sender().send(OutgoingMessage(Channel.SMS, "+447700900123", "", "x")))
    assert smtp_server.mailbox.rcpt_attempts == []
