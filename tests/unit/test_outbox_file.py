"""The outbox file of the embedded mode: one JSON object per line, whole lines, readable codes."""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from cms.adapters.delivery.outbox_file import OutboxFileSender
from cms.adapters.delivery.routing import RoutingSender
from cms.core.shared.clock import FixedClock
from cms.core.shared.delivery import Channel, OutgoingMessage

CODE_EMAIL = OutgoingMessage(
    Channel.EMAIL,
    "alice@alpha.example",
    "Your CMS sign-in code",
    "Your code is 482913.\nIt expires in 10 minutes.",
)
CODE_SMS = OutgoingMessage(Channel.SMS, "+447700900123", "", "CMS code 482913")


def read_lines(path: Path) -> list[dict[str, Any]]:
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def test_each_message_is_one_json_object_on_its_own_line(tmp_path: Path, run: Any) -> None:
    path = tmp_path / "outbox.jsonl"
    at = datetime(2025, 3, 4, 9, 15, tzinfo=UTC)
    sender = OutboxFileSender(path, clock=FixedClock(at))

    run(sender.send(CODE_EMAIL))
    run(sender.send(CODE_SMS))

    assert path.read_text(encoding="utf-8").count("\n") == 2  # the body's line break is escaped
    assert read_lines(path) == [
        {
            "channel": "EMAIL",
            "to": "alice@alpha.example",
            "subject": "Your CMS sign-in code",
            "body": "Your code is 482913.\nIt expires in 10 minutes.",
            "at": "2025-03-04T09:15:00+00:00",
        },
        {
            "channel": "SMS",
            "to": "+447700900123",
            "subject": "",
            "body": "CMS code 482913",
            "at": "2025-03-04T09:15:00+00:00",
        },
    ]


def test_messages_are_appended_to_what_the_file_holds(tmp_path: Path, run: Any) -> None:
    path = tmp_path / "outbox.jsonl"
    path.write_text('{"earlier": true}\n', encoding="utf-8")

    run(OutboxFileSender(path).send(CODE_SMS))

    lines = read_lines(path)
    assert lines[0] == {"earlier": True}
    assert lines[1]["body"] == "CMS code 482913"


def test_the_time_is_an_iso_timestamp_in_utc(tmp_path: Path, run: Any) -> None:
    path = tmp_path / "outbox.jsonl"
    in_paris = datetime(2025, 7, 1, 14, 0, tzinfo=timezone(timedelta(hours=2)))
    run(OutboxFileSender(path, clock=FixedClock(in_paris)).send(CODE_SMS))
    before = datetime.now(UTC)
    run(OutboxFileSender(path).send(CODE_SMS))

    first, second = (datetime.fromisoformat(line["at"]) for line in read_lines(path))
    assert first == in_paris and first.utcoffset() == timedelta(0)
    assert second.utcoffset() == timedelta(0)
    assert before <= second <= datetime.now(UTC)


def test_missing_parent_folders_are_created(tmp_path: Path, run: Any) -> None:
    path = tmp_path / "var" / "cms" / "outbox" / "messages.jsonl"

    run(OutboxFileSender(path).send(CODE_EMAIL))

    assert [line["to"] for line in read_lines(path)] == ["alice@alpha.example"]


def test_concurrent_sends_never_interleave_lines(tmp_path: Path, run: Any) -> None:
    path = tmp_path / "outbox.jsonl"
    sender = OutboxFileSender(path)
    # Bodies far larger than a write buffer, each made of one repeated character, so a line
    # spliced from two messages would be caught.
    messages = [
        OutgoingMessage(
            Channel.EMAIL, f"user{i}@alpha.example", f"message {i}", chr(0x41 + i) * 200_000
        )
        for i in range(40)
    ]

    async def send_all() -> None:
        await asyncio.gather(*(sender.send(message) for message in messages))

    run(send_all())

    lines = read_lines(path)
    assert len(lines) == len(messages)
    assert sorted(line["subject"] for line in lines) == sorted(m.subject for m in messages)
    for line in lines:
        index = int(line["subject"].removeprefix("message "))
        assert line["to"] == f"user{index}@alpha.example"
        assert line["body"] == chr(0x41 + index) * 200_000


def test_the_whole_message_is_logged_so_a_demo_user_can_read_their_code(
    tmp_path: Path, run: Any, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="cms.adapters.delivery.outbox_file"):
        run(OutboxFileSender(tmp_path / "outbox.jsonl").send(CODE_EMAIL))

    [record] = [r for r in caplog.records if r.name == "cms.adapters.delivery.outbox_file"]
    assert record.levelno == logging.INFO
    text = record.getMessage()
    assert text.startswith("message to alice@alpha.example: Your CMS sign-in code")
    assert "Your code is 482913." in text
    assert "It expires in 10 minutes." in text


def test_the_routing_sender_hands_each_channel_to_its_own_sender(tmp_path: Path, run: Any) -> None:
    emails = OutboxFileSender(tmp_path / "emails.jsonl")
    texts = OutboxFileSender(tmp_path / "texts.jsonl")
    router = RoutingSender(email=emails, sms=texts)

    run(router.send(CODE_SMS))
    run(router.send(CODE_EMAIL))
    run(router.send(CODE_SMS))

    assert [line["to"] for line in read_lines(emails.path)] == ["alice@alpha.example"]
    assert [line["to"] for line in read_lines(texts.path)] == ["+447700900123"] * 2
