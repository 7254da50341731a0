"""Messages written to a local file instead of being sent: the embedded mode and development.

Each message becomes one line of JSON (JSON Lines) appended to the file::

    {"channel": "EMAIL", "to": "alice@alpha.example", "subject": "Your CMS code",
     "body": "Your code is 123456", "at": "2025-03-04T09:15:00.123456+00:00"}

(on one line in the file). The message is also logged at INFO, body included: in the embedded
mode a person trying the demo reads their sign-in code there. That is why this sender must never
be wired in where real people's messages go.

Within a process, sends are serialised by an :class:`asyncio.Lock` and each line is written with
one ``write`` call on a file opened for appending (unbuffered, so one write(2) at the end of the
file), then flushed, so concurrent sends never interleave. The file is opened per message, so it
can be deleted or rotated at any time.
"""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import UTC
from pathlib import Path

from cms.core.shared.clock import Clock, SystemClock
from cms.core.shared.delivery import OutgoingMessage

logger = logging.getLogger(__name__)


class OutboxFileSender:
    """The MessageSender port for every channel, appending to ``path`` (folders are created)."""

    def __init__(self, path: Path, clock: Clock | None = None) -> None:
        self._path = Path(path)
        self._clock = clock or SystemClock()
        self._lock = asyncio.Lock()

    @property
    def path(self) -> Path:
        return self._path

    async def send(self, message: OutgoingMessage) -> None:
        record = {
            "channel": str(message.channel),
            "to": message.to,
            "subject": message.subject,
            "body": message.body,
            "at": self._clock.now().astimezone(UTC).isoformat(),
        }
        # json.dumps escapes line breaks inside strings, so the record is one line.
        line = json.dumps(record, ensure_ascii=False) + "\n"
        async with self._lock:
            await asyncio.to_thread(self._append, line)
        body = message.body.replace("\n", "\n    ")
        logger.info("message to %s: %s\n    %s", message.to, message.subject, body)

    def _append(self, line: str) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        data = line.encode("utf-8")
        # Unbuffered and opened for appending: the line goes to the file in one write(2) at its
        # end, which also keeps lines whole between processes sharing the file.
        with self._path.open("ab", buffering=0) as file:
            file.write(data)
            file.flush()
