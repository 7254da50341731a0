"""The message bus: one handler per command, and one retry after a concurrency conflict."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import pytest

from cms.core.shared.bus import MessageBus
from cms.core.shared.errors import ConcurrencyConflict, NotPermitted
from cms.core.shared.messages import Command


@dataclass(frozen=True, kw_only=True)
class PickUpContact(Command):
    crn: str


@dataclass(frozen=True, kw_only=True)
class WithdrawContact(Command):
    crn: str


@dataclass(frozen=True, kw_only=True)
class LapseContact(Command):
    crn: str


class ScriptedHandler:
    """A handler that fails in the given ways, in order, then answers with its name."""

    def __init__(self, name: str, *failures: Exception) -> None:
        self.name = name
        self.failures = list(failures)
        self.received: list[Command] = []

    async def __call__(self, command: Command) -> Any:
        self.received.append(command)
        if self.failures:
            raise self.failures.pop(0)
        return f"{self.name} handled {command}"


def handle(bus: MessageBus, command: Command) -> Any:
    return asyncio.run(bus.handle(command))


def test_each_command_reaches_its_one_handler_with_its_answer() -> None:
    pick_up, withdraw = ScriptedHandler("pick-up"), ScriptedHandler("withdraw")
    bus = MessageBus({PickUpContact: pick_up, WithdrawContact: withdraw})
    command = WithdrawContact(crn="MNC-2026-000001")

    assert handle(bus, command) == f"withdraw handled {command}"
    assert withdraw.received == [command]
    assert pick_up.received == []


def test_a_command_without_a_handler_is_a_lookup_error() -> None:
    bus = MessageBus({PickUpContact: ScriptedHandler("pick-up")})
    with pytest.raises(LookupError, match="LapseContact"):
        handle(bus, LapseContact(crn="MNC-2026-000001"))


def test_the_handlers_given_are_copied_so_later_changes_do_not_leak_in() -> None:
    handlers: dict[type[Command], Any] = {PickUpContact: ScriptedHandler("pick-up")}
    bus = MessageBus(handlers)
    handlers[LapseContact] = ScriptedHandler("lapse")
    with pytest.raises(LookupError):
        handle(bus, LapseContact(crn="MNC-2026-000001"))


def test_a_concurrency_conflict_is_retried_once_from_the_start() -> None:
    handler = ScriptedHandler("pick-up", ConcurrencyConflict("changed meanwhile"))
    bus = MessageBus({PickUpContact: handler})
    command = PickUpContact(crn="MNC-2026-000001")

    assert handle(bus, command) == f"pick-up handled {command}"
    assert handler.received == [command, command]


def test_a_second_conflict_reaches_the_caller() -> None:
    second = ConcurrencyConflict("changed again")
    handler = ScriptedHandler("pick-up", ConcurrencyConflict("changed meanwhile"), second)
    bus = MessageBus({PickUpContact: handler})

    with pytest.raises(ConcurrencyConflict) as raised:
        handle(bus, PickUpContact(crn="MNC-2026-000001"))
    assert raised.value is second
    assert len(handler.received) == 2


@pytest.mark.parametrize("error", [NotPermitted("Only the CDSP may do that."), ValueError("bug")])
def test_other_failures_are_not_retried(error: Exception) -> None:
    handler = ScriptedHandler("pick-up", error)
    bus = MessageBus({PickUpContact: handler})

    with pytest.raises(type(error)) as raised:
        handle(bus, PickUpContact(crn="MNC-2026-000001"))
    assert raised.value is error
    assert len(handler.received) == 1
