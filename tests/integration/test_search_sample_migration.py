"""Migration 0009 puts addresses loaded before it into the search samples by the same rule as
addresses loaded after it (cms.adapters.paf.search_columns.search_sample_of), on each database."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import asyncpg
import pytest

from cms.adapters.paf.search_columns import search_sample_of
from cms.adapters.sql.migrations import migrate
from tests.support.databases import empty_postgres_database, postgres_or_skip

UDPRNS = ["00000000", "00000031", "00000032", "00000512", "00004095", "00004096", "00004127",
          "00004128", "12026000", "99999999", "ABC12345"]  # fmt: skip
INSERT = (
    "INSERT INTO paf_addresses (udprn, postcode, postcode_compact, post_town) "
    "VALUES ({marker}, 'YO1 7AA', 'YO17AA', 'YORK')"
)
SELECT = "SELECT udprn, search_sample FROM paf_addresses ORDER BY udprn"


def test_sqlite_addresses_loaded_earlier_join_the_sample_by_the_same_rule(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'before.db'}"
    migrate(url, "0008")
    with sqlite3.connect(tmp_path / "before.db") as connection:
        connection.executemany(INSERT.format(marker="?"), [(u,) for u in UDPRNS])
    migrate(url)
    with sqlite3.connect(tmp_path / "before.db") as connection:
        sampled = dict(connection.execute(SELECT).fetchall())
    assert sampled == {udprn: search_sample_of(udprn) for udprn in UDPRNS}
    assert sorted(sampled.values()) == [0] * 6 + [16] + [128] * 4  # 512; 0, 31, 4096, 4127


@pytest.fixture
def empty_postgres(run: Any) -> Iterator[str]:
    postgres_or_skip()
    with empty_postgres_database(run) as url:
        yield url


@pytest.mark.postgres
def test_postgres_addresses_loaded_earlier_join_the_sample_by_the_same_rule(
    empty_postgres: str, run: Any
) -> None:
    migrate(empty_postgres, "0008")

    async def insert() -> None:
        connection = await asyncpg.connect(empty_postgres)
        try:
            await connection.executemany(INSERT.format(marker="$1"), [(u,) for u in UDPRNS])
        finally:
            await connection.close()

    async def read() -> dict[str, int]:
        connection = await asyncpg.connect(empty_postgres)
        try:
            return {row["udprn"]: row["search_sample"] for row in await connection.fetch(SELECT)}
        finally:
            await connection.close()

    run(insert())
    migrate(empty_postgres)
    sampled = run(read())
    assert sampled == {udprn: search_sample_of(udprn) for udprn in UDPRNS}
    assert sorted(sampled.values()) == [0] * 6 + [16] + [128] * 4  # 512; 0, 31, 4096, 4127
