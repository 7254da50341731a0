"""Text messages through an SMS provider's HTTP API: the MessageSender port for Channel.SMS.

The provider API assumed here is a generic JSON one; an adapter for a real provider (or a small
gateway in front of it) maps onto it::

    POST <endpoint_url>
    Authorization: Bearer <api_token>
    Content-Type: application/json
    Idempotency-Key: <one UUID per message, the same on every attempt>

    {"to": "+447700900123", "from": "CMS", "body": "Your CMS code is 123456"}

* any 2xx: the provider has accepted the message (the response body is not needed);
* 429 (too many requests, with an optional ``Retry-After`` in seconds) and 5xx: try again later;
* any other status (400 a bad number or body, 401/403 a bad token, 3xx: redirects are not
  followed): refused, and trying again would not help.

Retries: 429, 5xx, timeouts and network errors are tried again, up to ``attempts`` in all, with
exponential back-off (``backoff_s``, then twice that, ...; a ``Retry-After`` of up to
:data:`MAX_RETRY_AFTER_S` seconds is honoured when longer). A timeout may hide a message the
provider did accept, so every attempt carries the same ``Idempotency-Key`` for the provider to
drop duplicates. After the last attempt the failure becomes :class:`DeliveryFailed`, naming the
masked number and the last cause. The number is masked in every log line; the token never
appears in one.
"""

from __future__ import annotations

import asyncio
import logging
import math
import uuid
from dataclasses import dataclass

import httpx

from cms.core.shared.delivery import Channel, DeliveryFailed, OutgoingMessage
from cms.core.shared.masking import mask_phone

logger = logging.getLogger(__name__)

MAX_RETRY_AFTER_S = 5.0  # a person is waiting for the code: longer than this is not worth it


@dataclass(frozen=True, slots=True)
class _Problem:
    reason: str  # completes "The text message to ... could not be sent: <reason>"
    retryable: bool
    retry_after_s: float | None = None


class HttpSmsSender:
    """POSTs each text message to the provider, retrying what is worth retrying.

    Without a ``client`` each send uses a short-lived :class:`httpx.AsyncClient`; a client given
    here is used as it is (and closed by whoever made it). ``timeout_s`` bounds each attempt.
    """

    def __init__(
        self,
        endpoint_url: str,
        api_token: str,
        sender_id: str = "CMS",
        timeout_s: float = 5,
        attempts: int = 3,
        backoff_s: float = 0.2,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        if attempts < 1:
            raise ValueError("attempts must be at least 1")
        self._endpoint_url = endpoint_url
        self._api_token = api_token
        self._sender_id = sender_id
        self._timeout = httpx.Timeout(timeout_s)
        self._timeout_s = timeout_s
        self._attempts = attempts
        self._backoff_s = backoff_s
        self._client = client

    async def send(self, message: OutgoingMessage) -> None:
        if message.channel is not Channel.SMS:
            raise ValueError(f"HttpSmsSender sends text messages only, not {message.channel}")
        if self._client is not None:
            await self._send(self._client, message)
            return
        async with httpx.AsyncClient(timeout=self._timeout) as client:
            await self._send(client, message)

    async def _send(self, client: httpx.AsyncClient, message: OutgoingMessage) -> None:
        masked = mask_phone(message.to)
        payload = {"to": message.to, "from": self._sender_id, "body": message.body}
        headers = {
            "Authorization": f"Bearer {self._api_token}",
            "Idempotency-Key": str(uuid.uuid4()),
            "Accept": "application/json",
        }
        attempt = 0
        while True:
            attempt += 1
            problem = await self._attempt(client, payload, headers)
            if problem is None:
                logger.info("text message sent to %s (attempt %d)", masked, attempt)
                return
            if not problem.retryable or attempt >= self._attempts:
                break
            delay = self._backoff_s * 2 ** (attempt - 1)
            if problem.retry_after_s is not None:
                delay = max(delay, min(problem.retry_after_s, MAX_RETRY_AFTER_S))
            logger.warning(
                "text message to %s not sent on attempt %d of %d (%s); trying again in %.2fs",
                masked,
                attempt,
                self._attempts,
                problem.reason,
                delay,
            )
            await asyncio.sleep(delay)
        after = f" after {attempt} attempts" if attempt > 1 else ""
        logger.warning("text message to %s not sent%s: %s", masked, after, problem.reason)
        raise DeliveryFailed(
            f"The text message to {masked} could not be sent{after}: {problem.reason}"
        )

    async def _attempt(
        self, client: httpx.AsyncClient, payload: dict[str, str], headers: dict[str, str]
    ) -> _Problem | None:
        try:
            response = await client.post(
                self._endpoint_url, json=payload, headers=headers, timeout=self._timeout
            )
        except httpx.TimeoutException:
            return _Problem(f"the SMS provider did not answer within {self._timeout_s:g} s", True)
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            return _Problem(f"the SMS provider's address is not usable ({exc})", False)
        except httpx.TransportError as exc:
            return _Problem(f"the SMS provider could not be reached ({type(exc).__name__})", True)
        status = response.status_code
        if 200 <= status < 300:
            return None
        if status == 429:
            return _Problem(
                "the SMS provider answered 429 (too many requests)",
                True,
                _retry_after(response.headers.get("Retry-After")),
            )
        if status >= 500:
            return _Problem(f"the SMS provider answered {status}", True)
        if status in (401, 403):
            return _Problem(f"the SMS provider refused the credentials (answered {status})", False)
        return _Problem(f"the SMS provider refused it (answered {status})", False)


def _retry_after(value: str | None) -> float | None:
    """``Retry-After`` in seconds; the HTTP-date form is ignored (back-off applies)."""
    if value is None:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    return seconds if math.isfinite(seconds) and seconds >= 0 else None
