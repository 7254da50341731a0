"""Running the Alembic migrations from the `cms` command and from tests."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

# The migrations live beside src/ in the repository (src/cms/adapters/sql -> repository root).
REPOSITORY_ROOT = Path(__file__).resolve().parents[4]


def alembic_config(database_url: str) -> Config:
    config = Config(str(REPOSITORY_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(REPOSITORY_ROOT / "migrations"))
    config.attributes["database_url"] = database_url
    return config


def migrate(database_url: str, revision: str = "head") -> None:
    """Bring the database up to `revision`. Call it outside a running event loop."""
    command.upgrade(alembic_config(database_url), revision)
