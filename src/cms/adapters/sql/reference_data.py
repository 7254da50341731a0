"""The postcode-to-LDZ reference table: lookups for the contacts module, and its loader."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine

from cms.adapters.sql.engine import WRITE_TRANSACTION
from cms.adapters.sql.tables import ldz_prefixes
from cms.core.addresses.ldz import DEFAULT_AREA_LDZ, Ldz, LdzTable
from cms.core.addresses.postcode import Postcode


class SqlLdzReference:
    """The LdzReference port: the rows for a postcode's district and area."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def entries_for(self, postcode: Postcode) -> dict[str, Ldz | None]:
        query = select(ldz_prefixes).where(
            ldz_prefixes.c.prefix.in_([postcode.district, postcode.area])
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        return {row.prefix: Ldz(row.ldz) if row.ldz else None for row in rows}


@dataclass(frozen=True, slots=True)
class LdzFileError:
    line_number: int
    message: str


def read_ldz_file(lines: Iterable[str]) -> Iterator[tuple[str, Ldz | None] | LdzFileError]:
    """Read a CSV of `prefix,ldz` (area like LS or district like LS6; empty LDZ = outside GB)."""
    for line_number, fields in enumerate(csv.reader(lines), start=1):
        if not fields or (line_number == 1 and fields[0].strip().lower() == "prefix"):
            continue
        if len(fields) != 2:
            yield LdzFileError(line_number, f"line {line_number}: expected 2 columns (prefix,ldz)")
            continue
        prefix, code = fields[0].strip().upper(), fields[1].strip().upper()
        if code and code not in Ldz.__members__:
            yield LdzFileError(
                line_number,
                f"line {line_number}: '{code}' is not an LDZ; use one of {', '.join(Ldz)}",
            )
            continue
        yield prefix, Ldz(code) if code else None


async def load_ldz_table(engine: AsyncEngine, entries: Mapping[str, Ldz | None]) -> int:
    """Replace the reference table in one transaction; the table checks every prefix."""
    table = LdzTable(entries)  # refuses malformed prefixes before anything is written
    async with engine.connect() as connection:
        connection = await connection.execution_options(**WRITE_TRANSACTION)
        async with connection.begin():
            await connection.execute(delete(ldz_prefixes))
            await connection.execute(
                insert(ldz_prefixes),
                [
                    {"prefix": prefix, "ldz": ldz.value if ldz else None}
                    for prefix, ldz in entries.items()
                ],
            )
    return len(table)


async def ensure_default_ldz_table(engine: AsyncEngine) -> int:
    """Load the shipped area table when the reference table is empty."""
    async with engine.connect() as connection:
        count = (
            await connection.execute(select(func.count()).select_from(ldz_prefixes))
        ).scalar_one()
    if count:
        return int(count)
    return await load_ldz_table(engine, DEFAULT_AREA_LDZ)
