"""Shared pieces of the bulk loaders: portable upserts and a report of faulty rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

MAX_ERRORS_KEPT = 1_000  # faults beyond this are counted, not kept, so memory stays flat
E = TypeVar("E")


@dataclass
class ImportReport(Generic[E]):
    loaded: int = 0
    faulty: int = 0
    errors: list[E] = field(default_factory=list)

    def add_error(self, error: E) -> None:
        self.faulty += 1
        if len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.append(error)


def dialect_insert(connection: AsyncConnection) -> Any:
    """The INSERT construct of the connection's database: both offer ON CONFLICT."""
    return postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert


def upsert_statement(
    connection: AsyncConnection, table: Table, key: str, keep: frozenset[str] = frozenset()
) -> Any:
    """INSERT ... ON CONFLICT DO UPDATE on either database: a re-import refreshes rows, but
    leaves the `keep` columns (ones the import does not carry) as they were."""
    statement = dialect_insert(connection)(table)
    updates = {
        column.name: statement.excluded[column.name]
        for column in table.c
        if column.name != key and column.name not in keep
    }
    return statement.on_conflict_do_update(index_elements=[table.c[key]], set_=updates)
