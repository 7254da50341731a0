"""The migrations build the schema the code declares: a column added to `tables.py` without a
migration (or the other way round) fails here, on both databases, before it fails in use."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection

from cms.adapters.sql.engine import create_engine
from cms.adapters.sql.tables import metadata
from tests.conftest import Run


def _differences(connection: Connection) -> list[Any]:
    return list(compare_metadata(MigrationContext.configure(connection), metadata))


async def _compare(url: str) -> list[Any]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(_differences)
    finally:
        await engine.dispose()


def test_the_migrated_database_has_every_table_and_column_the_code_declares(
    database_url: str, run: Run[list[Any]]
) -> None:
    differences = run(_compare(database_url))
    structural = [d for d in differences if _is_table_or_column(d)]
    assert structural == [], structural


# SQLite's full-text index of the PAF (paf_search and its shadow tables) is made by raw DDL in
# its migration: an FTS5 virtual table has no place in the metadata.
_RAW_DDL_TABLES = "paf_search"


def _is_table_or_column(difference: Any) -> bool:
    """Tables and columns added or removed; type and index nuances differ by dialect."""
    if not isinstance(difference, tuple):
        return False  # a list of column modifications (type, nullability): not structural
    kind, *detail = difference
    if kind == "remove_table" and detail[0].name.startswith(_RAW_DDL_TABLES):
        return False
    return kind in {"add_table", "remove_table", "add_column", "remove_column"}
