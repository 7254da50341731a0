"""Every command the core defines has one route on the bus, and the mode is decided once."""

from __future__ import annotations

import asyncio
import importlib
import inspect
from pathlib import Path

import pytest

from cms.container import build_container, close_container
from cms.container.services import merge_routes
from cms.core.shared.messages import Command
from cms.settings import Mode, Settings

CORE = Path(__file__).resolve().parents[2] / "src" / "cms" / "core"


def core_commands() -> set[type[Command]]:
    """The command classes defined in each core module's commands.py, but for the bases
    others are made from (ContactCommand): only these are ever sent."""
    found: set[type[Command]] = set()
    for path in sorted(CORE.glob("*/commands.py")):
        module = importlib.import_module(f"cms.core.{path.parent.name}.commands")
        found |= {
            value
            for value in vars(module).values()
            if inspect.isclass(value)
            and issubclass(value, Command)
            and value is not Command
            and value.__module__ == module.__name__
        }
    bases = {base for command in found for base in command.__mro__[1:]}
    return found - bases


def test_the_core_defines_commands_in_each_module() -> None:
    modules = {command.__module__ for command in core_commands()}
    assert {"cms.core.accounts.commands", "cms.core.notifications.commands"} <= modules
    assert "cms.core.contacts.commands" in modules


def test_every_core_command_has_a_route(tmp_path: Path) -> None:
    container = build_container(
        Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'cms.db'}", env="test")
    )
    try:
        routes = container.routes()
    finally:
        asyncio.run(close_container(container))
    missing = sorted(c.__name__ for c in core_commands() if c not in routes)
    assert missing == []
    assert all(callable(handler) for handler in routes.values())


def test_a_command_two_modules_route_is_refused() -> None:
    class Twice(Command):
        pass

    async def handler(command: Command) -> None:
        return None

    with pytest.raises(ValueError, match="Twice has two routes"):
        merge_routes({Twice: handler}, {Twice: handler})


@pytest.mark.parametrize(
    ("redis_url", "mode"),
    [(None, Mode.EMBEDDED), ("", Mode.EMBEDDED), ("redis://127.0.0.1:6379/0", Mode.DISTRIBUTED)],
)
def test_the_mode_is_decided_by_whether_redis_is_named(redis_url: str | None, mode: Mode) -> None:
    assert Settings(redis_url=redis_url).mode is mode
