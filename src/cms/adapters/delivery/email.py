"""Email over SMTP with aiosmtplib: the MessageSender port for Channel.EMAIL.

Each message is sent on its own connection (MFA codes and invitations are few; a pool would only
hold connections the server times out). The message is plain text in UTF-8 with From, To,
Subject, Date and Message-ID headers.

A transient failure (the server cannot be reached, drops the connection, does not answer in
time, or answers 4xx) is tried once more after a short pause; a permanent one (5xx) is not.
Failures become :class:`DeliveryFailed` with a message for a person. The recipient's address is
masked (``a***@alpha.example``) in those messages and in the log, including inside the server's
own answers, which often quote it.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import socket
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

import aiosmtplib

from cms.core.shared.delivery import Channel, DeliveryFailed, OutgoingMessage
from cms.core.shared.masking import mask_email

logger = logging.getLogger(__name__)

ATTEMPTS = 2  # the first try and one retry on a transient failure
MAX_ANSWER_LENGTH = 200


@dataclass(frozen=True, slots=True)
class _Problem:
    reason: str  # completes "The email to ... could not be sent: <reason>"
    transient: bool


class SmtpEmailSender:
    """Hands email to an SMTP server (a relay, a provider's submission port, a local catcher).

    ``use_tls`` speaks TLS from the start (port 465); ``start_tls`` upgrades with STARTTLS
    (``None``: when the server offers it; ``True``: insist; ``False``: never). ``username`` and
    ``password`` sign in when both are given. ``timeout_s`` bounds each step of the conversation.
    """

    def __init__(
        self,
        host: str,
        port: int,
        sender_address: str,
        username: str | None = None,
        password: str | None = None,
        use_tls: bool = False,
        start_tls: bool | None = None,
        timeout_s: float = 10,
        retry_delay_s: float = 0.5,
    ) -> None:
        envelope_sender = parseaddr(sender_address)[1]
        if "@" not in envelope_sender:
            raise ValueError(f"the sender address {sender_address!r} is not an email address")
        self._host = host
        self._port = port
        self._from_header = sender_address
        self._envelope_sender = envelope_sender
        self._message_id_domain = envelope_sender.rpartition("@")[2]
        self._username = username
        self._password = password
        self._use_tls = use_tls
        self._start_tls = start_tls
        self._timeout_s = timeout_s
        self._retry_delay_s = retry_delay_s

    async def send(self, message: OutgoingMessage) -> None:
        if message.channel is not Channel.EMAIL:
            raise ValueError(f"SmtpEmailSender sends email only, not {message.channel}")
        masked = mask_email(message.to)
        email = self._compose(message, masked)
        for attempt in range(1, ATTEMPTS + 1):
            try:
                refused, _ = await aiosmtplib.send(
                    email,
                    sender=self._envelope_sender,
                    recipients=[message.to],
                    hostname=self._host,
                    port=self._port,
                    username=self._username,
                    password=self._password,
                    use_tls=self._use_tls,
                    start_tls=self._start_tls,
                    timeout=self._timeout_s,
                )
            except (aiosmtplib.SMTPException, OSError) as exc:
                problem = self._describe(exc, message.to)
            else:
                if not refused:
                    logger.info("email sent to %s through %s:%s", masked, self._host, self._port)
                    return
                answer = next(iter(refused.values()))
                problem = _refusal("refused the recipient", answer.code, answer.message, message.to)
            if problem.transient and attempt < ATTEMPTS:
                logger.warning(
                    "email to %s not sent (%s); trying again in %ss",
                    masked,
                    problem.reason,
                    self._retry_delay_s,
                )
                await asyncio.sleep(self._retry_delay_s)
                continue
            logger.warning(
                "email to %s not sent through %s:%s after %d attempt(s): %s",
                masked,
                self._host,
                self._port,
                attempt,
                problem.reason,
            )
            raise DeliveryFailed(f"The email to {masked} could not be sent: {problem.reason}")

    def _compose(self, message: OutgoingMessage, masked: str) -> EmailMessage:
        email = EmailMessage()
        try:
            email["To"] = message.to
        except ValueError as exc:  # a line break in the address: a header injection attempt
            raise DeliveryFailed(
                f"The email to {masked} could not be sent: the address is not a valid email address"
            ) from exc
        email["From"] = self._from_header
        email["Subject"] = " ".join(message.subject.split())
        email["Date"] = format_datetime(datetime.now(UTC), usegmt=True)
        email["Message-ID"] = make_msgid(domain=self._message_id_domain)
        email.set_content(message.body, charset="utf-8")
        return email

    def _describe(self, exc: BaseException, to: str) -> _Problem:
        if isinstance(exc, aiosmtplib.SMTPRecipientsRefused) and exc.recipients:
            first = exc.recipients[0]
            return _refusal("refused the recipient", first.code, first.message, to)
        if isinstance(exc, aiosmtplib.SMTPRecipientRefused):
            return _refusal("refused the recipient", exc.code, exc.message, to)
        if isinstance(exc, aiosmtplib.SMTPSenderRefused):
            return _refusal("refused the sender address", exc.code, exc.message, to)
        if isinstance(exc, aiosmtplib.SMTPAuthenticationError):
            return _refusal("refused the sign-in", exc.code, exc.message, to)
        if isinstance(exc, aiosmtplib.SMTPDataError):
            return _refusal("refused the message", exc.code, exc.message, to)
        if isinstance(exc, aiosmtplib.SMTPConnectResponseError):
            return _refusal("turned the connection away", exc.code, exc.message, to)
        if isinstance(exc, aiosmtplib.SMTPResponseException):
            return _refusal("answered with an error", exc.code, exc.message, to)
        if isinstance(exc, TimeoutError):  # SMTPTimeoutError and its connect/read kinds
            return _Problem(f"the mail server did not answer within {self._timeout_s:g} s", True)
        if isinstance(exc, aiosmtplib.SMTPServerDisconnected):
            return _Problem("the mail server closed the connection unexpectedly", True)
        if isinstance(exc, ssl.SSLError):
            return _Problem(f"the secure (TLS) connection failed ({_scrub(str(exc), to)})", False)
        if isinstance(exc, OSError):  # SMTPConnectError: refused, unreachable, no such host
            return _Problem(
                f"the mail server {self._host}:{self._port} could not be reached "
                f"({_scrub(_connect_cause(exc), to)})",
                True,
            )
        if isinstance(exc, aiosmtplib.SMTPNotSupported):
            return _Problem(f"the mail server does not support it ({_scrub(str(exc), to)})", False)
        return _Problem(f"the mail server could not be used ({_scrub(str(exc), to)})", False)


def _refusal(what: str, code: int, answer: str, address: str) -> _Problem:
    """A numbered answer from the server: 4xx is worth another try, 5xx is final."""
    text = _scrub(answer, address)
    shown = f"{code} {text}".strip() if text else str(code)
    return _Problem(f"the mail server {what} ({shown})", 400 <= code < 500)


def _scrub(text: str, address: str) -> str:
    """The server's text on one line, short, with the recipient's address masked."""
    one_line = " ".join(text.split())
    if address:
        one_line = re.sub(re.escape(address), mask_email(address), one_line, flags=re.IGNORECASE)
    if len(one_line) > MAX_ANSWER_LENGTH:
        one_line = one_line[: MAX_ANSWER_LENGTH - 1] + "…"
    return one_line


def _connect_cause(exc: BaseException) -> str:
    """The operating system's reason (``Connection refused``) rather than the library's preamble."""
    for candidate in (exc, exc.__cause__, exc.__context__):
        if isinstance(candidate, socket.gaierror) and candidate.strerror:
            return candidate.strerror  # the name did not resolve: "Name or service not known"
        if isinstance(candidate, OSError) and candidate.errno:
            return os.strerror(candidate.errno)  # asyncio's strerror is "Connect call failed"
    text = str(exc)
    match = re.search(r"\[Errno (\d+)\]", text)
    return os.strerror(int(match.group(1))) if match else (text or type(exc).__name__)
