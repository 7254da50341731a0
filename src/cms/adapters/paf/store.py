"""The PAF in SQL: look up a delivery point by UDPRN, and load a CSV PAF in batches."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import fields
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from cms.adapters.paf.csv_format import PafRow, PafRowError, read_paf
from cms.adapters.paf.search_columns import search_sample_of, search_values
from cms.adapters.sql.bulk import ImportReport, upsert_statement
from cms.adapters.sql.engine import WRITE_TRANSACTION
from cms.adapters.sql.tables import paf_addresses
from cms.core.addresses.address import Address
from cms.core.addresses.postcode import Postcode

BATCH_SIZE = 2_000


def address_from_row(row: Any) -> Address:
    return Address(
        udprn=row.udprn,
        postcode=Postcode.parse(row.postcode),
        post_town=row.post_town,
        organisation_name=row.organisation_name,
        department_name=row.department_name,
        sub_building_name=row.sub_building_name,
        building_name=row.building_name,
        building_number=row.building_number,
        po_box=row.po_box,
        dependent_thoroughfare=row.dependent_thoroughfare,
        thoroughfare=row.thoroughfare,
        double_dependent_locality=row.double_dependent_locality,
        dependent_locality=row.dependent_locality,
    )


class SqlAddressBook:
    """The AddressBook port over the paf_addresses table."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def get(self, udprn: str) -> Address | None:
        query = select(paf_addresses).where(paf_addresses.c.udprn == udprn)
        async with self._engine.connect() as connection:
            row = (await connection.execute(query)).first()
        return address_from_row(row) if row else None


async def import_paf(
    engine: AsyncEngine,
    lines: Iterable[str],
    on_batch: Callable[[ImportReport[PafRowError]], None] = lambda report: None,
    on_error: Callable[[PafRowError], None] = lambda error: None,
) -> ImportReport[PafRowError]:
    """Stream a CSV PAF into the table in batches, in one transaction: a file that fails part
    way (one that is not text, say) changes nothing. Faulty rows are reported and skipped."""
    report: ImportReport[PafRowError] = ImportReport()
    batch: list[dict[str, Any]] = []
    async with engine.connect() as connection:
        connection = await connection.execution_options(**WRITE_TRANSACTION)
        statement = upsert_statement(connection, paf_addresses, "udprn")
        postgres = connection.dialect.name == "postgresql"

        async def flush() -> None:
            if batch:
                await connection.execute(statement, batch)
                report.loaded += len(batch)
                batch.clear()
                on_batch(report)

        async with connection.begin():
            for item in read_paf(lines):
                if isinstance(item, PafRowError):
                    report.add_error(item)
                    on_error(item)
                    continue
                batch.append(_row_values(item, postgres))
                if len(batch) >= BATCH_SIZE:
                    await flush()
            await flush()
    return report


_ROW_FIELDS = tuple(field.name for field in fields(PafRow) if field.name != "line_number")


def _row_values(row: PafRow, postgres: bool) -> dict[str, Any]:
    # Plain attribute reads: dataclasses.asdict deep-copies and took 70% of the import's time.
    values = {name: getattr(row, name) for name in _ROW_FIELDS}
    values["postcode_compact"] = row.postcode_compact
    sort_key, search_text, tsvector = search_values(row)
    values["sort_key"], values["search_text"] = sort_key, search_text
    values["search_tsv"] = tsvector if postgres else None  # SQLite: FTS5, kept by triggers
    values["search_sample"] = search_sample_of(row.udprn)
    return values
